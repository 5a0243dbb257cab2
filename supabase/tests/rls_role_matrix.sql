-- The role matrix: what an owner, admin, manager and rep of organization A, the owner of
-- another organization (B), a signed-in user with no organization, and an anonymous
-- visitor may and may not do. Each allowed and each denied action is asserted.
--
-- Plain SQL + plpgsql `assert` (no pgTAP: the embedded database has none), so it runs
-- the same on PGlite and PostgreSQL. The runner (tests/integration/sql-tests.test.ts)
-- executes this file as the superuser inside one transaction and rolls it back, which is
-- why every `set_config(..., true)` and `set local role` below is transaction-local.
--
-- Switching identity is done exactly as withRls() / PostgREST do it, through the helpers
-- in support/prelude.sql that the runner loads first:
--   reset role;
--   select kiln_test.as_user('<uuid>');  -- the claims {"sub":"<uuid>","role":"authenticated"}, then set local role authenticated
-- Fixture ids are kept in transaction-local settings `kiln_test.*` so DO blocks can read them.
--
-- Users (ids are fixed; everything is rolled back):
--   a1…01 owner of A   a1…02 admin of A   a1…03 manager of A   a1…04 rep of A
--   b1…01 owner of B   c1…01 signed in, member of nothing

-- ---------------------------------------------------------------------------------------
-- Fixtures, as the superuser.

select kiln_test.make_world('RLS Matrix',
  a_owner => 'a1000000-0000-4000-8000-000000000001', a_admin => 'a1000000-0000-4000-8000-000000000002',
  a_manager => 'a1000000-0000-4000-8000-000000000003', a_rep => 'a1000000-0000-4000-8000-000000000004',
  b_owner => 'b1000000-0000-4000-8000-000000000001');

-- Signed in, member of nothing.
select kiln_test.add_user('c1000000-0000-4000-8000-000000000001', 'loner@rls-matrix.test', 'Loner');

insert into public.projects (id, org_id, name, created_by) values
  ('a2000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'Rooftop solar', 'a1000000-0000-4000-8000-000000000003'),
  ('b2000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid, 'B project', 'b1000000-0000-4000-8000-000000000001');

insert into public.invitations (id, org_id, email, role, token_hash, invited_by, expires_at) values
  ('a3000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'invitee-a@rls-matrix.test', 'rep',
   private.hash_token('rls-matrix-token-a'), 'a1000000-0000-4000-8000-000000000002', now() + interval '7 days');

insert into public.audit_log (id, org_id, actor_id, action) values
  ('a4000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'a1000000-0000-4000-8000-000000000001', 'org.created'),
  ('b4000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid, 'b1000000-0000-4000-8000-000000000001', 'org.created');

insert into public.user_sessions (id, user_id, current_org_id, expires_at) values
  ('a5000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, now() + interval '1 day'),
  ('a5000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000004', current_setting('kiln_test.org_a')::uuid, now() + interval '1 day'),
  ('b5000000-0000-4000-8000-000000000001', 'b1000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid, now() + interval '1 day');

insert into public.login_attempts (email, succeeded) values ('owner-a@rls-matrix.test', true);

insert into public.password_reset_tokens (user_id, token_hash, expires_at) values
  ('a1000000-0000-4000-8000-000000000004', private.hash_token('rls-matrix-reset-a'), now() + interval '1 hour');

-- ---------------------------------------------------------------------------------------
-- Owner of A.

select kiln_test.as_user('a1000000-0000-4000-8000-000000000001');

do $$
declare
  org_a uuid := current_setting('kiln_test.org_a')::uuid;
  n int;
begin
  assert (select count(*) from public.organizations) = 1, 'owner A reads exactly their own organization';
  assert (select count(*) from public.memberships where org_id = org_a) = 4, 'owner A reads all four memberships of A';
  assert (select count(*) from public.memberships) = 4, 'owner A reads no membership of another organization';
  assert (select count(*) from public.profiles) = 4, 'owner A reads the profiles of their teammates and no one else';
  assert (select count(*) from public.projects) = 1, 'owner A reads A''s project only';
  assert (select count(*) from public.invitations) = 1, 'owner A reads A''s invitations';
  assert (select count(*) from public.audit_log) = 1, 'owner A reads A''s audit log only';
  assert (select count(*) from public.user_sessions) = 1, 'owner A reads their own session only';

  update public.organizations set name = 'RLS Matrix A (renamed by owner)' where id = org_a;
  get diagnostics n = row_count;
  assert n = 1, 'owner A can rename the organization';

  insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
  values (org_a, 'co-owner-a@rls-matrix.test', 'owner', private.hash_token('rls-matrix-owner-invite'),
          'a1000000-0000-4000-8000-000000000001', now() + interval '7 days');
  get diagnostics n = row_count;
  assert n = 1, 'owner A can invite another owner';
end
$$;

-- The last owner can neither step down nor leave.
do $$
begin
  update public.memberships set role = 'admin' where user_id = 'a1000000-0000-4000-8000-000000000001';
  assert false, 'the last owner of A could demote themselves';
exception when raise_exception then
  assert sqlerrm like '%at least one owner%', 'unexpected error demoting the last owner: ' || sqlerrm;
end
$$;

do $$
begin
  delete from public.memberships where user_id = 'a1000000-0000-4000-8000-000000000001';
  assert false, 'the last owner of A could leave the organization';
exception when raise_exception then
  assert sqlerrm like '%at least one owner%', 'unexpected error removing the last owner: ' || sqlerrm;
end
$$;

-- With a second owner the first may step down: the guard is about the last owner only.
-- Undone by raising a private SQLSTATE at the end of the block.
do $$
declare
  n int;
begin
  update public.memberships set role = 'owner' where user_id = 'a1000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 1, 'owner A can make the admin an owner';
  update public.memberships set role = 'admin' where user_id = 'a1000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'an owner who is not the last one can step down';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Admin of A.

select kiln_test.as_user('a1000000-0000-4000-8000-000000000002');

do $$
declare
  org_a uuid := current_setting('kiln_test.org_a')::uuid;
  n int;
begin
  assert (select count(*) from public.organizations where id = org_a) = 1, 'admin A reads their organization';
  assert (select count(*) from public.memberships) = 4, 'admin A reads A''s memberships only';
  assert (select count(*) from public.invitations) = 2, 'admin A reads A''s invitations';
  assert (select count(*) from public.audit_log) = 1, 'admin A reads A''s audit log';

  update public.organizations set name = 'RLS Matrix A (renamed by admin)' where id = org_a;
  get diagnostics n = row_count;
  assert n = 1, 'admin A can rename the organization';

  insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
  values (org_a, 'new-rep-a@rls-matrix.test', 'rep', private.hash_token('rls-matrix-admin-invite'),
          'a1000000-0000-4000-8000-000000000002', now() + interval '7 days');
  get diagnostics n = row_count;
  assert n = 1, 'admin A can invite a rep';

  update public.invitations set revoked_at = now() where id = 'a3000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'admin A can revoke an invitation';

  update public.memberships set role = 'manager' where user_id = 'a1000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'admin A can promote the rep to manager';
  update public.memberships set role = 'rep' where user_id = 'a1000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'admin A can demote the manager back to rep';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'admin A could invite an owner', $$
  insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
  values (current_setting('kiln_test.org_a')::uuid, 'would-be-owner@rls-matrix.test', 'owner',
          private.hash_token('rls-matrix-admin-owner-invite'), 'a1000000-0000-4000-8000-000000000002', now() + interval '7 days')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could invite in the owner''s name', $$
  insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
  values (current_setting('kiln_test.org_a')::uuid, 'spoofed@rls-matrix.test', 'rep',
          private.hash_token('rls-matrix-spoofed-invite'), 'a1000000-0000-4000-8000-000000000001', now() + interval '7 days')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could demote the owner', $$update public.memberships set role = 'admin' where user_id = 'a1000000-0000-4000-8000-000000000001'$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could remove the owner', $$delete from public.memberships where user_id = 'a1000000-0000-4000-8000-000000000001'$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could make themselves an owner', $$update public.memberships set role = 'owner' where user_id = 'a1000000-0000-4000-8000-000000000002'$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could move a membership to another organization', $$
  update public.memberships set org_id = current_setting('kiln_test.org_b')::uuid
  where user_id = 'a1000000-0000-4000-8000-000000000004'
$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could read login_attempts', $$select 1 from public.login_attempts$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Manager of A.

select kiln_test.as_user('a1000000-0000-4000-8000-000000000003');

do $$
declare
  org_a uuid := current_setting('kiln_test.org_a')::uuid;
  n int;
begin
  assert (select count(*) from public.organizations where id = org_a) = 1, 'manager A reads their organization';
  assert (select count(*) from public.memberships) = 4, 'manager A reads A''s memberships';
  assert (select count(*) from public.projects) = 1, 'manager A reads A''s projects';
  assert (select count(*) from public.invitations) = 0, 'manager A reads no invitations';
  assert (select count(*) from public.audit_log) = 0, 'manager A reads no audit log';

  insert into public.projects (org_id, name, created_by)
  values (org_a, 'Heat pumps', 'a1000000-0000-4000-8000-000000000003');
  get diagnostics n = row_count;
  assert n = 1, 'manager A can create a project';

  update public.projects set name = 'Rooftop solar (renamed)' where id = 'a2000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'manager A can rename a project';

  update public.organizations set name = 'renamed by manager' where id = org_a;
  get diagnostics n = row_count;
  assert n = 0, 'manager A cannot rename the organization';

  update public.memberships set role = 'manager' where user_id = 'a1000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'manager A cannot change roles';

  delete from public.memberships where user_id = 'a1000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'manager A cannot remove a member';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'manager A could invite', $$
  insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
  values (current_setting('kiln_test.org_a')::uuid, 'manager-invitee@rls-matrix.test', 'rep',
          private.hash_token('rls-matrix-manager-invite'), 'a1000000-0000-4000-8000-000000000003', now() + interval '7 days')
$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Rep of A.

select kiln_test.as_user('a1000000-0000-4000-8000-000000000004');

do $$
declare
  org_a uuid := current_setting('kiln_test.org_a')::uuid;
  n int;
begin
  assert (select count(*) from public.organizations) = 1, 'rep A reads their organization';
  assert (select name from public.organizations where id = org_a) = 'RLS Matrix A (renamed by admin)',
    'rep A sees the organization as the admin left it';
  assert (select count(*) from public.memberships) = 4, 'rep A reads A''s memberships';
  assert (select count(*) from public.profiles) = 4, 'rep A reads their teammates'' profiles';
  assert (select count(*) from public.projects) = 2, 'rep A reads A''s projects';
  assert (select count(*) from public.invitations) = 0, 'rep A reads no invitations';
  assert (select count(*) from public.audit_log) = 0, 'rep A reads no audit log';
  assert (select count(*) from public.user_sessions) = 1, 'rep A reads their own session only';

  update public.organizations set name = 'renamed by rep' where id = org_a;
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot rename the organization';

  update public.memberships set role = 'admin' where user_id = 'a1000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot promote themselves';

  update public.memberships set role = 'rep' where user_id = 'a1000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot change another member''s role';

  delete from public.memberships where user_id = 'a1000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot remove another member';

  update public.projects set name = 'renamed by rep' where id = 'a2000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot rename a project';

  update public.profiles set full_name = 'renamed by rep' where id = 'a1000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot edit a teammate''s profile';

  update public.profiles set full_name = 'Rep A, renamed' where id = 'a1000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can edit their own profile';

  update public.user_sessions set revoked_at = now() where id = 'a5000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot sign out the owner''s session';

  -- Only through the server's function: members have no insert grant on audit_log.
  perform private.record_audit(org_a, 'a1000000-0000-4000-8000-000000000004', 'lead.viewed', null, null, '{}');
  assert (select count(*) from public.audit_log) = 0, 'rep A still reads no audit log after their action is recorded';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a project', $$
  insert into public.projects (org_id, name, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'Rep project', 'a1000000-0000-4000-8000-000000000004')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could record an action in the owner''s name', $$
  select private.record_audit(current_setting('kiln_test.org_a')::uuid, 'a1000000-0000-4000-8000-000000000001', 'member.removed', null, null, '{}')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could write the audit log by hand', $$
  insert into public.audit_log (org_id, actor_id, action)
  values (current_setting('kiln_test.org_a')::uuid, 'a1000000-0000-4000-8000-000000000004', 'lead.viewed')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could change the email on their profile', $$update public.profiles set email = 'hijack@rls-matrix.test' where id = 'a1000000-0000-4000-8000-000000000004'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could read login_attempts', $$select 1 from public.login_attempts$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could read password_reset_tokens', $$select 1 from public.password_reset_tokens$$);

-- A member may leave on their own (undone at the end of the block).
do $$
declare
  n int;
begin
  delete from public.memberships where user_id = 'a1000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can leave the organization';
  assert (select count(*) from public.organizations) = 0, 'after leaving, rep A no longer reads the organization';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: a member of another organization sees and changes nothing of A.

select kiln_test.as_user('b1000000-0000-4000-8000-000000000001');

do $$
declare
  org_a uuid := current_setting('kiln_test.org_a')::uuid;
  a_users uuid[] := array[
    'a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002',
    'a1000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000004']::uuid[];
  n int;
begin
  assert (select count(*) from public.organizations) = 1, 'owner B reads their own organization';
  assert (select count(*) from public.organizations where id = org_a) = 0, 'owner B reads no organization A';
  assert (select count(*) from public.memberships where org_id = org_a or user_id = any (a_users)) = 0,
    'owner B reads none of A''s memberships';
  assert (select count(*) from public.profiles where id = any (a_users)) = 0, 'owner B reads none of A''s profiles';
  assert (select count(*) from public.projects where org_id = org_a) = 0, 'owner B reads none of A''s projects';
  assert (select count(*) from public.invitations where org_id = org_a) = 0, 'owner B reads none of A''s invitations';
  assert (select count(*) from public.audit_log where org_id = org_a) = 0, 'owner B reads none of A''s audit log';
  assert (select count(*) from public.audit_log) = 1, 'owner B reads their own audit log';
  assert (select count(*) from public.user_sessions where user_id = any (a_users)) = 0, 'owner B reads none of A''s sessions';
  assert (select count(*) from private.invitation_preview('rls-matrix-token-a')) = 1,
    'the invitation preview (by token) still works for anyone holding the link';

  update public.organizations set name = 'renamed by B' where id = org_a;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot rename A';

  update public.memberships set role = 'rep' where org_id = org_a;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot change roles in A';

  delete from public.memberships where org_id = org_a;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot remove members of A';

  update public.projects set name = 'renamed by B' where org_id = org_a;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot rename A''s projects';

  update public.invitations set revoked_at = now() where org_id = org_a;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot revoke A''s invitations';

  update public.user_sessions set revoked_at = now() where user_id = any (a_users);
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot sign out A''s users';

  assert private.is_member(org_a) = false, 'owner B is not a member of A';
  assert private.has_role(org_a, 'rep') = false, 'owner B has no role in A';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'owner B could create a project in A', $$
  insert into public.projects (org_id, name, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'Planted by B', 'b1000000-0000-4000-8000-000000000001')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'owner B could invite themselves into A', $$
  insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
  values (current_setting('kiln_test.org_a')::uuid, 'owner-b@rls-matrix.test', 'owner',
          private.hash_token('rls-matrix-b-into-a'), 'b1000000-0000-4000-8000-000000000001', now() + interval '7 days')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'owner B could write into A''s audit log', $$
  select private.record_audit(current_setting('kiln_test.org_a')::uuid, 'b1000000-0000-4000-8000-000000000001', 'org.updated', null, null, '{}')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'owner B could switch their session to organization A', $$
  update public.user_sessions set current_org_id = current_setting('kiln_test.org_a')::uuid
  where id = 'b5000000-0000-4000-8000-000000000001'
$$);

do $$
begin
  -- owner A's pending invitation for co-owner-a@… (an owner invitation, to make it count)
  perform private.accept_invitation('rls-matrix-owner-invite');
  assert false, 'owner B could accept an invitation addressed to someone else';
exception when raise_exception then
  assert sqlerrm like '%Sign in with that address%', 'unexpected error accepting someone else''s invitation: ' || sqlerrm;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- A signed-in user who belongs to no organization.

select kiln_test.as_user('c1000000-0000-4000-8000-000000000001');

do $$
begin
  assert (select count(*) from public.organizations) = 0, 'a user with no organization reads no organization';
  assert (select count(*) from public.memberships) = 0, 'a user with no organization reads no membership';
  assert (select count(*) from public.projects) = 0, 'a user with no organization reads no project';
  assert (select count(*) from public.invitations) = 0, 'a user with no organization reads no invitation';
  assert (select count(*) from public.audit_log) = 0, 'a user with no organization reads no audit log';
  assert (select count(*) from public.user_sessions) = 0, 'a user with no organization reads no session';
  assert (select count(*) from public.profiles) = 1, 'a user with no organization reads only their own profile';
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Anonymous visitors: every table is closed (permission denied or no rows).

select kiln_test.as_anon();

do $$
declare
  t text;
  n int;
begin
  for t in select c.relname from pg_class c join pg_namespace s on s.oid = c.relnamespace
           where s.nspname = 'public' and c.relkind in ('r', 'p') order by 1 loop
    begin
      execute format('select count(*) from public.%I', t) into n;
      assert n = 0, format('anon reads %s rows of public.%s', n, t);
    exception when insufficient_privilege then
      null;
    end;
    begin
      execute format('delete from public.%I', t);
      get diagnostics n = row_count;
      assert n = 0, format('anon deleted %s rows of public.%s', n, t);
    exception when insufficient_privilege then
      null;
    end;
  end loop;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'anon could create an organization', $$select private.create_organization('Anon Org')$$);

do $$
begin
  assert (select count(*) from private.invitation_preview('rls-matrix-token-a')) = 1, 'anon can preview an invitation by its token';
  assert (select count(*) from private.invitation_preview('not-a-token')) = 0, 'anon previews nothing with a wrong token';
end
$$;

select kiln_test.as_superuser();
