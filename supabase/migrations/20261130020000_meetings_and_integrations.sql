-- Meetings booked with leads (Calendly today, manual entries later) and the per-organization
-- connections to outside services (Calendly OAuth) with the short-lived OAuth states that
-- start them. Tokens and signing keys are AES-256-GCM ciphertext made by the app
-- (lib/crypto/secret-box.ts, associated data = org id + column), never plaintext.

-- ---------------------------------------------------------------------------
-- Meetings. One row per Calendly invitee (a booking). A reschedule is two rows linked both
-- ways: the replaced one (canceled, rescheduled_to_id set) and the new one (scheduled,
-- rescheduled_from_id set); lists show only the new one, labelled "rescheduled".
create table public.meetings (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  owner_id uuid references auth.users (id) on delete set null, -- the lead's owner when booked; null: unassigned
  provider text not null check (provider in ('calendly', 'manual')),
  provider_event_uri text check (char_length(provider_event_uri) <= 500),   -- Calendly scheduled event
  provider_invitee_uri text check (char_length(provider_invitee_uri) <= 500), -- Calendly invitee: the booking's identity
  title text not null default '' check (char_length(title) <= 300),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  timezone text check (char_length(timezone) <= 64),   -- the invitee's IANA zone
  location text check (char_length(location) <= 1000),
  join_url text check (char_length(join_url) <= 2000),
  status text not null default 'scheduled' check (status in ('scheduled', 'canceled', 'completed')),
  no_show boolean not null default false,
  no_show_uri text check (char_length(no_show_uri) <= 500),
  -- When the no-show mark last changed at Calendly: a late "cleared" never undoes a newer "marked".
  no_show_changed_at timestamptz,
  canceled_reason text check (char_length(canceled_reason) <= 1000),
  canceled_by text check (char_length(canceled_by) <= 300),
  canceled_at timestamptz,
  rescheduled_from_id uuid references public.meetings (id) on delete set null, -- this meeting replaced that one
  rescheduled_to_id uuid references public.meetings (id) on delete set null,   -- this meeting was replaced by that one
  invitee_name text check (char_length(invitee_name) <= 300),
  invitee_email text check (char_length(invitee_email) <= 320),
  answers jsonb not null default '[]'::jsonb check (jsonb_typeof(answers) = 'array'), -- [{ question, answer }]
  booked_at timestamptz,                               -- when the invitee booked (Calendly's created_at)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at >= starts_at),
  check (provider = 'manual' or provider_invitee_uri is not null)
);
comment on table public.meetings is 'Meetings with leads; a Calendly booking is unique per organization and invitee URI, so a redelivered webhook cannot add a second one.';
alter table public.meetings enable row level security;
create unique index meetings_invitee_key on public.meetings (org_id, provider, provider_invitee_uri) where provider_invitee_uri is not null;
-- Upcoming / past lists (keyset on starts_at, id), with the owner and status filters.
create index meetings_org_starts_idx on public.meetings (org_id, starts_at, id);
create index meetings_org_owner_starts_idx on public.meetings (org_id, owner_id, starts_at, id);
-- Reminder scans ("scheduled meetings starting in the next N minutes") across organizations.
create index meetings_status_starts_idx on public.meetings (status, starts_at);
create index meetings_lead_idx on public.meetings (lead_id, starts_at desc);
create trigger meetings_updated_at before update on public.meetings
  for each row execute function private.set_updated_at();

-- Members read the meetings of the leads they can see (the leads policy decides inside the
-- subquery). Every write comes from a verified webhook or job (service role).
revoke all on public.meetings from anon, authenticated;
grant select on public.meetings to authenticated;
grant all on public.meetings to service_role;

create policy "Members can read the meetings of leads they can see" on public.meetings
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = meetings.lead_id)
  );

create trigger meetings_announce after insert or update on public.meetings
  for each row execute function private.announce_change('meetings');

-- ---------------------------------------------------------------------------
-- Connections to outside services, one per organization and provider. Admins read the
-- status columns; the token and key columns are never granted to `authenticated`.
create table public.integration_connections (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  provider text not null check (provider in ('calendly')),
  status text not null check (status in ('connected', 'needs_reauth', 'error', 'disconnected')),
  access_token_sealed text,          -- server-only: AES-256-GCM, associated data org id + column
  refresh_token_sealed text,         -- server-only: single-use at Calendly, replaced on every refresh
  webhook_signing_key_sealed text,   -- server-only: the key our webhook subscription signs with
  account_uri text check (char_length(account_uri) <= 500),       -- the Calendly user who connected
  account_name text check (char_length(account_name) <= 300),
  account_email text check (char_length(account_email) <= 320),
  owner_uri text check (char_length(owner_uri) <= 500),           -- the token's owner (user URI)
  organization_uri text check (char_length(organization_uri) <= 500),
  scheduling_url text check (char_length(scheduling_url) <= 500),
  webhook_subscription_uri text check (char_length(webhook_subscription_uri) <= 500),
  scopes text check (char_length(scopes) <= 500),
  expires_at timestamptz,            -- when the access token expires
  last_sync_at timestamptz,          -- the last successful call to or delivery from the provider
  last_error text check (char_length(last_error) <= 1000), -- safe to show: never holds a token
  default_owner_id uuid references auth.users (id) on delete set null, -- owner of leads a booking creates
  connected_by uuid references auth.users (id) on delete set null,
  connected_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, provider),
  check (status <> 'connected' or (access_token_sealed is not null and refresh_token_sealed is not null))
);
comment on table public.integration_connections is 'OAuth connections (Calendly) per organization. Token and key columns are server-only ciphertext.';
comment on column public.integration_connections.access_token_sealed is 'Server-only. Never granted to authenticated.';
comment on column public.integration_connections.refresh_token_sealed is 'Server-only. Never granted to authenticated.';
comment on column public.integration_connections.webhook_signing_key_sealed is 'Server-only. Never granted to authenticated.';
alter table public.integration_connections enable row level security;
-- Webhook routing: one Calendly organization feeds one Kiln organization.
create unique index integration_connections_org_uri_key on public.integration_connections (provider, organization_uri)
  where organization_uri is not null and status <> 'disconnected';
create trigger integration_connections_updated_at before update on public.integration_connections
  for each row execute function private.set_updated_at();

revoke all on public.integration_connections from anon, authenticated;
grant select (id, org_id, provider, status, account_uri, account_name, account_email, organization_uri, scheduling_url,
  scopes, expires_at, last_sync_at, last_error, default_owner_id, connected_by, connected_at, created_at, updated_at)
  on public.integration_connections to authenticated;
grant update (default_owner_id) on public.integration_connections to authenticated;
grant all on public.integration_connections to service_role;

create policy "Admins can read their organization's integrations" on public.integration_connections
  for select to authenticated
  using (private.has_role(org_id, 'admin'));
create policy "Admins can choose who owns leads an integration creates" on public.integration_connections
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin'));

create or replace function private.guard_integration_owner() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if new.default_owner_id is not null and new.default_owner_id is distinct from old.default_owner_id
     and not exists (select 1 from public.memberships m where m.org_id = new.org_id and m.user_id = new.default_owner_id) then
    raise exception 'The owner must be a member of the organization.' using errcode = 'P0001', hint = 'invalid_owner';
  end if;
  return new;
end
$$;
create trigger integration_connections_guard before update on public.integration_connections
  for each row execute function private.guard_integration_owner();

-- ---------------------------------------------------------------------------
-- OAuth states between "Connect" and the provider's callback: the state is stored hashed,
-- bound to the user, their session and organization, used once, and short-lived.
-- Server-only: RLS on, no policies (the start and callback routes use the service role
-- after checking the session themselves).
create table public.oauth_states (
  id uuid primary key default gen_random_uuid(),
  state_hash text not null unique check (char_length(state_hash) = 64), -- sha256 hex of the state
  provider text not null check (provider in ('calendly')),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  session_id uuid,                       -- built-in auth's session row; null with Supabase Auth
  code_verifier_sealed text not null,    -- PKCE verifier, AES-256-GCM, associated data org + state hash
  redirect_uri text not null check (char_length(redirect_uri) <= 500),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.oauth_states is 'Pending OAuth authorizations. Server-only: RLS enabled without policies.';
alter table public.oauth_states enable row level security;
create index oauth_states_expires_idx on public.oauth_states (expires_at);
create index oauth_states_org_idx on public.oauth_states (org_id);
revoke all on public.oauth_states from anon, authenticated;
grant all on public.oauth_states to service_role;

-- ---------------------------------------------------------------------------
-- Timeline event types. Several modules add their own, so each adds to the current list
-- instead of rewriting it: private.allow_lead_event_types reads the list from the constraint
-- (in either form Postgres prints, ARRAY['a'::text, …] or '{a,…}') and writes it back with the
-- new types, in the ARRAY form. Migrations only; not granted to anyone.
create or replace function private.allow_lead_event_types(variadic added text[]) returns void
  language plpgsql
  set search_path = ''
as $$
declare
  constraint_name text;
  definition text;
  types text[];
begin
  select c.conname, pg_get_constraintdef(c.oid) into constraint_name, definition
    from pg_constraint c
   where c.conrelid = 'public.lead_events'::regclass and c.contype = 'c'
     and pg_get_constraintdef(c.oid) like '%type%' and pg_get_constraintdef(c.oid) like '%bant_changed%';
  if constraint_name is null then
    raise exception 'public.lead_events has no type check to extend';
  end if;
  types := array(
    select distinct t from unnest(
      array(select m[1] from regexp_matches(definition, '([a-z_]+)', 'g') m where m[1] not in ('type', 'text', 'any', 'array', 'check'))
      || added) as t
    order by 1);
  execute format('alter table public.lead_events drop constraint %I', constraint_name);
  execute format('alter table public.lead_events add constraint lead_events_type_check check (type = any (array[%s]))',
    (select string_agg(quote_literal(t), ', ') from unnest(types) t));
end
$$;
revoke all on function private.allow_lead_event_types(text[]) from public;

select private.allow_lead_event_types('meeting_booked', 'meeting_canceled', 'meeting_rescheduled', 'meeting_no_show', 'meeting_no_show_cleared');
