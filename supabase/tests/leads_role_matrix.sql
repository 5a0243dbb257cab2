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

select set_config('request.jwt.claims', '', true);

insert into auth.users (id, email, encrypted_password, raw_user_meta_data) values
  ('d1000000-0000-4000-8000-000000000001', 'owner-a@leads-matrix.test', 'x', '{"full_name":"Owner A"}'),
  ('d1000000-0000-4000-8000-000000000003', 'manager-a@leads-matrix.test', 'x', '{"full_name":"Manager A"}'),
  ('d1000000-0000-4000-8000-000000000004', 'rep-a@leads-matrix.test', 'x', '{"full_name":"Rep A"}'),
  ('e1000000-0000-4000-8000-000000000001', 'owner-b@leads-matrix.test', 'x', '{"full_name":"Owner B"}');

select set_config('request.jwt.claims', '{"sub":"d1000000-0000-4000-8000-000000000001","role":"authenticated"}', true);
set local role authenticated;
select set_config('kiln_test.lead_org_a', private.create_organization('Leads Matrix A')::text, true);
reset role;

select set_config('request.jwt.claims', '{"sub":"e1000000-0000-4000-8000-000000000001","role":"authenticated"}', true);
set local role authenticated;
select set_config('kiln_test.lead_org_b', private.create_organization('Leads Matrix B')::text, true);
reset role;

select set_config('request.jwt.claims', '', true);

insert into public.memberships (org_id, user_id, role) values
  (current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000003', 'manager'),
  (current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000004', 'rep');

insert into public.leads (id, org_id, owner_id, name, email, created_by, deleted_at, deleted_by) values
  ('d6000000-0000-4000-8000-000000000001', current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000004',
   'Rep''s lead', 'reps-lead@leads-matrix.test', 'd1000000-0000-4000-8000-000000000004', null, null),
  ('d6000000-0000-4000-8000-000000000002', current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000003',
   'Manager''s lead', 'managers-lead@leads-matrix.test', 'd1000000-0000-4000-8000-000000000003', null, null),
  ('d6000000-0000-4000-8000-000000000003', current_setting('kiln_test.lead_org_a')::uuid, null,
   'Unassigned lead', 'unassigned-lead@leads-matrix.test', 'd1000000-0000-4000-8000-000000000001', null, null),
  ('d6000000-0000-4000-8000-000000000004', current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000004',
   'Deleted lead', 'deleted-lead@leads-matrix.test', 'd1000000-0000-4000-8000-000000000004', now(), 'd1000000-0000-4000-8000-000000000003'),
  ('e6000000-0000-4000-8000-000000000001', current_setting('kiln_test.lead_org_b')::uuid, null,
   'B''s lead', 'b-lead@leads-matrix.test', 'e1000000-0000-4000-8000-000000000001', null, null);

insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id)
select org_id, id, 'created', 'user', created_by from public.leads where email like '%@leads-matrix.test';

-- ---------------------------------------------------------------------------------------
-- Default settings: every member sees every live lead; only managers and above see deleted ones.

select set_config('request.jwt.claims', '{"sub":"d1000000-0000-4000-8000-000000000004","role":"authenticated"}', true);
set local role authenticated;

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
  values (current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000004', 'Rep''s new lead', 'd1000000-0000-4000-8000-000000000004');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can create a lead they own';

  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.lead_org_a')::uuid, 'd6000000-0000-4000-8000-000000000001', 'note', 'user', 'd1000000-0000-4000-8000-000000000004', 'Called');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can add a note to a lead they see, as themselves';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

-- Denied to the rep, each in its own block: 42501 from the guard, the policies or the grants.
do $$
begin
  update public.leads set owner_id = 'd1000000-0000-4000-8000-000000000003' where id = 'd6000000-0000-4000-8000-000000000001';
  assert false, 'rep A could reassign their lead to the manager';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  update public.leads set owner_id = 'd1000000-0000-4000-8000-000000000004' where id = 'd6000000-0000-4000-8000-000000000002';
  assert false, 'rep A could take over the manager''s lead';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  update public.leads set deleted_at = now(), deleted_by = 'd1000000-0000-4000-8000-000000000004' where id = 'd6000000-0000-4000-8000-000000000001';
  assert false, 'rep A could soft-delete a lead';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  insert into public.leads (org_id, owner_id, name, created_by)
  values (current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000003', 'Given away', 'd1000000-0000-4000-8000-000000000004');
  assert false, 'rep A could create a lead owned by someone else';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.lead_org_a')::uuid, 'd6000000-0000-4000-8000-000000000001', 'note', 'user', 'd1000000-0000-4000-8000-000000000003', 'Forged');
  assert false, 'rep A could add an event in the manager''s name';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  delete from public.leads where id = 'd6000000-0000-4000-8000-000000000001';
  assert false, 'rep A could hard-delete a lead';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  update public.lead_events set reason = 'rewritten' where lead_id = 'd6000000-0000-4000-8000-000000000001';
  assert false, 'rep A could rewrite the timeline';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  delete from public.lead_events where lead_id = 'd6000000-0000-4000-8000-000000000001';
  assert false, 'rep A could delete from the timeline';
exception when insufficient_privilege then null;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Manager of A: sees deleted leads, reassigns, deletes and restores; the timeline stays append-only.

select set_config('request.jwt.claims', '{"sub":"d1000000-0000-4000-8000-000000000003","role":"authenticated"}', true);
set local role authenticated;

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
  values (current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000004', 'Assigned to the rep', 'd1000000-0000-4000-8000-000000000003');
  get diagnostics n = row_count;
  assert n = 1, 'manager A can create a lead for the rep';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

-- An owner must be a member of the lead's organization, for managers too.
do $$
declare
  hint text;
begin
  update public.leads set owner_id = 'e1000000-0000-4000-8000-000000000001' where id = 'd6000000-0000-4000-8000-000000000003';
  assert false, 'manager A could give a lead to the owner of B';
exception when raise_exception then
  get stacked diagnostics hint = pg_exception_hint;
  assert hint = 'invalid_owner', 'unexpected hint assigning a non-member: ' || coalesce(hint, '(none)');
end
$$;

do $$
declare
  hint text;
begin
  insert into public.leads (org_id, owner_id, name, created_by)
  values (current_setting('kiln_test.lead_org_a')::uuid, 'e1000000-0000-4000-8000-000000000001', 'Outsider''s', 'd1000000-0000-4000-8000-000000000003');
  assert false, 'manager A could create a lead owned by the owner of B';
exception when raise_exception then
  get stacked diagnostics hint = pg_exception_hint;
  assert hint = 'invalid_owner', 'unexpected hint creating a lead for a non-member: ' || coalesce(hint, '(none)');
end
$$;

do $$
begin
  update public.lead_events set reason = 'rewritten';
  assert false, 'manager A could rewrite the timeline';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  delete from public.lead_events;
  assert false, 'manager A could delete from the timeline';
exception when insufficient_privilege then null;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- "Reps see only their own and unassigned leads" on.

update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}'
 where id = current_setting('kiln_test.lead_org_a')::uuid;

select set_config('request.jwt.claims', '{"sub":"d1000000-0000-4000-8000-000000000004","role":"authenticated"}', true);
set local role authenticated;

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

do $$
begin
  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.lead_org_a')::uuid, 'd6000000-0000-4000-8000-000000000002', 'note', 'user', 'd1000000-0000-4000-8000-000000000004', 'Peeking');
  assert false, 'rep A could add an event to a lead they cannot see';
exception when insufficient_privilege then null;
end
$$;

reset role;

select set_config('request.jwt.claims', '{"sub":"d1000000-0000-4000-8000-000000000003","role":"authenticated"}', true);
set local role authenticated;

do $$
begin
  assert (select count(*) from public.leads) = 4, 'with the setting on, manager A still sees every lead of A';
end
$$;

reset role;

select set_config('request.jwt.claims', '{"sub":"d1000000-0000-4000-8000-000000000001","role":"authenticated"}', true);
set local role authenticated;

do $$
begin
  assert (select count(*) from public.leads) = 4, 'with the setting on, owner A still sees every lead of A';
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: nothing of A, whatever they try.

select set_config('request.jwt.claims', '{"sub":"e1000000-0000-4000-8000-000000000001","role":"authenticated"}', true);
set local role authenticated;

do $$
declare
  n int;
begin
  assert (select count(*) from public.leads) = 1, 'owner B sees only B''s lead';
  assert (select count(*) from public.lead_events) = 1, 'owner B reads only B''s timeline';
  update public.leads set name = 'Taken' where org_id = current_setting('kiln_test.lead_org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot change A''s leads';
end
$$;

do $$
begin
  insert into public.leads (org_id, name, created_by)
  values (current_setting('kiln_test.lead_org_a')::uuid, 'Planted', 'e1000000-0000-4000-8000-000000000001');
  assert false, 'owner B could create a lead in A';
exception when insufficient_privilege then null;
end
$$;

-- Naming A's rep as owner answers with the same refusal: no hint about who is a member of A.
do $$
begin
  insert into public.leads (org_id, owner_id, name, created_by)
  values (current_setting('kiln_test.lead_org_a')::uuid, 'd1000000-0000-4000-8000-000000000004', 'Planted', 'e1000000-0000-4000-8000-000000000001');
  assert false, 'owner B could create a lead in A for A''s rep';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.lead_org_a')::uuid, 'd6000000-0000-4000-8000-000000000001', 'note', 'user', 'e1000000-0000-4000-8000-000000000001', 'Planted');
  assert false, 'owner B could add an event to A''s lead';
exception when insufficient_privilege then null;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Anonymous: no privileges on either table.

select set_config('request.jwt.claims', '{"role":"anon"}', true);
set local role anon;

do $$
begin
  perform 1 from public.leads;
  assert false, 'anon could read leads';
exception when insufficient_privilege then null;
end
$$;

do $$
begin
  perform 1 from public.lead_events;
  assert false, 'anon could read lead_events';
exception when insufficient_privilege then null;
end
$$;

reset role;
select set_config('request.jwt.claims', '', true);
