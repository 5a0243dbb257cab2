-- The platform admin console's tables are the server's alone: who administers the
-- installation (platform_admins), what they did (platform_audit_log) and the 500s of every
-- organization (server_errors). No member of any role, nor an anonymous visitor, reads or
-- writes them; private.sign_in_disabled() answers only about the caller.

select kiln_test.make_world('Platform Matrix',
  a_owner => 'a1000000-0000-4000-8000-00000000ac01',
  b_owner => 'b1000000-0000-4000-8000-00000000bc01',
  a_admin => 'a2000000-0000-4000-8000-00000000ac02',
  a_rep => 'a4000000-0000-4000-8000-00000000ac04');

insert into public.platform_admins (user_id) values ('a1000000-0000-4000-8000-00000000ac01');
insert into public.platform_audit_log (actor_id, actor_email, action, target_type, target_id)
  values ('a1000000-0000-4000-8000-00000000ac01', 'owner-a@platform-matrix.test', 'user.sign_in_disabled', 'user',
          'a4000000-0000-4000-8000-00000000ac04');
insert into public.server_errors (request_id, org_id, user_id, method, path, status, message)
  values ('req-platform-matrix', current_setting('kiln_test.org_a')::uuid, 'a2000000-0000-4000-8000-00000000ac02',
          'GET', '/api/v1/leads', 500, 'Tenant A failure');
-- The rep's sign-in is disabled.
update auth.users set banned_until = 'infinity' where id = 'a4000000-0000-4000-8000-00000000ac04';

-- A's owner (a platform admin: the flag is no database role), A's rep and B's owner.
select kiln_test.as_user('a1000000-0000-4000-8000-00000000ac01');
select kiln_test.assert_fails('insufficient_privilege', 'a platform admin''s own session could read the platform admins',
  $$select 1 from public.platform_admins$$);
select kiln_test.assert_fails('insufficient_privilege', 'an owner could read the platform audit log',
  $$select 1 from public.platform_audit_log$$);
select kiln_test.assert_fails('insufficient_privilege', 'an owner could read the server errors of their organization',
  $$select 1 from public.server_errors$$);
select kiln_test.as_superuser();

select kiln_test.as_user('a4000000-0000-4000-8000-00000000ac04');
select kiln_test.assert_fails('insufficient_privilege', 'a rep could make themselves a platform admin',
  $$insert into public.platform_admins (user_id) values ((select auth.uid()))$$);
select kiln_test.assert_fails('insufficient_privilege', 'a rep could forge a platform audit entry',
  $$insert into public.platform_audit_log (action) values ('user.sign_in_enabled')$$);
select kiln_test.assert_fails('insufficient_privilege', 'a rep could erase the server errors',
  $$delete from public.server_errors$$);
select kiln_test.as_superuser();

select kiln_test.as_user('b1000000-0000-4000-8000-00000000bc01');
select kiln_test.assert_fails('insufficient_privilege', 'owner B could read organization A''s server errors',
  $$select 1 from public.server_errors$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner B could remove a platform admin',
  $$delete from public.platform_admins$$);
select kiln_test.as_superuser();

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could read the server errors',
  $$select 1 from public.server_errors$$);
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could read who the platform admins are',
  $$select 1 from public.platform_admins$$);
select kiln_test.as_superuser();

-- sign_in_disabled() answers about the caller only.
select kiln_test.as_user('a4000000-0000-4000-8000-00000000ac04');
do $$ begin assert private.sign_in_disabled(), 'a disabled user was not seen as disabled'; end $$;
select kiln_test.as_superuser();
select kiln_test.as_user('a2000000-0000-4000-8000-00000000ac02');
do $$ begin assert not private.sign_in_disabled(), 'an enabled user was seen as disabled'; end $$;
select kiln_test.as_superuser();
