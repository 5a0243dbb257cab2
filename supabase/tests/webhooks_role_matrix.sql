-- The role matrix of outbound webhooks (webhook_endpoints, webhook_events, webhook_deliveries and
-- the private functions producers and admins call): the owner, admin, manager and rep of
-- organization A, the owner of organization B and an anonymous visitor.
--
-- Users:  f5…01 owner A  f5…02 admin A  f5…03 manager A  f5…04 rep A  f6…01 owner B
-- Endpoints: f7…a1 A's (lead.created)  f7…a2 A's (turned off)  f7…b1 B's (lead.created)

select kiln_test.make_world('Webhook Matrix',
  a_owner => 'f5000000-0000-4000-8000-000000000001', a_admin => 'f5000000-0000-4000-8000-000000000002',
  a_manager => 'f5000000-0000-4000-8000-000000000003', a_rep => 'f5000000-0000-4000-8000-000000000004',
  b_owner => 'f6000000-0000-4000-8000-000000000001');

insert into public.webhook_endpoints (id, org_id, url, event_types, secret_sealed, secret_hint) values
  ('f7000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'https://hooks.a.example/kiln',
   '{lead.created}', 'v1.sealed-a', 'whsec_aaaa…'),
  ('f7000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, 'https://hooks.b.example/kiln',
   '{lead.created}', 'v1.sealed-b', 'whsec_bbbb…');
insert into public.webhook_endpoints (id, org_id, url, event_types, enabled, disabled_reason, secret_sealed, secret_hint) values
  ('f7000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'https://off.a.example/kiln',
   '{lead.created}', false, 'manual', 'v1.sealed-a2', 'whsec_cccc…');

do $$
begin
  begin
    insert into public.webhook_endpoints (org_id, url, event_types, secret_sealed, secret_hint)
    values (current_setting('kiln_test.org_a')::uuid, 'https://x.example', '{lead.exploded}', 'v1.x', 'x');
    assert false, 'an unknown event type could be subscribed';
  exception when check_violation then null;
  end;
  begin
    insert into public.webhook_endpoints (org_id, url, event_types, secret_sealed, secret_hint)
    values (current_setting('kiln_test.org_a')::uuid, 'ftp://x.example', '{lead.created}', 'v1.x', 'x');
    assert false, 'a non-http URL could be stored';
  exception when check_violation then null;
  end;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Rep of A: records events of A (a change they make announces itself), sees nothing of it.

select kiln_test.as_user('f5000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.webhook_endpoints) = 0, 'rep A sees no endpoints';
  assert private.webhook_subscribed_types(current_setting('kiln_test.org_a')::uuid) = '{lead.created}',
    'rep A learns which types A''s enabled endpoints want';
  assert private.webhook_subscribed_types(current_setting('kiln_test.org_b')::uuid) = '{}',
    'rep A learns nothing of B';
  -- One enabled endpoint subscribes: one event, one pending delivery; an unsubscribed type stores nothing.
  assert (select count(*) from private.record_webhook_events(current_setting('kiln_test.org_a')::uuid,
    '[{"type": "lead.created", "version": 1, "payload": {"lead": {"id": "x"}}},
      {"type": "meeting.booked", "version": 1, "payload": {}}]'::jsonb)) = 1, 'rep A records a subscribed event';
  assert (select count(*) from public.webhook_events) = 0, 'rep A reads no events';
  assert (select count(*) from public.webhook_deliveries) = 0, 'rep A reads no deliveries';
  update public.webhook_endpoints set url = 'https://evil.example';
  delete from public.webhook_endpoints;
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could record events of B', $$
  select * from private.record_webhook_events(current_setting('kiln_test.org_b')::uuid,
    '[{"type": "lead.created", "version": 1, "payload": {}}]'::jsonb)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could send a test event', $$
  select * from private.record_webhook_events(current_setting('kiln_test.org_a')::uuid,
    '[{"type": "webhook.test", "version": 1, "payload": {}}]'::jsonb, 'f7000000-0000-4000-8000-0000000000a1')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could add an endpoint', $$
  insert into public.webhook_endpoints (org_id, url, event_types, secret_sealed, secret_hint)
  values (current_setting('kiln_test.org_a')::uuid, 'https://evil.example', '{lead.created}', 'v1.x', 'x')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could write a delivery', $$
  insert into public.webhook_deliveries (org_id, endpoint_id, event_id, next_attempt_at)
  select org_id, endpoint_id, event_id, now() from public.webhook_deliveries
$$);
reset role;
do $$
begin
  assert (select count(*) from public.webhook_events where org_id = current_setting('kiln_test.org_a')::uuid) = 1,
    'A has the event rep A recorded';
  assert (select count(*) from public.webhook_deliveries d
           where d.endpoint_id = 'f7000000-0000-4000-8000-0000000000a1' and d.status = 'pending') = 1,
    'the event waits for A''s enabled endpoint only';
  assert (select url from public.webhook_endpoints where id = 'f7000000-0000-4000-8000-0000000000a1')
    = 'https://hooks.a.example/kiln', 'rep A changed nothing';
end
$$;

-- Manager of A: like a rep for endpoints.
select kiln_test.as_user('f5000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.webhook_endpoints) = 0, 'manager A sees no endpoints';
  assert (select count(*) from public.webhook_deliveries) = 0, 'manager A reads no deliveries';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'manager A could resend a delivery', $$
  select * from private.resend_webhook_delivery((select id from public.webhook_deliveries limit 1))
$$);
reset role;

-- ---------------------------------------------------------------------------------------
-- Admin of A: manages A's endpoints (never the sealed secrets), reads A's events and
-- deliveries, sends test events and resends; nothing of B.

select kiln_test.as_user('f5000000-0000-4000-8000-000000000002');
do $$
declare
  delivery uuid;
begin
  assert (select count(*) from public.webhook_endpoints) = 2, 'admin A sees A''s two endpoints';
  assert (select count(*) from public.webhook_events) = 1, 'admin A reads A''s event';
  select id into delivery from public.webhook_deliveries limit 1;
  assert delivery is not null, 'admin A reads A''s delivery';
  assert (select count(*) from private.resend_webhook_delivery(delivery)) = 1, 'admin A resends';
  assert (select count(*) from private.record_webhook_events(current_setting('kiln_test.org_a')::uuid,
    '[{"type": "webhook.test", "version": 1, "payload": {}}]'::jsonb, 'f7000000-0000-4000-8000-0000000000a2')) = 1,
    'admin A sends a test event, even to an endpoint that is off';
  assert private.rotate_webhook_secret('f7000000-0000-4000-8000-0000000000a1', 'v1.rotated', 'whsec_dddd…', now() + interval '1 day'),
    'admin A rotates A''s secret';
  assert not private.rotate_webhook_secret('f7000000-0000-4000-8000-0000000000b1', 'v1.evil', 'x', now()),
    'admin A cannot rotate B''s secret';
  update public.webhook_endpoints set description = 'CRM sync' where id = 'f7000000-0000-4000-8000-0000000000a1';
  update public.webhook_endpoints set url = 'https://evil.example' where id = 'f7000000-0000-4000-8000-0000000000b1';
  delete from public.webhook_endpoints where id = 'f7000000-0000-4000-8000-0000000000b1';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'admin A could read a sealed secret', $$
  select secret_sealed from public.webhook_endpoints
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could reset the failing streak', $$
  update public.webhook_endpoints set failing_since = null
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could forge an event', $$
  insert into public.webhook_events (org_id, type, payload) values (current_setting('kiln_test.org_a')::uuid, 'lead.created', '{}')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could send a test event to B''s endpoint', $$
  select * from private.record_webhook_events(current_setting('kiln_test.org_a')::uuid,
    '[{"type": "webhook.test", "version": 1, "payload": {}}]'::jsonb, 'f7000000-0000-4000-8000-0000000000b1')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could add an endpoint to B', $$
  insert into public.webhook_endpoints (org_id, url, event_types, secret_sealed, secret_hint)
  values (current_setting('kiln_test.org_b')::uuid, 'https://evil.example', '{lead.created}', 'v1.x', 'x')
$$);
reset role;
do $$
begin
  assert (select secret_sealed from public.webhook_endpoints where id = 'f7000000-0000-4000-8000-0000000000a1') = 'v1.rotated'
     and (select previous_secret_sealed from public.webhook_endpoints where id = 'f7000000-0000-4000-8000-0000000000a1') = 'v1.sealed-a',
    'the rotation kept the old secret as the previous one';
  assert (select description from public.webhook_endpoints where id = 'f7000000-0000-4000-8000-0000000000a1') = 'CRM sync',
    'admin A described A''s endpoint';
  assert (select url from public.webhook_endpoints where id = 'f7000000-0000-4000-8000-0000000000b1') = 'https://hooks.b.example/kiln',
    'admin A left B''s endpoint alone';
end
$$;

-- ---------------------------------------------------------------------------------------
-- Owner of B: only B's. Anonymous: nothing.

select kiln_test.as_user('f6000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.webhook_endpoints) = 1, 'owner B sees B''s endpoint only';
  assert (select count(*) from public.webhook_events) = 0, 'owner B reads none of A''s events';
  assert (select count(*) from public.webhook_deliveries) = 0, 'owner B reads none of A''s deliveries';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'owner B could resend A''s delivery', $$
  select * from private.resend_webhook_delivery(
    (select id from public.webhook_deliveries where endpoint_id = 'f7000000-0000-4000-8000-0000000000a1' limit 1))
$$);
reset role;

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could list webhook endpoints', $$
  select 1 from public.webhook_endpoints
$$);
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could record an event', $$
  select * from private.record_webhook_events(current_setting('kiln_test.org_a')::uuid,
    '[{"type": "lead.created", "version": 1, "payload": {}}]'::jsonb)
$$);
reset role;
