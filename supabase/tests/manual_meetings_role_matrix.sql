-- Meetings entered by hand (migration 20261204100300_manual_meetings.sql): the owner, admin,
-- manager and rep of organization A, the owner of organization B and an anonymous visitor,
-- against the functions that are the only writes members get. Each refusal is checked by its
-- hint, which decides the HTTP status. Plain SQL + `assert`, rolled back by the runner.
--
-- Users: f1…01 owner A  f1…02 admin A  f1…03 manager A  f1…04 rep A  f2…01 owner B

select kiln_test.make_world('Manual Meetings Matrix',
  a_owner => 'f1000000-0000-4000-8000-000000000001', a_admin => 'f1000000-0000-4000-8000-000000000002',
  a_manager => 'f1000000-0000-4000-8000-000000000003', a_rep => 'f1000000-0000-4000-8000-000000000004',
  b_owner => 'f2000000-0000-4000-8000-000000000001');

insert into public.leads (id, org_id, owner_id, name, email) values
  ('f6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'Rep''s lead', 'rep-lead@manual-matrix.test'),
  ('f6000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000003', 'Manager''s lead', 'mgr-lead@manual-matrix.test'),
  ('f6000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', 'b-lead@manual-matrix.test');
insert into public.meetings (id, org_id, lead_id, owner_id, provider, provider_invitee_uri, title, starts_at, ends_at) values
  ('f7000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000004',
   'calendly', 'https://api.calendly.com/scheduled_events/M1/invitees/1', 'Calendly call', now() - interval '1 hour', now() - interval '30 minutes');

-- ---------------------------------------------------------------------------------------
-- Rep of A: enters a meeting on their own lead, changes it; never writes the table directly.
select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
declare m public.meetings;
begin
  m := private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', null,
    'Site visit', now() + interval '1 day', now() + interval '1 day 1 hour', 'Europe/Zurich', 'Zürich', null, 'Partner');
  assert m.provider = 'manual' and m.owner_id = 'f1000000-0000-4000-8000-000000000004', 'the rep''s meeting is theirs';
  assert m.created_by = 'f1000000-0000-4000-8000-000000000004', 'the meeting records who entered it';
  m := private.update_manual_meeting(m.id, 'Site visit (roof)', 'Europe/Zurich', 'Bern', null, null, null);
  assert m.title = 'Site visit (roof)' and m.location = 'Bern', 'the rep edits their meeting';
  perform set_config('kiln_test.rep_meeting', m.id::text, true);
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could write a meeting directly', $$
  update public.meetings set title = 'x' where id = current_setting('kiln_test.rep_meeting')::uuid
$$);
select kiln_test.refused_with_hint('conflict', 'rep A could move a Calendly meeting', $$
  select private.reschedule_manual_meeting('f7000000-0000-4000-8000-000000000001', now() + interval '2 days', now() + interval '2 days 1 hour')
$$);
select kiln_test.refused_with_hint('conflict', 'rep A could cancel a Calendly meeting', $$
  select private.cancel_manual_meeting('f7000000-0000-4000-8000-000000000001', 'no')
$$);
select kiln_test.refused_with_hint('conflict', 'rep A could mark a Calendly no-show', $$
  select private.set_manual_meeting_no_show('f7000000-0000-4000-8000-000000000001', true)
$$);
select kiln_test.refused_with_hint('not_started', 'rep A could mark a meeting ahead a no-show', $$
  select private.set_manual_meeting_no_show(current_setting('kiln_test.rep_meeting')::uuid, true)
$$);
select kiln_test.refused_with_hint('invalid_owner', 'rep A could give a meeting to another organization''s member', $$
  select private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001',
    'f2000000-0000-4000-8000-000000000001', '', now(), now() + interval '1 hour', null, null, null, null)
$$);
reset role;

-- With "reps see only their own leads": the manager's lead is not the rep's to book.
update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}' where id = current_setting('kiln_test.org_a')::uuid;
select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
select kiln_test.refused_with_hint('not_found', 'a restricted rep could book another owner''s lead', $$
  select private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000002', null,
    '', now(), now() + interval '1 hour', null, null, null, null)
$$);
reset role;
update public.organizations set settings = settings - 'reps_see_own_leads_only' where id = current_setting('kiln_test.org_a')::uuid;

-- Manager of A: a meeting of their own the rep may see but not change; the manager changes the rep's.
select kiln_test.as_user('f1000000-0000-4000-8000-000000000003');
do $$
declare m public.meetings;
begin
  m := private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000002', null,
    '', now() - interval '2 hours', now() - interval '1 hour', null, null, 'https://meet.example.com/x', null);
  assert m.title = '' and m.owner_id = 'f1000000-0000-4000-8000-000000000003', 'an untitled meeting keeps its empty title';
  perform set_config('kiln_test.manager_meeting', m.id::text, true);
  m := private.reschedule_manual_meeting(current_setting('kiln_test.rep_meeting')::uuid, now() - interval '3 hours', now() - interval '2 hours');
  assert m.rescheduled_from_id = current_setting('kiln_test.rep_meeting')::uuid, 'the new half points at the old one';
  assert (select status from public.meetings where id = current_setting('kiln_test.rep_meeting')::uuid) = 'canceled', 'the old half is canceled';
  perform set_config('kiln_test.moved_meeting', m.id::text, true);
end
$$;
reset role;

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
select kiln_test.refused_with_hint('forbidden', 'rep A could cancel the manager''s meeting', $$
  select private.cancel_manual_meeting(current_setting('kiln_test.manager_meeting')::uuid, null)
$$);
select kiln_test.refused_with_hint('conflict', 'rep A could change the replaced half of a reschedule', $$
  select private.update_manual_meeting(current_setting('kiln_test.rep_meeting')::uuid, 'x', null, null, null, null, null)
$$);
do $$
declare m public.meetings;
begin
  m := private.set_manual_meeting_no_show(current_setting('kiln_test.moved_meeting')::uuid, true);
  assert m.no_show, 'the rep marks their started meeting a no-show';
  m := private.set_manual_meeting_no_show(current_setting('kiln_test.moved_meeting')::uuid, false);
  assert not m.no_show, 'and clears it';
  perform private.mark_meeting_held(current_setting('kiln_test.moved_meeting')::uuid);
  m := private.note_meeting_outcome(current_setting('kiln_test.moved_meeting')::uuid, '  Offer by Friday  ');
  assert m.outcome_note = 'Offer by Friday', 'the rep notes what came of their held meeting';
end
$$;
select kiln_test.refused_with_hint('conflict', 'rep A could cancel a held meeting', $$
  select private.cancel_manual_meeting(current_setting('kiln_test.moved_meeting')::uuid, null)
$$);
select kiln_test.refused_with_hint('conflict', 'rep A could note an outcome of a meeting not held', $$
  select private.note_meeting_outcome('f7000000-0000-4000-8000-000000000001', 'x')
$$);
reset role;

-- Admin and owner of A are managers and above: they cancel the manager's meeting.
select kiln_test.as_user('f1000000-0000-4000-8000-000000000002');
do $$
begin
  assert (private.cancel_manual_meeting(current_setting('kiln_test.manager_meeting')::uuid, 'Lead on holiday')).canceled_reason = 'Lead on holiday',
    'admin A cancels with a reason';
end
$$;
reset role;

-- Owner of B: nothing of A, as if it did not exist.
select kiln_test.as_user('f2000000-0000-4000-8000-000000000001');
select kiln_test.refused_with_hint('not_found', 'owner B could book A''s lead', $$
  select private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', null,
    '', now(), now() + interval '1 hour', null, null, null, null)
$$);
select kiln_test.refused_with_hint('not_found', 'owner B could book A''s lead under B', $$
  select private.create_manual_meeting(current_setting('kiln_test.org_b')::uuid, 'f6000000-0000-4000-8000-000000000001', null,
    '', now(), now() + interval '1 hour', null, null, null, null)
$$);
select kiln_test.refused_with_hint('not_found', 'owner B could change A''s meeting', $$
  select private.update_manual_meeting(current_setting('kiln_test.moved_meeting')::uuid, 'x', null, null, null, null, null)
$$);
reset role;

-- Anonymous: may not call the functions at all.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could enter a meeting', $$
  select private.create_manual_meeting(current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-000000000001', null,
    '', now(), now() + interval '1 hour', null, null, null, null)
$$);
reset role;
