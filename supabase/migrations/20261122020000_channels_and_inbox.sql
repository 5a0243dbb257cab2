-- Channels and the inbox: the numbers an organization receives messages on, the
-- conversations with its leads over them, every message in and out, and the raw
-- webhook deliveries that produced them (stored once per provider event id).

-- ---------------------------------------------------------------------------
-- Channels: a receiving number (Twilio) or WhatsApp Business number (Cloud API).
-- An inbound webhook names the number it was sent to; this table says whose it is.
create table public.channels (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  provider text not null check (provider in ('twilio', 'whatsapp_cloud')),
  address text not null check (address ~ '^\+[1-9][0-9]{6,14}$'), -- E.164
  phone_number_id text check (char_length(phone_number_id) between 1 and 64), -- Cloud API's id for the number
  capabilities text[] not null default '{sms}'
    check (cardinality(capabilities) >= 1 and capabilities <@ array['sms', 'whatsapp', 'voice']),
  label text not null check (char_length(btrim(label)) between 1 and 80),
  active boolean not null default true,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (provider <> 'whatsapp_cloud' or (phone_number_id is not null and capabilities = array['whatsapp']))
);
comment on table public.channels is 'Numbers an organization sends and receives on; routes inbound webhooks to their organization.';
alter table public.channels enable row level security;
-- Routing must be unambiguous across organizations: one number belongs to one organization.
create unique index channels_provider_address_key on public.channels (provider, address);
create unique index channels_cloud_number_key on public.channels (phone_number_id) where phone_number_id is not null;
create index channels_org_idx on public.channels (org_id);
create trigger channels_updated_at before update on public.channels
  for each row execute function private.set_updated_at();

revoke all on public.channels from anon, authenticated;
grant select on public.channels to authenticated;
grant insert (org_id, provider, address, phone_number_id, capabilities, label, active, created_by) on public.channels to authenticated;
grant update (label, capabilities, active) on public.channels to authenticated;
grant all on public.channels to service_role;

create policy "Members can read their organization's channels" on public.channels
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));
create policy "Admins can add channels" on public.channels
  for insert to authenticated
  with check (private.has_role(org_id, 'admin') and created_by = (select auth.uid()));
create policy "Admins can change channels" on public.channels
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin'));
create policy "Admins can remove channels" on public.channels
  for delete to authenticated
  using (private.has_role(org_id, 'admin'));
grant delete on public.channels to authenticated;

-- ---------------------------------------------------------------------------
-- Conversations: one thread per lead, receiving number and medium. A new inbound
-- message reopens a closed thread instead of starting another.
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  channel_id uuid not null references public.channels (id) on delete cascade,
  medium text not null check (medium in ('sms', 'whatsapp')),
  status text not null default 'open' check (status in ('open', 'pending', 'closed')),
  assignee_id uuid references auth.users (id) on delete set null, -- null: unassigned
  mode text not null default 'ai' check (mode in ('ai', 'human')),  -- who answers next (AI drafts or a person)
  last_message_at timestamptz not null default now(),
  last_message_preview text not null default '' check (char_length(last_message_preview) <= 160),
  last_message_direction text check (last_message_direction in ('inbound', 'outbound')),
  last_inbound_at timestamptz,       -- opens WhatsApp's 24-hour customer-service window
  unread_count integer not null default 0 check (unread_count >= 0), -- inbound messages the assignee has not opened
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (lead_id, channel_id, medium)
);
comment on table public.conversations is 'Message threads between an organization and a lead over one channel and medium.';
alter table public.conversations enable row level security;
-- The inbox list: newest activity first, keyset on (last_message_at, id), one index per common filter.
create index conversations_org_recent_idx on public.conversations (org_id, last_message_at desc, id desc);
create index conversations_org_status_recent_idx on public.conversations (org_id, status, last_message_at desc, id desc);
create index conversations_org_assignee_recent_idx on public.conversations (org_id, assignee_id, last_message_at desc, id desc);
create index conversations_org_unread_idx on public.conversations (org_id, last_message_at desc, id desc) where unread_count > 0;
create index conversations_channel_idx on public.conversations (channel_id);
create trigger conversations_updated_at before update on public.conversations
  for each row execute function private.set_updated_at();

revoke all on public.conversations from anon, authenticated;
grant select on public.conversations to authenticated;
grant insert (org_id, lead_id, channel_id, medium, status, assignee_id, mode) on public.conversations to authenticated;
grant update (status, assignee_id, mode, unread_count, last_message_at, last_message_preview, last_message_direction)
  on public.conversations to authenticated;
grant all on public.conversations to service_role;

-- Visibility follows the lead's rule: everyone who sees all leads sees all threads; a rep
-- restricted to their own leads sees threads assigned to them or to nobody.
create policy "Members can read the conversations their role lets them see" on public.conversations
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (
      org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
      or coalesce(assignee_id, (select auth.uid())) = (select auth.uid())
    )
  );
-- A rep starts a thread (say, a first SMS) with a lead they can see, over their organization's channel.
create policy "Members can start conversations with leads they can see" on public.conversations
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = conversations.lead_id and l.org_id = conversations.org_id)
    and exists (select 1 from public.channels ch where ch.id = conversations.channel_id and ch.org_id = conversations.org_id)
    and (assignee_id is null or assignee_id = (select auth.uid()) or private.has_role(org_id, 'manager'))
  );
create policy "Members can update the conversations they can see" on public.conversations
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (
      org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
      or coalesce(assignee_id, (select auth.uid())) = (select auth.uid())
    )
  )
  with check (org_id = any ((select private.current_org_ids())::uuid[]));

-- Assigning someone else is for managers and above; a rep may take an unassigned
-- thread or hand their own back. The assignee must be a member.
create or replace function private.guard_conversation_change() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if new.assignee_id is distinct from old.assignee_id then
    if new.assignee_id is not null
       and not exists (select 1 from public.memberships m where m.org_id = new.org_id and m.user_id = new.assignee_id) then
      raise exception 'The assignee must be a member of the organization.' using errcode = 'P0001', hint = 'invalid_assignee';
    end if;
    if (select auth.role()) = 'authenticated'
       and not private.has_role(old.org_id, 'manager')
       and not (new.assignee_id = (select auth.uid()) and old.assignee_id is null)
       and not (new.assignee_id is null and old.assignee_id = (select auth.uid())) then
      raise exception 'Only managers, admins and owners can assign conversations to someone else.' using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;
create trigger conversations_guard before update on public.conversations
  for each row execute function private.guard_conversation_change();

-- ---------------------------------------------------------------------------
-- Messages, in and out. Status only moves forward (see private.message_status_rank):
-- a late "sent" callback never hides "delivered" or "read".
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  direction text not null check (direction in ('inbound', 'outbound')),
  body text not null default '' check (char_length(body) <= 4096),
  media jsonb not null default '[]'::jsonb check (jsonb_typeof(media) = 'array'), -- [{ url | id, contentType, caption }]
  status text not null check (status in ('queued', 'sent', 'delivered', 'read', 'failed', 'received')),
  error_code text check (char_length(error_code) <= 40),
  error_message text check (char_length(error_message) <= 500),
  provider text not null check (provider in ('twilio', 'whatsapp_cloud', 'sandbox')),
  provider_message_id text check (char_length(provider_message_id) <= 128),
  author_type text not null check (author_type in ('user', 'agent', 'lead', 'system')),
  author_id uuid references auth.users (id) on delete set null, -- the user, when author_type = 'user'
  sandbox boolean not null default false,  -- sent by the offline sender: nothing left the building
  send_attempts integer not null default 0,
  send_claimed_until timestamptz,          -- a sender holds the message until then, so two never send it twice
  created_at timestamptz not null default now(),
  status_at timestamptz not null default now(),
  check ((direction = 'inbound') = (status = 'received'))
);
comment on table public.messages is 'Messages of a conversation; provider_message_id is unique per provider so a webhook retry cannot add a second copy.';
alter table public.messages enable row level security;
create unique index messages_provider_id_key on public.messages (provider, provider_message_id) where provider_message_id is not null;
create index messages_conversation_idx on public.messages (conversation_id, created_at desc, id desc);
create index messages_org_idx on public.messages (org_id, created_at desc);
-- Inbox search looks through message text, one organization at a time (see search_conversation_ids).
create index messages_org_search_idx on public.messages using gin (org_id, lower(body) extensions.gin_trgm_ops);
-- Outbound messages still waiting for a provider: the send sweeper's queue.
create index messages_queued_idx on public.messages (created_at) where status = 'queued';

revoke all on public.messages from anon, authenticated;
grant select on public.messages to authenticated;
grant insert (org_id, conversation_id, direction, body, media, status, provider, author_type, author_id)
  on public.messages to authenticated;
grant update (status, error_code, error_message, send_attempts) on public.messages to authenticated;
grant all on public.messages to service_role;

create policy "Members can read messages of conversations they can see" on public.messages
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.conversations c where c.id = messages.conversation_id)
  );
-- People write outbound messages as themselves; everything else (inbound, status
-- changes, agents) is written by webhooks and jobs.
create policy "Members can write outbound messages as themselves in conversations they can see" on public.messages
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and direction = 'outbound' and status = 'queued'
    and author_type = 'user' and author_id = (select auth.uid())
    and exists (select 1 from public.conversations c where c.id = messages.conversation_id and c.org_id = messages.org_id)
  );

-- Inbox search over message text. Like search_lead_ids: `like` is not leakproof, so under
-- RLS the trigram index would never be used; this runs the match as owner within one
-- organization the caller belongs to, and the inbox query still applies RLS to the ids.
create or replace function private.search_conversation_ids(org uuid, pattern text) returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if (select auth.role()) = 'authenticated' and not private.is_member(org) then
    return '{}';
  end if;
  return (
    select coalesce(array_agg(distinct m.conversation_id), '{}')
      from (select conversation_id from public.messages
             where org_id = org and lower(body) like pattern limit 2000) m);
end
$$;
revoke all on function private.search_conversation_ids(uuid, text) from public;
grant execute on function private.search_conversation_ids(uuid, text) to authenticated, service_role;

-- A failed send can be put back in the queue ("Retry") by anyone who sees the thread.
create policy "Members can requeue failed outbound messages they can see" on public.messages
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and direction = 'outbound' and status = 'failed'
    and exists (select 1 from public.conversations c where c.id = messages.conversation_id)
  )
  with check (status = 'queued' and send_attempts = 0 and error_code is null);

create or replace function private.message_status_rank(status text) returns int
  language sql immutable
  set search_path = ''
as $$
  select case status when 'queued' then 0 when 'sent' then 1 when 'failed' then 2
                     when 'delivered' then 3 when 'read' then 4 when 'received' then 5 end
$$;
revoke all on function private.message_status_rank(text) from public;
grant execute on function private.message_status_rank(text) to authenticated, service_role;

-- A retry is allowed to put a failed message back in the queue; nothing else moves backwards.
create or replace function private.keep_message_status_forward() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if new.status is distinct from old.status
     and private.message_status_rank(new.status) < private.message_status_rank(old.status)
     and not (old.status = 'failed' and new.status = 'queued') then
    new.status := old.status;
    new.status_at := old.status_at;
  end if;
  return new;
end
$$;
create trigger messages_status_forward before update on public.messages
  for each row execute function private.keep_message_status_forward();

-- ---------------------------------------------------------------------------
-- Webhook deliveries, stored before anything else happens so nothing is lost: a
-- retry of the same provider event id is a no-op. Server-only: RLS on, no policies
-- for members (payloads hold other people's numbers before routing decides whose they are).
create table public.inbound_events (
  id uuid primary key default gen_random_uuid(),
  provider text not null check (provider in ('twilio', 'whatsapp_cloud', 'calendly', 'stripe')),
  event_id text not null check (char_length(event_id) between 1 and 300),
  kind text not null check (char_length(kind) between 1 and 60),  -- message, status, invitee.created …
  org_id uuid references public.organizations (id) on delete set null, -- once routed
  received_at timestamptz not null default now(),
  headers jsonb not null default '{}'::jsonb,     -- the few headers worth keeping (user agent, request id)
  payload jsonb not null,
  signature_ok boolean not null,
  state text not null default 'pending' check (state in ('pending', 'processed', 'unroutable', 'failed')),
  processed_at timestamptz,
  error text check (char_length(error) <= 1000),
  attempts integer not null default 0,
  unique (provider, event_id)
);
comment on table public.inbound_events is 'Raw webhook deliveries, once per provider event id. Server-only: RLS enabled without member policies.';
alter table public.inbound_events enable row level security;
create index inbound_events_pending_idx on public.inbound_events (received_at) where state = 'pending';
create index inbound_events_org_idx on public.inbound_events (org_id, received_at desc) where org_id is not null;
revoke all on public.inbound_events from anon, authenticated;
grant all on public.inbound_events to service_role;

-- ---------------------------------------------------------------------------
-- Live updates. Row changes announce themselves on one channel with ids only; the
-- listening app servers pass them to the browsers of that organization, which then
-- re-read through RLS. Works with any number of app instances.
create or replace function private.announce_change() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  row_data jsonb := to_jsonb(coalesce(new, old));
begin
  perform pg_notify('kiln_events', json_build_object(
    'topic', tg_argv[0],
    'org_id', row_data ->> 'org_id',
    'id', row_data ->> 'id',
    'conversation_id', row_data ->> 'conversation_id',
    'user_id', row_data ->> 'user_id'
  )::text);
  return null;
end
$$;
create trigger conversations_announce after insert or update on public.conversations
  for each row execute function private.announce_change('conversations');
create trigger messages_announce after insert or update on public.messages
  for each row execute function private.announce_change('messages');
