-- The session state and saved views role matrix: owner, admin, manager and rep of organization
-- A, the owner of organization B and an anonymous visitor, against public.user_session_state and
-- public.user_saved_views. Everyone keeps their own; nobody, whatever their role or organization,
-- reads or writes another person's. Rolled back at the end.
--
-- Users:  5a…01 owner of A   5a…02 admin of A   5a…03 manager of A   5a…04 rep of A   5b…01 owner of B

select kiln_test.make_world('Session State Matrix',
  a_owner => '5a000000-0000-4000-8000-000000000001', a_admin => '5a000000-0000-4000-8000-000000000002',
  a_manager => '5a000000-0000-4000-8000-000000000003', a_rep => '5a000000-0000-4000-8000-000000000004',
  b_owner => '5b000000-0000-4000-8000-000000000001');

-- Each member of A saves a device's state and a view of A's lead list.
select kiln_test.as_each(array['5a000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000002',
                               '5a000000-0000-4000-8000-000000000003', '5a000000-0000-4000-8000-000000000004']::uuid[], $$
  insert into public.user_session_state (device_id, current_context)
  values ('device-' || replace(auth.uid()::text, '-', ''), '{"page": "leads"}');
  insert into public.user_saved_views (org_id, name, definition)
  values (current_setting('kiln_test.org_a')::uuid, 'Hot', '{"filters": {"heat": "hot"}}')
$$);

-- Rep of A: their own rows only; cannot read, change or delete the others' (even a manager's).
select kiln_test.as_user('5a000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
begin
  assert (select count(*) from public.user_session_state) = 1, 'rep A sees only their own session state';
  assert (select count(*) from public.user_saved_views) = 1, 'rep A sees only their own saved views';
  update public.user_session_state set current_context = '{}' where user_id <> '5a000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot change anyone else''s session state';
  delete from public.user_session_state where user_id <> '5a000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot delete anyone else''s session state';
  update public.user_saved_views set name = 'Mine now' where user_id <> '5a000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot rename anyone else''s saved view';
  delete from public.user_saved_views where user_id <> '5a000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot delete anyone else''s saved view';
  update public.user_saved_views set name = 'Burning';
  get diagnostics n = row_count;
  assert n = 1, 'rep A renames their own saved view';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could save state in the manager''s name', $$
  insert into public.user_session_state (user_id, device_id) values ('5a000000-0000-4000-8000-000000000003', 'device-forged-000000')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could save a view in the manager''s name', $$
  insert into public.user_saved_views (user_id, org_id, name)
  values ('5a000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'Forged')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could save a view in organization B', $$
  insert into public.user_saved_views (org_id, name) values (current_setting('kiln_test.org_b')::uuid, 'Elsewhere')
$$);
select kiln_test.assert_fails('unique_violation', 'rep A could keep two views named alike', $$
  insert into public.user_saved_views (org_id, name) values (current_setting('kiln_test.org_a')::uuid, 'BURNING')
$$);
reset role;

-- Owner, admin and manager of A: a higher role gives no access to the rep's rows.
do $$
declare
  who uuid;
begin
  foreach who in array array['5a000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000002',
                             '5a000000-0000-4000-8000-000000000003']::uuid[] loop
    perform kiln_test.as_user(who);
    assert (select count(*) from public.user_session_state) = 1, format('%s sees only their own session state', who);
    assert (select count(*) from public.user_saved_views) = 1, format('%s sees only their own saved views', who);
    assert not exists (select 1 from public.user_saved_views where user_id = '5a000000-0000-4000-8000-000000000004'),
      'a higher role gives no access to the rep''s saved views';
    reset role;
  end loop;
end
$$;

-- A member who leaves A keeps their session state (it is theirs) but no longer sees their views of A.
delete from public.memberships
 where org_id = current_setting('kiln_test.org_a')::uuid and user_id = '5a000000-0000-4000-8000-000000000002';
select kiln_test.as_user('5a000000-0000-4000-8000-000000000002');
do $$
begin
  assert (select count(*) from public.user_saved_views) = 0, 'a former admin no longer reads their views of A';
  assert (select count(*) from public.user_session_state) = 1, 'a former admin still reads their own session state';
end
$$;
reset role;

-- Owner of B: nothing of A.
select kiln_test.as_user('5b000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.user_session_state) = 0, 'owner B sees no session state of A''s people';
  assert (select count(*) from public.user_saved_views) = 0, 'owner B sees no saved view of A';
  delete from public.user_session_state;
  get diagnostics n = row_count;
  assert n = 0, 'owner B deletes no session state of A''s people';
  update public.user_saved_views set definition = '{}';
  get diagnostics n = row_count;
  assert n = 0, 'owner B changes no saved view of A';
end
$$;
reset role;

-- The checks hold for every writer: a device id of the cookie's form, objects, and small.
do $$
begin
  begin
    insert into public.user_session_state (user_id, device_id)
    values ('5b000000-0000-4000-8000-000000000001', 'bad id');
    assert false, 'a malformed device id was stored';
  exception when check_violation then
    null;
  end;
  begin
    insert into public.user_session_state (user_id, device_id, ui_state)
    values ('5b000000-0000-4000-8000-000000000001', 'device-big-0000000000', jsonb_build_object('x', repeat('x', 5000)));
    assert false, 'an oversized UI state was stored';
  exception when check_violation then
    null;
  end;
  begin
    insert into public.user_saved_views (user_id, org_id, name, kind)
    values ('5b000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid, 'Inbox view', 'inbox');
    assert false, 'a view of an unknown list was stored';
  exception when check_violation then
    null;
  end;
end
$$;

-- Anonymous visitors: nothing at all.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read session state', $$select 1 from public.user_session_state$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read saved views', $$select 1 from public.user_saved_views$$);
reset role;
