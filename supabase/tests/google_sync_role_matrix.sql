-- The Google sync role matrix: owner, admin, manager and rep of organization A, the owner of
-- organization B and an anonymous visitor, against public.sync_jobs, public.sync_events,
-- public.google_calendar_events and public.google_sync_state. Like the connection they come
-- from, a sync's jobs, events and calendar copy are their user's own: they read them, nobody
-- else does whatever their role or organization, nobody but the server writes them, and the
-- cursor is the server's alone. Rolled back at the end.
--
-- Users:  6c…01 owner of A   6c…02 admin of A   6c…03 manager of A   6c…04 rep of A   6d…01 owner of B

select kiln_test.make_world('Sync Matrix',
  a_owner => '6c000000-0000-4000-8000-000000000001', a_admin => '6c000000-0000-4000-8000-000000000002',
  a_manager => '6c000000-0000-4000-8000-000000000003', a_rep => '6c000000-0000-4000-8000-000000000004',
  b_owner => '6d000000-0000-4000-8000-000000000001');

-- The server (service role) connects everyone, runs a Calendar sync for each and keeps what it saw.
select kiln_test.as_service();
select kiln_test.connect_google('2000000000', calendar => true);
insert into public.sync_jobs (org_id, user_id, connection_id, target, kind, status, seen, started_at, finished_at)
select org_id, user_id, id, 'calendar', 'initial', 'succeeded', 1, now() - interval '1 minute', now()
  from public.google_connections where org_id in (current_setting('kiln_test.org_a')::uuid, current_setting('kiln_test.org_b')::uuid);
insert into public.sync_events (job_id, org_id, user_id, action, reason, provider_id)
select id, org_id, user_id, 'skipped', 'no_lead_attendee', 'evt-' || user_id from public.sync_jobs
 where org_id in (current_setting('kiln_test.org_a')::uuid, current_setting('kiln_test.org_b')::uuid);
insert into public.google_sync_state (org_id, user_id, connection_id, target, cursor)
select org_id, user_id, id, 'calendar', 'token-' || user_id from public.google_connections
 where org_id in (current_setting('kiln_test.org_a')::uuid, current_setting('kiln_test.org_b')::uuid);
insert into public.google_calendar_events (org_id, user_id, connection_id, google_event_id, status, summary, starts_at, ends_at)
select org_id, user_id, id, 'evt-' || user_id, 'confirmed', 'Private dentist appointment', now() + interval '1 day',
       now() + interval '1 day 30 minutes'
  from public.google_connections where org_id in (current_setting('kiln_test.org_a')::uuid, current_setting('kiln_test.org_b')::uuid);
select kiln_test.as_superuser();

-- Each member of A, whatever their role: their own job, events and calendar; nothing else; no writes.
do $$
declare
  person uuid;
  n int;
begin
  foreach person in array array['6c000000-0000-4000-8000-000000000001', '6c000000-0000-4000-8000-000000000002',
                                 '6c000000-0000-4000-8000-000000000003', '6c000000-0000-4000-8000-000000000004']::uuid[] loop
    perform kiln_test.as_user(person);
    assert (select count(*) from public.sync_jobs) = 1, format('%s sees only their own sync job', person);
    assert (select user_id from public.sync_jobs) = person, format('%s sees their own job', person);
    assert (select count(*) from public.sync_events) = 1, format('%s sees only their own sync events', person);
    assert (select count(*) from public.google_calendar_events) = 1, format('%s sees only their own calendar', person);
    assert (select user_id from public.google_calendar_events) = person, format('%s sees their own calendar', person);
    perform kiln_test.as_superuser();
  end loop;
end
$$;

select kiln_test.as_user('6c000000-0000-4000-8000-000000000001');
select kiln_test.assert_fails('insufficient_privilege', 'owner A could mark their sync job succeeded by hand', $$
  update public.sync_jobs set status = 'succeeded', error = null
$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could queue a sync job for the rep', $$
  insert into public.sync_jobs (org_id, user_id, connection_id, target, kind)
  select org_id, '6c000000-0000-4000-8000-000000000004', connection_id, 'calendar', 'initial' from public.sync_jobs
$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could delete their sync history', $$
  delete from public.sync_jobs
$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could forge a sync event', $$
  insert into public.sync_events (job_id, org_id, user_id, action, reason)
  select id, org_id, user_id, 'created', 'lead_attendee' from public.sync_jobs
$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could plant a calendar event', $$
  update public.google_calendar_events set summary = 'Changed'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could read the sync cursor', $$
  select cursor from public.google_sync_state
$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could move the sync cursor', $$
  update public.google_sync_state set cursor = null
$$);
select kiln_test.as_superuser();

-- Owner of B: their own in B; nothing of A's.
select kiln_test.as_user('6d000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.sync_jobs) = 1, 'owner B sees only their own sync job';
  assert (select count(*) from public.sync_jobs where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B sees no sync job of organization A';
  assert (select count(*) from public.sync_events where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B sees no sync event of organization A';
  assert (select count(*) from public.google_calendar_events where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B sees no calendar of organization A';
end
$$;
select kiln_test.as_superuser();

-- A member who left the organization no longer reads their syncs there.
delete from public.memberships
 where org_id = current_setting('kiln_test.org_a')::uuid and user_id = '6c000000-0000-4000-8000-000000000003';
select kiln_test.as_user('6c000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.sync_jobs) = 0, 'a former member reads no sync job of A';
  assert (select count(*) from public.google_calendar_events) = 0, 'a former member reads no calendar of A';
end
$$;
select kiln_test.as_superuser();

-- Anonymous: nothing at all.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read sync jobs', $$
  select count(*) from public.sync_jobs
$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read sync events', $$
  select count(*) from public.sync_events
$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read synced calendars', $$
  select count(*) from public.google_calendar_events
$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read sync cursors', $$
  select count(*) from public.google_sync_state
$$);
select kiln_test.as_superuser();
