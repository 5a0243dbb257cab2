-- Leads: the people a sales team is qualifying, with their BANT evidence and HEAT
-- temperature. The scoring state (bant, heat override, engagement) is JSON owned by
-- lib/scoring; the numbers the list filters and sorts on are plain indexed columns.

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;
-- Lets one GIN index hold org_id next to the trigrams, so a search reads one organization only.
create extension if not exists btree_gin with schema extensions;

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid references public.projects (id) on delete set null,
  owner_id uuid references auth.users (id) on delete set null, -- null: unassigned
  name text not null check (char_length(btrim(name)) between 1 and 200),
  email text check (email = lower(email) and char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'), -- E.164, normalised by the app
  company text check (char_length(company) <= 200),
  title text check (char_length(title) <= 200),
  source text not null default 'manual'
    check (source in ('manual', 'import', 'whatsapp', 'sms', 'voice', 'email', 'calendly', 'api')),
  status text not null default 'new'
    check (status in ('new', 'contacted', 'qualified', 'meeting_scheduled', 'won', 'lost', 'disqualified')),
  tags text[] not null default '{}' check (cardinality(tags) <= 20),
  bant jsonb not null default '{}'::jsonb,          -- per dimension: status, value, evidence
  bant_score smallint not null default 0 check (bant_score between 0 and 100),
  bant_qualified boolean not null default false,    -- all four dimensions confirmed
  heat_level text not null default 'cold' check (heat_level in ('cold', 'warm', 'hot', 'burning')),
  heat_score smallint not null default 0 check (heat_score between 0 and 100),
  heat_override jsonb,                              -- a manager's pinned level, reason, by, expiry
  heat_explanation text[] not null default '{}',    -- why the last evaluation landed where it did
  engagement jsonb not null default '{}'::jsonb,    -- replies, meetings, silence: lib/scoring's memory
  last_activity_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,                           -- soft delete, restorable for 30 days
  deleted_by uuid references auth.users (id) on delete set null,
  -- What text search looks through, lower-cased once on write.
  search text generated always as (
    lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(company, ''))
  ) stored
);
comment on table public.leads is 'Leads of an organization with BANT and HEAT; soft-deleted rows are purged after 30 days.';
alter table public.leads enable row level security;

-- Inbound channels match leads by normalised email or phone.
create unique index leads_org_email_key on public.leads (org_id, email) where email is not null;
create unique index leads_org_phone_key on public.leads (org_id, phone) where phone is not null;
-- Keyset pagination for each sort order, live rows only.
create index leads_org_activity_idx on public.leads (org_id, last_activity_at desc, id desc) where deleted_at is null;
create index leads_org_heat_idx on public.leads (org_id, heat_score desc, id desc) where deleted_at is null;
create index leads_org_created_idx on public.leads (org_id, created_at desc, id desc) where deleted_at is null;
create index leads_org_level_activity_idx on public.leads (org_id, heat_level, last_activity_at desc, id desc) where deleted_at is null;
create index leads_org_owner_idx on public.leads (org_id, owner_id, last_activity_at desc, id desc) where deleted_at is null;
create index leads_org_updated_idx on public.leads (org_id, updated_at);
-- Counts by heat stay an index-only scan although the policy reads owner_id.
create index leads_org_level_owner_idx on public.leads (org_id, heat_level) include (owner_id) where deleted_at is null;
create index leads_org_deleted_idx on public.leads (org_id, deleted_at) where deleted_at is not null;
create index leads_tags_idx on public.leads using gin (tags);
create index leads_org_search_idx on public.leads using gin (org_id, search extensions.gin_trgm_ops);
create index leads_project_idx on public.leads (project_id) where project_id is not null;

create trigger leads_set_updated_at before update on public.leads
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------
-- Visibility. Managers and above see every lead of their organizations; reps too,
-- unless the organization turned on "reps see only their own and unassigned leads".

-- Organizations where the current user sees all leads. Called once per statement;
-- PL/pgSQL so its plan is cached (see private.current_org_ids).
create or replace function private.orgs_seeing_all_leads() returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(m.org_id), '{}')
      from public.memberships m
      join public.organizations o on o.id = m.org_id
     where m.user_id = (select auth.uid())
       and (private.role_rank(m.role) >= private.role_rank('manager')
            or coalesce((o.settings ->> 'reps_see_own_leads_only')::boolean, false) = false));
end
$$;

-- Organizations where the current user is a manager or above (reassign, delete, restore).
create or replace function private.orgs_managed() returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(m.org_id), '{}')
      from public.memberships m
     where m.user_id = (select auth.uid()) and private.role_rank(m.role) >= private.role_rank('manager'));
end
$$;

revoke all on function private.orgs_seeing_all_leads(), private.orgs_managed() from public;
grant execute on function private.orgs_seeing_all_leads(), private.orgs_managed() to authenticated, service_role;

revoke all on public.leads from anon, authenticated;
grant select, insert on public.leads to authenticated;
grant update (project_id, owner_id, name, email, phone, company, title, status, tags, bant, bant_score, bant_qualified,
  heat_level, heat_score, heat_override, heat_explanation, engagement, last_activity_at, deleted_at, deleted_by)
  on public.leads to authenticated;
grant all on public.leads to service_role;

create policy "Members can read the leads their role lets them see" on public.leads
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (deleted_at is null or org_id = any ((select private.orgs_managed())::uuid[]))
    and (
      org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
      -- owner_id is null or owner_id = me, written as one comparison: as an OR the planner
      -- builds a bitmap over the whole organization instead of filtering the rows it reads.
      or coalesce(owner_id, (select auth.uid())) = (select auth.uid())
    )
  );

create policy "Members can create leads in their organization" on public.leads
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and created_by = (select auth.uid())
    and deleted_at is null
    and (owner_id is null or owner_id = (select auth.uid()) or org_id = any ((select private.orgs_managed())::uuid[]))
  );

create policy "Members can update the leads they can see" on public.leads
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (deleted_at is null or org_id = any ((select private.orgs_managed())::uuid[]))
    and (
      org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
      -- owner_id is null or owner_id = me, written as one comparison: as an OR the planner
      -- builds a bitmap over the whole organization instead of filtering the rows it reads.
      or coalesce(owner_id, (select auth.uid())) = (select auth.uid())
    )
  )
  with check (org_id = any ((select private.current_org_ids())::uuid[]));

-- Reassigning and (soft) deleting are for managers and above; an owner must be a member.
create or replace function private.guard_lead_change() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  -- BEFORE triggers run ahead of the policies' WITH CHECK: for an organization the caller
  -- does not belong to, say nothing (not even whether someone is a member there) and let
  -- RLS refuse the row.
  if (select auth.role()) = 'authenticated' and not private.is_member(new.org_id) then
    return new;
  end if;
  if new.owner_id is not null and (tg_op = 'INSERT' or new.owner_id is distinct from old.owner_id)
     and not exists (select 1 from public.memberships m where m.org_id = new.org_id and m.user_id = new.owner_id) then
    raise exception 'The owner must be a member of the organization.' using errcode = 'P0001', hint = 'invalid_owner';
  end if;
  if tg_op = 'UPDATE' and (select auth.role()) = 'authenticated' then
    if new.owner_id is distinct from old.owner_id
       and not private.has_role(old.org_id, 'manager')
       and not (old.owner_id is null and new.owner_id = (select auth.uid())) then
      raise exception 'Only managers, admins and owners can reassign leads.' using errcode = '42501';
    end if;
    if new.deleted_at is distinct from old.deleted_at and not private.has_role(old.org_id, 'manager') then
      raise exception 'Only managers, admins and owners can delete or restore leads.' using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;
create trigger leads_guard before insert or update on public.leads
  for each row execute function private.guard_lead_change();

-- ---------------------------------------------------------------------------
-- The timeline: every BANT, heat, status and owner change, note and import, with who
-- or what did it and why. Append-only: no update or delete policies or grants.
create table public.lead_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  type text not null check (type in (
    'created', 'updated', 'bant_changed', 'heat_changed', 'heat_override', 'status_changed', 'owner_changed',
    'note', 'deleted', 'restored', 'imported', 'signal', 'bant_qualified')),
  actor_type text not null check (actor_type in ('user', 'agent', 'system', 'webhook')),
  actor_id uuid references auth.users (id) on delete set null, -- the user, when actor_type = 'user'
  reason text check (char_length(reason) <= 2000),             -- human-readable: the explanation or note
  evidence jsonb,                                              -- a quote, message id, meeting id …
  data jsonb not null default '{}'::jsonb,                     -- before/after values of the change
  created_at timestamptz not null default now()
);
comment on table public.lead_events is 'Append-only timeline of a lead.';
alter table public.lead_events enable row level security;
create index lead_events_lead_idx on public.lead_events (lead_id, created_at desc, id desc);
create index lead_events_org_idx on public.lead_events (org_id, created_at desc);

revoke all on public.lead_events from anon, authenticated;
grant select, insert on public.lead_events to authenticated;
grant all on public.lead_events to service_role;

create policy "Members can read the timeline of leads they can see" on public.lead_events
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = lead_events.lead_id)
  );

create policy "Members can add events to leads they can see, as themselves" on public.lead_events
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = lead_events.lead_id and l.org_id = lead_events.org_id)
    and (actor_type <> 'user' or actor_id = (select auth.uid()))
  );

-- ---------------------------------------------------------------------------
-- Text search. `like` is not leakproof, so under RLS Postgres never uses the trigram
-- index for it ahead of the policy (a search scanned the whole organization: measured by
-- bench/leads.bench.ts). This function runs the search as its owner, restricted to the
-- leads the caller's policy would show anyway; the query still applies RLS to the ids.
create or replace function private.search_lead_ids(org uuid, pattern text) returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  sees_all boolean;
begin
  -- service_role and the table owner (jobs, platform tools) bypass RLS anyway; anon may not call this.
  if (select auth.role()) is distinct from 'authenticated' then
    return (select coalesce(array_agg(l.id), '{}') from public.leads l where l.org_id = org and l.search like pattern);
  end if;
  if uid is null or not private.is_member(org) then
    return '{}';
  end if;
  sees_all := org = any (private.orgs_seeing_all_leads()); -- once, not per candidate row
  return (
    select coalesce(array_agg(l.id), '{}')
      from public.leads l
     where l.org_id = org
       and l.search like pattern
       and (sees_all or coalesce(l.owner_id, uid) = uid));
end
$$;
revoke all on function private.search_lead_ids(uuid, text) from public;
grant execute on function private.search_lead_ids(uuid, text) to authenticated, service_role;
