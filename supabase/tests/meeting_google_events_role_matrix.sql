-- Meetings booked in Kiln and their events in the owner's Google Calendar (migration
-- 20261205100400_meeting_google_events.sql): the owner, admin, manager and rep of organization A,
-- the owner of organization B and an anonymous visitor. Members read the event row of a meeting
-- they can see and write it only through private.request_meeting_google_event, for a meeting they
-- entered or may change; the writing job's columns stay the server's. Rolled back by the runner.
--
-- Users: e1…01 owner A  e1…02 admin A  e1…03 manager A  e1…04 rep A  e2…01 owner B

select kiln_test.make_world('Meeting Google Events Matrix',
  a_owner => 'e1000000-0000-4000-8000-000000000001', a_admin => 'e1000000-0000-4000-8000-000000000002',
  a_manager => 'e1000000-0000-4000-8000-000000000003', a_rep => 'e1000000-0000-4000-8000-000000000004',
  b_owner => 'e2000000-0000-4000-8000-000000000001');

insert into public.leads (id, org_id, owner_id, name, email) values
  ('e6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000004', 'Rep''s lead', 'rep-lead@gcal-matrix.test'),
  ('e6000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000003', 'Manager''s lead', 'mgr-lead@gcal-matrix.test');

-- The rep has Google Calendar connected and on; the manager connected Gmail only.
select kiln_test.as_service();
insert into public.google_connections (org_id, user_id, status, google_user_id, access_token_sealed, refresh_token_sealed,
    expires_at, scopes, calendar_enabled, gmail_enabled)
values
  (current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000004', 'connected', '3000000001', 'v1.a.b.c', 'v1.d.e.f',
   now() + interval '1 hour', array['openid', 'https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'], true, false),
  (current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000003', 'connected', '3000000002', 'v1.a.b.c', 'v1.d.e.f',
   now() + interval '1 hour', array['openid', 'https://www.googleapis.com/auth/gmail.readonly'], false, true);
select kiln_test.as_superuser();

-- Rep of A: books a meeting with the calendar event on, reads how it stands, never writes the row.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');
do $$
declare
  m public.meetings;
  link uuid;
  scopes text[] := array['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'];
begin
  m := private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', null,
    'Site visit', now() + interval '1 day', now() + interval '1 day 1 hour', 'Europe/Zurich', null, null, null);
  link := private.request_meeting_google_event(m.id, true, scopes);
  assert link is not null, 'the rep''s meeting gets a calendar event';
  assert (select state from public.meeting_google_events where id = link) = 'pending', 'the rep reads its state';
  assert (select google_event_id from public.meeting_google_events where id = link) ~ '^kiln[0-9a-f]{32}$', 'Kiln chose the event id';
  perform set_config('kiln_test.rep_meeting', m.id::text, true);
  perform set_config('kiln_test.rep_link', link::text, true);

  -- Unticked: no event.
  m := private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000001', null,
    'Call', now() + interval '2 days', now() + interval '2 days 1 hour', null, null, null, null);
  assert private.request_meeting_google_event(m.id, false, scopes) is null, 'an unticked meeting gets no event';

  -- A reschedule moves the same event to the new row.
  m := private.reschedule_manual_meeting(current_setting('kiln_test.rep_meeting')::uuid, now() + interval '3 days', now() + interval '3 days 1 hour');
  assert private.request_meeting_google_event(m.id, null, scopes) = link, 'the moved meeting keeps its event';
  assert (select meeting_id from public.meeting_google_events where id = link) = m.id, 'the event row follows the new meeting';
  assert (select state from public.meeting_google_events where id = link) = 'pending', 'the move is due for Google';
  perform set_config('kiln_test.rep_meeting', m.id::text, true);
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could mark their event added by hand', $$
  update public.meeting_google_events set state = 'added', error_kind = null
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could point their event at another Google event', $$
  update public.meeting_google_events set google_event_id = 'kilnotherevent'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could forge an event row', $$
  insert into public.meeting_google_events (org_id, meeting_id, user_id, connection_id, google_event_id)
  select org_id, meeting_id, user_id, connection_id, 'kilnforged1' from public.meeting_google_events
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete their event row', $$
  delete from public.meeting_google_events
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read the writer''s claim', $$
  select claimed_until from public.meeting_google_events
$$);
reset role;

-- Manager of A: without Calendar their own meeting gets no event; they see the rep's and may ask for its write.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000003');
do $$
declare
  m public.meetings;
begin
  m := private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-000000000002', null,
    '', now() + interval '1 day', now() + interval '1 day 1 hour', null, null, null, null);
  assert private.request_meeting_google_event(m.id, true, array['https://www.googleapis.com/auth/calendar.events']) is null,
    'no Calendar connected and on: no event';
  perform set_config('kiln_test.manager_meeting', m.id::text, true);
  assert (select count(*) from public.meeting_google_events) = 1, 'the manager sees the rep''s meeting''s event';
  assert private.request_meeting_google_event(current_setting('kiln_test.rep_meeting')::uuid, null, '{}')
    = current_setting('kiln_test.rep_link')::uuid, 'the manager may change the rep''s meeting, and so its event';
end
$$;
reset role;

-- Owner and admin of A read the event too.
select kiln_test.as_each(array['e1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000002']::uuid[], $$
  do $inner$ begin
    assert (select count(*) from public.meeting_google_events) = 1, 'owner and admin of A read the event';
  end $inner$
$$);

-- The rep may not ask for a write of a meeting they neither entered nor own.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');
select kiln_test.refused_with_hint('forbidden', 'rep A could touch the manager''s meeting''s event', $$
  select private.request_meeting_google_event(current_setting('kiln_test.manager_meeting')::uuid, true, '{}')
$$);
reset role;

-- Owner of B: sees nothing of A's, and cannot ask for a write of A's meeting.
select kiln_test.as_user('e2000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.meeting_google_events) = 0, 'owner B reads none of A''s events';
end
$$;
select kiln_test.refused_with_hint('not_found', 'owner B could touch A''s meeting''s event', $$
  select private.request_meeting_google_event(current_setting('kiln_test.rep_meeting')::uuid, true, '{}')
$$);
reset role;

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read calendar events of meetings', $$
  select * from public.meeting_google_events
$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could ask for a calendar write', $$
  select private.request_meeting_google_event(current_setting('kiln_test.rep_meeting')::uuid, true, '{}')
$$);
reset role;
