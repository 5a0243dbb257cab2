-- The database allows what the API allows, and no more.
--
-- On Supabase the Data API (PostgREST, GraphQL) accepts a user's own token and runs their
-- requests as `authenticated` with the same claims Kiln's withRls() sets, so every grant to
-- `authenticated` is reachable without Kiln in between. Until now the grants were wider than
-- the routes: a rep could write a lead's scores, BANT and heat override, an admin could set
-- the organization's plan, a member could write timeline events in someone else's name or as
-- the system, and arbitrary audit rows. Here:
-- - leads: members insert and update by hand only the fields the API lets them edit; scores,
--   BANT, the heat override and the engine's memory are written by private.store_lead_scoring
--   (the scoring engine's output, stored with the caller's visibility and role checked);
-- - organizations.plan: no member writes it (billing and platform tooling, as the service role),
--   and the settings the database reads must have the shape the API writes;
-- - lead_events: members append `user` events as themselves, and never choose the time;
-- - audit_log: written through private.record_audit only, never by a member's own insert;
-- - profiles and projects: the columns the API writes, nothing more;
-- - a lead's project belongs to the lead's organization (composite foreign key).
-- Functions in schema `private` are not reachable through the Data API (the schema is not
-- exposed); Kiln's server calls them over SQL inside the caller's withRls transaction.

-- ---------------------------------------------------------------------------
-- Leads: the hand-edited fields. A table-level revoke also revokes the column grants.
revoke insert, update on public.leads from authenticated;
grant insert (id, org_id, project_id, owner_id, name, email, phone, company, title, source, status, tags, created_by)
  on public.leads to authenticated;
grant update (project_id, owner_id, name, email, phone, company, title, status, tags, last_activity_at, deleted_at, deleted_by)
  on public.leads to authenticated;

-- Direct writes by a member (current_user is `authenticated`; inside a security definer
-- function it is the function's owner, which vouches for its own writes): adding a note
-- touches the lead's activity time, it does not set it; who deleted a lead is the person
-- deleting it. Reassigning and deleting themselves are private.guard_lead_change's business.
create or replace function private.protect_lead_columns() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if current_user = 'authenticated' then
    if new.last_activity_at is distinct from old.last_activity_at and new.last_activity_at <> now() then
      raise exception 'A lead''s activity time is set by the server.' using errcode = '42501';
    end if;
    if new.deleted_by is distinct from old.deleted_by
       and new.deleted_by is distinct from (case when new.deleted_at is null then null else (select auth.uid()) end) then
      raise exception 'A lead is deleted by whoever deletes it.' using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.protect_lead_columns() from public;
create trigger leads_protect_columns before update on public.leads
  for each row execute function private.protect_lead_columns();

-- The scoring engine (lib/scoring, through lib/leads/signals.ts) is the only writer of a
-- lead's BANT, scores, heat override, explanation and engagement. It runs in the server for
-- people (manual BANT, heat override, accepted suggestions, replies, meetings held) and for
-- webhooks and jobs (service role); this function stores its result.
--
-- For a member it checks what the API checks: the lead is live and visible to them (else
-- "not found", as for a lead that does not exist), and only managers and above pin, replace
-- or clear a heat override (the /heat route's role). Dropping an override that has run out is
-- the engine's bookkeeping on any evaluation, so it is allowed to whoever stored it: expired
-- means at or before the evaluation time the engine records in engagement.lastEvaluatedAt
-- (the engine's clock, not the database's, so the two always agree).
create or replace function private.store_lead_scoring(
  lead uuid,
  new_bant jsonb,
  new_bant_score int,
  new_bant_qualified boolean,
  new_heat_level text,
  new_heat_score int,
  new_heat_override jsonb,
  new_heat_explanation text[],
  new_engagement jsonb,
  activity_at timestamptz
) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  l record;
  old_override jsonb;
  new_override jsonb := case when jsonb_typeof(new_heat_override) = 'object' then new_heat_override end;
  override_changed boolean;
begin
  select x.org_id, x.owner_id, x.deleted_at, x.heat_override into l from public.leads x where x.id = lead for update;
  if not found then
    raise exception 'Lead not found.' using errcode = 'P0001', hint = 'not_found';
  end if;

  -- Webhooks, jobs and the demo seed run as the service role, which writes leads anyway.
  if (select auth.role()) is distinct from 'service_role' then
    if uid is null or l.deleted_at is not null or not (l.org_id = any (private.current_org_ids()))
       or not (l.org_id = any (private.orgs_seeing_all_leads()) or coalesce(l.owner_id, uid) = uid) then
      raise exception 'Lead not found.' using errcode = 'P0001', hint = 'not_found';
    end if;

    old_override := case when jsonb_typeof(l.heat_override) = 'object' then l.heat_override end;
    -- Compared by meaning (times as times), so re-serialising an unchanged override is no change.
    override_changed := (old_override is null) <> (new_override is null)
      or (new_override is not null and (
           new_override ->> 'level' is distinct from old_override ->> 'level'
        or new_override ->> 'reason' is distinct from old_override ->> 'reason'
        or new_override ->> 'by' is distinct from old_override ->> 'by'
        or (new_override ->> 'at')::timestamptz is distinct from (old_override ->> 'at')::timestamptz
        or (new_override ->> 'expiresAt')::timestamptz is distinct from (old_override ->> 'expiresAt')::timestamptz));
    if override_changed
       and not (new_override is null
                and coalesce((old_override ->> 'expiresAt')::timestamptz <= (new_engagement ->> 'lastEvaluatedAt')::timestamptz, false))
       and not private.has_role(l.org_id, 'manager') then
      raise exception 'Only managers, admins and owners can pin or clear a lead''s heat level.' using errcode = '42501';
    end if;
  end if;

  update public.leads set
      bant = new_bant, bant_score = new_bant_score, bant_qualified = new_bant_qualified,
      heat_level = new_heat_level, heat_score = new_heat_score, heat_override = new_override,
      heat_explanation = new_heat_explanation, engagement = new_engagement,
      last_activity_at = greatest(last_activity_at, coalesce(activity_at, last_activity_at))
    where id = lead;
end
$$;
revoke all on function private.store_lead_scoring(uuid, jsonb, int, boolean, text, int, jsonb, text[], jsonb, timestamptz) from public;
grant execute on function private.store_lead_scoring(uuid, jsonb, int, boolean, text, int, jsonb, text[], jsonb, timestamptz)
  to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- A lead's project belongs to the lead's organization. A lead pointing at another tenant's
-- project was never valid (the API let it through); such references are dropped before the
-- constraint is added, which then validates every existing row.
alter table public.projects add constraint projects_id_org_id_key unique (id, org_id);

do $$
declare
  cleared int;
begin
  update public.leads l set project_id = null
    from public.projects p
   where p.id = l.project_id and p.org_id <> l.org_id;
  get diagnostics cleared = row_count;
  if cleared > 0 then
    raise notice 'cleared the project of % lead(s) that pointed at another organization''s project', cleared;
  end if;
end
$$;

alter table public.leads
  drop constraint leads_project_id_fkey,
  add constraint leads_project_in_org_fkey foreign key (project_id, org_id)
    references public.projects (id, org_id) on delete set null (project_id);

-- ---------------------------------------------------------------------------
-- Organizations: the plan is billing's. No route lets a member change it.
revoke update (plan) on public.organizations from authenticated;

-- Admins write `settings` as a whole; the keys the database reads must hold what the API
-- writes (a non-boolean reps_see_own_leads_only would make every lead query of the
-- organization fail in private.orgs_seeing_all_leads). Other keys stay free for later modules.
alter table public.organizations add constraint organizations_settings_check check (
  jsonb_typeof(settings) = 'object'
  and coalesce(jsonb_typeof(settings -> 'reps_see_own_leads_only') = 'boolean', true)
  and coalesce(jsonb_typeof(settings -> 'default_country') = 'null' or settings ->> 'default_country' ~ '^[A-Z]{2}$', true)
);

-- Profiles: the API edits the name only.
revoke update on public.profiles from authenticated;
grant update (full_name) on public.profiles to authenticated;

-- Projects: created with a name and description; id, archival and times are the database's.
revoke insert on public.projects from authenticated;
grant insert (org_id, name, description, created_by) on public.projects to authenticated;

-- ---------------------------------------------------------------------------
-- The timeline: a member appends their own `user` events, stamped with the database's time.
-- Agents, the system and webhooks write through the service role.
revoke insert on public.lead_events from authenticated;
grant insert (org_id, lead_id, type, actor_type, actor_id, reason, evidence, data) on public.lead_events to authenticated;

drop policy "Members can add events to leads they can see, as themselves" on public.lead_events;
create policy "Members can add events to leads they can see, as themselves" on public.lead_events
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = lead_events.lead_id and l.org_id = lead_events.org_id)
    and actor_type = 'user' and actor_id = (select auth.uid())
  );

-- ---------------------------------------------------------------------------
-- The audit log is written by the server only: in a member's request through this function
-- (as themselves, in an organization they belong to: the rule the old insert policy had),
-- otherwise as the service role. Members keep reading it (admins) and nothing else.
revoke insert on public.audit_log from authenticated;
drop policy "Members can record their own actions" on public.audit_log;
comment on table public.audit_log is 'Append-only record of administrative actions per organization; written through private.record_audit.';

create or replace function private.record_audit(
  org uuid, actor uuid, action text, target_type text, target_id text, metadata jsonb
) returns void
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if (select auth.role()) is distinct from 'service_role'
     and (actor is null or actor is distinct from (select auth.uid()) or not private.is_member(org)) then
    raise exception 'An action is recorded by the member who did it, in their organization.' using errcode = '42501';
  end if;
  insert into public.audit_log (org_id, actor_id, action, target_type, target_id, metadata)
  values (org, actor, action, target_type, target_id, coalesce(metadata, '{}'::jsonb));
end
$$;
revoke all on function private.record_audit(uuid, uuid, text, text, text, jsonb) from public;
grant execute on function private.record_audit(uuid, uuid, text, text, text, jsonb) to authenticated, service_role;
