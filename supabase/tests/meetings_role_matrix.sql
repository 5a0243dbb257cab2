-- The meetings and integrations role matrix: meetings, integration_connections and
-- oauth_states for the owner, admin, manager and rep of organization A (reps restricted to
-- their own leads, too), the owner of organization B and an anonymous visitor. Plain SQL +
-- `assert`, rolled back by the runner.
--
-- Users: e1…01 owner A  e1…02 admin A  e1…03 manager A  e1…04 rep A  e2…01 owner B

select kiln_test.make_world('Meetings Matrix',
  a_owner => 'e1000000-0000-4000-8000-000000000001', a_admin => 'e1000000-0000-4000-8000-000000000002',
  a_manager => 'e1000000-0000-4000-8000-000000000003', a_rep => 'e1000000-0000-4000-8000-000000000004',
  b_owner => 'e2000000-0000-4000-8000-000000000001');

insert into public.leads (id, org_id, owner_id, name, email) values
  ('e6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000004', 'Rep''s lead', 'rep-lead@meetings-matrix.test'),
  ('e6000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000003', 'Manager''s lead', 'mgr-lead@meetings-matrix.test'),
  ('e6000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', 'b-lead@meetings-matrix.test');

insert into public.meetings (org_id, lead_id, owner_id, provider, provider_invitee_uri, title, starts_at, ends_at) values
  (current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000004', 'calendly', 'https://api.calendly.com/scheduled_events/A1/invitees/1', 'A1', now() + interval '1 day', now() + interval '1 day 30 minutes'),
  (current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000003', 'calendly', 'https://api.calendly.com/scheduled_events/A2/invitees/1', 'A2', now() + interval '2 days', now() + interval '2 days 30 minutes'),
  (current_setting('kiln_test.org_b')::uuid, 'e6000000-0000-4000-8000-000000000009', null, 'calendly', 'https://api.calendly.com/scheduled_events/B1/invitees/1', 'B1', now() + interval '1 day', now() + interval '1 day 30 minutes');

insert into public.integration_connections (org_id, provider, status, access_token_sealed, refresh_token_sealed, webhook_signing_key_sealed, account_email) values
  (current_setting('kiln_test.org_a')::uuid, 'calendly', 'connected', 'v1.a.b.c', 'v1.d.e.f', 'v1.g.h.i', 'host-a@calendly.test'),
  (current_setting('kiln_test.org_b')::uuid, 'calendly', 'connected', 'v1.a.b.c', 'v1.d.e.f', 'v1.g.h.i', 'host-b@calendly.test');

insert into public.oauth_states (state_hash, provider, org_id, user_id, code_verifier_sealed, redirect_uri, expires_at) values
  (repeat('a', 64), 'calendly', current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000002', 'v1.x.y.z', 'http://localhost:3000/api/oauth/calendly/callback', now() + interval '10 minutes');

-- ---------------------------------------------------------------------------------------
-- Rep of A: reads A's meetings (all, while reps see all leads); writes none; no integrations.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');
do $$
declare n int;
begin
  assert (select count(*) from public.meetings) = 2, 'rep A sees A''s meetings only';
  assert (select count(*) from public.integration_connections) = 0, 'rep A sees no integration';
  update public.meetings set title = 'changed';
  get diagnostics n = row_count;
  assert false, 'rep A could update a meeting';
exception when insufficient_privilege then null;
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could forge a meeting', $$
  insert into public.meetings (org_id, lead_id, provider, provider_invitee_uri, title, starts_at, ends_at)
  values (current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', 'calendly', 'https://x/forged', 'Forged', now(), now())
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read OAuth states (server-only)', $$select 1 from public.oauth_states$$);
reset role;

-- With "reps see only their own leads": the rep sees the meeting of their own lead only.
update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}' where id = current_setting('kiln_test.org_a')::uuid;
select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.meetings) = 1, 'a restricted rep sees only the meetings of their own leads';
  assert (select title from public.meetings) = 'A1', 'the restricted rep''s meeting is their lead''s';
end
$$;
reset role;

-- Manager of A: every meeting of A, still no integrations.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.meetings) = 2, 'manager A sees every meeting of A';
  assert (select count(*) from public.integration_connections) = 0, 'manager A sees no integration';
end
$$;
reset role;

-- Admin of A: the connection's status columns, never its secrets; may set the default owner.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000002');
do $$
declare n int;
begin
  assert (select count(*) from public.integration_connections) = 1, 'admin A sees A''s connection only';
  assert (select account_email from public.integration_connections) = 'host-a@calendly.test', 'admin A reads the status columns';
  update public.integration_connections set default_owner_id = 'e1000000-0000-4000-8000-000000000004';
  get diagnostics n = row_count;
  assert n = 1, 'admin A can choose the default owner';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'admin A could read a sealed token column', $$select access_token_sealed from public.integration_connections$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could write a token column', $$update public.integration_connections set status = 'connected', refresh_token_sealed = 'v1.forged'$$);
select kiln_test.assert_fails('raise_exception', 'admin A could make a non-member the default owner', $$update public.integration_connections set default_owner_id = 'e2000000-0000-4000-8000-000000000001'$$);
reset role;

-- Owner of A: like the admin.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.integration_connections) = 1, 'owner A sees A''s connection';
  assert (select count(*) from public.meetings) = 2, 'owner A sees A''s meetings';
end
$$;
reset role;

-- Owner of B: nothing of A.
select kiln_test.as_user('e2000000-0000-4000-8000-000000000001');
do $$
declare n int;
begin
  assert (select count(*) from public.meetings) = 1, 'owner B sees B''s meeting only';
  assert (select count(*) from public.integration_connections) = 1, 'owner B sees B''s connection only';
  update public.integration_connections set default_owner_id = null where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B changed A''s connection';
end
$$;
reset role;

-- ---------------------------------------------------------------------------------------
-- "Mark as held" (private.mark_meeting_held): the meeting's owner or a manager and above, for
-- a started, scheduled meeting; never by writing the table. Reps are still restricted to
-- their own leads here. Each refusal is checked by its hint, which decides the HTTP status.
insert into public.meetings (id, org_id, lead_id, owner_id, provider, title, starts_at, ends_at, status) values
  ('e7000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000004', 'manual', 'Rep past 1', now() - interval '2 hours', now() - interval '90 minutes', 'scheduled'),
  ('e7000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000004', 'manual', 'Rep past 2', now() - interval '1 day', now() - interval '23 hours', 'scheduled'),
  ('e7000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000003', 'manual', 'Manager past', now() - interval '3 hours', now() - interval '2 hours', 'scheduled'),
  ('e7000000-0000-4000-8000-000000000004', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000004', 'manual', 'Rep canceled', now() - interval '5 hours', now() - interval '4 hours', 'canceled'),
  ('e7000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'e6000000-0000-4000-8000-000000000009', 'e2000000-0000-4000-8000-000000000001', 'manual', 'B past', now() - interval '2 hours', now() - interval '1 hour', 'scheduled');

select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select status from private.mark_meeting_held('e7000000-0000-4000-8000-000000000001')) = 'completed', 'rep A can mark their own past meeting held';
  assert (select status from public.meetings where id = 'e7000000-0000-4000-8000-000000000001') = 'completed', 'rep A reads the meeting as completed';
end
$$;
select kiln_test.refused_with_hint('conflict', 'rep A marked a meeting held twice', $$select private.mark_meeting_held('e7000000-0000-4000-8000-000000000001')$$);
select kiln_test.refused_with_hint('not_started', 'rep A marked a meeting that has not started', $$select private.mark_meeting_held((select id from public.meetings where title = 'A1'))$$);
select kiln_test.refused_with_hint('conflict', 'rep A marked a canceled meeting held', $$select private.mark_meeting_held('e7000000-0000-4000-8000-000000000004')$$);
select kiln_test.refused_with_hint('not_found', 'a restricted rep A marked the meeting of a lead they cannot see', $$select private.mark_meeting_held('e7000000-0000-4000-8000-000000000003')$$);
select kiln_test.refused_with_hint('not_found', 'rep A marked B''s meeting', $$select private.mark_meeting_held('e7000000-0000-4000-8000-000000000009')$$);
select kiln_test.refused_with_hint('not_found', 'rep A marked a meeting that does not exist', $$select private.mark_meeting_held('e7000000-0000-4000-8000-0000000000ff')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could complete a meeting by writing the table', $$
  update public.meetings set status = 'completed' where id = 'e7000000-0000-4000-8000-000000000002'
$$);
reset role;

-- Reps who see every lead still may not mark someone else's meeting.
update public.organizations set settings = settings || '{"reps_see_own_leads_only": false}' where id = current_setting('kiln_test.org_a')::uuid;
select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');
select kiln_test.refused_with_hint('forbidden', 'rep A marked the manager''s meeting held', $$select private.mark_meeting_held('e7000000-0000-4000-8000-000000000003')$$);
reset role;

-- Manager of A: any meeting of A (here the rep's), nothing of B.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select status from private.mark_meeting_held('e7000000-0000-4000-8000-000000000002')) = 'completed', 'manager A can mark the rep''s meeting held';
end
$$;
select kiln_test.refused_with_hint('not_found', 'manager A marked B''s meeting', $$select private.mark_meeting_held('e7000000-0000-4000-8000-000000000009')$$);
reset role;

-- Owner of B: their own, never A's.
select kiln_test.as_user('e2000000-0000-4000-8000-000000000001');
select kiln_test.refused_with_hint('not_found', 'owner B marked A''s meeting', $$select private.mark_meeting_held('e7000000-0000-4000-8000-000000000003')$$);
do $$
begin
  assert (select status from private.mark_meeting_held('e7000000-0000-4000-8000-000000000009')) = 'completed', 'owner B can mark B''s meeting held';
end
$$;
reset role;
do $$
begin
  assert (select status from public.meetings where id = 'e7000000-0000-4000-8000-000000000003') = 'scheduled', 'the refused calls left the manager''s meeting scheduled';
end
$$;

-- Anonymous: nothing at all.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read meetings', $$select 1 from public.meetings$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read integrations', $$select 1 from public.integration_connections$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could mark a meeting held', $$select private.mark_meeting_held('e7000000-0000-4000-8000-000000000003')$$);
select kiln_test.as_superuser();
