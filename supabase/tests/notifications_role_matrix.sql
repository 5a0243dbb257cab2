-- The notifications role matrix: owner, admin, manager and rep of organization A, the owner
-- of organization B and an anonymous visitor, against notifications, settings, push
-- subscriptions, deliveries and digests, and the private.create_notifications entry point.
-- Same runner and style as inbox_role_matrix.sql: plain SQL + `assert`, rolled back at the end.
--
-- Users:  fa…01 owner of A   fa…02 admin of A   fa…03 manager of A   fa…04 rep of A   fb…01 owner of B

select kiln_test.make_world('Notify Matrix',
  a_owner => 'fa000000-0000-4000-8000-000000000001', a_admin => 'fa000000-0000-4000-8000-000000000002',
  a_manager => 'fa000000-0000-4000-8000-000000000003', a_rep => 'fa000000-0000-4000-8000-000000000004',
  b_owner => 'fb000000-0000-4000-8000-000000000001');

-- The rep hears about approvals only in the app; everyone else keeps the defaults.
insert into public.user_notification_settings (user_id, channels, phone) values
  ('fa000000-0000-4000-8000-000000000004', '{"approvals": {"email": false}}', '+41795550104');

-- The service role (a webhook, a job) notifies every member of A; B's owner is named too and dropped.
select kiln_test.as_service();
do $$
declare
  created jsonb;
begin
  created := private.create_notifications(current_setting('kiln_test.org_a')::uuid,
    array['fa000000-0000-4000-8000-000000000001', 'fa000000-0000-4000-8000-000000000002', 'fa000000-0000-4000-8000-000000000003',
          'fa000000-0000-4000-8000-000000000004', 'fb000000-0000-4000-8000-000000000001']::uuid[],
    '{"kind": "approval_requested", "category": "approvals", "params": {"lead": "Ada", "preview": "A draft"}, "actionUrl": "/approvals"}');
  assert jsonb_array_length(created) = 4, 'the service role notifies A''s four members, not B''s owner';
  assert (select count(*) from public.notification_deliveries d join public.notifications n on n.id = d.notification_id
           where n.user_id = 'fa000000-0000-4000-8000-000000000004') = 0, 'the rep''s email switch is honoured';
  assert (select count(*) from public.notification_deliveries where channel = 'email'
           and org_id = current_setting('kiln_test.org_a')::uuid) = 3, 'the others get an email delivery by default';
  assert not exists (select 1 from public.notifications where user_id = 'fb000000-0000-4000-8000-000000000001'), 'B''s owner got nothing';
end
$$;
reset role;

-- Rep of A: own rows only; marks own read; cannot write rows or touch anyone else's.
select kiln_test.as_user('fa000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
  created jsonb;
begin
  assert (select count(*) from public.notifications) = 1, 'rep A sees only their own notification';
  assert (select count(*) from public.user_notification_settings) = 1, 'rep A sees only their own settings';
  assert (select count(*) from public.notification_deliveries) = 0, 'rep A sees no one else''s deliveries';
  update public.notifications set read_at = now();
  get diagnostics n = row_count;
  assert n = 1, 'rep A marks their own notification read';
  update public.user_notification_settings set meeting_reminder_minutes = 15 where user_id = 'fa000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'rep A changes their own settings';
  -- A member may notify members of their own organization (producers run as the acting user).
  created := private.create_notifications(current_setting('kiln_test.org_a')::uuid,
    array['fa000000-0000-4000-8000-000000000003', 'fb000000-0000-4000-8000-000000000001']::uuid[],
    '{"kind": "heat_changed", "category": "heat_progressions", "params": {"lead": "Ada", "from": "warm", "to": "hot"}}');
  assert jsonb_array_length(created) = 1, 'rep A can notify A''s manager but never B''s owner';
  perform private.save_push_subscription('https://push.example.test/rep-a', 'BKey', 'auth', 'matrix');
  assert (select count(*) from public.push_subscriptions) = 1, 'rep A saves their own push subscription';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could write a notification row directly', $$
  insert into public.notifications (org_id, user_id, kind, category, params)
  values (current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000003', 'x', 'approvals', '{"legacy": {"title": "Forged"}}')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could change a notification''s text', $$update public.notifications set params = '{"legacy": {"title": "Changed"}}'$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could create settings for their manager', $$insert into public.user_notification_settings (user_id) values ('fa000000-0000-4000-8000-000000000003')$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could change delivery state', $$update public.notification_deliveries set status = 'sent'$$);
reset role;

-- Owner of A: their own row only, not the rep's (being the owner gives no access to others' notifications).
select kiln_test.as_user('fa000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.notifications) = 1, 'owner A sees only their own notification';
  assert (select count(*) from public.notification_deliveries) = 1, 'owner A sees their own email delivery';
  assert (select count(*) from public.user_notification_settings) = 0, 'owner A cannot read the rep''s settings';
  update public.notifications set read_at = now() where user_id = 'fa000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 0, 'owner A cannot mark the rep''s notification read';
end
$$;
reset role;

-- Admin and manager of A: the same, their own only.
select kiln_test.as_user('fa000000-0000-4000-8000-000000000002');
do $$
begin
  assert (select count(*) from public.notifications) = 1, 'admin A sees only their own notification';
end
$$;
reset role;
select kiln_test.as_user('fa000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.notifications) = 1, 'manager A sees only their own notification';
end
$$;
reset role;

-- Owner of B: nothing of A, and cannot notify A's members.
select kiln_test.as_user('fb000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.notifications) = 0, 'owner B sees no notification of A';
  assert (select count(*) from public.notification_deliveries) = 0, 'owner B sees no delivery of A';
  assert (select count(*) from public.user_notification_settings) = 0, 'owner B sees no settings of A''s members';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'owner B could notify A''s rep', $$
  select private.create_notifications(current_setting('kiln_test.org_a')::uuid,
    array['fa000000-0000-4000-8000-000000000004']::uuid[], '{"kind": "x", "category": "approvals", "params": {"legacy": {"title": "Forged"}}}')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner B could read A''s notification context', $$select private.notification_context(current_setting('kiln_test.org_a')::uuid, null, null, null)$$);
reset role;

-- Anonymous visitors: nothing at all.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read notifications', $$select 1 from public.notifications$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could call create_notifications', $$select private.create_notifications(current_setting('kiln_test.org_a')::uuid, array[]::uuid[], '{"category": "approvals"}')$$);
reset role;
