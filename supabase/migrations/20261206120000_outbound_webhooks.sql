-- Outbound webhooks (issue 18): an organization's admins register endpoints that hear about
-- changes (lead.created, meeting.booked, …), signed per the Standard Webhooks specification.
--
--   webhook_endpoints   where to send, which event types, the signing secrets (sealed by the app)
--   webhook_events      the outbox: one row per event, written in the same transaction as the
--                       change it describes (private.record_webhook_events), so an event exists
--                       iff the change committed
--   webhook_deliveries  one row per attempt to deliver one event to one endpoint; a pending row
--                       is the queue (next_attempt_at), a finished one is the delivery log
--
-- Delivering (HTTP, retries, disabling an endpoint that keeps failing) is lib/webhooks' job,
-- run as the service role. Admins manage endpoints and read events and deliveries; nobody
-- else sees any of it.

create table public.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  url text not null check (char_length(url) between 8 and 2000 and url ~ '^https?://'),
  description text check (char_length(description) <= 500),
  -- The event types it subscribes to (lib/webhooks/events.ts WEBHOOK_EVENT_TYPES).
  event_types text[] not null check (cardinality(event_types) between 1 and 20 and event_types <@ array[
    'lead.created', 'lead.updated', 'lead.deleted', 'lead.heat_changed', 'lead.qualified',
    'conversation.message_received', 'message.status_changed', 'meeting.booked', 'meeting.rescheduled',
    'meeting.canceled', 'approval.requested', 'approval.decided']::text[]),
  enabled boolean not null default true,
  -- Why it is off: an admin turned it off ('manual') or it kept failing for days ('failing').
  disabled_reason text check (disabled_reason in ('manual', 'failing')),
  disabled_at timestamptz,
  -- The first failed attempt since the last success; cleared by a success (service role).
  failing_since timestamptz,
  -- Standard Webhooks secrets (`whsec_…`), sealed by the app with the endpoint id as associated
  -- data. Server-only: never granted to authenticated.
  secret_sealed text not null check (char_length(secret_sealed) <= 500),
  -- After a rotation the old secret keeps signing too (two signatures) until it expires.
  previous_secret_sealed text check (char_length(previous_secret_sealed) <= 500),
  previous_secret_expires_at timestamptz,
  -- The secret's first characters, so an admin can tell which one a receiver holds.
  secret_hint text not null check (char_length(secret_hint) <= 20),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint webhook_endpoints_disabled check (enabled = (disabled_reason is null)),
  constraint webhook_endpoints_previous check ((previous_secret_sealed is null) = (previous_secret_expires_at is null))
);
comment on table public.webhook_endpoints is
  'Outbound webhook endpoints of an organization: URL, subscribed event types, sealed signing secrets. Admins only; the sealed columns are server-only.';
comment on column public.webhook_endpoints.secret_sealed is 'Server-only. Never granted to authenticated.';
comment on column public.webhook_endpoints.previous_secret_sealed is 'Server-only. Never granted to authenticated.';
alter table public.webhook_endpoints enable row level security;
create index webhook_endpoints_org_idx on public.webhook_endpoints (org_id, created_at);
create trigger webhook_endpoints_updated_at before update on public.webhook_endpoints
  for each row execute function private.set_updated_at();

revoke all on public.webhook_endpoints from anon, authenticated;
grant select (id, org_id, url, description, event_types, enabled, disabled_reason, disabled_at, failing_since,
              previous_secret_expires_at, secret_hint, created_by, created_at, updated_at)
  on public.webhook_endpoints to authenticated;
grant insert (id, org_id, url, description, event_types, enabled, disabled_reason, disabled_at, secret_sealed, secret_hint, created_by)
  on public.webhook_endpoints to authenticated;
-- failing_since stays the delivery job's (service role).
grant update (url, description, event_types, enabled, disabled_reason, disabled_at, secret_sealed,
              previous_secret_sealed, previous_secret_expires_at, secret_hint)
  on public.webhook_endpoints to authenticated;
grant delete on public.webhook_endpoints to authenticated;
grant all on public.webhook_endpoints to service_role;

create policy "Admins can read their organization's webhook endpoints" on public.webhook_endpoints
  for select to authenticated
  using (private.has_role(org_id, 'admin'));
create policy "Admins can add webhook endpoints to their organization" on public.webhook_endpoints
  for insert to authenticated
  with check (private.has_role(org_id, 'admin'));
create policy "Admins can change their organization's webhook endpoints" on public.webhook_endpoints
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin'));
create policy "Admins can remove their organization's webhook endpoints" on public.webhook_endpoints
  for delete to authenticated
  using (private.has_role(org_id, 'admin'));

create table public.webhook_events (
  -- The event's stable id: the `webhook-id` of every delivery of it (receivers deduplicate on it).
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  type text not null check (type ~ '^[a-z_]+\.[a-z_]+$' and char_length(type) <= 60),
  -- The payload's schema version (lib/webhooks/events.ts); a breaking change is a new version.
  version smallint not null default 1 check (version between 1 and 100),
  payload jsonb not null check (octet_length(payload::text) <= 65536),
  created_at timestamptz not null default now()
);
comment on table public.webhook_events is
  'The outbound-webhook outbox: events written in the transaction of the change they describe, through private.record_webhook_events. Admins read; nobody writes directly.';
alter table public.webhook_events enable row level security;
create index webhook_events_org_idx on public.webhook_events (org_id, created_at);
create index webhook_events_created_idx on public.webhook_events (created_at);

revoke all on public.webhook_events from anon, authenticated;
grant select on public.webhook_events to authenticated;
grant all on public.webhook_events to service_role;
create policy "Admins can read their organization's webhook events" on public.webhook_events
  for select to authenticated
  using (private.has_role(org_id, 'admin'));

create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  -- Always the endpoint's organization (set by the trigger below).
  org_id uuid not null references public.organizations (id) on delete cascade,
  endpoint_id uuid not null references public.webhook_endpoints (id) on delete cascade,
  event_id uuid not null references public.webhook_events (id) on delete cascade,
  -- 1 for the first try of an event (or of a resend), +1 for each retry after it.
  attempt smallint not null default 1 check (attempt between 1 and 100),
  -- What started this chain of attempts: the event, an admin's test event, or an admin's resend.
  trigger text not null default 'event' check (trigger in ('event', 'test', 'resend')),
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  -- When the chain's first attempt was due: retries stop 24 hours after it.
  chain_started_at timestamptz not null default now(),
  -- A pending attempt: when it is due, and until when a worker holds it.
  next_attempt_at timestamptz,
  claimed_until timestamptz,
  attempted_at timestamptz,
  status_code smallint check (status_code between 100 and 599),
  duration_ms integer check (duration_ms >= 0),
  -- The receiver's first bytes, as text, for the log; never our request or secrets.
  response_excerpt text check (char_length(response_excerpt) <= 1000),
  error_kind text check (error_kind in
    ('http_status', 'timeout', 'connection', 'refused_address', 'invalid_url', 'endpoint_disabled')),
  -- A failed attempt that will be tried again has a successor row; true on the last one of a chain that gave up.
  gave_up boolean not null default false,
  created_at timestamptz not null default now(),
  constraint webhook_deliveries_pending check ((status = 'pending') = (next_attempt_at is not null))
);
comment on table public.webhook_deliveries is
  'Attempts to deliver an outbound webhook event to an endpoint: pending rows are the queue, finished rows the delivery log. Written by the service role (delivery jobs) and private.* functions; admins read.';
alter table public.webhook_deliveries enable row level security;
create index webhook_deliveries_org_idx on public.webhook_deliveries (org_id);
create index webhook_deliveries_log_idx on public.webhook_deliveries (endpoint_id, created_at desc, id desc);
create index webhook_deliveries_event_idx on public.webhook_deliveries (event_id);
create index webhook_deliveries_due_idx on public.webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint_pending_idx on public.webhook_deliveries (endpoint_id) where status = 'pending';

create or replace function private.webhook_deliveries_org() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  select e.org_id into new.org_id from public.webhook_endpoints e where e.id = new.endpoint_id;
  if not exists (select 1 from public.webhook_events v where v.id = new.event_id and v.org_id = new.org_id) then
    raise exception 'A delivery''s event belongs to its endpoint''s organization.' using errcode = '23514';
  end if;
  return new;
end
$$;
revoke all on function private.webhook_deliveries_org() from public;
create trigger webhook_deliveries_org before insert on public.webhook_deliveries
  for each row execute function private.webhook_deliveries_org();

revoke all on public.webhook_deliveries from anon, authenticated;
grant select on public.webhook_deliveries to authenticated;
grant all on public.webhook_deliveries to service_role;
create policy "Admins can read their organization's webhook deliveries" on public.webhook_deliveries
  for select to authenticated
  using (private.has_role(org_id, 'admin'));

-- The outbox's one entrance. Called inside the transaction that makes the change, by whoever
-- makes it (any member under RLS, or the service role in webhooks and jobs), so an event exists
-- iff its change committed. An event no enabled endpoint subscribes to is not stored. With
-- p_endpoint (an admin's test event), the events go to that endpoint only, whatever it
-- subscribes to. p_events: [{ "id"?, "type", "version", "payload", "created_at"? }].
-- Returns the pending deliveries it created.
create or replace function private.record_webhook_events(p_org uuid, p_events jsonb, p_endpoint uuid default null)
  returns table (delivery_id uuid, event_id uuid)
  language plpgsql security definer
  set search_path = ''
as $$
declare
  ev jsonb;
  new_event uuid;
  event_at timestamptz;
  new_delivery uuid;
begin
  if (select auth.role()) is distinct from 'service_role' then
    if p_endpoint is null and not private.is_member(p_org) then
      raise exception 'Only a member records events of an organization.' using errcode = '42501';
    end if;
    if p_endpoint is not null and not private.has_role(p_org, 'admin') then
      raise exception 'Only an admin sends test events.' using errcode = '42501';
    end if;
  end if;
  if p_endpoint is not null
     and not exists (select 1 from public.webhook_endpoints e where e.id = p_endpoint and e.org_id = p_org) then
    raise exception 'No such endpoint in this organization.' using errcode = '42501';
  end if;
  for ev in select value from jsonb_array_elements(p_events) loop
    continue when p_endpoint is null and not exists (
      select 1 from public.webhook_endpoints e
       where e.org_id = p_org and e.enabled and (ev ->> 'type') = any (e.event_types));
    event_at := coalesce((ev ->> 'created_at')::timestamptz, now());
    insert into public.webhook_events (id, org_id, type, version, payload, created_at)
    values (coalesce((ev ->> 'id')::uuid, gen_random_uuid()), p_org, ev ->> 'type',
            coalesce((ev ->> 'version')::smallint, 1), ev -> 'payload', event_at)
    returning id into new_event;
    for new_delivery in
      insert into public.webhook_deliveries (org_id, endpoint_id, event_id, trigger, next_attempt_at, chain_started_at)
      select p_org, e.id, new_event, case when p_endpoint is null then 'event' else 'test' end, event_at, event_at
        from public.webhook_endpoints e
       where e.org_id = p_org
         and (case when p_endpoint is null then e.enabled and (ev ->> 'type') = any (e.event_types)
                   else e.id = p_endpoint end)
      returning public.webhook_deliveries.id
    loop
      delivery_id := new_delivery;
      event_id := new_event;
      return next;
    end loop;
  end loop;
end
$$;
revoke all on function private.record_webhook_events(uuid, jsonb, uuid) from public;
grant execute on function private.record_webhook_events(uuid, jsonb, uuid) to authenticated, service_role;

-- An admin's "resend": a new chain of attempts for the same event and endpoint, due now.
create or replace function private.resend_webhook_delivery(p_delivery uuid)
  returns table (delivery_id uuid, org_id uuid)
  language plpgsql security definer
  set search_path = ''
as $$
declare
  d public.webhook_deliveries;
begin
  select * into d from public.webhook_deliveries w where w.id = p_delivery;
  if d.id is null or ((select auth.role()) is distinct from 'service_role' and not private.has_role(d.org_id, 'admin')) then
    raise exception 'No such delivery.' using errcode = '42501';
  end if;
  insert into public.webhook_deliveries (org_id, endpoint_id, event_id, trigger, next_attempt_at)
  values (d.org_id, d.endpoint_id, d.event_id, 'resend', now())
  returning public.webhook_deliveries.id into delivery_id;
  org_id := d.org_id;
  return next;
end
$$;
revoke all on function private.resend_webhook_delivery(uuid) from public;
grant execute on function private.resend_webhook_delivery(uuid) to authenticated, service_role;

-- The event types the organization's enabled endpoints subscribe to, for producers deciding
-- whether an event is worth building at all (members cannot read the endpoints themselves).
create or replace function private.webhook_subscribed_types(p_org uuid) returns text[]
  language sql stable security definer
  set search_path = ''
as $$
  select coalesce(array_agg(distinct t), '{}')
    from public.webhook_endpoints e, unnest(e.event_types) as t
   where e.org_id = p_org and e.enabled
     and ((select auth.role()) = 'service_role' or private.is_member(p_org))
$$;
revoke all on function private.webhook_subscribed_types(uuid) from public;
grant execute on function private.webhook_subscribed_types(uuid) to authenticated, service_role;

-- A rotation: the current secret becomes the previous one (still signing until p_expires) and
-- the new sealed secret takes its place. A function because admins cannot read the sealed
-- column the statement copies.
create or replace function private.rotate_webhook_secret(p_endpoint uuid, p_sealed text, p_hint text, p_expires timestamptz)
  returns boolean
  language plpgsql security definer
  set search_path = ''
as $$
declare
  endpoint_org uuid;
begin
  select e.org_id into endpoint_org from public.webhook_endpoints e where e.id = p_endpoint;
  if endpoint_org is null or ((select auth.role()) is distinct from 'service_role' and not private.has_role(endpoint_org, 'admin')) then
    return false;
  end if;
  update public.webhook_endpoints
     set previous_secret_sealed = secret_sealed, previous_secret_expires_at = p_expires,
         secret_sealed = p_sealed, secret_hint = p_hint
   where id = p_endpoint;
  return true;
end
$$;
revoke all on function private.rotate_webhook_secret(uuid, text, text, timestamptz) from public;
grant execute on function private.rotate_webhook_secret(uuid, text, text, timestamptz) to authenticated, service_role;
