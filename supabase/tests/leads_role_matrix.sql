-- The leads role matrix: who of organization A (owner, manager, rep), the owner of
-- organization B and an anonymous visitor may read and change leads and their timeline,
-- with the organization setting "reps see only their own and unassigned leads" off and on.
-- Same style and runner as rls_role_matrix.sql: plain SQL + plpgsql `assert`, one
-- transaction rolled back at the end; a DO block that must leave nothing changed raises
-- the private SQLSTATE KT001 at its end to undo itself.
--
-- Users:  d1…01 owner of A   d1…03 manager of A   d1…04 rep of A   e1…01 owner of B
-- Leads of A: d6…01 the rep's   d6…02 the manager's   d6…03 unassigned   d6…04 the rep's, soft-deleted
-- Lead of B:  e6…01

select kiln_test.make_world('Leads Matrix',
  a_owner => 'd1000000-0000-4000-8000-000000000001', a_manager => 'd1000000-0000-4000-8000-000000000003',
  a_rep => 'd1000000-0000-4000-8000-000000000004', b_owner => 'e1000000-0000-4000-8000-000000000001');

insert into public.leads (id, org_id, owner_id, name, email, created_by, deleted_at, deleted_by) values
  ('d6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'd1000000-0000-4000-8000-000000000004',
   'Rep''s lead', 'reps-lead@leads-matrix.test', 'd1000000-0000-4000-8000-000000000004', null, null),
  ('d6000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'd1000000-0000-4000-8000-000000000003',
   'Manager''s lead', 'managers-lead@leads-matrix.test', 'd1000000-0000-4000-8000-000000000003', null, null),
  ('d6000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, null,
   'Unassigned lead', 'unassigned-lead@leads-matrix.test', 'd1000000-0000-4000-8000-000000000001', null, null),
  ('d6000000-0000-4000-8000-000000000004', current_setting('kiln_test.org_a')::uuid, 'd1000000-0000-4000-8000-000000000004',
   'Deleted lead', 'deleted-lead@leads-matrix.test', 'd1000000-0000-4000-8000-000000000004', now(), 'd1000000-0000-4000-8000-000000000003'),
  ('e6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_b')::uuid, null,
   'B''s lead', 'b-lead@leads-matrix.test', 'e1000000-0000-4000-8000-000000000001', null, null);

insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id)
select org_id, id, 'created', 'user', created_by from public.leads where email like '%@leads-matrix.test';

-- ---------------------------------------------------------------------------------------
-- Default settings: every member sees every live lead; only managers and above see deleted ones.

select kiln_test.as_user('d1000000-0000-4000-8000-000000000004');

do $$
declare
  n int;
begin
  assert (select count(*) from public.leads) = 3, 'rep A sees the three live leads of A, not the deleted one nor B''s';
  assert not exists (select 1 from public.leads where id = 'd6000000-0000-4000-8000-000000000004'), 'rep A cannot see a soft-deleted lead';
  assert (select count(*) from public.lead_events) = 3, 'rep A reads the timelines of the leads they see, and only those';

  update public.leads set status = 'contacted' where id = 'd6000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can work on a colleague''s lead (status) when reps see all leads';

  update public.leads set owner_id = 'd1000000-0000-4000-8000-000000000004' where id = 'd6000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can claim an unassigned lead';

  insert into public.leads (org_id, owner_id, name, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'd1000000-0000-4000-8000-000000000004', 'Rep''s new lead', 'd1000000-0000-4000-8000-000000000004');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can create a lead they own';

  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.org_a')::uuid, 'd6000000-0000-4000-8000-000000000001', 'note', 'user', 'd1000000-0000-4000-8000-000000000004', 'Called');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can add a note to a lead they see, as themselves';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

-- Denied to the rep, each in its own block: 42501 from the guard, the policies or the grants.
select kiln_test.assert_fails('insufficient_privilege', 'rep A could reassign their lead to the manager', $$update public.leads set owner_id = 'd1000000-0000-4000-8000-000000000003' where id = 'd6000000-0000-4000-8000-000000000001'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could take over the manager''s lead', $$update public.leads set owner_id = 'd1000000-0000-4000-8000-000000000004' where id = 'd6000000-0000-4000-8000-000000000002'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could soft-delete a lead', $$update public.leads set deleted_at = now(), deleted_by = 'd1000000-0000-4000-8000-000000000004' where id = 'd6000000-0000-4000-8000-000000000001'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a lead owned by someone else', $$
  insert into public.leads (org_id, owner_id, name, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'd1000000-0000-4000-8000-000000000003', 'Given away', 'd1000000-0000-4000-8000-000000000004')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could add an event in the manager''s name', $$
  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.org_a')::uuid, 'd6000000-0000-4000-8000-000000000001', 'note', 'user', 'd1000000-0000-4000-8000-000000000003', 'Forged')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could hard-delete a lead', $$delete from public.leads where id = 'd6000000-0000-4000-8000-000000000001'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could rewrite the timeline', $$update public.lead_events set reason = 'rewritten' where lead_id = 'd6000000-0000-4000-8000-000000000001'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete from the timeline', $$delete from public.lead_events where lead_id = 'd6000000-0000-4000-8000-000000000001'$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Manager of A: sees deleted leads, reassigns, deletes and restores; the timeline stays append-only.

select kiln_test.as_user('d1000000-0000-4000-8000-000000000003');

do $$
declare
  n int;
begin
  assert (select count(*) from public.leads) = 4, 'manager A sees the live and the soft-deleted leads of A';
  assert (select count(*) from public.lead_events) = 4, 'manager A reads the timelines of A''s leads only';

  update public.leads set owner_id = 'd1000000-0000-4000-8000-000000000003' where id = 'd6000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'manager A can reassign the rep''s lead';

  update public.leads set deleted_at = now(), deleted_by = 'd1000000-0000-4000-8000-000000000003' where id = 'd6000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 1, 'manager A can soft-delete a lead';

  update public.leads set deleted_at = null, deleted_by = null where id = 'd6000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'manager A can restore a soft-deleted lead';

  insert into public.leads (org_id, owner_id, name, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'd1000000-0000-4000-8000-000000000004', 'Assigned to the rep', 'd1000000-0000-4000-8000-000000000003');
  get diagnostics n = row_count;
  assert n = 1, 'manager A can create a lead for the rep';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

-- An owner must be a member of the lead's organization, for managers too.
select kiln_test.refused_with_hint('invalid_owner', 'manager A could give a lead to the owner of B',
  $$update public.leads set owner_id = 'e1000000-0000-4000-8000-000000000001' where id = 'd6000000-0000-4000-8000-000000000003'$$);

select kiln_test.refused_with_hint('invalid_owner', 'manager A could create a lead owned by the owner of B', $$
  insert into public.leads (org_id, owner_id, name, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000001', 'Outsider''s', 'd1000000-0000-4000-8000-000000000003')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'manager A could rewrite the timeline', $$update public.lead_events set reason = 'rewritten'$$);

select kiln_test.assert_fails('insufficient_privilege', 'manager A could delete from the timeline', $$delete from public.lead_events$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- "Reps see only their own and unassigned leads" on.

update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}'
 where id = current_setting('kiln_test.org_a')::uuid;

select kiln_test.as_user('d1000000-0000-4000-8000-000000000004');

do $$
declare
  n int;
begin
  assert (select count(*) from public.leads) = 2, 'with the setting on, rep A sees their own and the unassigned lead';
  assert not exists (select 1 from public.leads where id = 'd6000000-0000-4000-8000-000000000002'), 'rep A cannot see the manager''s lead';
  assert (select count(*) from public.lead_events) = 2, 'rep A reads only the timelines of those two leads';

  update public.leads set status = 'contacted' where id = 'd6000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot change the manager''s lead';

  update public.leads set owner_id = 'd1000000-0000-4000-8000-000000000004' where id = 'd6000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can still claim the unassigned lead';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could add an event to a lead they cannot see', $$
  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.org_a')::uuid, 'd6000000-0000-4000-8000-000000000002', 'note', 'user', 'd1000000-0000-4000-8000-000000000004', 'Peeking')
$$);

reset role;

select kiln_test.as_user('d1000000-0000-4000-8000-000000000003');

do $$
begin
  assert (select count(*) from public.leads) = 4, 'with the setting on, manager A still sees every lead of A';
end
$$;

reset role;

select kiln_test.as_user('d1000000-0000-4000-8000-000000000001');

do $$
begin
  assert (select count(*) from public.leads) = 4, 'with the setting on, owner A still sees every lead of A';
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: nothing of A, whatever they try.

select kiln_test.as_user('e1000000-0000-4000-8000-000000000001');

do $$
declare
  n int;
begin
  assert (select count(*) from public.leads) = 1, 'owner B sees only B''s lead';
  assert (select count(*) from public.lead_events) = 1, 'owner B reads only B''s timeline';
  update public.leads set name = 'Taken' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot change A''s leads';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'owner B could create a lead in A', $$
  insert into public.leads (org_id, name, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'Planted', 'e1000000-0000-4000-8000-000000000001')
$$);

-- Naming A's rep as owner answers with the same refusal: no hint about who is a member of A.
select kiln_test.assert_fails('insufficient_privilege', 'owner B could create a lead in A for A''s rep', $$
  insert into public.leads (org_id, owner_id, name, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'd1000000-0000-4000-8000-000000000004', 'Planted', 'e1000000-0000-4000-8000-000000000001')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'owner B could add an event to A''s lead', $$
  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.org_a')::uuid, 'd6000000-0000-4000-8000-000000000001', 'note', 'user', 'e1000000-0000-4000-8000-000000000001', 'Planted')
$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Anonymous: no privileges on either table.

select kiln_test.as_anon();

select kiln_test.assert_fails('insufficient_privilege', 'anon could read leads', $$select 1 from public.leads$$);

select kiln_test.assert_fails('insufficient_privilege', 'anon could read lead_events', $$select 1 from public.lead_events$$);

select kiln_test.as_superuser();
