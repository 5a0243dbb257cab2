-- Built-in auth sessions and the server-only auth tables (rate-limit counters, sign-up
-- requests): a user can always sign out their own sessions — also after leaving or being
-- removed from the session's organization — never another user's, and may switch only to
-- an organization they belong to. Nobody but the server reads or writes the counters.

select kiln_test.make_world('Sessions Matrix',
  a_owner => 'a1000000-0000-4000-8000-00000000aa01',
  b_owner => 'b1000000-0000-4000-8000-00000000bb01',
  a_rep => 'a4000000-0000-4000-8000-00000000aa04');

-- The rep's session works in A; owner B has one too. Then the rep is removed from A.
insert into public.user_sessions (id, user_id, current_org_id, expires_at) values
  ('a5000000-0000-4000-8000-00000000aa05', 'a4000000-0000-4000-8000-00000000aa04', current_setting('kiln_test.org_a')::uuid, now() + interval '1 day'),
  ('a5000000-0000-4000-8000-00000000aa06', 'a4000000-0000-4000-8000-00000000aa04', current_setting('kiln_test.org_a')::uuid, now() + interval '1 day'),
  ('b5000000-0000-4000-8000-00000000bb05', 'b1000000-0000-4000-8000-00000000bb01', current_setting('kiln_test.org_b')::uuid, now() + interval '1 day');
delete from public.memberships where user_id = 'a4000000-0000-4000-8000-00000000aa04';
insert into public.rate_limit_counters (scope, key, window_start, hits) values ('sign-in:address', '203.0.113.9', now(), 3);
insert into public.sign_up_requests (email, token_hash, password_hash, full_name, expires_at)
  values ('pending@sessions-matrix.test', 'sessions-matrix-hash', 'x', 'Pending', now() + interval '1 day');

-- ---------------------------------------------------------------------------------------
-- The removed rep: signs out, but cannot move their session back into A or touch others'.

select kiln_test.as_user('a4000000-0000-4000-8000-00000000aa04');

do $$
declare
  n integer;
begin
  update public.user_sessions set revoked_at = now() where id = 'a5000000-0000-4000-8000-00000000aa05' and revoked_at is null;
  get diagnostics n = row_count;
  assert n = 1, 'a user removed from their session''s organization could not sign that session out';
  update public.user_sessions set revoked_at = now() where user_id = (select auth.uid()) and revoked_at is null;
  get diagnostics n = row_count;
  assert n = 1, 'a user removed from their session''s organization could not sign out everywhere';
  update public.user_sessions set revoked_at = now() where id = 'b5000000-0000-4000-8000-00000000bb05';
  get diagnostics n = row_count;
  assert n = 0, 'a user could revoke another user''s session';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'a removed rep could switch a session back to the organization they left', $$
  update public.user_sessions set current_org_id = null where id = 'a5000000-0000-4000-8000-00000000aa06';
  update public.user_sessions set current_org_id = current_setting('kiln_test.org_a')::uuid
  where id = 'a5000000-0000-4000-8000-00000000aa06'
$$);

select kiln_test.assert_fails('insufficient_privilege', 'a removed rep could move their session into organization B', $$
  update public.user_sessions set current_org_id = current_setting('kiln_test.org_b')::uuid
  where id = 'a5000000-0000-4000-8000-00000000aa06'
$$);

select kiln_test.assert_fails('insufficient_privilege', 'a user could hand their session to another user', $$
  update public.user_sessions set user_id = 'b1000000-0000-4000-8000-00000000bb01'
  where id = 'a5000000-0000-4000-8000-00000000aa06'
$$);

select kiln_test.assert_fails('insufficient_privilege', 'a user could read the rate-limit counters', $$select 1 from public.rate_limit_counters$$);
select kiln_test.assert_fails('insufficient_privilege', 'a user could reset a rate-limit counter', $$
  delete from public.rate_limit_counters
$$);
select kiln_test.assert_fails('insufficient_privilege', 'a user could add a rate-limit counter', $$
  insert into public.rate_limit_counters (scope, key, window_start, hits) values ('sign-in:address', 'x', now(), 0)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'a user could count a request themselves', $$
  select * from private.rate_limit_hit('sign-in:address', 'x', 60, 10, 1)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'a user could read pending sign-ups', $$select 1 from public.sign_up_requests$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Owner B: may switch to their own organization, and still signs out their own session.

select kiln_test.as_user('b1000000-0000-4000-8000-00000000bb01');

do $$
declare
  n integer;
begin
  update public.user_sessions set current_org_id = current_setting('kiln_test.org_b')::uuid where id = 'b5000000-0000-4000-8000-00000000bb05';
  get diagnostics n = row_count;
  assert n = 1, 'owner B could not switch to their own organization';
  update public.user_sessions set revoked_at = now() where id = 'a5000000-0000-4000-8000-00000000aa06';
  get diagnostics n = row_count;
  assert n = 0, 'owner B could revoke the rep''s session';
  update public.user_sessions set revoked_at = now() where id = 'b5000000-0000-4000-8000-00000000bb05';
  get diagnostics n = row_count;
  assert n = 1, 'owner B could not sign out their own session';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'a signed-out session could be revived', $$
  update public.user_sessions set revoked_at = null where id = 'b5000000-0000-4000-8000-00000000bb05'
$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Anonymous visitors: nothing.

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read sessions', $$select 1 from public.user_sessions$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read the rate-limit counters', $$select 1 from public.rate_limit_counters$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could add a rate-limit counter', $$
  insert into public.rate_limit_counters (scope, key, window_start, hits) values ('sign-in:address', 'x', now(), 0)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could count a request', $$
  select * from private.rate_limit_hit('sign-in:address', 'x', 60, 10, 1)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read pending sign-ups', $$select 1 from public.sign_up_requests$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could plant a sign-up', $$
  insert into public.sign_up_requests (email, token_hash, password_hash, full_name, expires_at)
  values ('planted@sessions-matrix.test', 'planted', 'x', 'Planted', now() + interval '1 day')
$$);
reset role;

-- The server's counter: counted up to the maximum, then refused with a wait.
do $$
declare
  outcome record;
begin
  set local role service_role;
  for i in 1..3 loop
    select * into outcome from private.rate_limit_hit('matrix:test', 'k', 3600, 3, 1);
    assert outcome.allowed, format('request %s within the limit was refused', i);
  end loop;
  select * into outcome from private.rate_limit_hit('matrix:test', 'k', 3600, 3, 1);
  assert not outcome.allowed, 'a request past the limit was counted';
  assert outcome.retry_after_seconds between 1 and 7200, format('unexpected wait %s', outcome.retry_after_seconds);
  assert (select hits from public.rate_limit_counters where scope = 'matrix:test') = 3, 'a refused request was counted';
  reset role;
end
$$;
