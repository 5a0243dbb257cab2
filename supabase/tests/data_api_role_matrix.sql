-- What a member can do with their own token straight against the database (Supabase's Data
-- API runs it exactly like this: their claims, role `authenticated`), compared with what the
-- API lets them do. Scores, BANT and the heat override change only through the scoring
-- engine's private.store_lead_scoring; the plan is billing's; timeline events are the
-- member's own `user` events; the audit log is the server's; a lead's project belongs to the
-- lead's organization; a thread's summary and unread count follow its messages. Same runner and style as the other matrices: plain SQL + `assert`,
-- rolled back at the end; a block that must leave nothing changed raises KT001 to undo itself.
--
-- Users:  f1…01 owner of A  f1…02 admin  f1…03 manager  f1…04 rep  f2…01 owner of B
-- Projects: f3…01 of A   f3…09 of B
-- Leads of A (the rep's): f6…01 no override   f6…02 pinned hot until cleared   f6…03 pin expired an hour ago
-- Lead of B: f6…09

select kiln_test.make_world('Data API Matrix',
  a_owner => 'f1000000-0000-4000-8000-000000000001', a_admin => 'f1000000-0000-4000-8000-000000000002',
  a_manager => 'f1000000-0000-4000-8000-000000000003', a_rep => 'f1000000-0000-4000-8000-000000000004',
  b_owner => 'f2000000-0000-4000-8000-000000000001');

insert into public.projects (id, org_id, name, created_by) values
  ('f3000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'A project', 'f1000000-0000-4000-8000-000000000001'),
  ('f3000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'B project', 'f2000000-0000-4000-8000-000000000001');

insert into public.leads (id, org_id, owner_id, name, created_by, heat_level, heat_override) values
  ('f6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004',
   'Plain lead', 'f1000000-0000-4000-8000-000000000004', 'cold', null),
  ('f6000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004',
   'Pinned lead', 'f1000000-0000-4000-8000-000000000004', 'hot',
   jsonb_build_object('level', 'hot', 'reason', 'Trade fair', 'by', 'Manager A', 'at', now() - interval '1 day', 'expiresAt', null)),
  ('f6000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004',
   'Pin ran out', 'f1000000-0000-4000-8000-000000000004', 'hot',
   jsonb_build_object('level', 'hot', 'reason', 'For a week', 'by', 'Manager A', 'at', now() - interval '8 days', 'expiresAt', now() - interval '1 hour')),
  ('f6000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, null,
   'B''s lead', 'f2000000-0000-4000-8000-000000000001', 'cold', null);

insert into public.audit_log (org_id, actor_id, action) values
  (current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000001', 'organization.created');

-- ---------------------------------------------------------------------------------------
-- Rep of A: edits the fields the API lets them edit, and nothing the scoring engine owns.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');

do $$
declare
  n int;
begin
  update public.leads set name = 'Plain lead, renamed', status = 'contacted', tags = '{solar}' where id = 'f6000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can edit the fields the API lets them edit';

  update public.leads set last_activity_at = now() where id = 'f6000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can touch the activity time (adding a note does)';

  insert into public.leads (org_id, owner_id, name, created_by, project_id)
  values (current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'Rep''s new lead',
          'f1000000-0000-4000-8000-000000000004', 'f3000000-0000-4000-8000-000000000001');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can create a lead in a project of A';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could set heat_level by hand',
  $$update public.leads set heat_level = 'burning' where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could set heat_score by hand',
  $$update public.leads set heat_score = 100 where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could pin the heat level by hand',
  $$update public.leads set heat_override = '{"level":"burning","reason":"I say so","by":"Rep A","at":"2026-12-01T00:00:00Z","expiresAt":null}' where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could clear a manager''s pin by hand',
  $$update public.leads set heat_override = null where id = 'f6000000-0000-4000-8000-000000000002'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could write BANT by hand',
  $$update public.leads set bant = '{"budget":{"status":"confirmed","value":"lots","evidence":null}}' where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could set bant_score by hand',
  $$update public.leads set bant_score = 100 where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could mark a lead BANT qualified by hand',
  $$update public.leads set bant_qualified = true where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could rewrite the heat explanation by hand',
  $$update public.leads set heat_explanation = '[{"key":"legacy","params":{"text":"Trust me"}}]' where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could rewrite the engine''s memory by hand',
  $$update public.leads set engagement = '{}' where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a lead that starts burning',
  $$insert into public.leads (org_id, owner_id, name, created_by, heat_level, heat_score)
    values (current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'Born hot', 'f1000000-0000-4000-8000-000000000004', 'burning', 100)$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could create a lead that starts BANT qualified',
  $$insert into public.leads (org_id, owner_id, name, created_by, bant_qualified, bant_score)
    values (current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'Born qualified', 'f1000000-0000-4000-8000-000000000004', true, 100)$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could push a lead''s activity into the future',
  $$update public.leads set last_activity_at = now() + interval '10 years' where id = 'f6000000-0000-4000-8000-000000000001'$$);

-- The scoring engine's writer: a rep stores what their BANT edit computed, but pins nothing.
do $$
declare
  lead public.leads;
begin
  perform private.store_lead_scoring('f6000000-0000-4000-8000-000000000001',
    '{"budget":{"status":"confirmed","value":"CHF 20k","evidence":null}}', 30, false, 'warm', 35, null, '[{"key":"legacy","params":{"text":"Budget confirmed (+20)"}}]',
    jsonb_build_object('lastEvaluatedAt', now()), now());
  select * into lead from public.leads where id = 'f6000000-0000-4000-8000-000000000001';
  assert lead.bant_score = 30 and lead.heat_score = 35 and lead.heat_level = 'warm', 'rep A can store the engine''s result for a BANT edit';

  -- An unchanged pin (re-serialised, times in another notation) is no change.
  perform private.store_lead_scoring('f6000000-0000-4000-8000-000000000002',
    '{}', 0, false, 'hot', 10, jsonb_build_object('level', 'hot', 'reason', 'Trade fair', 'by', 'Manager A',
      'at', to_char((now() - interval '1 day') at time zone 'UTC' + interval '2 hours', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+02:00', 'expiresAt', null),
    '[]', jsonb_build_object('lastEvaluatedAt', now()), null);
  assert (select heat_score from public.leads where id = 'f6000000-0000-4000-8000-000000000002') = 10, 'rep A can rescore a pinned lead, keeping the pin';

  perform private.store_lead_scoring('f6000000-0000-4000-8000-000000000003',
    '{}', 0, false, 'cold', 0, null, '[]', jsonb_build_object('lastEvaluatedAt', now()), null);
  assert (select heat_override from public.leads where id = 'f6000000-0000-4000-8000-000000000003') is null, 'rep A''s evaluation drops a pin that ran out';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could pin the heat level through the scoring function (the API allows managers only)',
  $$select private.store_lead_scoring('f6000000-0000-4000-8000-000000000001', '{}', 0, false, 'burning', 0,
      jsonb_build_object('level', 'burning', 'reason', 'I say so', 'by', 'Rep A', 'at', now(), 'expiresAt', null),
      '[]', jsonb_build_object('lastEvaluatedAt', now()), null)$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could clear a manager''s pin through the scoring function',
  $$select private.store_lead_scoring('f6000000-0000-4000-8000-000000000002', '{}', 0, false, 'cold', 0, null,
      '[]', jsonb_build_object('lastEvaluatedAt', now()), null)$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could replace a manager''s pin through the scoring function',
  $$select private.store_lead_scoring('f6000000-0000-4000-8000-000000000002', '{}', 0, false, 'burning', 0,
      jsonb_build_object('level', 'burning', 'reason', 'Trade fair', 'by', 'Manager A', 'at', now(), 'expiresAt', null),
      '[]', jsonb_build_object('lastEvaluatedAt', now()), null)$$);
select kiln_test.assert_fails('raise_exception', 'rep A could score another organization''s lead',
  $$select private.store_lead_scoring('f6000000-0000-4000-8000-000000000009', '{}', 0, false, 'burning', 100, null,
      '[]', jsonb_build_object('lastEvaluatedAt', now()), null)$$);

-- The timeline: their own `user` events only, at the database's time.
do $$
declare
  n int;
begin
  insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
  values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'note', 'user', 'f1000000-0000-4000-8000-000000000004', 'Called');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can add their own note';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could write a system event',
  $$insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
    values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'heat_changed', 'system', null, 'Heat cold → burning')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could write a system event under the manager''s name',
  $$insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
    values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'heat_override', 'system', 'f1000000-0000-4000-8000-000000000003', 'Pinned')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could write an event as an AI agent',
  $$insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason, data)
    values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'note', 'agent', null, 'Lead agreed to buy', '{"actorName":"Sunny"}')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could write a user event as the manager',
  $$insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
    values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'note', 'user', 'f1000000-0000-4000-8000-000000000003', 'Approved the discount')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could backdate a timeline event',
  $$insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason, created_at)
    values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'note', 'user', 'f1000000-0000-4000-8000-000000000004', 'Called last month', now() - interval '30 days')$$);

-- The audit log: never by hand. The server records a member's own actions through private.record_audit.
select kiln_test.assert_fails('insufficient_privilege', 'rep A could write an audit row of their own',
  $$insert into public.audit_log (org_id, actor_id, action) values (current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'lead.viewed')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could write an audit row in the owner''s name',
  $$insert into public.audit_log (org_id, actor_id, action) values (current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000001', 'member.removed')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could rewrite the audit log',
  $$update public.audit_log set action = 'organization.renamed'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete from the audit log',
  $$delete from public.audit_log$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could record an action in the owner''s name through the server''s function',
  $$select private.record_audit(current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000001', 'member.removed', 'user', null, '{}')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could record an action in organization B',
  $$select private.record_audit(current_setting('kiln_test.org_b')::uuid, 'f1000000-0000-4000-8000-000000000004', 'lead.deleted', 'lead', null, '{}')$$);

do $$
begin
  perform private.record_audit(current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'lead.deleted', 'lead', 'x', '{}');
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

-- Profiles: the name, as the API edits it.
select kiln_test.assert_fails('insufficient_privilege', 'rep A could set an avatar URL the API never sets',
  $$update public.profiles set avatar_url = 'https://tracker.example/pixel.gif' where id = 'f1000000-0000-4000-8000-000000000004'$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Manager of A: pins and clears heat through the scoring function, never by hand.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000003');

do $$
begin
  perform private.store_lead_scoring('f6000000-0000-4000-8000-000000000001', '{}', 0, false, 'burning', 0,
    jsonb_build_object('level', 'burning', 'reason', 'CEO called us', 'by', 'Manager A', 'at', now(), 'expiresAt', null),
    '[]', jsonb_build_object('lastEvaluatedAt', now()), null);
  assert (select heat_override ->> 'level' from public.leads where id = 'f6000000-0000-4000-8000-000000000001') = 'burning', 'manager A can pin the heat level';
  perform private.store_lead_scoring('f6000000-0000-4000-8000-000000000002', '{}', 0, false, 'cold', 0, null,
    '[]', jsonb_build_object('lastEvaluatedAt', now()), null);
  assert (select heat_override from public.leads where id = 'f6000000-0000-4000-8000-000000000002') is null, 'manager A can clear a pin';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'manager A could clear a pin by hand, skipping the engine',
  $$update public.leads set heat_override = null, heat_level = 'cold' where id = 'f6000000-0000-4000-8000-000000000002'$$);

select kiln_test.assert_fails('insufficient_privilege', 'manager A could create a project already archived',
  $$insert into public.projects (org_id, name, created_by, archived_at)
    values (current_setting('kiln_test.org_a')::uuid, 'Born archived', 'f1000000-0000-4000-8000-000000000003', now())$$);

reset role;

-- ---------------------------------------------------------------------------------------
-- Admin of A: the organization's settings, not its plan.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000002');

do $$
declare
  n int;
begin
  update public.organizations set name = 'Data API Matrix A, renamed', reps_can_approve = true where id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 1, 'admin A can rename the organization and let reps approve';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'admin A could upgrade the plan to enterprise without paying',
  $$update public.organizations set plan = 'enterprise' where id = current_setting('kiln_test.org_a')::uuid$$);

do $$
begin
  update public.organizations set settings = settings || '{"reps_see_own_leads_only": "banana"}' where id = current_setting('kiln_test.org_a')::uuid;
  assert false, 'admin A could store a setting the database cannot read (every lead query of A would fail)';
exception when check_violation then null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'admin A could write the audit log',
  $$insert into public.audit_log (org_id, actor_id, action) values (current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000002', 'organization.plan_changed')$$);

reset role;

-- The service role (billing, platform tooling) still sets the plan.
select kiln_test.as_service();

do $$
declare
  n int;
begin
  update public.organizations set plan = 'pro' where id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 1, 'the service role can change the plan';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- A lead's project is a project of the lead's organization, whoever asks.

do $$
begin
  assert (select convalidated from pg_constraint where conname = 'leads_project_in_org_fkey'), 'the lead-project constraint is validated';
end
$$;

select kiln_test.as_user('f1000000-0000-4000-8000-000000000001');

select kiln_test.assert_fails('foreign_key_violation', 'owner A could create a lead in B''s project',
  $$insert into public.leads (org_id, name, created_by, project_id)
    values (current_setting('kiln_test.org_a')::uuid, 'Cross-tenant', 'f1000000-0000-4000-8000-000000000001', 'f3000000-0000-4000-8000-000000000009')$$);
select kiln_test.assert_fails('foreign_key_violation', 'owner A could move a lead into B''s project',
  $$update public.leads set project_id = 'f3000000-0000-4000-8000-000000000009' where id = 'f6000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('foreign_key_violation', 'owner A could create a lead in a project that does not exist',
  $$insert into public.leads (org_id, name, created_by, project_id)
    values (current_setting('kiln_test.org_a')::uuid, 'Nowhere', 'f1000000-0000-4000-8000-000000000001', 'f3000000-0000-4000-8000-000000000077')$$);

reset role;

-- Not even the service role (webhooks, jobs) can cross organizations.
select kiln_test.as_service();

select kiln_test.assert_fails('foreign_key_violation', 'the service role could put A''s lead in B''s project',
  $$update public.leads set project_id = 'f3000000-0000-4000-8000-000000000009' where id = 'f6000000-0000-4000-8000-000000000001'$$);

select kiln_test.as_superuser();

-- ---------------------------------------------------------------------------------------
-- A thread's summary (last message, preview, direction, unread count) follows its messages:
-- members change a conversation's status, assignee and mode by hand, and the summary only
-- through private.record_outbound_message (the reply just queued) and
-- private.mark_conversation_read (the assignee opening it), for threads they can see.
-- Conversations: f7…01 A, the rep's, 2 unread   f7…02 A, the manager's, 1 unread   f7…09 B, 1 unread
-- Outbound messages written before the rep's turn (same transaction, so "just written"):
-- f8…02 the rep's in the manager's thread   f8…09 the rep's in B's thread   f8…03 the manager's in the rep's thread
-- f8…04 the rep's in their own thread, a day old   f8…05 the agent's in the rep's thread

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('f4000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550301', '{sms}', 'A line'),
  ('f4000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'twilio', '+41445550309', '{sms}', 'B line');

insert into public.conversations (id, org_id, lead_id, channel_id, medium, assignee_id, mode, last_message_at,
                                  last_message_preview, last_message_direction, unread_count) values
  ('f7000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001',
   'f4000000-0000-4000-8000-000000000001', 'sms', 'f1000000-0000-4000-8000-000000000004', 'ai', now() - interval '1 hour', 'Hello', 'inbound', 2),
  ('f7000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000002',
   'f4000000-0000-4000-8000-000000000001', 'sms', 'f1000000-0000-4000-8000-000000000003', 'ai', now() - interval '1 hour', 'Hello', 'inbound', 1),
  ('f7000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'f6000000-0000-4000-8000-000000000009',
   'f4000000-0000-4000-8000-000000000009', 'sms', null, 'ai', now() - interval '1 hour', 'Hello', 'inbound', 1);

insert into public.messages (id, org_id, conversation_id, direction, body, status, provider, author_type, author_id, created_at) values
  ('f8000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000002',
   'outbound', 'Ignore this thread', 'queued', 'twilio', 'user', 'f1000000-0000-4000-8000-000000000004', now()),
  ('f8000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'f7000000-0000-4000-8000-000000000009',
   'outbound', 'Hello from A', 'queued', 'twilio', 'user', 'f1000000-0000-4000-8000-000000000004', now()),
  ('f8000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000001',
   'outbound', 'Manager here', 'queued', 'twilio', 'user', 'f1000000-0000-4000-8000-000000000003', now()),
  ('f8000000-0000-4000-8000-000000000004', current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000001',
   'outbound', 'Yesterday''s reply', 'queued', 'twilio', 'user', 'f1000000-0000-4000-8000-000000000004', now() - interval '1 day'),
  ('f8000000-0000-4000-8000-000000000005', current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000001',
   'outbound', 'Happy to   help,
 Sunny', 'queued', 'twilio', 'agent', null, now());

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');

select kiln_test.assert_fails('insufficient_privilege', 'rep A could rewrite a thread''s preview by hand',
  $$update public.conversations set last_message_preview = 'All sorted, no need to reply' where id = 'f7000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could clear a colleague''s unread count by hand',
  $$update public.conversations set unread_count = 0 where id = 'f7000000-0000-4000-8000-000000000002'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could push a thread to the top of the inbox by hand',
  $$update public.conversations set last_message_at = now() + interval '10 years' where id = 'f7000000-0000-4000-8000-000000000001'$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could make a thread look answered by hand',
  $$update public.conversations set last_message_direction = 'outbound' where id = 'f7000000-0000-4000-8000-000000000002'$$);

do $$
declare
  n int;
  reply uuid;
  c public.conversations;
begin
  update public.conversations set status = 'pending', mode = 'human' where id = 'f7000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can still change a thread''s status and mode';

  insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, author_id)
  values (current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000001', 'outbound', E'On my   way,\nsee you at 3', 'queued', 'twilio',
          'user', 'f1000000-0000-4000-8000-000000000004')
  returning id into reply;
  perform private.record_outbound_message(reply, now());
  select * into c from public.conversations where id = 'f7000000-0000-4000-8000-000000000001';
  assert c.last_message_preview = 'On my way, see you at 3' and c.last_message_direction = 'outbound' and c.last_message_at = now()
         and c.unread_count = 0 and c.mode = 'human', 'rep A''s reply becomes the summary of their thread';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

do $$
declare
  c public.conversations;
begin
  perform private.record_outbound_message('f8000000-0000-4000-8000-000000000005', now() - interval '2 hours');
  select * into c from public.conversations where id = 'f7000000-0000-4000-8000-000000000001';
  assert c.last_message_preview = 'Happy to help, Sunny' and c.last_message_direction = 'outbound' and c.unread_count = 0
         and c.last_message_at = now() - interval '1 hour' and c.mode = 'ai',
         'an approved agent message becomes the summary, keeps the thread with the AI and never moves its time backwards';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

do $$
begin
  assert private.mark_conversation_read(current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000001'),
    'rep A clears the unread count of their own thread by opening it';
  assert (select unread_count from public.conversations where id = 'f7000000-0000-4000-8000-000000000001') = 0, 'rep A''s thread has nothing unread';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

do $$
begin
  assert not private.mark_conversation_read(current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000002'),
    'rep A could clear the unread count of the manager''s thread';
  assert not private.mark_conversation_read(current_setting('kiln_test.org_b')::uuid, 'f7000000-0000-4000-8000-000000000009'),
    'rep A could clear the unread count of a thread of B';
end
$$;

select kiln_test.assert_fails('raise_exception', 'rep A could put the summary of B''s thread through the server''s function',
  $$select private.record_outbound_message('f8000000-0000-4000-8000-000000000009', now())$$);
select kiln_test.assert_fails('raise_exception', 'rep A could summarize their thread with the manager''s message',
  $$select private.record_outbound_message('f8000000-0000-4000-8000-000000000003', now())$$);
select kiln_test.assert_fails('raise_exception', 'rep A could replay an old reply to rewrite their thread''s preview',
  $$select private.record_outbound_message('f8000000-0000-4000-8000-000000000004', now())$$);

reset role;

-- Reps restricted to their own leads do not see the manager's thread, nor write its summary.
update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}' where id = current_setting('kiln_test.org_a')::uuid;
select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');

select kiln_test.assert_fails('raise_exception', 'rep A could write the summary of a thread they cannot see',
  $$select private.record_outbound_message('f8000000-0000-4000-8000-000000000002', now())$$);

do $$
begin
  assert (select count(*) from public.conversations where id = 'f7000000-0000-4000-8000-000000000002') = 0, 'rep A sees the manager''s thread while restricted';
end
$$;

select kiln_test.as_superuser();
