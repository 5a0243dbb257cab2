-- Dashboard rollups derived from leads (issue 13): HEAT distribution, BANT pipeline,
-- temperature progression, the team's leads by heat. lib/analytics/README.md explains the
-- design; lib/analytics/lead-rollups.ts reads these tables, lib/analytics/direct-leads.ts is
-- the ground truth they must agree with.

-- ---------------------------------------------------------------------------
-- The seam shared by every rollup family (this file and the activity rollups).
--
-- Every rollup row is keyed by its lead's CURRENT project and owner and counts only live
-- leads. When a lead's project, owner or liveness changes, the leads trigger below hands the
-- moves to every registered relocator, which moves that lead's contributions from the old
-- key to the new one. Every family also registers a rebuilder that recomputes one
-- organization from the source tables (the nightly `analytics.rebuild` job, repairs).

create type private.analytics_lead_move as (
  lead_id uuid,
  org_id uuid,
  old_project uuid,
  old_owner uuid,
  old_live boolean,
  new_project uuid,
  new_owner uuid,
  new_live boolean
);
comment on type private.analytics_lead_move is
  'A lead whose project, owner or liveness changed in one statement: what each rollup family must move.';

create table private.analytics_relocators (
  fn regproc primary key
);
comment on table private.analytics_relocators is
  'Rollup functions (moves private.analytics_lead_move[]) returns void, called by the leads trigger when leads move. Server-only.';
alter table private.analytics_relocators enable row level security;
revoke all on private.analytics_relocators from public, anon, authenticated;

create table private.analytics_rebuilders (
  fn regproc primary key
);
comment on table private.analytics_rebuilders is
  'Rollup functions (p_org uuid) returns void that recompute one organization''s rows; called by private.analytics_rebuild. Server-only.';
alter table private.analytics_rebuilders enable row level security;
revoke all on private.analytics_rebuilders from public, anon, authenticated;

-- Calls every registered relocator; families are called in a fixed order so concurrent
-- statements take their row locks in the same order.
create function private.analytics_relocate(p_moves private.analytics_lead_move[]) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  f regproc;
begin
  if coalesce(cardinality(p_moves), 0) = 0 then
    return;
  end if;
  for f in select r.fn from private.analytics_relocators r order by r.fn::text loop
    execute format('select %s($1)', f) using p_moves;
  end loop;
end
$$;
revoke all on function private.analytics_relocate(private.analytics_lead_move[]) from public;

-- Recomputes every rollup family of one organization from the source tables.
create function private.analytics_rebuild(p_org uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  f regproc;
begin
  for f in select r.fn from private.analytics_rebuilders r order by r.fn::text loop
    execute format('select %s($1)', f) using p_org;
  end loop;
end
$$;
comment on function private.analytics_rebuild(uuid) is
  'Deletes and recomputes one organization''s rollups with every registered rebuilder (nightly job analytics.rebuild).';
revoke all on function private.analytics_rebuild(uuid) from public, anon, authenticated;
grant execute on function private.analytics_rebuild(uuid) to service_role;

-- ---------------------------------------------------------------------------
-- The tables. Keys are the lead's current organization, project and owner (null owner:
-- unassigned); `bucket` is a UTC hour, so a query turns buckets into local days of any
-- whole-hour time zone exactly: (bucket at time zone tz)::date.

create table public.analytics_lead_totals (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  owner_id uuid,
  leads int not null default 0,
  cold int not null default 0,
  warm int not null default 0,
  hot int not null default 0,
  burning int not null default 0,
  budget int not null default 0,
  authority int not null default 0,
  need int not null default 0,
  timeline int not null default 0,
  qualified int not null default 0,
  meeting_scheduled int not null default 0,
  meeting_held int not null default 0,
  won int not null default 0,
  constraint analytics_lead_totals_key unique nulls not distinct (org_id, project_id, owner_id)
);
comment on table public.analytics_lead_totals is
  'Live leads now, per project and owner: heat levels and how far through BANT, meetings and won. Written by the leads triggers (lib/analytics/README.md).';
comment on column public.analytics_lead_totals.meeting_scheduled is
  'Leads with at least one meeting booked (engagement.meetingsBooked > 0) or status meeting_scheduled or won.';
alter table public.analytics_lead_totals enable row level security;

-- The funnel is a cohort: leads created in an hour, and how far they have come now.
create table public.analytics_lead_cohorts (
  org_id uuid not null references public.organizations (id) on delete cascade,
  bucket timestamptz not null, -- the UTC hour the leads were created in
  project_id uuid,
  owner_id uuid,
  leads int not null default 0,
  cold int not null default 0,
  warm int not null default 0,
  hot int not null default 0,
  burning int not null default 0,
  budget int not null default 0,
  authority int not null default 0,
  need int not null default 0,
  timeline int not null default 0,
  qualified int not null default 0,
  meeting_scheduled int not null default 0,
  meeting_held int not null default 0,
  won int not null default 0,
  constraint analytics_lead_cohorts_key unique nulls not distinct (org_id, bucket, project_id, owner_id)
);
comment on table public.analytics_lead_cohorts is
  'Live leads by the UTC hour they were created in, with where they stand now (the pipeline funnel). Written by the leads triggers.';
alter table public.analytics_lead_cohorts enable row level security;

-- Net changes of the heat distribution per UTC hour, so the distribution at the end of any
-- day is the totals minus the changes after it. Rows with bin = -1 hold the level deltas:
-- +1 at a lead's initial level in the hour it was created, -from/+to at each heat_changed
-- event. Rows with bin >= 0 count leads whose FIRST hot (or burning) came in that hour after
-- starting cold or warm, by how long it took: bin = floor(ln(1 + seconds / 60) / ln(1.02)),
-- so a median placed inside its bin is within one bin width, 2% of (seconds + 60).
create table public.analytics_heat_history (
  org_id uuid not null references public.organizations (id) on delete cascade,
  bucket timestamptz not null,
  project_id uuid,
  owner_id uuid,
  bin smallint not null default -1,
  d_cold int not null default 0,
  d_warm int not null default 0,
  d_hot int not null default 0,
  d_burning int not null default 0,
  first_hot int not null default 0,
  constraint analytics_heat_history_key unique nulls not distinct (org_id, bucket, project_id, owner_id, bin)
);
comment on table public.analytics_heat_history is
  'Heat level changes per UTC hour (bin -1) and the time-to-first-hot histogram (bin >= 0) of live leads; from leads and their heat_changed events.';
alter table public.analytics_heat_history enable row level security;
-- The progression reads the level deltas from a day on: an index-only scan.
create index analytics_heat_history_deltas_idx on public.analytics_heat_history (org_id, bucket)
  include (project_id, owner_id, d_cold, d_warm, d_hot, d_burning) where bin = -1;
create index analytics_heat_history_first_hot_idx on public.analytics_heat_history (org_id, bucket)
  include (project_id, owner_id, bin, first_hot) where bin >= 0;
-- A lead's heat changes, read by the triggers and the rebuild.
create index lead_events_heat_changed_idx on public.lead_events (lead_id, created_at, id) where type = 'heat_changed';

revoke all on public.analytics_lead_totals, public.analytics_lead_cohorts, public.analytics_heat_history
  from public, anon, authenticated;
grant select on public.analytics_lead_totals, public.analytics_lead_cohorts, public.analytics_heat_history to authenticated;
grant all on public.analytics_lead_totals, public.analytics_lead_cohorts, public.analytics_heat_history to service_role;

-- Mirrors the leads policy: a restricted rep sees the rows of their own and unassigned leads.
create policy "Members can read lead totals of the leads they can see" on public.analytics_lead_totals
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read lead cohorts of the leads they can see" on public.analytics_lead_cohorts
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the heat history of the leads they can see" on public.analytics_heat_history
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );

-- ---------------------------------------------------------------------------
-- Totals and cohorts.

-- What one lead row counts for. No `set search_path` (every name is qualified and it is not
-- security definer) so the planner inlines it into the statements that aggregate many rows.
create function private.analytics_lead_counts(l public.leads) returns table (
  leads int, cold int, warm int, hot int, burning int, budget int, authority int, need int, timeline int,
  qualified int, meeting_scheduled int, meeting_held int, won int
)
  language sql immutable
as $$
  select 1,
         (l.heat_level = 'cold')::int, (l.heat_level = 'warm')::int, (l.heat_level = 'hot')::int,
         (l.heat_level = 'burning')::int,
         coalesce(l.bant #>> '{budget,status}' = 'confirmed', false)::int,
         coalesce(l.bant #>> '{authority,status}' = 'confirmed', false)::int,
         coalesce(l.bant #>> '{need,status}' = 'confirmed', false)::int,
         coalesce(l.bant #>> '{timeline,status}' = 'confirmed', false)::int,
         l.bant_qualified::int,
         -- A booked meeting, or a status a person set by hand after one (lib/analytics/types.ts).
         (coalesce(pg_catalog.jsonb_typeof(l.engagement -> 'meetingsBooked') = 'number'
                   and (l.engagement ->> 'meetingsBooked')::numeric > 0, false)
          or l.status in ('meeting_scheduled', 'won'))::int,
         coalesce(pg_catalog.jsonb_typeof(l.engagement -> 'meetingsHeld') = 'number'
                  and (l.engagement ->> 'meetingsHeld')::numeric > 0, false)::int,
         (l.status = 'won')::int
   where l.deleted_at is null
$$;
revoke all on function private.analytics_lead_counts(public.leads) from public;

-- Takes the counts of the `p_minus` lead rows away and adds those of `p_plus`, in totals and cohorts: one upsert per key
-- whose net change is not zero, keys in a fixed order. Organizations being deleted are left
-- alone (their rows go with them).
create function private.analytics_lead_counts_apply(p_minus public.leads[], p_plus public.leads[]) returns void
  language plpgsql security definer
  set search_path = ''
as $$
begin
  with d as (
    select (u.r).org_id, pg_catalog.date_trunc('hour', (u.r).created_at) as bucket, (u.r).project_id, (u.r).owner_id,
           sum(u.s * c.leads) as leads, sum(u.s * c.cold) as cold, sum(u.s * c.warm) as warm,
           sum(u.s * c.hot) as hot, sum(u.s * c.burning) as burning, sum(u.s * c.budget) as budget,
           sum(u.s * c.authority) as authority, sum(u.s * c.need) as need, sum(u.s * c.timeline) as timeline,
           sum(u.s * c.qualified) as qualified, sum(u.s * c.meeting_scheduled) as meeting_scheduled,
           sum(u.s * c.meeting_held) as meeting_held, sum(u.s * c.won) as won
      from (select m as r, -1 as s from unnest(p_minus) m
            union all
            select p, 1 from unnest(p_plus) p) u
      cross join lateral private.analytics_lead_counts(u.r) c
     where exists (select 1 from public.organizations o where o.id = (u.r).org_id)
     group by 1, 2, 3, 4
  ),
  totals as (
    insert into public.analytics_lead_totals as t
      (org_id, project_id, owner_id, leads, cold, warm, hot, burning, budget, authority, need, timeline,
       qualified, meeting_scheduled, meeting_held, won)
    select d.org_id, d.project_id, d.owner_id, sum(d.leads), sum(d.cold), sum(d.warm), sum(d.hot), sum(d.burning),
           sum(d.budget), sum(d.authority), sum(d.need), sum(d.timeline), sum(d.qualified),
           sum(d.meeting_scheduled), sum(d.meeting_held), sum(d.won)
      from d
     group by d.org_id, d.project_id, d.owner_id
    having (sum(d.leads), sum(d.cold), sum(d.warm), sum(d.hot), sum(d.burning), sum(d.budget), sum(d.authority),
            sum(d.need), sum(d.timeline), sum(d.qualified), sum(d.meeting_scheduled), sum(d.meeting_held), sum(d.won))
           is distinct from (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
     order by d.org_id, d.project_id nulls first, d.owner_id nulls first
    on conflict on constraint analytics_lead_totals_key do update set
      leads = t.leads + excluded.leads, cold = t.cold + excluded.cold, warm = t.warm + excluded.warm,
      hot = t.hot + excluded.hot, burning = t.burning + excluded.burning, budget = t.budget + excluded.budget,
      authority = t.authority + excluded.authority, need = t.need + excluded.need,
      timeline = t.timeline + excluded.timeline, qualified = t.qualified + excluded.qualified,
      meeting_scheduled = t.meeting_scheduled + excluded.meeting_scheduled,
      meeting_held = t.meeting_held + excluded.meeting_held, won = t.won + excluded.won
    returning 1
  )
  insert into public.analytics_lead_cohorts as t
    (org_id, bucket, project_id, owner_id, leads, cold, warm, hot, burning, budget, authority, need, timeline,
     qualified, meeting_scheduled, meeting_held, won)
  select d.org_id, d.bucket, d.project_id, d.owner_id, d.leads, d.cold, d.warm, d.hot, d.burning,
         d.budget, d.authority, d.need, d.timeline, d.qualified, d.meeting_scheduled, d.meeting_held, d.won
    from d
   where (d.leads, d.cold, d.warm, d.hot, d.burning, d.budget, d.authority, d.need, d.timeline, d.qualified,
          d.meeting_scheduled, d.meeting_held, d.won) is distinct from (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
   order by d.org_id, d.bucket, d.project_id nulls first, d.owner_id nulls first
  on conflict on constraint analytics_lead_cohorts_key do update set
    leads = t.leads + excluded.leads, cold = t.cold + excluded.cold, warm = t.warm + excluded.warm,
    hot = t.hot + excluded.hot, burning = t.burning + excluded.burning, budget = t.budget + excluded.budget,
    authority = t.authority + excluded.authority, need = t.need + excluded.need,
    timeline = t.timeline + excluded.timeline, qualified = t.qualified + excluded.qualified,
    meeting_scheduled = t.meeting_scheduled + excluded.meeting_scheduled,
    meeting_held = t.meeting_held + excluded.meeting_held, won = t.won + excluded.won;
end
$$;
revoke all on function private.analytics_lead_counts_apply(public.leads[], public.leads[]) from public;

-- Rebuilds one organization's totals and cohorts from its live leads.
create function private.analytics_lead_counts_rebuild(p_org uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  rs public.leads[];
begin
  delete from public.analytics_lead_totals where org_id = p_org;
  delete from public.analytics_lead_cohorts where org_id = p_org;
  select array_agg(l order by l.id) into rs from public.leads l where l.org_id = p_org and l.deleted_at is null;
  if rs is not null then
    perform private.analytics_lead_counts_apply('{}', rs);
  end if;
end
$$;
revoke all on function private.analytics_lead_counts_rebuild(uuid) from public;

-- ---------------------------------------------------------------------------
-- Heat history. A live lead contributes, under its project and owner:
-- - +1 at its initial level (its first heat_changed's `from`, else its level) in the hour it
--   was created;
-- - -from/+to in the hour of each heat_changed event;
-- - when it started cold or warm, +1 first_hot in the hour of its first change to hot or
--   burning, in the bin of how long that took.
-- Every writer computes a lead's contribution the same way (private.analytics_heat_apply)
-- before and after a change and adds the difference, so the table always equals what the
-- rebuild computes from leads and lead_events.

create type private.analytics_heat_lead as (
  lead_id uuid, org_id uuid, project_id uuid, owner_id uuid, created_at timestamptz, heat_level text, sign int
);
create type private.analytics_heat_event as (
  lead_id uuid, id uuid, created_at timestamptz, from_level text, to_level text, sign int
);
comment on type private.analytics_heat_lead is
  'A lead as the heat history counts it, with sign -1 (take its contribution away) or +1 (add it).';
comment on type private.analytics_heat_event is
  'A heat_changed event of a lead, paired with the analytics_heat_lead of the same lead and sign.';

create function private.analytics_heat_apply(
  p_leads private.analytics_heat_lead[],
  p_events private.analytics_heat_event[]
) returns void
  language plpgsql security definer
  set search_path = ''
as $$
begin
  with l as (
    select x.* from unnest(p_leads) x
     where exists (select 1 from public.organizations o where o.id = x.org_id)
  ),
  e as (select y.* from unnest(p_events) y),
  firsts as (
    select distinct on (e.lead_id, e.sign) e.lead_id, e.sign, e.from_level
      from e order by e.lead_id, e.sign, e.created_at, e.id
  ),
  first_hot as (
    select distinct on (e.lead_id, e.sign) e.lead_id, e.sign, e.created_at
      from e where e.to_level in ('hot', 'burning')
     order by e.lead_id, e.sign, e.created_at, e.id
  ),
  parts as (
    select l.org_id, pg_catalog.date_trunc('hour', l.created_at) as bucket, l.project_id, l.owner_id,
           -1 as bin, l.sign * (v.lvl = 'cold')::int as d_cold, l.sign * (v.lvl = 'warm')::int as d_warm,
           l.sign * (v.lvl = 'hot')::int as d_hot, l.sign * (v.lvl = 'burning')::int as d_burning, 0 as first_hot
      from l
      left join firsts f on f.lead_id = l.lead_id and f.sign = l.sign
      cross join lateral (select coalesce(f.from_level, l.heat_level) as lvl) v
    union all
    select l.org_id, pg_catalog.date_trunc('hour', e.created_at), l.project_id, l.owner_id, -1,
           l.sign * ((e.to_level = 'cold')::int - (e.from_level = 'cold')::int),
           l.sign * ((e.to_level = 'warm')::int - (e.from_level = 'warm')::int),
           l.sign * ((e.to_level = 'hot')::int - (e.from_level = 'hot')::int),
           l.sign * ((e.to_level = 'burning')::int - (e.from_level = 'burning')::int),
           0
      from l join e on e.lead_id = l.lead_id and e.sign = l.sign
    union all
    select l.org_id, pg_catalog.date_trunc('hour', h.created_at), l.project_id, l.owner_id,
           pg_catalog.floor(pg_catalog.ln(1 + greatest(0, extract(epoch from h.created_at - l.created_at)) / 60)
                            / pg_catalog.ln(1.02))::int,
           0, 0, 0, 0, l.sign
      from l
      join first_hot h on h.lead_id = l.lead_id and h.sign = l.sign
      join firsts f on f.lead_id = l.lead_id and f.sign = l.sign
     where f.from_level in ('cold', 'warm')
  )
  insert into public.analytics_heat_history as t
    (org_id, bucket, project_id, owner_id, bin, d_cold, d_warm, d_hot, d_burning, first_hot)
  select p.org_id, p.bucket, p.project_id, p.owner_id, p.bin,
         sum(p.d_cold), sum(p.d_warm), sum(p.d_hot), sum(p.d_burning), sum(p.first_hot)
    from parts p
   group by p.org_id, p.bucket, p.project_id, p.owner_id, p.bin
  having (sum(p.d_cold), sum(p.d_warm), sum(p.d_hot), sum(p.d_burning), sum(p.first_hot))
         is distinct from (0, 0, 0, 0, 0)
   order by p.org_id, p.bucket, p.project_id nulls first, p.owner_id nulls first, p.bin
  on conflict on constraint analytics_heat_history_key do update set
    d_cold = t.d_cold + excluded.d_cold, d_warm = t.d_warm + excluded.d_warm, d_hot = t.d_hot + excluded.d_hot,
    d_burning = t.d_burning + excluded.d_burning, first_hot = t.first_hot + excluded.first_hot;
end
$$;
revoke all on function private.analytics_heat_apply(private.analytics_heat_lead[], private.analytics_heat_event[]) from public;

-- The heat_changed events of some leads, as they are now, tagged with `sign`.
create function private.analytics_heat_events(p_leads uuid[], p_sign int) returns private.analytics_heat_event[]
  language sql stable
  set search_path = ''
as $$
  select coalesce(array_agg(row(e.lead_id, e.id, e.created_at, e.data ->> 'from', e.data ->> 'to', p_sign)::private.analytics_heat_event), '{}')
    from public.lead_events e
   where e.lead_id = any (p_leads) and e.type = 'heat_changed'
$$;
revoke all on function private.analytics_heat_events(uuid[], int) from public;

-- Relocator: moved leads' history leaves the old key and joins the new one.
create function private.analytics_heat_relocate(moves private.analytics_lead_move[]) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  ids uuid[];
  ls private.analytics_heat_lead[];
begin
  select array_agg(l.id order by l.id),
         array_agg(x.v order by l.id, (x.v).sign)
    into ids, ls
    from unnest(moves) m
    join public.leads l on l.id = m.lead_id
    cross join lateral (
      select row(l.id, m.org_id, m.old_project, m.old_owner, l.created_at, l.heat_level, -1)::private.analytics_heat_lead
       where m.old_live
      union all
      select row(l.id, m.org_id, m.new_project, m.new_owner, l.created_at, l.heat_level, 1)::private.analytics_heat_lead
       where m.new_live
    ) x(v);
  if ls is not null then
    perform private.analytics_heat_apply(ls, private.analytics_heat_events(ids, -1) || private.analytics_heat_events(ids, 1));
  end if;
end
$$;
revoke all on function private.analytics_heat_relocate(private.analytics_lead_move[]) from public;

create function private.analytics_heat_rebuild(p_org uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  ids uuid[];
  ls private.analytics_heat_lead[];
begin
  delete from public.analytics_heat_history where org_id = p_org;
  select array_agg(l.id order by l.id),
         array_agg(row(l.id, l.org_id, l.project_id, l.owner_id, l.created_at, l.heat_level, 1)::private.analytics_heat_lead order by l.id)
    into ids, ls
    from public.leads l where l.org_id = p_org and l.deleted_at is null;
  if ls is not null then
    perform private.analytics_heat_apply(ls, private.analytics_heat_events(ids, 1));
  end if;
end
$$;
revoke all on function private.analytics_heat_rebuild(uuid) from public;

-- Events added, edited (the demo seed backdates them) or removed: the affected live leads'
-- history before (events as they were) is replaced by the history after (as they are).
create function private.analytics_heat_events_changed(p_old private.analytics_heat_event[], p_new_ids uuid[]) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  ids uuid[];
  ls private.analytics_heat_lead[];
  before_events private.analytics_heat_event[];
begin
  select array_agg(l.id order by l.id) into ids
    from public.leads l
   where l.deleted_at is null
     and l.id = any (array(select o.lead_id from unnest(p_old) o
                           union select e.lead_id from public.lead_events e where e.id = any (p_new_ids) and e.type = 'heat_changed'));
  if ids is null then
    return;
  end if;
  select array_agg(x.v order by l.id, (x.v).sign) into ls
    from public.leads l
    cross join lateral (
      select row(l.id, l.org_id, l.project_id, l.owner_id, l.created_at, l.heat_level, s)::private.analytics_heat_lead
        from unnest(array[-1, 1]) s
    ) x(v)
   where l.id = any (ids);
  select coalesce(array_agg(row(e.lead_id, e.id, e.created_at, e.from_level, e.to_level, -1)::private.analytics_heat_event), '{}')
    into before_events
    from (
      select e.* from unnest(private.analytics_heat_events(ids, -1)) e where not (e.id = any (p_new_ids))
      union all
      select o.* from unnest(p_old) o where o.lead_id = any (ids)
    ) e;
  perform private.analytics_heat_apply(ls, before_events || private.analytics_heat_events(ids, 1));
end
$$;
revoke all on function private.analytics_heat_events_changed(private.analytics_heat_event[], uuid[]) from public;

create function private.analytics_lead_events_inserted() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  new_ids uuid[];
begin
  select array_agg(n.id) into new_ids from new_rows n where n.type = 'heat_changed';
  if new_ids is not null then
    perform private.analytics_heat_events_changed('{}', new_ids);
  end if;
  return null;
end
$$;

create function private.analytics_lead_events_updated() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  olds private.analytics_heat_event[];
  new_ids uuid[];
begin
  select array_agg(row(o.lead_id, o.id, o.created_at, o.data ->> 'from', o.data ->> 'to', -1)::private.analytics_heat_event)
    into olds
    from old_rows o join new_rows n on n.id = o.id
   where (o.type = 'heat_changed' or n.type = 'heat_changed')
     and (o.type, o.created_at, o.data, o.lead_id) is distinct from (n.type, n.created_at, n.data, n.lead_id);
  if olds is null then
    return null;
  end if;
  select array_agg(n.id) into new_ids from new_rows n where n.id in (select o.id from unnest(olds) o);
  -- Old versions that were not heat changes take nothing away.
  select array_agg(o) into olds from unnest(olds) o
   where o.id in (select x.id from old_rows x where x.type = 'heat_changed');
  perform private.analytics_heat_events_changed(coalesce(olds, '{}'), new_ids);
  return null;
end
$$;

create function private.analytics_lead_events_deleted() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  olds private.analytics_heat_event[];
begin
  select array_agg(row(o.lead_id, o.id, o.created_at, o.data ->> 'from', o.data ->> 'to', -1)::private.analytics_heat_event)
    into olds
    from old_rows o where o.type = 'heat_changed';
  if olds is not null then
    perform private.analytics_heat_events_changed(olds, '{}');
  end if;
  return null;
end
$$;

create trigger lead_events_heat_history_insert after insert on public.lead_events
  referencing new table as new_rows
  for each statement execute function private.analytics_lead_events_inserted();
create trigger lead_events_heat_history_update after update on public.lead_events
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.analytics_lead_events_updated();
create trigger lead_events_heat_history_delete after delete on public.lead_events
  referencing old table as old_rows
  for each statement execute function private.analytics_lead_events_deleted();

-- ---------------------------------------------------------------------------
-- The leads triggers: one pass per statement.

create function private.analytics_leads_inserted() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  rs public.leads[];
  ls private.analytics_heat_lead[];
begin
  select array_agg(n order by n.id),
         array_agg(row(n.id, n.org_id, n.project_id, n.owner_id, n.created_at, n.heat_level, 1)::private.analytics_heat_lead order by n.id)
    into rs, ls
    from new_rows n where n.deleted_at is null;
  if rs is not null then
    perform private.analytics_lead_counts_apply('{}', rs);
    -- A new lead has no events yet.
    perform private.analytics_heat_apply(ls, '{}');
  end if;
  return null;
end
$$;

create function private.analytics_leads_updated() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  olds public.leads[];
  news public.leads[];
  ids uuid[];
  ls private.analytics_heat_lead[];
  moves private.analytics_lead_move[];
begin
  -- Counts: only rows whose key, liveness, creation hour or a counted field changed.
  select array_agg(o order by o.id), array_agg(n order by n.id) into olds, news
    from old_rows o
    join new_rows n on n.id = o.id
   where (o.org_id, o.project_id, o.owner_id, o.deleted_at is null, o.created_at,
          o.heat_level, o.bant, o.bant_qualified, o.status, o.engagement -> 'meetingsBooked', o.engagement -> 'meetingsHeld')
         is distinct from
         (n.org_id, n.project_id, n.owner_id, n.deleted_at is null, n.created_at,
          n.heat_level, n.bant, n.bant_qualified, n.status, n.engagement -> 'meetingsBooked', n.engagement -> 'meetingsHeld');
  if olds is null then
    return null; -- nothing the rollups count changed
  end if;
  perform private.analytics_lead_counts_apply(olds, news);

  -- Heat history of live leads whose creation time changed, or whose level changed while no
  -- heat_changed event fixes their initial level yet, under their old key (a move below takes
  -- it from there). A level change of a lead with events changes nothing here: its event,
  -- inserted next, does.
  select array_agg(o.id order by o.id),
         array_agg(x.v order by o.id, (x.v).sign)
    into ids, ls
    from old_rows o
    join new_rows n on n.id = o.id
    cross join lateral (
      select row(o.id, o.org_id, o.project_id, o.owner_id, o.created_at, o.heat_level, -1)::private.analytics_heat_lead
      union all
      select row(o.id, o.org_id, o.project_id, o.owner_id, n.created_at, n.heat_level, 1)::private.analytics_heat_lead
    ) x(v)
   where o.deleted_at is null
     and (o.created_at is distinct from n.created_at
          or (o.heat_level is distinct from n.heat_level
              and not exists (select 1 from public.lead_events e where e.lead_id = o.id and e.type = 'heat_changed')));
  if ls is not null then
    perform private.analytics_heat_apply(ls, private.analytics_heat_events(ids, -1) || private.analytics_heat_events(ids, 1));
  end if;

  select array_agg(row(n.id, n.org_id, o.project_id, o.owner_id, o.deleted_at is null,
                       n.project_id, n.owner_id, n.deleted_at is null)::private.analytics_lead_move order by n.id)
    into moves
    from old_rows o join new_rows n on n.id = o.id
   where (o.project_id, o.owner_id, o.deleted_at is null) is distinct from (n.project_id, n.owner_id, n.deleted_at is null)
     and (o.deleted_at is null or n.deleted_at is null);
  if moves is not null then
    perform private.analytics_relocate(moves);
  end if;
  return null;
end
$$;

create function private.analytics_leads_deleted() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  rs public.leads[];
begin
  select array_agg(o order by o.id) into rs from old_rows o where o.deleted_at is null;
  if rs is not null then
    perform private.analytics_lead_counts_apply(rs, '{}');
  end if;
  return null;
end
$$;

-- A live lead deleted outright (not through the soft delete) takes its contributions with it
-- while its events, messages and meetings still exist (they cascade away right after): a move
-- to "not live" for every family. Purged (soft-deleted) leads contribute nothing already, and
-- an organization being deleted takes its rollups with it.
create function private.analytics_lead_deleting() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if exists (select 1 from public.organizations o where o.id = old.org_id) then
    perform private.analytics_relocate(array[
      row(old.id, old.org_id, old.project_id, old.owner_id, true, old.project_id, old.owner_id, false)::private.analytics_lead_move
    ]);
  end if;
  return old;
end
$$;

revoke all on function private.analytics_lead_events_inserted(), private.analytics_lead_events_updated(),
  private.analytics_lead_events_deleted(), private.analytics_leads_inserted(), private.analytics_leads_updated(),
  private.analytics_leads_deleted(), private.analytics_lead_deleting() from public;

create trigger leads_analytics_insert after insert on public.leads
  referencing new table as new_rows
  for each statement execute function private.analytics_leads_inserted();
create trigger leads_analytics_update after update on public.leads
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.analytics_leads_updated();
create trigger leads_analytics_delete after delete on public.leads
  referencing old table as old_rows
  for each statement execute function private.analytics_leads_deleted();
create trigger leads_analytics_deleting before delete on public.leads
  for each row when (old.deleted_at is null) execute function private.analytics_lead_deleting();

insert into private.analytics_relocators (fn) values ('private.analytics_heat_relocate'::regproc);
insert into private.analytics_rebuilders (fn) values
  ('private.analytics_lead_counts_rebuild'::regproc),
  ('private.analytics_heat_rebuild'::regproc);

-- Leads that exist when this migration runs.
select private.analytics_rebuild(o.id) from public.organizations o;
