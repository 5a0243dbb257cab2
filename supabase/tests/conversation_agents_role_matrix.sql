-- Who may choose a conversation's agent (conversations.agent_id), walking the owner,
-- manager and rep of organization A, the owner of organization B and an anonymous visitor.
-- Same runner and style as approvals_role_matrix.sql: plain SQL + `assert`, rolled back at
-- the end; a block that must leave nothing changed raises KT001 at its end to undo itself.
--
-- Users:  ca…01 owner of A  ca…03 manager  ca…04 rep  cb…01 owner of B
-- Conversations of A: cc…01 (the rep's)  cc…02 (unassigned)  cc…03 (the manager's)
-- Agents: cd…01 A's default  cd…02 A's support  cd…03 A's inactive  cd…09 B's default

select kiln_test.make_world('Conversation Agents',
  a_owner => 'ca000000-0000-4000-8000-000000000001', a_manager => 'ca000000-0000-4000-8000-000000000003',
  a_rep => 'ca000000-0000-4000-8000-000000000004', b_owner => 'cb000000-0000-4000-8000-000000000001');

update public.organizations set plan = 'pro' where id = current_setting('kiln_test.org_a')::uuid;

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('ce000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550301', '{sms}', 'A line'),
  ('ce000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'twilio', '+41445550309', '{sms}', 'B line');

insert into public.leads (id, org_id, owner_id, name, phone) values
  ('cf000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, null, 'Lead one', '+41795550301'),
  ('cf000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, null, 'Lead two', '+41795550302'),
  ('cf000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, null, 'Lead three', '+41795550303'),
  ('cf000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', '+41795550309');

insert into public.conversations (id, org_id, lead_id, channel_id, medium, assignee_id) values
  ('cc000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'cf000000-0000-4000-8000-000000000001', 'ce000000-0000-4000-8000-000000000001', 'sms', 'ca000000-0000-4000-8000-000000000004'),
  ('cc000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'cf000000-0000-4000-8000-000000000002', 'ce000000-0000-4000-8000-000000000001', 'sms', null),
  ('cc000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'cf000000-0000-4000-8000-000000000003', 'ce000000-0000-4000-8000-000000000001', 'sms', 'ca000000-0000-4000-8000-000000000003'),
  ('cc000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'cf000000-0000-4000-8000-000000000009', 'ce000000-0000-4000-8000-000000000009', 'sms', null);

insert into public.ai_agents (id, org_id, name, role, active, is_default) values
  ('cd000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'Sales', 'sales', true, true),
  ('cd000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'Support', 'support', true, false),
  ('cd000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'Retired', 'sales', false, false),
  ('cd000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'B''s agent', 'sales', true, true);

-- Even the service role cannot point a thread at another organization's agent.
do $$
begin
  update public.conversations set agent_id = 'cd000000-0000-4000-8000-000000000009' where id = 'cc000000-0000-4000-8000-000000000002';
  assert false, 'a conversation of A took B''s agent';
exception when raise_exception then
  assert sqlerrm = 'Choose an active agent of your organization.', sqlerrm;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Manager of A: any thread of A, any active agent of A.

select kiln_test.as_user('ca000000-0000-4000-8000-000000000003');

do $$
declare
  n int;
begin
  update public.conversations set agent_id = 'cd000000-0000-4000-8000-000000000002' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 3, 'manager A can choose the agent of every thread of A';
  update public.conversations set agent_id = null where id = 'cc000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'manager A can return a thread to the default agent';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

do $$
begin
  update public.conversations set agent_id = 'cd000000-0000-4000-8000-000000000003' where id = 'cc000000-0000-4000-8000-000000000001';
  assert false, 'manager A chose an inactive agent';
exception when raise_exception then
  assert sqlerrm = 'Choose an active agent of your organization.', sqlerrm;
end
$$;

-- Deleting an agent returns its threads to the default.
do $$
begin
  update public.conversations set agent_id = 'cd000000-0000-4000-8000-000000000002' where id = 'cc000000-0000-4000-8000-000000000003';
  delete from public.ai_agents where id = 'cd000000-0000-4000-8000-000000000002';
  assert (select agent_id is null from public.conversations where id = 'cc000000-0000-4000-8000-000000000003'), 'a deleted agent still answers a thread';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Rep of A: their own thread and unassigned ones, not the manager's.

select kiln_test.as_user('ca000000-0000-4000-8000-000000000004');

do $$
declare
  n int;
begin
  update public.conversations set agent_id = 'cd000000-0000-4000-8000-000000000002'
   where id in ('cc000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000002');
  get diagnostics n = row_count;
  assert n = 2, 'rep A can choose the agent of their own and of unassigned threads';
  -- Other changes to the manager's thread stay allowed, as before.
  update public.conversations set status = 'pending' where id = 'cc000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can no longer change the status of a thread they see';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

do $$
begin
  update public.conversations set agent_id = 'cd000000-0000-4000-8000-000000000002' where id = 'cc000000-0000-4000-8000-000000000003';
  assert false, 'rep A chose the agent of the manager''s thread';
exception when insufficient_privilege then
  assert sqlerrm like 'Only managers and the conversation''s assignee%', sqlerrm;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: A's threads are not there; B's cannot take A's agent.

select kiln_test.as_user('cb000000-0000-4000-8000-000000000001');

do $$
declare
  n int;
begin
  update public.conversations set agent_id = null where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B touched A''s threads';
end
$$;

do $$
begin
  update public.conversations set agent_id = 'cd000000-0000-4000-8000-000000000001' where id = 'cc000000-0000-4000-8000-000000000009';
  assert false, 'B''s thread took A''s agent';
exception when raise_exception then
  assert sqlerrm = 'Choose an active agent of your organization.', sqlerrm;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- Anonymous visitors cannot touch conversations at all.

select kiln_test.as_anon();

select kiln_test.assert_fails('insufficient_privilege', 'anon could choose an agent', $$update public.conversations set agent_id = null$$);

select kiln_test.as_superuser();
