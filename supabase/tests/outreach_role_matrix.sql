-- The outreach role matrix: message templates, consent per lead and channel kind, and bulk
-- template sends with their recipients (migrations 20261204100200_message_templates.sql and
-- 20261204100250_channel_consent.sql). Members read their organization's templates, only
-- admins write them; consent follows the lead's visibility and a member records it by hand
-- only as themselves; a bulk send is read by its starter and managers; nobody outside A
-- reads or writes any of it. Rolled back at the end.
--
-- Users:  7a…01 owner of A   7a…02 admin of A   7a…03 manager of A   7a…04 rep of A   7b…01 owner of B

select kiln_test.make_world('Outreach Matrix',
  a_owner => '7a000000-0000-4000-8000-000000000001', a_admin => '7a000000-0000-4000-8000-000000000002',
  a_manager => '7a000000-0000-4000-8000-000000000003', a_rep => '7a000000-0000-4000-8000-000000000004',
  b_owner => '7b000000-0000-4000-8000-000000000001');

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('7a000000-0000-4000-8000-0000000000c1', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445557101', '{sms,whatsapp}', 'A line'),
  ('7b000000-0000-4000-8000-0000000000c1', current_setting('kiln_test.org_b')::uuid, 'twilio', '+41445557201', '{whatsapp}', 'B line');
insert into public.leads (id, org_id, owner_id, name, phone, created_by) values
  ('7a000000-0000-4000-8000-0000000000d1', current_setting('kiln_test.org_a')::uuid, '7a000000-0000-4000-8000-000000000004',
   'Rep''s lead', '+41795557101', '7a000000-0000-4000-8000-000000000004'),
  ('7b000000-0000-4000-8000-0000000000d1', current_setting('kiln_test.org_b')::uuid, '7b000000-0000-4000-8000-000000000001',
   'B''s lead', '+41795557201', '7b000000-0000-4000-8000-000000000001');
insert into public.message_templates (id, org_id, channel_id, provider, name, language, category, body, status) values
  ('7a000000-0000-4000-8000-0000000000e1', current_setting('kiln_test.org_a')::uuid, '7a000000-0000-4000-8000-0000000000c1',
   'twilio', 'a_check_in', 'en', 'utility', 'Hi {{1}}', 'approved'),
  ('7b000000-0000-4000-8000-0000000000e1', current_setting('kiln_test.org_b')::uuid, '7b000000-0000-4000-8000-0000000000c1',
   'twilio', 'b_check_in', 'en', 'utility', 'Hi {{1}}', 'approved');
insert into public.lead_channel_consent (org_id, lead_id, channel_kind, status, source) values
  (current_setting('kiln_test.org_b')::uuid, '7b000000-0000-4000-8000-0000000000d1', 'whatsapp', 'opted_in', 'inbound_message');

-- Rep of A: reads A's templates, writes none; records consent for their lead as themselves;
-- starts a bulk send and adds their lead; sees nothing of B.
select kiln_test.as_user('7a000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
  run uuid;
begin
  assert (select count(*) from public.message_templates) = 1, 'rep A reads exactly A''s template';
  update public.message_templates set status = 'approved' where id = '7a000000-0000-4000-8000-0000000000e1';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot change a template''s status';
  delete from public.message_templates where id = '7a000000-0000-4000-8000-0000000000e1';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot remove a template';
  perform kiln_test.assert_fails('insufficient_privilege', 'rep A cannot add a template', $sql$
    insert into public.message_templates (org_id, channel_id, provider, name, language, category, body, created_by)
    values (current_setting('kiln_test.org_a')::uuid, '7a000000-0000-4000-8000-0000000000c1', 'twilio', 'x', 'en', 'utility', 'x',
            '7a000000-0000-4000-8000-000000000004') $sql$);

  insert into public.lead_channel_consent (org_id, lead_id, channel_kind, status, source, recorded_by)
  values (current_setting('kiln_test.org_a')::uuid, '7a000000-0000-4000-8000-0000000000d1', 'whatsapp', 'opted_in', 'manual',
          '7a000000-0000-4000-8000-000000000004');
  perform kiln_test.assert_fails('insufficient_privilege', 'rep A cannot record consent in someone else''s name', $sql$
    insert into public.lead_channel_consent (org_id, lead_id, channel_kind, status, source, recorded_by)
    values (current_setting('kiln_test.org_a')::uuid, '7a000000-0000-4000-8000-0000000000d1', 'sms', 'opted_in', 'manual',
            '7a000000-0000-4000-8000-000000000002') $sql$);
  perform kiln_test.assert_fails('insufficient_privilege', 'rep A cannot pretend the lead wrote STOP', $sql$
    insert into public.lead_channel_consent (org_id, lead_id, channel_kind, status, source, recorded_by)
    values (current_setting('kiln_test.org_a')::uuid, '7a000000-0000-4000-8000-0000000000d1', 'sms', 'opted_out', 'keyword',
            '7a000000-0000-4000-8000-000000000004') $sql$);
  perform kiln_test.assert_fails('insufficient_privilege', 'rep A cannot mark an opt-out as confirmed', $sql$
    update public.lead_channel_consent set confirmation_sent_at = now() where lead_id = '7a000000-0000-4000-8000-0000000000d1' $sql$);
  assert (select count(*) from public.lead_channel_consent) = 1, 'rep A reads only the consent of A''s lead';

  insert into public.outreach_runs (org_id, template_id, template_name, channel_id, rate_per_minute, created_by)
  values (current_setting('kiln_test.org_a')::uuid, '7a000000-0000-4000-8000-0000000000e1',
          'a_check_in', '7a000000-0000-4000-8000-0000000000c1', 10, '7a000000-0000-4000-8000-000000000004')
  returning id into run;
  perform set_config('kiln_test.run', run::text, true);
  insert into public.outreach_recipients (run_id, org_id, lead_id)
  values (run, current_setting('kiln_test.org_a')::uuid, '7a000000-0000-4000-8000-0000000000d1');
  perform kiln_test.assert_fails('insufficient_privilege', 'rep A cannot add B''s lead to a bulk send', $sql$
    insert into public.outreach_recipients (run_id, org_id, lead_id)
    values (current_setting('kiln_test.run')::uuid, current_setting('kiln_test.org_a')::uuid, '7b000000-0000-4000-8000-0000000000d1') $sql$);
  perform kiln_test.assert_fails('insufficient_privilege', 'rep A cannot start a bulk send with B''s template', $sql$
    insert into public.outreach_runs (org_id, template_id, template_name, rate_per_minute, created_by)
    values (current_setting('kiln_test.org_a')::uuid, '7b000000-0000-4000-8000-0000000000e1', 'b', 10,
            '7a000000-0000-4000-8000-000000000004') $sql$);
  perform kiln_test.assert_fails('insufficient_privilege', 'rep A cannot mark their own recipients sent (only the job does)', $sql$
    update public.outreach_recipients set status = 'sent', processed_at = now()
     where run_id = current_setting('kiln_test.run')::uuid $sql$);
end
$$;
reset role;

-- Admin of A: writes templates; does not read the rep's bulk send (managers and the starter do).
select kiln_test.as_user('7a000000-0000-4000-8000-000000000002');
do $$
declare
  n int;
begin
  update public.message_templates set status = 'paused' where id = '7a000000-0000-4000-8000-0000000000e1';
  get diagnostics n = row_count;
  assert n = 1, 'admin A changes A''s template';
  update public.message_templates set status = 'paused' where id = '7b000000-0000-4000-8000-0000000000e1';
  get diagnostics n = row_count;
  assert n = 0, 'admin A cannot change B''s template';
  assert (select count(*) from public.outreach_runs) = 1, 'admin A (a manager and more) reads the rep''s bulk send';
end
$$;
reset role;

-- Manager of A reads the rep's run and its recipients.
select kiln_test.as_user('7a000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.outreach_runs) = 1, 'manager A reads the rep''s bulk send';
  assert (select count(*) from public.outreach_recipients) = 1, 'manager A reads its recipients';
end
$$;
reset role;

-- Owner of B: none of A's templates, consent, runs or recipients.
select kiln_test.as_user('7b000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.message_templates where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B reads none of A''s templates';
  assert (select count(*) from public.lead_channel_consent where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B reads none of A''s consent';
  assert (select count(*) from public.outreach_runs where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B reads none of A''s bulk sends';
  assert (select count(*) from public.outreach_recipients where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B reads none of A''s recipients';
  perform private.ensure_sample_templates('7a000000-0000-4000-8000-0000000000c1');
end
$$;
reset role;
do $$
begin
  assert (select count(*) from public.message_templates where channel_id = '7a000000-0000-4000-8000-0000000000c1' and sample) = 0,
    'an outsider cannot put sample templates on A''s channel';
end
$$;

-- Anonymous: nothing.
select kiln_test.as_anon();
do $$
begin
  perform kiln_test.assert_fails('insufficient_privilege', 'anon cannot read templates', 'select 1 from public.message_templates');
  perform kiln_test.assert_fails('insufficient_privilege', 'anon cannot read consent', 'select 1 from public.lead_channel_consent');
  perform kiln_test.assert_fails('insufficient_privilege', 'anon cannot read bulk sends', 'select 1 from public.outreach_runs');
end
$$;
reset role;
