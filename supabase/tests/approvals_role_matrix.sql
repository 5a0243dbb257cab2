-- The AI agents and approvals role matrix: agents, human-in-the-loop tasks, feedback and
-- BANT suggestions for the owner, admin, manager and rep of organization A (reps approving
-- off and on), the owner of organization B and an anonymous visitor. Same runner and style
-- as inbox_role_matrix.sql: plain SQL + `assert`, rolled back at the end; a block that must
-- leave nothing changed raises KT001 at its end to undo itself.
--
-- Users:  e1…01 owner of A  e1…02 admin  e1…03 manager  e1…04 rep  e2…01 owner of B
-- Conversations of A: e7…01 (rep's lead)  e7…02 (unassigned lead)
-- Tasks of A: e8…01 pending draft in e7…01   e8…02 pending draft in e7…02   e8…03 manual review in e7…01

select kiln_test.make_world('Approvals Matrix',
  a_owner => 'e1000000-0000-4000-8000-000000000001', a_admin => 'e1000000-0000-4000-8000-000000000002',
  a_manager => 'e1000000-0000-4000-8000-000000000003', a_rep => 'e1000000-0000-4000-8000-000000000004',
  b_owner => 'e2000000-0000-4000-8000-000000000001');

-- On Basic, whose limit of one active agent this matrix checks (a new organization tries Enterprise).
update public.organizations set plan = 'basic' where id = current_setting('kiln_test.org_a')::uuid;

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('e3000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550201', '{sms}', 'A line'),
  ('e3000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_b')::uuid, 'twilio', '+41445550202', '{sms}', 'B line');

insert into public.leads (id, org_id, owner_id, name, phone) values
  ('e6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000004', 'Rep''s lead', '+41795550201'),
  ('e6000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, null, 'Nobody''s lead', '+41795550202'),
  ('e6000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', '+41795550209');

insert into public.conversations (id, org_id, lead_id, channel_id, medium, assignee_id) values
  ('e7000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-000000000001', 'sms', 'e1000000-0000-4000-8000-000000000004'),
  ('e7000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000002', 'e3000000-0000-4000-8000-000000000001', 'sms', null),
  ('e7000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'e6000000-0000-4000-8000-000000000009', 'e3000000-0000-4000-8000-000000000002', 'sms', null);

insert into public.messages (id, org_id, conversation_id, direction, body, status, provider, provider_message_id, author_type)
select ('e5000000-0000-4000-8000-0000000000' || right(id::text, 2))::uuid, org_id, id, 'inbound', 'We have about CHF 20k set aside', 'received', 'twilio', 'SM-appr-matrix-' || id, 'lead'
  from public.conversations where id::text like 'e7%';

insert into public.ai_agents (id, org_id, name, role, is_default) values
  ('e4000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'Sales assistant', 'sales', true),
  ('e4000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'B''s agent', 'sales', true);

insert into public.hil_tasks (id, org_id, kind, payload, lead_id, conversation_id, agent_id, inbound_message_id, expires_at) values
  ('e8000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'message_approval', '{"draft":"Thanks! When would you like the site visit?"}',
   'e6000000-0000-4000-8000-000000000001', 'e7000000-0000-4000-8000-000000000001', 'e4000000-0000-4000-8000-000000000001', 'e5000000-0000-4000-8000-000000000001', now() + interval '2 days'),
  ('e8000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'message_approval', '{"draft":"Hello!"}',
   'e6000000-0000-4000-8000-000000000002', 'e7000000-0000-4000-8000-000000000002', 'e4000000-0000-4000-8000-000000000001', 'e5000000-0000-4000-8000-000000000002', now() + interval '2 days'),
  ('e8000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'manual_review', '{"reason":"timeout","detail":"slow"}',
   'e6000000-0000-4000-8000-000000000001', 'e7000000-0000-4000-8000-000000000001', 'e4000000-0000-4000-8000-000000000001', null, now() + interval '2 days'),
  ('e8000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'message_approval', '{"draft":"B draft"}',
   'e6000000-0000-4000-8000-000000000009', 'e7000000-0000-4000-8000-000000000009', 'e4000000-0000-4000-8000-000000000009', 'e5000000-0000-4000-8000-000000000009', now() + interval '2 days');

insert into public.bant_suggestions (id, org_id, lead_id, task_id, message_id, dimension, status, value, quote, confidence) values
  ('e9000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', 'e8000000-0000-4000-8000-000000000001',
   'e5000000-0000-4000-8000-000000000001', 'budget', 'partial', 'CHF 20000', 'about CHF 20k', 0.5),
  ('e9000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'e6000000-0000-4000-8000-000000000009', null,
   'e5000000-0000-4000-8000-000000000009', 'budget', 'partial', 'CHF 1000', 'a thousand', 0.5);

insert into public.ai_feedback (org_id, task_id, user_id, rating) values
  (current_setting('kiln_test.org_b')::uuid, 'e8000000-0000-4000-8000-000000000009', 'e2000000-0000-4000-8000-000000000001', 'up');

-- Pending drafts in one conversation: never two.
select kiln_test.assert_fails('unique_violation', 'two pending drafts in one conversation', $$insert into public.hil_tasks (org_id, kind, conversation_id) values (current_setting('kiln_test.org_a')::uuid, 'message_approval', 'e7000000-0000-4000-8000-000000000001')$$);

-- ---------------------------------------------------------------------------------------
-- Rep of A, reps may not approve (the default).

select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');

do $$
declare
  n int;
begin
  assert (select count(*) from public.ai_agents) = 1, 'rep A sees A''s agent only';
  assert (select count(*) from public.hil_tasks) = 3, 'rep A sees the tasks of A''s conversations';
  assert (select count(*) from public.bant_suggestions) = 1, 'rep A sees A''s suggestions only';
  assert (select count(*) from public.ai_feedback) = 0, 'rep A sees no feedback of B';

  update public.ai_agents set name = 'Renamed by a rep';
  get diagnostics n = row_count;
  assert n = 0, 'rep A could change an agent';

  update public.organizations set reps_can_approve = true;
  get diagnostics n = row_count;
  assert n = 0, 'rep A could let reps approve';

  -- Anyone who sees a thread retires its draft (a reply or a takeover does that).
  update public.hil_tasks set status = 'superseded', decision_note_kind = 'person_replied', decision_note_params = '{"name": "Rep A"}'
   where id = 'e8000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can supersede a draft in a thread they see';
  assert (select decided_at is not null and decided_by is null from public.hil_tasks where id = 'e8000000-0000-4000-8000-000000000002'), 'superseding stamps the time, not a decider';

  insert into public.ai_feedback (org_id, task_id, user_id, rating, comment)
  values (current_setting('kiln_test.org_a')::uuid, 'e8000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000004', 'down', 'Too pushy');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can give feedback as themselves';

  update public.bant_suggestions set state = 'dismissed', decided_by = 'e1000000-0000-4000-8000-000000000004', decided_at = now()
   where id = 'e9000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can dismiss a suggestion for a lead they see';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

do $$
begin
  update public.hil_tasks set status = 'approved' where id = 'e8000000-0000-4000-8000-000000000001';
  assert false, 'rep A could approve without the organization allowing it';
exception when raise_exception then
  assert sqlerrm like 'Only managers%', sqlerrm;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could create an agent', $$
  insert into public.ai_agents (org_id, name, role, active, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'Rogue', 'sales', false, 'e1000000-0000-4000-8000-000000000004')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a task', $$insert into public.hil_tasks (org_id, kind, conversation_id) values (current_setting('kiln_test.org_a')::uuid, 'manual_review', 'e7000000-0000-4000-8000-000000000001')$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could rewrite a draft''s payload', $$update public.hil_tasks set payload = '{"draft":"90% off"}' where id = 'e8000000-0000-4000-8000-000000000001'$$);

select kiln_test.assert_fails('raise_exception', 'rep A could send a pending draft', $$select private.queue_approved_draft('e8000000-0000-4000-8000-000000000001', 'Sent without approval')$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could give feedback in a colleague''s name', $$
  insert into public.ai_feedback (org_id, task_id, user_id, rating)
  values (current_setting('kiln_test.org_a')::uuid, 'e8000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000003', 'up')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could write a message as the agent', $$
  insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type)
  values (current_setting('kiln_test.org_a')::uuid, 'e7000000-0000-4000-8000-000000000001', 'outbound', 'As the agent', 'queued', 'twilio', 'agent')
$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Rep of A where the organization lets reps approve: approve and send, exactly once.

update public.organizations set reps_can_approve = true where id = current_setting('kiln_test.org_a')::uuid;
select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');

do $$
declare
  message uuid;
  n int;
begin
  update public.hil_tasks set status = 'approved', final_body = 'Thanks! Tuesday?', edit_distance = 30, decided_by = 'e1000000-0000-4000-8000-000000000003'
   where id = 'e8000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can approve when reps may approve';
  assert (select decided_by from public.hil_tasks where id = 'e8000000-0000-4000-8000-000000000001') = 'e1000000-0000-4000-8000-000000000004',
    'the decider is whoever approved, not whom the client named';
  message := private.queue_approved_draft('e8000000-0000-4000-8000-000000000001', 'Thanks! Tuesday?');
  assert (select author_type = 'agent' and direction = 'outbound' and status = 'queued' from public.messages where id = message), 'the approved draft is queued as the agent''s message';
  assert (select sent_message_id from public.hil_tasks where id = 'e8000000-0000-4000-8000-000000000001') = message, 'the task links the message';
  begin
    perform private.queue_approved_draft('e8000000-0000-4000-8000-000000000001', 'Again');
    assert false, 'an approved draft was sent twice';
  exception when raise_exception then null;
  end;
  begin
    update public.hil_tasks set status = 'rejected' where id = 'e8000000-0000-4000-8000-000000000001';
    assert false, 'a decided task changed its status';
  exception when raise_exception then null;
  end;
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

reset role;
update public.organizations set reps_can_approve = false where id = current_setting('kiln_test.org_a')::uuid;

-- ---------------------------------------------------------------------------------------
-- Manager of A: decides drafts and manages agents, within the plan; no auto-send.

select kiln_test.as_user('e1000000-0000-4000-8000-000000000003');

do $$
declare
  n int;
begin
  assert (select count(*) from public.hil_tasks) = 3, 'manager A sees every task of A';
  update public.hil_tasks set status = 'rejected', decision_note = 'Too early for a price' where id = 'e8000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 1, 'manager A can reject a draft';
  insert into public.ai_agents (org_id, name, role, active, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'Support (off)', 'support', false, 'e1000000-0000-4000-8000-000000000003');
  get diagnostics n = row_count;
  assert n = 1, 'manager A can add an inactive agent beyond the plan';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

do $$
declare
  hint text;
  detail text;
begin
  insert into public.ai_agents (org_id, name, role, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'Second active', 'support', 'e1000000-0000-4000-8000-000000000003');
  assert false, 'manager A went over the Basic plan''s one active agent';
exception when raise_exception then
  get stacked diagnostics hint = pg_exception_hint, detail = pg_exception_detail;
  assert hint = 'plan_limit', hint;
  -- A code and its parameters, worded in the reader's language by the app (problems.dbAgentPlanLimit).
  assert sqlerrm = 'agent_plan_limit', sqlerrm;
  assert detail::jsonb = '{"plan": "basic", "limit": 1, "nextPlan": "pro", "nextLimit": 3}'::jsonb, detail;
end
$$;

do $$
begin
  update public.ai_agents set auto_send = true where id = 'e4000000-0000-4000-8000-000000000001';
  assert false, 'manager A could turn on auto-send';
exception when raise_exception then
  assert sqlerrm like 'Only owners and admins%', sqlerrm;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'manager A could change the plan', $$update public.organizations set plan = 'enterprise'$$);

select kiln_test.assert_fails('raise_exception', 'a task expired before its time', $$update public.hil_tasks set status = 'expired' where id = 'e8000000-0000-4000-8000-000000000001'$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Admin of A: reps approving and auto-send (on a Pro plan), never the plan itself.

-- The plan is billing's: set as the superuser, put back after this section.
update public.organizations set plan = 'pro' where id = current_setting('kiln_test.org_a')::uuid;

select kiln_test.as_user('e1000000-0000-4000-8000-000000000002');

do $$
declare
  n int;
begin
  update public.organizations set reps_can_approve = true where id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 1, 'admin A can let reps approve';
  insert into public.ai_agents (org_id, name, role, auto_send, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'Support', 'support', true, 'e1000000-0000-4000-8000-000000000002');
  get diagnostics n = row_count;
  assert n = 1, 'admin A can add a second active agent on Pro, sending without approval';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'admin A could change the plan', $$update public.organizations set plan = 'enterprise' where id = current_setting('kiln_test.org_a')::uuid$$);

reset role;

update public.organizations set plan = 'basic' where id = current_setting('kiln_test.org_a')::uuid;

-- ---------------------------------------------------------------------------------------
-- Owner of B: nothing of A, in any direction.

select kiln_test.as_user('e2000000-0000-4000-8000-000000000001');

do $$
declare
  n int;
begin
  assert (select count(*) from public.ai_agents) = 1, 'owner B sees B''s agent only';
  assert (select count(*) from public.hil_tasks) = 1, 'owner B sees B''s task only';
  assert (select count(*) from public.bant_suggestions) = 1, 'owner B sees B''s suggestion only';
  assert (select count(*) from public.ai_feedback) = 1, 'owner B sees B''s feedback only';
  update public.hil_tasks set status = 'approved' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B could approve A''s drafts';
  update public.ai_agents set active = false where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B could change A''s agents';
  delete from public.ai_agents where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B could delete A''s agents';
  update public.bant_suggestions set state = 'accepted', decided_by = 'e2000000-0000-4000-8000-000000000001'
   where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B could accept A''s suggestions';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'owner B could rate A''s draft', $$
  insert into public.ai_feedback (org_id, task_id, user_id, rating)
  values (current_setting('kiln_test.org_a')::uuid, 'e8000000-0000-4000-8000-000000000001', 'e2000000-0000-4000-8000-000000000001', 'up')
$$);

select kiln_test.assert_fails('raise_exception', 'owner B could send A''s draft', $$select private.queue_approved_draft('e8000000-0000-4000-8000-000000000001', 'From B')$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Anonymous visitors: nothing at all.

select kiln_test.as_anon();

select kiln_test.assert_fails('insufficient_privilege', 'anon could read tasks', $$select 1 from public.hil_tasks$$);

select kiln_test.assert_fails('insufficient_privilege', 'anon could read agents', $$select 1 from public.ai_agents$$);

select kiln_test.assert_fails('insufficient_privilege', 'anon could read suggestions', $$select 1 from public.bant_suggestions$$);

select kiln_test.assert_fails('insufficient_privilege', 'anon could read feedback', $$select 1 from public.ai_feedback$$);

select kiln_test.as_superuser();
