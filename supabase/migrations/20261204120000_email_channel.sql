-- Email as a channel, beside SMS and WhatsApp: inbound email into the inbox.
--
-- * A channel of provider `email` and capability `email` is a mailbox (sales@acme.example): its
--   address is the lower-cased email address, and conversations over it have medium `email`.
-- * Each organization has one inbound secret (email_inbound_secrets) that signs deliveries to
--   POST /api/webhooks/email/inbound; sealed by the app (AES-256-GCM, lib/crypto), readable and
--   rotatable by admins only through the private functions below.
-- * What is particular to an email (subject, bodies, RFC 822 ids and addresses, auto-reply and
--   bounce flags) lives in email_messages, one row per message, written by lib/inbox.
-- * A hard bounce marks the lead's address as undeliverable (leads.email_undeliverable_at).

-- ---------------------------------------------------------------------------
-- Channels: a mailbox is a channel too.

alter table public.channels drop constraint channels_provider_check;
alter table public.channels add constraint channels_provider_check
  check (provider in ('twilio', 'whatsapp_cloud', 'email'));
alter table public.channels drop constraint channels_capabilities_check;
alter table public.channels add constraint channels_capabilities_check
  check (cardinality(capabilities) >= 1 and capabilities <@ array['sms', 'whatsapp', 'voice', 'email']);
-- A number for the phone providers, a lower-case mailbox address for email; a mailbox does email only.
alter table public.channels drop constraint channels_address_check;
alter table public.channels add constraint channels_address_check_by_provider check (
  case when provider = 'email'
       then address ~ '^[^@\s]{1,64}@[^@\s]{1,255}$' and address = lower(address)
            and capabilities = array['email'] and phone_number_id is null
       else address ~ '^\+[1-9][0-9]{6,14}$' and not ('email' = any (capabilities)) end
);

-- ---------------------------------------------------------------------------
-- Conversations, messages and webhook deliveries accept email.

alter table public.conversations drop constraint conversations_medium_check;
alter table public.conversations add constraint conversations_medium_check
  check (medium in ('sms', 'whatsapp', 'email'));
-- One thread per lead, number and medium stays the rule for SMS and WhatsApp; an email thread
-- is its own conversation (threaded by Message-ID), so a lead may have several per mailbox.
alter table public.conversations drop constraint conversations_lead_id_channel_id_medium_key;
create unique index conversations_lead_channel_medium_key on public.conversations (lead_id, channel_id, medium)
  where medium <> 'email';
create index conversations_lead_idx on public.conversations (lead_id);
alter table public.messages drop constraint messages_provider_check;
alter table public.messages add constraint messages_provider_check
  check (provider in ('twilio', 'whatsapp_cloud', 'sandbox', 'email'));
alter table public.inbound_events drop constraint inbound_events_provider_check;
alter table public.inbound_events add constraint inbound_events_provider_check
  check (provider in ('twilio', 'whatsapp_cloud', 'calendly', 'stripe', 'email'));

-- An email's attachments arrive with the message itself: stored at once, with no provider link.
do $$
declare
  constraint_name text;
begin
  select c.conname into constraint_name
    from pg_constraint c
   where c.conrelid = 'public.message_attachments'::regclass and c.contype = 'c'
     and pg_get_constraintdef(c.oid) like '%provider_media_url IS NOT NULL%';
  execute format('alter table public.message_attachments drop constraint %I', constraint_name);
end
$$;
alter table public.message_attachments add constraint message_attachments_inbound_origin check (
  source = 'outbound'
  or (message_id is not null
      and (provider_media_id is not null or provider_media_url is not null or download_status = 'stored'))
);

-- ---------------------------------------------------------------------------
-- The email part of a message: one row per message of an email conversation.
create table public.email_messages (
  message_id uuid primary key references public.messages (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  subject text not null default '' check (char_length(subject) <= 998), -- RFC 5322's line limit
  text_body text not null default '' check (char_length(text_body) <= 1000000), -- the whole text part, quotes included
  html_body text check (char_length(html_body) <= 2000000), -- raw, as received: sanitised only for display
  rfc_message_id text check (char_length(rfc_message_id) between 1 and 998), -- Message-ID without <>
  in_reply_to text check (char_length(in_reply_to) <= 998),
  "references" text[] not null default '{}' check (cardinality("references") <= 100),
  from_address text not null check (char_length(from_address) between 3 and 320),
  from_name text check (char_length(from_name) <= 300),
  to_addresses text[] not null default '{}' check (cardinality(to_addresses) <= 100),
  cc_addresses text[] not null default '{}' check (cardinality(cc_addresses) <= 100),
  auto_reply boolean not null default false, -- out-of-office and other automatic answers: not a reply
  bounce boolean not null default false,     -- a delivery status notification: not a reply
  bounce_status text check (bounce_status ~ '^[245]\.[0-9]{1,3}\.[0-9]{1,3}$'), -- RFC 3463 status of a bounce
  sent_at timestamptz,                      -- the Date header, when it parses
  created_at timestamptz not null default now(),
  check (bounce or bounce_status is null)
);
comment on table public.email_messages is
  'The email part of messages of email conversations (subject, bodies, RFC 822 ids, addresses, auto-reply and bounce flags). Written by lib/inbox.';
comment on column public.email_messages.html_body is 'The HTML part as received; never rendered unsanitised (lib/email/sanitize.ts).';
alter table public.email_messages enable row level security;
create index email_messages_org_idx on public.email_messages (org_id);
create index email_messages_conversation_idx on public.email_messages (conversation_id);
-- Threading: a reply names the Message-ID of a message it answers, within one organization.
create index email_messages_org_rfc_id_idx on public.email_messages (org_id, rfc_message_id) where rfc_message_id is not null;

revoke all on public.email_messages from anon, authenticated;
grant select on public.email_messages to authenticated;
grant all on public.email_messages to service_role;

-- As for messages: a member reads the emails of the conversations their role lets them see.
-- Written by the server only (the inbound-email handler); no write policies for members.
create policy "Members can read the emails of conversations they can see" on public.email_messages
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.conversations c where c.id = email_messages.conversation_id)
  );

-- ---------------------------------------------------------------------------
-- The secret each organization's inbound-email deliveries are signed with.
create table public.email_inbound_secrets (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  secret_sealed text not null check (char_length(secret_sealed) <= 500), -- server-only: AES-256-GCM, associated data org id
  rotated_by uuid references auth.users (id) on delete set null,
  rotated_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
comment on table public.email_inbound_secrets is
  'Per-organization signing secret of the inbound-email webhook. The sealed column is never granted to authenticated; admins read and rotate it through private functions.';
comment on column public.email_inbound_secrets.secret_sealed is 'Server-only. Never granted to authenticated.';
alter table public.email_inbound_secrets enable row level security;

revoke all on public.email_inbound_secrets from anon, authenticated;
grant select (org_id, rotated_by, rotated_at, created_at) on public.email_inbound_secrets to authenticated;
grant all on public.email_inbound_secrets to service_role;

create policy "Admins can see when their organization's inbound email secret was rotated" on public.email_inbound_secrets
  for select to authenticated
  using (private.has_role(org_id, 'admin'));

-- The sealed secret, for an admin of the organization (to show it) or the server.
create or replace function private.email_inbound_secret(org uuid) returns text
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if (select auth.role()) is distinct from 'service_role' and not private.has_role(org, 'admin') then
    raise exception 'Only admins and owners can read the inbound email secret.' using errcode = '42501';
  end if;
  return (select s.secret_sealed from public.email_inbound_secrets s where s.org_id = org);
end
$$;
revoke all on function private.email_inbound_secret(uuid) from public;
grant execute on function private.email_inbound_secret(uuid) to authenticated, service_role;

-- Stores a new sealed secret (the first one, or a rotation) for an admin of the organization.
-- `only_if_missing`: keep an existing secret (two admins opening Settings at once create one).
create or replace function private.set_email_inbound_secret(org uuid, sealed text, only_if_missing boolean)
  returns text
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if (select auth.role()) is distinct from 'service_role' and not private.has_role(org, 'admin') then
    raise exception 'Only admins and owners can rotate the inbound email secret.' using errcode = '42501';
  end if;
  insert into public.email_inbound_secrets as s (org_id, secret_sealed, rotated_by)
  values (org, sealed, (select auth.uid()))
  on conflict (org_id) do update
    set secret_sealed = excluded.secret_sealed, rotated_by = excluded.rotated_by, rotated_at = now()
    where not only_if_missing;
  return (select s.secret_sealed from public.email_inbound_secrets s where s.org_id = org);
end
$$;
revoke all on function private.set_email_inbound_secret(uuid, text, boolean) from public;
grant execute on function private.set_email_inbound_secret(uuid, text, boolean) to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- A lead's email address that hard-bounced. Written by the server (lib/leads) when a bounce
-- arrives; a new address clears it.
alter table public.leads add column email_undeliverable_at timestamptz;
alter table public.leads add column email_undeliverable_status text
  check (email_undeliverable_status ~ '^5\.[0-9]{1,3}\.[0-9]{1,3}$');
comment on column public.leads.email_undeliverable_at is 'When mail to the lead''s address last hard-bounced (5.x.x); null while deliverable.';

create or replace function private.clear_email_undeliverable() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if new.email is distinct from old.email then
    new.email_undeliverable_at := null;
    new.email_undeliverable_status := null;
  end if;
  return new;
end
$$;
create trigger leads_clear_email_undeliverable before update of email on public.leads
  for each row execute function private.clear_email_undeliverable();
