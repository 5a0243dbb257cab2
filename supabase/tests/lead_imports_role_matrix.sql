-- The lead_imports role matrix: members of organization A start and finish imports of A as
-- themselves and read A's runs; the owner of B reads and changes none of them; anon has nothing.
-- Same style and runner as rls_role_matrix.sql.
--
-- Users:  d2…01 owner of A   d2…04 rep of A   e2…01 owner of B
-- Runs of A: d7…01 the rep's, running

select kiln_test.make_world('Imports Matrix',
  a_owner => 'd2000000-0000-4000-8000-000000000001', a_rep => 'd2000000-0000-4000-8000-000000000004',
  b_owner => 'e2000000-0000-4000-8000-000000000001');

insert into public.lead_imports (id, org_id, user_id)
values ('d7000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'd2000000-0000-4000-8000-000000000004');

-- ---------------------------------------------------------------------------------------
-- A member of A.

select kiln_test.as_user('d2000000-0000-4000-8000-000000000001');

do $$
declare
  n int;
begin
  assert (select count(*) from public.lead_imports) = 1, 'owner A reads the runs of A';

  update public.lead_imports set finished_at = now(), outcome = 'failed' where id = 'd7000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'owner A can finish a run of A that another member started (a run whose process died)';

  insert into public.lead_imports (org_id, user_id) values (current_setting('kiln_test.org_a')::uuid, 'd2000000-0000-4000-8000-000000000001');
  get diagnostics n = row_count;
  assert n = 1, 'owner A can start an import of A as themselves';
end
$$;

select kiln_test.assert_fails('unique_violation', 'owner A could run two imports of A at once', $$
  insert into public.lead_imports (org_id, user_id) values (current_setting('kiln_test.org_a')::uuid, 'd2000000-0000-4000-8000-000000000001')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'owner A could start an import in A''s rep''s name', $$
  insert into public.lead_imports (org_id, user_id) values (current_setting('kiln_test.org_a')::uuid, 'd2000000-0000-4000-8000-000000000004')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'owner A could set when a run started', $$
  update public.lead_imports set started_at = now() - interval '2 days'
$$);

select kiln_test.assert_fails('insufficient_privilege', 'owner A could delete a run and so reset the daily cap', $$
  delete from public.lead_imports
$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- The owner of B: nothing of A.

select kiln_test.as_user('e2000000-0000-4000-8000-000000000001');

do $$
declare
  n int;
begin
  assert (select count(*) from public.lead_imports) = 0, 'owner B reads no run of A';
  update public.lead_imports set finished_at = now(), outcome = 'failed' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot finish a run of A';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'owner B could start an import in A', $$
  insert into public.lead_imports (org_id, user_id) values (current_setting('kiln_test.org_a')::uuid, 'e2000000-0000-4000-8000-000000000001')
$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Anonymous: no privileges.

select kiln_test.as_anon();

select kiln_test.assert_fails('insufficient_privilege', 'anon could read lead_imports', $$select 1 from public.lead_imports$$);

select kiln_test.as_superuser();
