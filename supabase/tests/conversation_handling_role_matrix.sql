-- Conversation tags, their links, working hours and response-time targets (issue 16), walking
-- the owner, admin, manager and rep of organization A, the owner of organization B and an
-- anonymous visitor. Plain SQL + `assert`, rolled back by the runner at the end.
--
-- Users:  da…01 owner of A  da…02 admin  da…03 manager  da…04 rep  db…01 owner of B
-- Conversations of A: dc…01 (the rep's)  dc…02 (the manager's); of B: dc…09
-- Tags: dd…01 A's "VIP"  dd…09 B's "Theirs"

select kiln_test.make_world('Conversation Handling',
  a_owner => 'da000000-0000-4000-8000-000000000001', a_admin => 'da000000-0000-4000-8000-000000000002',
  a_manager => 'da000000-0000-4000-8000-000000000003', a_rep => 'da000000-0000-4000-8000-000000000004',
  b_owner => 'db000000-0000-4000-8000-000000000001');

-- Reps see their own threads only, so the link policies are walked through the conversations' RLS.
update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}'
 where id = current_setting('kiln_test.org_a')::uuid;

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('de000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550401', '{sms}', 'A line'),
  ('de000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'twilio', '+41445550409', '{sms}', 'B line');
insert into public.leads (id, org_id, owner_id, name, phone) values
  ('df000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'da000000-0000-4000-8000-000000000004', 'Rep''s lead', '+41795550401'),
  ('df000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'da000000-0000-4000-8000-000000000003', 'Manager''s lead', '+41795550402'),
  ('df000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', '+41795550409');
insert into public.conversations (id, org_id, lead_id, channel_id, medium, assignee_id) values
  ('dc000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'df000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-000000000001', 'sms', 'da000000-0000-4000-8000-000000000004'),
  ('dc000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'df000000-0000-4000-8000-000000000002', 'de000000-0000-4000-8000-000000000001', 'sms', 'da000000-0000-4000-8000-000000000003'),
  ('dc000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'df000000-0000-4000-8000-000000000009', 'de000000-0000-4000-8000-000000000009', 'sms', null);
insert into public.conversation_tags (id, org_id, name, color) values
  ('dd000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'Theirs', 'red');
insert into public.conversation_tag_links (conversation_id, tag_id, org_id) values
  ('dc000000-0000-4000-8000-000000000009', 'dd000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid);

-- Even the service role cannot link a tag of another organization (composite foreign key).
select kiln_test.assert_fails('foreign_key_violation', 'A''s thread carried B''s tag',
  $$insert into public.conversation_tag_links (conversation_id, tag_id, org_id)
    values ('dc000000-0000-4000-8000-000000000001', 'dd000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_a')::uuid)$$);

-- ---------------------------------------------------------------------------------------
-- Manager of A: defines tags; tags any thread of A.

select kiln_test.as_user('da000000-0000-4000-8000-000000000003');
insert into public.conversation_tags (id, org_id, name, color, created_by)
values ('dd000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'VIP', 'amber', 'da000000-0000-4000-8000-000000000003');
select kiln_test.assert_fails('unique_violation', 'two tags of A were called vip',
  $$insert into public.conversation_tags (org_id, name, color, created_by)
    values (current_setting('kiln_test.org_a')::uuid, 'vip', 'red', 'da000000-0000-4000-8000-000000000003')$$);
select kiln_test.assert_fails('raise_exception', 'a tag had a colour outside the palette',
  $q$do $$ begin
      insert into public.conversation_tags (org_id, name, color, created_by)
      values (current_setting('kiln_test.org_a')::uuid, 'Neon', '#ff00ff', 'da000000-0000-4000-8000-000000000003');
    exception when check_violation then raise exception 'check';
    end $$$q$);
insert into public.conversation_tag_links (conversation_id, tag_id, org_id, created_by) values
  ('dc000000-0000-4000-8000-000000000001', 'dd000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'da000000-0000-4000-8000-000000000003'),
  ('dc000000-0000-4000-8000-000000000002', 'dd000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'da000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.conversation_tags) = 1, 'manager A sees only A''s tag';
  assert (select count(*) from public.conversation_tag_links) = 2, 'manager A sees the tags of both of A''s threads';
end
$$;
-- Working hours and targets are the admins'.
select kiln_test.assert_fails('insufficient_privilege', 'manager A set working hours',
  $$insert into public.response_time_settings (org_id, time_zone, updated_by)
    values (current_setting('kiln_test.org_a')::uuid, 'UTC', 'da000000-0000-4000-8000-000000000003')$$);
select kiln_test.assert_fails('insufficient_privilege', 'manager A set a response-time target',
  $$insert into public.response_time_slas (channel_id, org_id, target_minutes, updated_by)
    values ('de000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 30, 'da000000-0000-4000-8000-000000000003')$$);
reset role;

-- ---------------------------------------------------------------------------------------
-- Rep of A: reads tags, cannot define them; tags and sees only their own thread's links.

select kiln_test.as_user('da000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
begin
  assert (select count(*) from public.conversation_tags) = 1, 'rep A reads A''s tags';
  assert (select count(*) from public.conversation_tag_links) = 1, 'rep A sees only their own thread''s tags';
  update public.conversation_tags set name = 'Renamed';
  get diagnostics n = row_count;
  assert n = 0, 'rep A renamed a tag';
  delete from public.conversation_tags;
  get diagnostics n = row_count;
  assert n = 0, 'rep A deleted a tag';
  delete from public.conversation_tag_links where conversation_id = 'dc000000-0000-4000-8000-000000000002';
  get diagnostics n = row_count;
  assert n = 0, 'rep A untagged the manager''s thread';
  delete from public.conversation_tag_links where conversation_id = 'dc000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 1, 'rep A untags their own thread';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A created a tag',
  $$insert into public.conversation_tags (org_id, name, color, created_by)
    values (current_setting('kiln_test.org_a')::uuid, 'Mine', 'green', 'da000000-0000-4000-8000-000000000004')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A tagged the manager''s thread',
  $$insert into public.conversation_tag_links (conversation_id, tag_id, org_id, created_by)
    values ('dc000000-0000-4000-8000-000000000002', 'dd000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'da000000-0000-4000-8000-000000000004')$$);
insert into public.conversation_tag_links (conversation_id, tag_id, org_id, created_by)
values ('dc000000-0000-4000-8000-000000000001', 'dd000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'da000000-0000-4000-8000-000000000004');
reset role;

-- ---------------------------------------------------------------------------------------
-- Admin of A: working hours and targets; not on another organization's channel.

select kiln_test.as_user('da000000-0000-4000-8000-000000000002');
insert into public.response_time_settings (org_id, time_zone, updated_by)
values (current_setting('kiln_test.org_a')::uuid, 'Europe/Zurich', 'da000000-0000-4000-8000-000000000002');
insert into public.response_time_slas (channel_id, org_id, target_minutes, updated_by)
values ('de000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 30, 'da000000-0000-4000-8000-000000000002');
select kiln_test.assert_fails('insufficient_privilege', 'admin A set a target on B''s channel',
  $$insert into public.response_time_slas (channel_id, org_id, target_minutes, updated_by)
    values ('de000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_a')::uuid, 30, 'da000000-0000-4000-8000-000000000002')$$);
do $$
begin
  assert (select count(*) from public.response_time_slas) = 1, 'admin A reads A''s targets';
end
$$;
-- Members never set the SLA bookkeeping themselves.
select kiln_test.assert_fails('insufficient_privilege', 'admin A cleared a reported wait',
  $$update public.conversations set sla_breached_at = null$$);
reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: nothing of A.

select kiln_test.as_user('db000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.conversation_tags) = 1, 'owner B sees only B''s tag';
  assert (select count(*) from public.conversation_tag_links) = 1, 'owner B sees only B''s links';
  assert (select count(*) from public.response_time_settings) = 0, 'owner B read A''s working hours';
  assert (select count(*) from public.response_time_slas) = 0, 'owner B read A''s targets';
  assert (select count(*) from public.conversation_metrics) = 1, 'owner B reads only B''s metrics';
  update public.conversation_tags set name = 'Hijacked' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B renamed A''s tag';
  delete from public.response_time_slas;
  get diagnostics n = row_count;
  assert n = 0, 'owner B removed A''s target';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'owner B tagged A''s thread',
  $$insert into public.conversation_tag_links (conversation_id, tag_id, org_id, created_by)
    values ('dc000000-0000-4000-8000-000000000001', 'dd000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'db000000-0000-4000-8000-000000000001')$$);
reset role;

-- ---------------------------------------------------------------------------------------
-- Anonymous visitors: nothing.

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon read tags', $$select count(*) from public.conversation_tags$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon read tag links', $$select count(*) from public.conversation_tag_links$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon read working hours', $$select count(*) from public.response_time_settings$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon read targets', $$select count(*) from public.response_time_slas$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon read metrics', $$select count(*) from public.conversation_metrics$$);
select kiln_test.as_superuser();
