-- The Google connections role matrix: owner, admin, manager and rep of organization A, the owner
-- of organization B and an anonymous visitor, against public.google_connections. A connection is
-- its user's own: they read its status and switch its parts; nobody else, whatever their role or
-- organization, reads or changes it, and nobody but the server reads a token or writes the rest.
-- Rolled back at the end.
--
-- Users:  6a…01 owner of A   6a…02 admin of A   6a…03 manager of A   6a…04 rep of A   6b…01 owner of B

select kiln_test.make_world('Google Matrix',
  a_owner => '6a000000-0000-4000-8000-000000000001', a_admin => '6a000000-0000-4000-8000-000000000002',
  a_manager => '6a000000-0000-4000-8000-000000000003', a_rep => '6a000000-0000-4000-8000-000000000004',
  b_owner => '6b000000-0000-4000-8000-000000000001');

-- The OAuth callback (service role) stores a connection for every member of A and the owner of B.
select kiln_test.as_service();
select kiln_test.connect_google('1000000000', scopes => array['openid'], gmail => true);
select kiln_test.as_superuser();

-- Each member of A, whatever their role: their own row only; its parts switch; nothing else does.
do $$
declare
  person uuid;
  n int;
begin
  foreach person in array array['6a000000-0000-4000-8000-000000000001', '6a000000-0000-4000-8000-000000000002',
                                 '6a000000-0000-4000-8000-000000000003', '6a000000-0000-4000-8000-000000000004']::uuid[] loop
    perform kiln_test.as_user(person);
    assert (select count(*) from public.google_connections) = 1, format('%s sees only their own Google connection', person);
    assert (select user_id from public.google_connections) = person, format('%s sees their own row', person);
    update public.google_connections set gmail_enabled = false where user_id <> person;
    get diagnostics n = row_count;
    assert n = 0, format('%s cannot switch anyone else''s parts', person);
    update public.google_connections set calendar_enabled = true, gmail_enabled = false;
    get diagnostics n = row_count;
    assert n = 1, format('%s switches the parts of their own connection', person);
    perform kiln_test.as_superuser();
  end loop;
end
$$;

-- Whatever is not a part switch is the server's: tokens, status, the account, new rows, deleting.
select kiln_test.as_user('6a000000-0000-4000-8000-000000000004');
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read their own access token', $$
  select access_token_sealed from public.google_connections
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read their own refresh token', $$
  select refresh_token_sealed from public.google_connections
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could mark their connection healthy by hand', $$
  update public.google_connections set status = 'connected', last_errors = '[]'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could grant themselves scopes', $$
  update public.google_connections set scopes = array['https://www.googleapis.com/auth/gmail.send']
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could plant a connection for the manager', $$
  insert into public.google_connections (org_id, user_id, status)
  values (current_setting('kiln_test.org_a')::uuid, '6a000000-0000-4000-8000-000000000003', 'disconnected')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete their connection without revoking it', $$
  delete from public.google_connections
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read pending OAuth states', $$
  select count(*) from public.oauth_states
$$);
select kiln_test.as_superuser();

-- Owner of B: their own row in B; nothing of A's.
select kiln_test.as_user('6b000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.google_connections) = 1, 'owner B sees only their own Google connection';
  assert (select count(*) from public.google_connections where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B sees no connection of organization A';
  update public.google_connections set gmail_enabled = false where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot switch the parts of a connection in A';
end
$$;
select kiln_test.as_superuser();

-- A member who left the organization no longer reads their connection there.
delete from public.memberships
 where org_id = current_setting('kiln_test.org_a')::uuid and user_id = '6a000000-0000-4000-8000-000000000003';
select kiln_test.as_user('6a000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.google_connections) = 0, 'a former member reads no connection of A';
end
$$;
select kiln_test.as_superuser();

-- Anonymous: nothing at all.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read Google connections', $$
  select count(*) from public.google_connections
$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could switch a part', $$
  update public.google_connections set gmail_enabled = true
$$);
select kiln_test.as_superuser();
