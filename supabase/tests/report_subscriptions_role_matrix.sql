-- The scheduled reports role matrix: owner, admin, manager and rep of organization A, the owner
-- of organization B and an anonymous visitor, against report_subscriptions and report_runs.
-- A person sees and manages only their own subscriptions, in organizations they belong to;
-- runs are written only by the report job (service role) and read only by their subscriber.
--
-- Users:  ea…01 owner of A   ea…02 admin of A   ea…03 manager of A   ea…04 rep of A   eb…01 owner of B

select kiln_test.make_world('Report Matrix',
  a_owner => 'ea000000-0000-4000-8000-000000000001', a_admin => 'ea000000-0000-4000-8000-000000000002',
  a_manager => 'ea000000-0000-4000-8000-000000000003', a_rep => 'ea000000-0000-4000-8000-000000000004',
  b_owner => 'eb000000-0000-4000-8000-000000000001');

insert into public.projects (id, org_id, name) values
  ('eb9a0000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid, 'Project of B');

-- As the app leaves them: the rep's and the manager's weekly reports in A, B's owner's monthly one
-- in B, and one generated report of each in A (the job writes runs as the service role).
insert into public.report_subscriptions (id, user_id, org_id, cadence, weekday, hour, time_zone, next_run_at) values
  ('ea5ab000-0000-4000-8000-000000000004', 'ea000000-0000-4000-8000-000000000004', current_setting('kiln_test.org_a')::uuid,
   'weekly', 1, 8, 'Europe/Zurich', now() + interval '1 day'),
  ('ea5ab000-0000-4000-8000-000000000003', 'ea000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid,
   'weekly', 5, 17, 'Europe/Zurich', now() + interval '2 days');
insert into public.report_subscriptions (id, user_id, org_id, cadence, day_of_month, hour, time_zone, next_run_at) values
  ('eb5ab000-0000-4000-8000-000000000001', 'eb000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid,
   'monthly', 31, 6, 'America/New_York', now() + interval '3 days');
select kiln_test.as_service();
insert into public.report_runs (id, subscription_id, user_id, org_id, period_from, period_to, time_zone, status, pdf)
select ('ea7a0000-0000-4000-8000-00000000000' || n)::uuid, ('ea5ab000-0000-4000-8000-00000000000' || n)::uuid,
       ('ea000000-0000-4000-8000-00000000000' || n)::uuid, current_setting('kiln_test.org_a')::uuid,
       '2026-11-23', '2026-11-29', 'Europe/Zurich', 'sent', '\x255044462d'::bytea
  from (values (3), (4)) as subscribers (n);
reset role;

-- Rep of A: their own subscription and report only; subscribes, changes and deletes their own.
select kiln_test.as_user('ea000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
begin
  assert (select count(*) from public.report_subscriptions) = 1, 'rep A sees only their own subscription';
  assert (select count(*) from public.report_runs) = 1, 'rep A sees only their own report';
  insert into public.report_subscriptions (org_id, cadence, day_of_month, hour, time_zone, next_run_at)
  values (current_setting('kiln_test.org_a')::uuid, 'monthly', 1, 7, 'UTC', now() + interval '1 day');
  assert (select count(*) from public.report_subscriptions) = 2, 'rep A subscribes themselves (user_id defaults to them)';
  update public.report_subscriptions set hour = 9, active = false;
  get diagnostics n = row_count;
  assert n = 2, 'rep A changes and pauses only their own subscriptions';
  delete from public.report_subscriptions where id = 'ea5ab000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot delete the manager''s subscription';
  update public.report_subscriptions set hour = 1 where id = 'ea5ab000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot change the manager''s subscription';
  delete from public.report_subscriptions where id = 'ea5ab000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'rep A deletes their own subscription';
  assert (select count(*) from public.report_runs) = 0, 'deleting a subscription deletes its reports';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could subscribe the manager', $$
  insert into public.report_subscriptions (user_id, org_id, cadence, weekday, hour, time_zone, next_run_at)
  values ('ea000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'weekly', 1, 8, 'UTC', now())
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could subscribe in organization B', $$
  insert into public.report_subscriptions (org_id, cadence, weekday, hour, time_zone, next_run_at)
  values (current_setting('kiln_test.org_b')::uuid, 'weekly', 1, 8, 'UTC', now())
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could hand their subscription to someone else',
  $$update public.report_subscriptions set user_id = 'ea000000-0000-4000-8000-000000000003'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could move their subscription to organization B',
  $$update public.report_subscriptions set org_id = current_setting('kiln_test.org_b')::uuid$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could forge a report', $$
  insert into public.report_runs (subscription_id, user_id, org_id, period_from, period_to, time_zone, status, pdf)
  values ('ea5ab000-0000-4000-8000-000000000004', 'ea000000-0000-4000-8000-000000000004',
          current_setting('kiln_test.org_a')::uuid, '2026-11-01', '2026-11-07', 'UTC', 'sent', '\x00'::bytea)
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could change a report', $$update public.report_runs set status = 'failed', error_kind = 'email'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete a report', $$delete from public.report_runs$$);

-- A project of another organization cannot be subscribed to.
select kiln_test.assert_fails('foreign_key_violation', 'rep A could subscribe to a project of organization B', $$
  insert into public.report_subscriptions (org_id, project_id, cadence, weekday, hour, time_zone, next_run_at)
  values (current_setting('kiln_test.org_a')::uuid, 'eb9a0000-0000-4000-8000-000000000001', 'weekly', 1, 8, 'UTC', now())
$$);

-- The schedule's shape is the database's invariant too: a weekly report names a weekday, not a day of the month.
do $$
begin
  insert into public.report_subscriptions (org_id, cadence, day_of_month, hour, time_zone, next_run_at)
  values (current_setting('kiln_test.org_a')::uuid, 'weekly', 3, 8, 'UTC', now());
  assert false, 'rep A could save a weekly report without a weekday';
exception when check_violation then
  null;
end
$$;
reset role;

-- Owner, admin and manager of A: being above the rep gives no access to the rep's reports.
select kiln_test.as_user('ea000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.report_subscriptions) = 0, 'owner A sees no one else''s subscriptions';
  assert (select count(*) from public.report_runs) = 0, 'owner A sees no one else''s reports';
  update public.report_subscriptions set active = false;
  get diagnostics n = row_count;
  assert n = 0, 'owner A cannot pause the rep''s report';
  delete from public.report_subscriptions;
  get diagnostics n = row_count;
  assert n = 0, 'owner A cannot delete anyone''s report';
end
$$;
reset role;
select kiln_test.as_user('ea000000-0000-4000-8000-000000000002');
do $$
begin
  assert (select count(*) from public.report_subscriptions) = 0, 'admin A sees no one else''s subscriptions';
  assert (select count(*) from public.report_runs) = 0, 'admin A sees no one else''s reports';
end
$$;
reset role;
select kiln_test.as_user('ea000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.report_subscriptions) = 1, 'manager A sees only their own subscription';
  assert (select id from public.report_runs) = 'ea7a0000-0000-4000-8000-000000000003', 'manager A sees only their own report';
end
$$;
reset role;

-- Owner of B: their own subscription in B, nothing of A.
select kiln_test.as_user('eb000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select id from public.report_subscriptions) = 'eb5ab000-0000-4000-8000-000000000001', 'owner B sees only their own subscription';
  assert (select count(*) from public.report_runs) = 0, 'owner B sees no report of A';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'owner B could subscribe in organization A', $$
  insert into public.report_subscriptions (org_id, cadence, weekday, hour, time_zone, next_run_at)
  values (current_setting('kiln_test.org_a')::uuid, 'weekly', 1, 8, 'UTC', now())
$$);
reset role;

-- Anonymous visitors: no access at all.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read subscriptions', $$select count(*) from public.report_subscriptions$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read reports', $$select count(*) from public.report_runs$$);
reset role;

-- A rep who leaves the organization no longer sees their reports there (the job stops them too).
delete from public.memberships where user_id = 'ea000000-0000-4000-8000-000000000004';
select kiln_test.as_user('ea000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.report_subscriptions) = 0, 'a former member sees no subscription of A';
  assert (select count(*) from public.report_runs) = 0, 'a former member sees no report of A';
end
$$;
reset role;
