-- The role matrix of email threads a member starts from Kiln (conversations.email_subject,
-- 20261204160300_email_new_threads.sql): a member starts one with its subject on a lead they
-- can see, nobody changes the subject afterwards, only email threads carry one, and another
-- organization or an anonymous visitor starts none. Same runner and style as
-- email_channel_role_matrix.sql.
--
-- Users:  f1…01 owner A  f1…02 admin A  f1…03 manager A  f1…04 rep A  f2…01 owner B
-- Channels: f3…a1 A's sales@ mailbox   f3…a2 A's SMS number
-- Leads: f6…a1 A, the rep's

select kiln_test.make_world('Email Threads Matrix',
  a_owner => 'f1000000-0000-4000-8000-000000000001', a_admin => 'f1000000-0000-4000-8000-000000000002',
  a_manager => 'f1000000-0000-4000-8000-000000000003', a_rep => 'f1000000-0000-4000-8000-000000000004',
  b_owner => 'f2000000-0000-4000-8000-000000000001');

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('f3000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'email', 'sales@threads-a.example', '{email}', 'A sales'),
  ('f3000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550190', '{sms}', 'A line');
insert into public.leads (id, org_id, owner_id, name, email, phone) values
  ('f6000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004',
   'Rep''s lead', 'lead@threads.example', '+41791110190');

-- Only an email thread has a subject, and it is never empty, whoever writes.
do $$
begin
  begin
    insert into public.conversations (org_id, lead_id, channel_id, medium, email_subject)
    values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a1',
            'f3000000-0000-4000-8000-0000000000a2', 'sms', 'An SMS subject');
    assert false, 'an SMS thread could carry an email subject';
  exception when check_violation then null;
  end;
  begin
    insert into public.conversations (org_id, lead_id, channel_id, medium, email_subject)
    values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a1',
            'f3000000-0000-4000-8000-0000000000a1', 'email', '');
    assert false, 'an email thread could start with an empty subject';
  exception when check_violation then null;
  end;
end
$$;

-- Rep of A: starts an email thread with its subject on their own lead, twice (threads are many); cannot rename one.
select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
insert into public.conversations (org_id, lead_id, channel_id, medium, assignee_id, mode, email_subject) values
  (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a1', 'f3000000-0000-4000-8000-0000000000a1',
   'email', 'f1000000-0000-4000-8000-000000000004', 'human', 'Your solar roof'),
  (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a1', 'f3000000-0000-4000-8000-0000000000a1',
   'email', 'f1000000-0000-4000-8000-000000000004', 'human', 'Open house');
do $$
begin
  assert (select count(*) from public.conversations where email_subject is not null) = 2, 'rep A started two email threads';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could change a started thread''s subject', $$
  update public.conversations set email_subject = 'Changed' where email_subject = 'Your solar roof'
$$);
reset role;

-- Manager of A: reads the subjects of A's threads; cannot change them either.
select kiln_test.as_user('f1000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.conversations where email_subject is not null) = 2, 'manager A reads A''s email threads';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'manager A could change a started thread''s subject', $$
  update public.conversations set email_subject = 'Changed' where email_subject = 'Open house'
$$);
reset role;

-- Owner of B: neither sees A's threads nor starts one on A's lead and mailbox.
select kiln_test.as_user('f2000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.conversations where email_subject is not null) = 0, 'owner B sees none of A''s threads';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'owner B could start an email thread on A''s lead', $$
  insert into public.conversations (org_id, lead_id, channel_id, medium, email_subject)
  values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a1',
          'f3000000-0000-4000-8000-0000000000a1', 'email', 'Hijack')
$$);
reset role;

-- Anonymous: nothing.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could start an email thread', $$
  insert into public.conversations (org_id, lead_id, channel_id, medium, email_subject)
  values (current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a1',
          'f3000000-0000-4000-8000-0000000000a1', 'email', 'Anon')
$$);
reset role;
