-- The dashboard settings role matrix: owner, admin, manager and rep of organization A, the
-- owner of organization B and an anonymous visitor, against public.user_dashboard_settings.
-- Every member keeps their own dashboards (per project and "all projects") and nobody,
-- whatever their role, reads or writes another person's. Rolled back at the end.
--
-- Users:  da…01 owner of A   da…02 admin of A   da…03 manager of A   da…04 rep of A   db…01 owner of B

select kiln_test.make_world('Dashboard Matrix',
  a_owner => 'da000000-0000-4000-8000-000000000001', a_admin => 'da000000-0000-4000-8000-000000000002',
  a_manager => 'da000000-0000-4000-8000-000000000003', a_rep => 'da000000-0000-4000-8000-000000000004',
  b_owner => 'db000000-0000-4000-8000-000000000001');

-- A project in each organization.
insert into public.projects (id, org_id, name) values
  ('da000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'Rooftops'),
  ('db000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, 'Foreign');

-- Each member of A arranges their "all projects" dashboard; the manager also one project's.
select kiln_test.as_each(array['da000000-0000-4000-8000-000000000001', 'da000000-0000-4000-8000-000000000002',
                               'da000000-0000-4000-8000-000000000003', 'da000000-0000-4000-8000-000000000004']::uuid[], $$
  insert into public.user_dashboard_settings (org_id, widget_layout)
  values (current_setting('kiln_test.org_a')::uuid, '[{"i": "heat", "x": 0, "y": 0, "w": 4, "h": 8}]')
$$);
select kiln_test.as_user('da000000-0000-4000-8000-000000000003');
insert into public.user_dashboard_settings (org_id, project_id, widget_visibility)
values (current_setting('kiln_test.org_a')::uuid, 'da000000-0000-4000-8000-0000000000a1', '{"team": false}');
reset role;

-- Rep of A: their own row only; changes and resets it; cannot write anyone else's.
select kiln_test.as_user('da000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
begin
  assert (select count(*) from public.user_dashboard_settings) = 1, 'rep A sees only their own dashboard';
  update public.user_dashboard_settings set widget_visibility = '{"agents": false}';
  get diagnostics n = row_count;
  assert n = 1, 'rep A changes their own dashboard';
  update public.user_dashboard_settings set widget_layout = '[]' where user_id = 'da000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot change the manager''s dashboard';
  delete from public.user_dashboard_settings where user_id <> 'da000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot reset anyone else''s dashboard';
  delete from public.user_dashboard_settings;
  get diagnostics n = row_count;
  assert n = 1, 'rep A resets their own dashboard';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a dashboard for the manager', $$
  insert into public.user_dashboard_settings (user_id, org_id, project_id)
  values ('da000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'da000000-0000-4000-8000-0000000000a1')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could hand their dashboard to someone else', $$
  update public.user_dashboard_settings set user_id = 'da000000-0000-4000-8000-000000000003'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a dashboard in organization B', $$
  insert into public.user_dashboard_settings (org_id) values (current_setting('kiln_test.org_b')::uuid)
$$);
select kiln_test.assert_fails('unique_violation', 'rep A could keep two "all projects" dashboards', $$
  insert into public.user_dashboard_settings (org_id) values (current_setting('kiln_test.org_a')::uuid)
$$);
select kiln_test.assert_fails('foreign_key_violation', 'rep A could file a dashboard under organization B''s project', $$
  insert into public.user_dashboard_settings (org_id, project_id)
  values (current_setting('kiln_test.org_a')::uuid, 'db000000-0000-4000-8000-0000000000b1')
$$);
reset role;

-- Owner, admin and manager of A: each sees their own rows only, never the rep's.
do $$
declare
  who uuid;
  own int;
begin
  foreach who in array array['da000000-0000-4000-8000-000000000001', 'da000000-0000-4000-8000-000000000002',
                             'da000000-0000-4000-8000-000000000003']::uuid[] loop
    perform kiln_test.as_user(who);
    own := case when who = 'da000000-0000-4000-8000-000000000003' then 2 else 1 end;
    assert (select count(*) from public.user_dashboard_settings) = own, format('%s sees only their own dashboards', who);
    assert not exists (select 1 from public.user_dashboard_settings where user_id = 'da000000-0000-4000-8000-000000000004'),
      'a higher role gives no access to the rep''s dashboard';
    reset role;
  end loop;
end
$$;

-- A member who leaves organization A keeps no access to the dashboards they left there.
delete from public.memberships
 where org_id = current_setting('kiln_test.org_a')::uuid and user_id = 'da000000-0000-4000-8000-000000000002';
select kiln_test.as_user('da000000-0000-4000-8000-000000000002');
do $$
declare
  n int;
begin
  assert (select count(*) from public.user_dashboard_settings) = 0, 'a former admin no longer reads their dashboard in A';
  update public.user_dashboard_settings set widget_layout = '[]';
  get diagnostics n = row_count;
  assert n = 0, 'a former admin no longer changes their dashboard in A';
end
$$;
reset role;

-- Owner of B: nothing of A.
select kiln_test.as_user('db000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.user_dashboard_settings) = 0, 'owner B sees no dashboard of A';
  update public.user_dashboard_settings set widget_layout = '[]';
  get diagnostics n = row_count;
  assert n = 0, 'owner B changes no dashboard of A';
  delete from public.user_dashboard_settings;
  get diagnostics n = row_count;
  assert n = 0, 'owner B resets no dashboard of A';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'owner B could create a dashboard in A', $$
  insert into public.user_dashboard_settings (org_id) values (current_setting('kiln_test.org_a')::uuid)
$$);
reset role;

-- The checks hold for every writer: a layout must be a list, the maps objects, and all of it small.
do $$
begin
  begin
    insert into public.user_dashboard_settings (user_id, org_id, widget_layout)
    values ('db000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid, '{"i": "heat"}');
    assert false, 'a layout that is not a list was stored';
  exception when check_violation then
    null;
  end;
  begin
    insert into public.user_dashboard_settings (user_id, org_id, dashboard_preferences)
    values ('db000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid,
            jsonb_build_object('note', repeat('x', 3000)));
    assert false, 'oversized preferences were stored';
  exception when check_violation then
    null;
  end;
end
$$;

-- Anonymous visitors: nothing at all.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read dashboards', $$select 1 from public.user_dashboard_settings$$);
reset role;
