-- The tasks role matrix: public.tasks and public.task_suggestions for the owner, admin and
-- manager of organization A, two reps of A (also with "reps see only their own leads"), the owner
-- of organization B and an anonymous visitor. A rep sees their own tasks and the tasks on leads
-- they may see; managers and above see the team's; nobody sees another organization's.
--
-- Users: f1…01 owner A  f1…02 admin A  f1…03 manager A  f1…04 rep A  f1…05 second rep A  f2…01 owner B

select kiln_test.make_world('Tasks Matrix',
  a_owner => 'f1000000-0000-4000-8000-000000000001', a_admin => 'f1000000-0000-4000-8000-000000000002',
  a_manager => 'f1000000-0000-4000-8000-000000000003', a_rep => 'f1000000-0000-4000-8000-000000000004',
  b_owner => 'f2000000-0000-4000-8000-000000000001');
select kiln_test.add_user('f1000000-0000-4000-8000-000000000005', 'rep2-a@tasks-matrix.test', 'Second Rep A',
  current_setting('kiln_test.org_a')::uuid, 'rep');

insert into public.leads (id, org_id, owner_id, name, email) values
  ('f6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'Rep''s lead', 'rep-lead@tasks-matrix.test'),
  ('f6000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000003', 'Manager''s lead', 'mgr-lead@tasks-matrix.test'),
  ('f6000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', 'b-lead@tasks-matrix.test');

-- T1 the rep's own (no lead), T2 the second rep's own (no lead), T3 the manager's on the manager's
-- lead, T4 the second rep's on the rep's lead, TB one of B's.
insert into public.tasks (id, org_id, title, assignee_id, created_by, lead_id, due_at) values
  ('f7000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'T1', 'f1000000-0000-4000-8000-000000000004', 'f1000000-0000-4000-8000-000000000004', null, now() - interval '1 hour'),
  ('f7000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'T2', 'f1000000-0000-4000-8000-000000000005', 'f1000000-0000-4000-8000-000000000005', null, now() + interval '1 day'),
  ('f7000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'T3', 'f1000000-0000-4000-8000-000000000003', 'f1000000-0000-4000-8000-000000000003', 'f6000000-0000-4000-8000-000000000002', null),
  ('f7000000-0000-4000-8000-000000000004', current_setting('kiln_test.org_a')::uuid, 'T4', 'f1000000-0000-4000-8000-000000000005', 'f1000000-0000-4000-8000-000000000005', 'f6000000-0000-4000-8000-000000000001', null),
  ('f7000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'TB', 'f2000000-0000-4000-8000-000000000001', 'f2000000-0000-4000-8000-000000000001', 'f6000000-0000-4000-8000-000000000009', null);

insert into public.task_suggestions (id, org_id, lead_id, due_at, quote) values
  ('f8000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', now() + interval '1 day', 'Call me back tomorrow'),
  ('f8000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000002', now() + interval '1 day', 'Ring me on Tuesday'),
  ('f8000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'f6000000-0000-4000-8000-000000000009', now() + interval '1 day', 'Rufen Sie mich an');

-- ---------------------------------------------------------------------------------------
-- Rep of A (reps see every lead): their own task and the tasks on leads they see; not the
-- second rep's private task, nothing of B.
select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
declare n int;
begin
  assert (select array_agg(title order by title) from public.tasks) = array['T1', 'T3', 'T4'],
    'rep A sees their own task and the tasks on leads they may see';
  assert (select count(*) from public.task_suggestions) = 2, 'rep A sees the suggestions on A''s leads they may see';
  update public.tasks set title = 'Taken' where id = 'f7000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot change the second rep''s private task';
  update public.tasks set completed_at = now(), completed_by = auth.uid() where id = 'f7000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'rep A completes a task on their own lead, as themselves';
  delete from public.tasks where id = 'f7000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot delete the manager''s task on the manager''s lead';
  insert into public.tasks (org_id, title, lead_id) values (current_setting('kiln_test.org_a')::uuid, 'Own new', 'f6000000-0000-4000-8000-000000000001');
  delete from public.tasks where title = 'Own new';
  get diagnostics n = row_count;
  assert n = 1, 'rep A adds and deletes a task of their own';
  update public.task_suggestions set status = 'dismissed', decided_by = auth.uid(), decided_at = now()
   where id = 'f8000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'rep A dismisses a suggestion on their lead, as themselves';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could give a task to the manager', $$
  insert into public.tasks (org_id, title, assignee_id) values (current_setting('kiln_test.org_a')::uuid, 'For you', 'f1000000-0000-4000-8000-000000000003')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a task in the manager''s name', $$
  insert into public.tasks (org_id, title, created_by) values (current_setting('kiln_test.org_a')::uuid, 'Forged', 'f1000000-0000-4000-8000-000000000003')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a task in organization B', $$
  insert into public.tasks (org_id, title) values (current_setting('kiln_test.org_b')::uuid, 'Elsewhere')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could file a task of A on B''s lead', $$
  insert into public.tasks (org_id, title, lead_id) values (current_setting('kiln_test.org_a')::uuid, 'Cross', 'f6000000-0000-4000-8000-000000000009')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could complete a task in someone else''s name', $$
  update public.tasks set completed_at = now(), completed_by = 'f1000000-0000-4000-8000-000000000003' where id = 'f7000000-0000-4000-8000-000000000001'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could mark a reminder as sent (server only)', $$
  update public.tasks set reminded_for = due_at where id = 'f7000000-0000-4000-8000-000000000001'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could propose a task (the inbound pipeline does)', $$
  insert into public.task_suggestions (org_id, lead_id, quote) values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'Forged')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could decide a suggestion in the manager''s name', $$
  update public.task_suggestions set status = 'accepted', decided_by = 'f1000000-0000-4000-8000-000000000003', decided_at = now()
   where id = 'f8000000-0000-4000-8000-000000000002'
$$);
reset role;

-- With "reps see only their own leads": the manager's lead and its task and suggestion disappear.
update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}' where id = current_setting('kiln_test.org_a')::uuid;
select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select array_agg(title order by title) from public.tasks) = array['T1', 'T4'],
    'a restricted rep sees their own tasks and those on their own leads only';
  assert (select count(*) from public.task_suggestions) = 1, 'a restricted rep sees the suggestions on their own leads only';
end
$$;
reset role;
select kiln_test.as_user('f1000000-0000-4000-8000-000000000005');
do $$
begin
  assert (select array_agg(title order by title) from public.tasks) = array['T2', 'T4'],
    'the second rep keeps their own tasks, even on a lead they no longer see';
end
$$;
reset role;

-- Owner, admin and manager of A: the whole team's tasks, nothing of B.
do $$
declare
  who uuid;
  n int;
begin
  foreach who in array array['f1000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000002',
                             'f1000000-0000-4000-8000-000000000003']::uuid[] loop
    perform kiln_test.as_user(who);
    assert (select array_agg(title order by title) from public.tasks) = array['T1', 'T2', 'T3', 'T4'],
      format('%s sees the team''s tasks and none of B''s', who);
    update public.tasks set priority = 'high' where id = 'f7000000-0000-4000-8000-000000000002';
    get diagnostics n = row_count;
    assert n = 1, format('%s changes a rep''s task', who);
    reset role;
  end loop;
end
$$;
select kiln_test.as_user('f1000000-0000-4000-8000-000000000003');
update public.tasks set assignee_id = 'f1000000-0000-4000-8000-000000000004' where id = 'f7000000-0000-4000-8000-000000000002';
select kiln_test.assert_fails('raise_exception', 'the manager could give a task to a member of another organization', $$
  update public.tasks set assignee_id = 'f2000000-0000-4000-8000-000000000001' where id = 'f7000000-0000-4000-8000-000000000002'
$$);
reset role;

-- Owner of B: B's task and suggestion only; A's cannot be changed or deleted from B.
select kiln_test.as_user('f2000000-0000-4000-8000-000000000001');
do $$
declare n int;
begin
  assert (select array_agg(title) from public.tasks) = array['TB'], 'owner B sees only B''s task';
  assert (select count(*) from public.task_suggestions) = 1, 'owner B sees only B''s suggestion';
  update public.tasks set title = 'Hijacked' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot change A''s tasks';
  delete from public.tasks where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot delete A''s tasks';
end
$$;
reset role;

-- Anonymous visitors: nothing.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read tasks', $$select 1 from public.tasks$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read task suggestions', $$select 1 from public.task_suggestions$$);
reset role;

-- The service role (the reminder job) marks a reminder as sent.
select kiln_test.as_service();
update public.tasks set reminded_for = due_at, reminded_at = now() where id = 'f7000000-0000-4000-8000-000000000001';
select kiln_test.as_superuser();
do $$
begin
  assert (select reminded_for is not null from public.tasks where id = 'f7000000-0000-4000-8000-000000000001'),
    'the service role records a reminder';
end
$$;
