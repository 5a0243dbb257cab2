-- The messages rollup without the owner (and without the project), for the people who see every lead.
--
-- analytics_messages is keyed by the lead's owner so that row-level security can show a
-- restricted rep only their own leads' messages. A team spreads its messages over many owners:
-- at a 100k-lead organization nearly every (hour, owner) row holds a single message, so a
-- manager's 90-day chart read one row per message. Managers and above (and everyone in an
-- organization that does not restrict reps) see every lead anyway: for them these tables sum the
-- owners away, per project (a project's page) and per organization (all projects), per hour,
-- medium and direction.
--
-- They are kept from analytics_messages itself by statement-level triggers, so every path that
-- writes that rollup (the message triggers, lead moves, rebuilds) keeps all three in step
-- without knowing about these.

create table public.analytics_project_messages (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- UTC hour the message was written
  medium text not null,
  direction text not null,
  messages integer not null default 0,
  constraint analytics_project_messages_key unique nulls not distinct (org_id, project_id, bucket, medium, direction)
);
comment on table public.analytics_project_messages is 'analytics_messages summed over owners; readable only where the reader sees every lead. Written by triggers on analytics_messages only.';

-- And over projects too, for the page with all projects (a team works on a few projects at once:
-- another factor of two or three fewer rows).
create table public.analytics_org_messages (
  org_id uuid not null references public.organizations (id) on delete cascade,
  bucket timestamptz not null,   -- UTC hour the message was written
  medium text not null,
  direction text not null,
  messages integer not null default 0,
  constraint analytics_org_messages_key unique (org_id, bucket, medium, direction)
);
comment on table public.analytics_org_messages is 'analytics_messages summed over owners and projects; readable only where the reader sees every lead. Written by triggers on analytics_messages only.';

create index analytics_project_messages_org_bucket_idx on public.analytics_project_messages (org_id, bucket)
  include (project_id, medium, direction, messages);
create index analytics_org_messages_org_bucket_idx on public.analytics_org_messages (org_id, bucket)
  include (medium, direction, messages);
alter table public.analytics_project_messages set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
alter table public.analytics_org_messages set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);

alter table public.analytics_project_messages enable row level security;
alter table public.analytics_org_messages enable row level security;
revoke all on public.analytics_project_messages, public.analytics_org_messages from public, anon, authenticated;
grant select on public.analytics_project_messages, public.analytics_org_messages to authenticated;
grant all on public.analytics_project_messages, public.analytics_org_messages to service_role;

-- Without owners, a row may sum leads a restricted rep must not see: only those who see every lead read these.
create policy "Members who see every lead can read messages by project" on public.analytics_project_messages
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
  );
create policy "Members who see every lead can read messages by organization" on public.analytics_org_messages
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
  );

-- One function for the insert, update and delete triggers (each declares only the transition
-- tables its event has): the statement's net change per key, one upsert per key, in key order.
create function private.analytics_owner_free_messages_changed() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_delta public.analytics_project_messages[];
begin
  if tg_op = 'INSERT' then
    v_delta := array(select row(n.org_id, n.project_id, n.bucket, n.medium, n.direction, n.messages)::public.analytics_project_messages
                       from new_rows n);
  elsif tg_op = 'UPDATE' then
    v_delta := array(select row(n.org_id, n.project_id, n.bucket, n.medium, n.direction, n.messages)::public.analytics_project_messages
                       from new_rows n
                     union all
                     select row(o.org_id, o.project_id, o.bucket, o.medium, o.direction, -o.messages)::public.analytics_project_messages
                       from old_rows o);
  else
    -- An organization being deleted takes its rows with it (cascade): nothing to subtract from.
    v_delta := array(select row(o.org_id, o.project_id, o.bucket, o.medium, o.direction, -o.messages)::public.analytics_project_messages
                       from old_rows o
                      where exists (select 1 from public.organizations g where g.id = o.org_id));
  end if;
  with d as (select * from unnest(v_delta)),
  by_project as (
    insert into public.analytics_project_messages as t (org_id, project_id, bucket, medium, direction, messages)
    select org_id, project_id, bucket, medium, direction, sum(messages)
      from d group by 1, 2, 3, 4, 5 having sum(messages) <> 0
     order by 1, 2, 3, 4, 5
    on conflict (org_id, project_id, bucket, medium, direction) do update set messages = t.messages + excluded.messages
  )
  insert into public.analytics_org_messages as t (org_id, bucket, medium, direction, messages)
  select org_id, bucket, medium, direction, sum(messages)
    from d group by 1, 2, 3, 4 having sum(messages) <> 0
   order by 1, 2, 3, 4
  on conflict (org_id, bucket, medium, direction) do update set messages = t.messages + excluded.messages;
  return null;
end
$$;
revoke all on function private.analytics_owner_free_messages_changed() from public;

create trigger analytics_messages_owner_free_insert after insert on public.analytics_messages
  referencing new table as new_rows for each statement execute function private.analytics_owner_free_messages_changed();
create trigger analytics_messages_owner_free_update after update on public.analytics_messages
  referencing old table as old_rows new table as new_rows for each statement execute function private.analytics_owner_free_messages_changed();
create trigger analytics_messages_owner_free_delete after delete on public.analytics_messages
  referencing old table as old_rows for each statement execute function private.analytics_owner_free_messages_changed();

insert into public.analytics_project_messages (org_id, project_id, bucket, medium, direction, messages)
select org_id, project_id, bucket, medium, direction, sum(messages)
  from public.analytics_messages
 group by 1, 2, 3, 4, 5 having sum(messages) <> 0;
insert into public.analytics_org_messages (org_id, bucket, medium, direction, messages)
select org_id, bucket, medium, direction, sum(messages)
  from public.analytics_messages
 group by 1, 2, 3, 4 having sum(messages) <> 0;
