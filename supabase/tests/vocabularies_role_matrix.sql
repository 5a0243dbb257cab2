-- The vocabulary lookup tables (lead_event_types, lead_sources, notification_categories):
-- every signed-in member reads them, nobody but a migration writes them (not the owner, not
-- the service role), an anonymous visitor reads nothing, and the columns that use them refuse
-- a value they do not list. Adding a value is one plain insert, as a migration does it.
-- Same runner and style as the other matrices: plain SQL + `assert`, rolled back at the end.
--
-- Users:  ab…01 owner of A   ab…04 rep of A   ac…01 owner of B
-- Lead of A: ad…01

select kiln_test.make_world('Vocabulary Matrix',
  a_owner => 'ab000000-0000-4000-8000-000000000001', a_rep => 'ab000000-0000-4000-8000-000000000004',
  b_owner => 'ac000000-0000-4000-8000-000000000001');

insert into public.leads (id, org_id, owner_id, name, created_by) values
  ('ad000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'ab000000-0000-4000-8000-000000000004',
   'Vocabulary lead', 'ab000000-0000-4000-8000-000000000004');

-- What the superuser (the migrator) sees, for the readers below to match.
select set_config('kiln_test.event_types', (select count(*) from public.lead_event_types)::text, true),
       set_config('kiln_test.sources', (select count(*) from public.lead_sources)::text, true),
       set_config('kiln_test.categories', (select count(*) from public.notification_categories)::text, true);

-- ---------------------------------------------------------------------------------------
-- Rep of A and owner of B: read every row; the owner of A too.

select kiln_test.as_user('ab000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.lead_event_types) = current_setting('kiln_test.event_types')::int, 'rep A reads every lead event type';
  assert (select count(*) from public.lead_sources) = current_setting('kiln_test.sources')::int, 'rep A reads every lead source';
  assert (select count(*) from public.notification_categories) = current_setting('kiln_test.categories')::int, 'rep A reads every notification category';
  assert exists (select 1 from public.lead_event_types where type = 'note'), 'rep A sees the note event type';
end
$$;
reset role;

select kiln_test.as_user('ac000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.lead_event_types) = current_setting('kiln_test.event_types')::int, 'owner B reads every lead event type';
  assert (select count(*) from public.lead_sources) = current_setting('kiln_test.sources')::int, 'owner B reads every lead source';
  assert (select count(*) from public.notification_categories) = current_setting('kiln_test.categories')::int, 'owner B reads every notification category';
end
$$;
reset role;

-- ---------------------------------------------------------------------------------------
-- Nobody in the API writes them: the owner of A and the service role are refused like the rep.

select kiln_test.as_user('ab000000-0000-4000-8000-000000000001');
select kiln_test.assert_fails('insufficient_privilege', 'owner A could add a lead event type',
  $$insert into public.lead_event_types (type) values ('owner_invented')$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could rename a lead event type',
  $$update public.lead_event_types set type = 'memo' where type = 'note'$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could delete the lead event types',
  $$delete from public.lead_event_types$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could add a lead source',
  $$insert into public.lead_sources (source) values ('fax')$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could delete the lead sources',
  $$delete from public.lead_sources$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could add a notification category',
  $$insert into public.notification_categories values ('gossip', true, true, true, true)$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could turn on SMS by default for everyone',
  $$update public.notification_categories set default_sms = true$$);
reset role;

select kiln_test.as_user('ab000000-0000-4000-8000-000000000004');
select kiln_test.assert_fails('insufficient_privilege', 'rep A could add a lead event type',
  $$insert into public.lead_event_types (type) values ('rep_invented')$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could change a notification category''s defaults',
  $$update public.notification_categories set default_email = false$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete the lead sources',
  $$delete from public.lead_sources$$);
reset role;

select kiln_test.as_service();
do $$
begin
  assert (select count(*) from public.lead_sources) = current_setting('kiln_test.sources')::int, 'the service role reads the lead sources';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'the service role could add a lead event type',
  $$insert into public.lead_event_types (type) values ('job_invented')$$);
select kiln_test.assert_fails('insufficient_privilege', 'the service role could delete a lead source',
  $$delete from public.lead_sources where source = 'api'$$);
select kiln_test.assert_fails('insufficient_privilege', 'the service role could change a notification category',
  $$update public.notification_categories set default_push = true$$);
reset role;

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could read the lead event types', $$select 1 from public.lead_event_types$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read the lead sources', $$select 1 from public.lead_sources$$);
select kiln_test.assert_fails('insufficient_privilege', 'anon could read the notification categories', $$select 1 from public.notification_categories$$);
select kiln_test.as_superuser();

-- ---------------------------------------------------------------------------------------
-- The columns refuse what their vocabulary does not list, for members and the server alike.

select kiln_test.as_user('ab000000-0000-4000-8000-000000000004');
select kiln_test.assert_fails('foreign_key_violation', 'rep A could write a timeline event of an unknown type',
  $$insert into public.lead_events (org_id, lead_id, type, actor_type, actor_id, reason)
    values (current_setting('kiln_test.org_a')::uuid, 'ad000000-0000-4000-8000-000000000001', 'gossip', 'user', 'ab000000-0000-4000-8000-000000000004', 'Heard things')$$);
select kiln_test.assert_fails('foreign_key_violation', 'rep A could create a lead from an unknown source',
  $$insert into public.leads (org_id, owner_id, name, created_by, source)
    values (current_setting('kiln_test.org_a')::uuid, 'ab000000-0000-4000-8000-000000000004', 'Faxed lead', 'ab000000-0000-4000-8000-000000000004', 'fax')$$);
select kiln_test.assert_fails('foreign_key_violation', 'rep A could keep settings for an unknown notification category',
  $$insert into public.user_notification_settings (user_id, channels)
    values ('ab000000-0000-4000-8000-000000000004', '{"gossip": {"email": true}}')$$);
do $$
declare
  n int;
begin
  insert into public.user_notification_settings (user_id, channels)
  values ('ab000000-0000-4000-8000-000000000004', '{"approvals": {"email": false}}');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can keep settings for a known category';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;
reset role;

select kiln_test.assert_fails('foreign_key_violation', 'the server could move a lead to an unknown source',
  $$update public.leads set source = 'carrier_pigeon' where id = 'ad000000-0000-4000-8000-000000000001'$$);

-- ---------------------------------------------------------------------------------------
-- A migration adds a value with one insert, and the column takes it at once (same transaction).

do $$
begin
  insert into public.lead_event_types (type) values ('vocabulary_matrix_event');
  insert into public.lead_events (org_id, lead_id, type, actor_type)
  values (current_setting('kiln_test.org_a')::uuid, 'ad000000-0000-4000-8000-000000000001', 'vocabulary_matrix_event', 'system');
  assert (select count(*) from public.lead_events where type = 'vocabulary_matrix_event') = 1, 'a new event type is usable in the transaction that adds it';

  insert into public.notification_categories values ('vocabulary_matrix_category', true, false, false, false);
  assert private.notification_channel_defaults() -> 'vocabulary_matrix_category' = '{"in_app": true, "email": false, "push": false, "sms": false}'::jsonb,
    'a new category brings its default channels with it';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;
