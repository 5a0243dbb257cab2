-- The inbox role matrix: channels, conversations, messages and webhook events for the
-- owner, admin, rep of organization A (with "reps see only their own leads" off and on),
-- the owner of organization B and an anonymous visitor. Same runner and style as
-- leads_role_matrix.sql: plain SQL + `assert`, rolled back at the end; a block that must
-- leave nothing changed raises KT001 at its end to undo itself.
--
-- Users:  f1…01 owner of A   f1…02 admin of A   f1…04 rep of A   f1…05 second rep of A   f2…01 owner of B
-- Conversations of A: f7…01 assigned to the rep   f7…02 assigned to the second rep   f7…03 unassigned

select kiln_test.make_world('Inbox Matrix',
  a_owner => 'f1000000-0000-4000-8000-000000000001', a_admin => 'f1000000-0000-4000-8000-000000000002',
  a_rep => 'f1000000-0000-4000-8000-000000000004', b_owner => 'f2000000-0000-4000-8000-000000000001');

-- A second rep, beside make_world's one.
select kiln_test.add_user('f1000000-0000-4000-8000-000000000005', 'rep2-a@inbox-matrix.test', 'Second rep A',
  current_setting('kiln_test.org_a')::uuid, 'rep');

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('f3000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550101', '{sms,whatsapp}', 'A line'),
  ('f3000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_b')::uuid, 'twilio', '+41445550102', '{sms}', 'B line');

insert into public.leads (id, org_id, owner_id, name, phone) values
  ('f6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'Rep''s lead', '+41795550101'),
  ('f6000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000005', 'Second rep''s lead', '+41795550102'),
  ('f6000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, null, 'Nobody''s lead', '+41795550103'),
  ('f6000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', '+41795550109');

insert into public.conversations (id, org_id, lead_id, channel_id, medium, assignee_id) values
  ('f7000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'f3000000-0000-4000-8000-000000000001', 'sms', 'f1000000-0000-4000-8000-000000000004'),
  ('f7000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000002', 'f3000000-0000-4000-8000-000000000001', 'sms', 'f1000000-0000-4000-8000-000000000005'),
  ('f7000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000003', 'f3000000-0000-4000-8000-000000000001', 'whatsapp', null),
  ('f7000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'f6000000-0000-4000-8000-000000000009', 'f3000000-0000-4000-8000-000000000002', 'sms', null);

insert into public.messages (org_id, conversation_id, direction, body, status, provider, provider_message_id, author_type)
select org_id, id, 'inbound', 'Hello', 'received', 'twilio', 'SM-matrix-' || id, 'lead' from public.conversations where id::text like 'f7%';

insert into public.inbound_events (provider, event_id, kind, payload, signature_ok, org_id)
values ('twilio', 'SM-matrix-event', 'message', '{}', true, current_setting('kiln_test.org_a')::uuid);

-- The installation's numbers, allocated by a platform admin (the server) to A and to B.
insert into public.number_allocations (provider, number, org_id) values
  ('twilio', '+41445550101', current_setting('kiln_test.org_a')::uuid),
  ('twilio', '+41445550102', current_setting('kiln_test.org_b')::uuid);

-- ---------------------------------------------------------------------------------------
-- Rep of A, default settings: reads every thread of A; writes replies as themselves only.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');

do $$
declare
  n int;
begin
  assert (select count(*) from public.channels) = 1, 'rep A sees A''s channel only';
  assert (select count(*) from public.conversations) = 3, 'rep A sees every conversation of A';
  assert (select count(*) from public.messages) = 3, 'rep A reads the messages of A''s conversations only';

  insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, author_id)
  values (current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000001', 'outbound', 'On my way', 'queued', 'twilio', 'user', 'f1000000-0000-4000-8000-000000000004');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can queue a reply as themselves';

  update public.conversations set assignee_id = 'f1000000-0000-4000-8000-000000000004' where id = 'f7000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can take an unassigned conversation';

  update public.conversations set status = 'closed' where id = 'f7000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can close a colleague''s conversation while reps see all leads';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could read webhook payloads (server-only)', $$select 1 from public.inbound_events$$);

do $$
begin
  assert (select count(*) from public.number_allocations) = 0, 'rep A reads no number allocations (admins only)';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could forge an inbound message', $$
  insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, author_id)
  values (current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000001', 'inbound', 'Forged lead message', 'received', 'twilio', 'lead', null)
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could send in a colleague''s name', $$
  insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, author_id)
  values (current_setting('kiln_test.org_a')::uuid, 'f7000000-0000-4000-8000-000000000001', 'outbound', 'In your name', 'queued', 'twilio', 'user', 'f1000000-0000-4000-8000-000000000005')
$$);

do $$
begin
  update public.messages set status = 'read' where conversation_id = 'f7000000-0000-4000-8000-000000000001';
  assert (select count(*) from public.messages where status = 'read') = 0, 'rep A could fake a delivery status';
exception when insufficient_privilege then null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could take a colleague''s conversation', $$update public.conversations set assignee_id = 'f1000000-0000-4000-8000-000000000004' where id = 'f7000000-0000-4000-8000-000000000002'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could add a channel', $$
  insert into public.channels (org_id, provider, address, capabilities, label, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550199', '{sms}', 'Rogue', 'f1000000-0000-4000-8000-000000000004')
$$);

do $$
declare
  n int;
begin
  update public.channels set label = 'Renamed' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'rep A could rename a channel';
end
$$;

reset role;

-- ---------------------------------------------------------------------------------------
-- "Reps see only their own leads" on: the rep sees threads assigned to them or to nobody.

update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}'
 where id = current_setting('kiln_test.org_a')::uuid;

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
begin
  assert (select count(*) from public.conversations) = 2, 'rep A sees their own and the unassigned conversation';
  assert not exists (select 1 from public.messages where conversation_id = 'f7000000-0000-4000-8000-000000000002'), 'nor the messages of a colleague''s thread';
  update public.conversations set status = 'closed' where id = 'f7000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot close a colleague''s conversation';
end
$$;
reset role;

update public.organizations set settings = settings - 'reps_see_own_leads_only'
 where id = current_setting('kiln_test.org_a')::uuid;

-- ---------------------------------------------------------------------------------------
-- Admin of A manages channels and assigns conversations to any member, not to outsiders.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000002');
do $$
declare
  n int;
begin
  insert into public.channels (org_id, provider, address, capabilities, label, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550198', '{sms}', 'Second line', 'f1000000-0000-4000-8000-000000000002');
  get diagnostics n = row_count;
  assert n = 1, 'admin A can add a channel';
  update public.channels set active = false where id = 'f3000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'admin A can deactivate a channel';
  update public.conversations set assignee_id = 'f1000000-0000-4000-8000-000000000005' where id = 'f7000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'admin A can reassign a conversation';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

select kiln_test.refused_with_hint('invalid_assignee', 'admin A could assign a conversation to the owner of B',
  $$update public.conversations set assignee_id = 'f2000000-0000-4000-8000-000000000001' where id = 'f7000000-0000-4000-8000-000000000001'$$);

do $$
begin
  assert (select count(*) from public.number_allocations) = 1, 'admin A reads A''s number allocation only';
  assert (select org_id from public.number_allocations) = current_setting('kiln_test.org_a')::uuid, 'and it is A''s';
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'admin A could allocate a number to itself', $$
  insert into public.number_allocations (provider, number, org_id) values ('twilio', '+41445550196', current_setting('kiln_test.org_a')::uuid)
$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could take B''s allocation', $$
  update public.number_allocations set org_id = current_setting('kiln_test.org_a')::uuid where number = '+41445550102'
$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could release an allocation', $$
  delete from public.number_allocations where number = '+41445550101'
$$);

-- A number is unique within an organization only: B's number as a channel of A conflicts with
-- nothing (and reveals nothing); live routing and sending follow the allocation, not the row.
do $$
declare
  n int;
begin
  insert into public.channels (org_id, provider, address, capabilities, label, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550102', '{sms}', 'Same number as B', 'f1000000-0000-4000-8000-000000000002');
  get diagnostics n = row_count;
  assert n = 1, 'admin A can add a number B also has';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

select kiln_test.assert_fails('unique_violation', 'admin A could add the same number twice to A', $$
  insert into public.channels (org_id, provider, address, capabilities, label, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550101', '{sms}', 'Twice', 'f1000000-0000-4000-8000-000000000002')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'admin A could add a channel to B', $$
  insert into public.channels (org_id, provider, address, capabilities, label, created_by)
  values (current_setting('kiln_test.org_b')::uuid, 'twilio', '+41445550197', '{sms}', 'Into B', 'f1000000-0000-4000-8000-000000000002')
$$);
reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B and an anonymous visitor see nothing of A.

select kiln_test.as_user('f2000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.conversations where org_id = current_setting('kiln_test.org_a')::uuid) = 0, 'owner B sees none of A''s conversations';
  assert (select count(*) from public.messages where org_id = current_setting('kiln_test.org_a')::uuid) = 0, 'owner B reads none of A''s messages';
  update public.conversations set status = 'closed' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot close A''s conversations';
  assert cardinality(private.search_conversation_ids(current_setting('kiln_test.org_a')::uuid, '%hello%')) = 0, 'owner B cannot search A''s messages';
  assert (select count(*) from public.number_allocations where org_id = current_setting('kiln_test.org_a')::uuid) = 0, 'owner B reads none of A''s number allocations';
end
$$;
reset role;

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read conversations', $$select 1 from public.conversations$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read number allocations', $$select 1 from public.number_allocations$$);
reset role;
