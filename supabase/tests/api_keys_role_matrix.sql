-- The API keys role matrix: owner, admin, manager and rep of organization A, the owner of
-- organization B, an anonymous visitor, and organization A's API principal (what every key
-- of A acts as). Admins manage keys; nobody reads a hash; a principal sees its own
-- organization's data as an admin would, and nothing of any other organization, and can
-- neither see nor mint keys.
--
-- Users:  fa…01 owner of A   fa…02 admin of A   fa…03 manager of A   fa…04 rep of A   fb…01 owner of B

select kiln_test.make_world('Key Matrix',
  a_owner => 'fa000000-0000-4000-8000-000000000001', a_admin => 'fa000000-0000-4000-8000-000000000002',
  a_manager => 'fa000000-0000-4000-8000-000000000003', a_rep => 'fa000000-0000-4000-8000-000000000004',
  b_owner => 'fb000000-0000-4000-8000-000000000001');

insert into public.leads (id, org_id, name) values
  ('fa1ead00-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'Lead of A'),
  ('fb1ead00-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid, 'Lead of B');

-- Admin of A: creates the principal and a key, reads it (not its hash), revokes it for good.
select kiln_test.as_user('fa000000-0000-4000-8000-000000000002');
do $$
declare
  n int;
  principal uuid;
begin
  principal := private.ensure_api_principal(current_setting('kiln_test.org_a')::uuid);
  assert principal is not null, 'admin A gets the principal of A';
  assert private.ensure_api_principal(current_setting('kiln_test.org_a')::uuid) = principal,
    'asking again answers the same principal';
  perform set_config('kiln_test.principal_a', principal::text, true);
  -- The id is the database's to choose (it is not among the columns granted for insert).
  insert into public.api_keys (org_id, name, prefix, secret_hash, scopes, created_by) values
    (current_setting('kiln_test.org_a')::uuid, 'CRM sync', 'kiln_abcdefgh',
     repeat('a', 64), array['leads:read'], 'fa000000-0000-4000-8000-000000000002'),
    (current_setting('kiln_test.org_a')::uuid, 'Website form', 'kiln_ijklmnop',
     repeat('b', 64), array['leads:write'], 'fa000000-0000-4000-8000-000000000002');
  assert (select count(*) from public.api_keys) = 2, 'admin A reads A''s keys';
  update public.api_keys set revoked_at = now() where name = 'Website form';
  get diagnostics n = row_count;
  assert n = 1, 'admin A revokes a key';
  assert (select revoked_by from public.api_keys where name = 'Website form')
    = 'fa000000-0000-4000-8000-000000000002', 'the revoker is recorded as whoever revoked';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'admin A could read a key''s hash',
  $$select secret_hash from public.api_keys$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could un-revoke a key',
  $$update public.api_keys set revoked_at = null where name = 'Website form'$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could change a key''s scopes',
  $$update public.api_keys set scopes = array['leads:write']$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could delete a key''s record',
  $$delete from public.api_keys$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could create a key in the name of the owner', $$
  insert into public.api_keys (org_id, name, prefix, secret_hash, scopes, created_by) values
    (current_setting('kiln_test.org_a')::uuid, 'Forged', 'kiln_qrstuvwx', repeat('c', 64), array['leads:read'],
     'fa000000-0000-4000-8000-000000000001')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could create a key in organization B', $$
  insert into public.api_keys (org_id, name, prefix, secret_hash, scopes, created_by) values
    (current_setting('kiln_test.org_b')::uuid, 'Foreign', 'kiln_qrstuvwx', repeat('c', 64), array['leads:read'],
     'fa000000-0000-4000-8000-000000000002')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could read the principals',
  $$select * from public.api_principals$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could read stored idempotent answers',
  $$select * from public.api_idempotency_keys$$);
reset role;

-- Manager and rep of A: no keys to see, none to make, no principal to ask for.
do $$
declare
  who uuid;
begin
  foreach who in array array['fa000000-0000-4000-8000-000000000003', 'fa000000-0000-4000-8000-000000000004']::uuid[] loop
    perform kiln_test.as_user(who);
    assert (select count(*) from public.api_keys) = 0, 'a manager or rep of A reads no keys';
    update public.api_keys set revoked_at = now();
    reset role;
  end loop;
end
$$;
select kiln_test.as_user('fa000000-0000-4000-8000-000000000003');
select kiln_test.assert_fails('insufficient_privilege', 'manager A could create a key', $$
  insert into public.api_keys (org_id, name, prefix, secret_hash, scopes, created_by) values
    (current_setting('kiln_test.org_a')::uuid, 'Manager key', 'kiln_qrstuvwx', repeat('c', 64), array['leads:read'],
     'fa000000-0000-4000-8000-000000000003')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'manager A could ask for the principal',
  $$select private.ensure_api_principal(current_setting('kiln_test.org_a')::uuid)$$);
reset role;
select kiln_test.as_user('fa000000-0000-4000-8000-000000000004');
select kiln_test.assert_fails('insufficient_privilege', 'rep A could ask for the principal',
  $$select private.ensure_api_principal(current_setting('kiln_test.org_a')::uuid)$$);
reset role;
do $$
begin
  assert (select count(*) from public.api_keys where revoked_at is null and org_id = current_setting('kiln_test.org_a')::uuid) = 1, 'nobody but admins revoked anything';
end
$$;

-- Owner of B: none of A's keys, not even to revoke; no principal of A to ask for.
select kiln_test.as_user('fb000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.api_keys) = 0, 'owner B reads none of A''s keys';
  update public.api_keys set revoked_at = now();
  get diagnostics n = row_count;
  assert n = 0, 'owner B revokes none of A''s keys';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'owner B could ask for A''s principal',
  $$select private.ensure_api_principal(current_setting('kiln_test.org_a')::uuid)$$);
reset role;

-- A's principal (what A's keys act as): an admin of A for the data, nothing in B, no keys.
select kiln_test.as_user(current_setting('kiln_test.principal_a')::uuid);
do $$
declare
  n int;
begin
  assert (select private.current_org_ids()) = array[current_setting('kiln_test.org_a')::uuid],
    'the principal belongs to A alone';
  assert private.has_role(current_setting('kiln_test.org_a')::uuid, 'admin'), 'the principal is an admin of A';
  assert not private.has_role(current_setting('kiln_test.org_a')::uuid, 'owner'), 'the principal is no owner of A';
  assert not private.is_member(current_setting('kiln_test.org_b')::uuid), 'the principal is no member of B';
  assert (select count(*) from public.leads) = 1, 'the principal reads A''s lead and not B''s';
  assert (select id from public.leads) = 'fa1ead00-0000-4000-8000-000000000001', 'the lead it reads is A''s';
  assert (select count(*) from public.organizations) = 1, 'the principal reads only its organization';
  assert (select count(*) from public.memberships) = 4, 'the principal sees A''s four members and is not one of them';
  assert (select count(*) from public.api_keys) = 0, 'the principal reads no keys';
  update public.leads set name = 'Renamed' where id = 'fb1ead00-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 0, 'the principal changes nothing of B';
  update public.api_keys set revoked_at = now();
  get diagnostics n = row_count;
  assert n = 0, 'the principal revokes no key';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'the principal could create a lead in B', $$
  insert into public.leads (org_id, name, created_by) values
    (current_setting('kiln_test.org_b')::uuid, 'Planted', current_setting('kiln_test.principal_a')::uuid)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'the principal could mint a key', $$
  insert into public.api_keys (org_id, name, prefix, secret_hash, scopes, created_by) values
    (current_setting('kiln_test.org_a')::uuid, 'Self-made', 'kiln_qrstuvwx', repeat('c', 64), array['leads:write'],
     current_setting('kiln_test.principal_a')::uuid)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'the principal could ask for a principal',
  $$select private.ensure_api_principal(current_setting('kiln_test.org_a')::uuid)$$);
reset role;

-- The principal cannot sign in: no password, banned for good.
do $$
begin
  assert (select encrypted_password is null and banned_until = 'infinity'
            from auth.users where id = current_setting('kiln_test.principal_a')::uuid),
    'the principal has no password and is banned';
end
$$;

-- An anonymous visitor: nothing.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read keys', $$select id from public.api_keys$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read principals', $$select * from public.api_principals$$);
reset role;
