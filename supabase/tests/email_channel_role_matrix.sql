-- The role matrix of inbound email: email_messages (the email part of messages) and
-- email_inbound_secrets (each organization's webhook signing secret), for the owner, admin,
-- manager and rep of organization A (with "reps see only their own leads" off and on), a second
-- rep of A, the owner of organization B and an anonymous visitor. Same runner and style as
-- message_attachments_role_matrix.sql.
--
-- Users:  e1…01 owner A  e1…02 admin A  e1…03 manager A  e1…04 rep A  e1…05 second rep A  e2…01 owner B
-- Mailboxes: e3…a1 A's sales@   e3…b1 B's sales@
-- Conversations: ea…01 A, the rep's   ea…02 A, the second rep's   ea…09 B
-- Messages (inbound emails): eb…01 in ea…01   eb…02 in ea…02   eb…09 in ea…09

select kiln_test.make_world('Email Matrix',
  a_owner => 'e1000000-0000-4000-8000-000000000001', a_admin => 'e1000000-0000-4000-8000-000000000002',
  a_manager => 'e1000000-0000-4000-8000-000000000003', a_rep => 'e1000000-0000-4000-8000-000000000004',
  b_owner => 'e2000000-0000-4000-8000-000000000001');
select kiln_test.add_user('e1000000-0000-4000-8000-000000000005', 'rep2-a@email-matrix.test', 'Second rep A',
  current_setting('kiln_test.org_a')::uuid, 'rep');

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('e3000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'email', 'sales@a.example', '{email}', 'A sales'),
  ('e3000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, 'email', 'sales@a.example', '{email}', 'B sales');
insert into public.leads (id, org_id, owner_id, name, email) values
  ('e6000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000004', 'Rep''s lead', 'one@lead.example'),
  ('e6000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'e1000000-0000-4000-8000-000000000005', 'Second rep''s lead', 'two@lead.example'),
  ('e6000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', 'one@lead.example');
insert into public.conversations (id, org_id, lead_id, channel_id, medium, assignee_id) values
  ('ea000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-0000000000a1', 'e3000000-0000-4000-8000-0000000000a1', 'email', 'e1000000-0000-4000-8000-000000000004'),
  ('ea000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'e6000000-0000-4000-8000-0000000000a2', 'e3000000-0000-4000-8000-0000000000a1', 'email', 'e1000000-0000-4000-8000-000000000005'),
  ('ea000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'e6000000-0000-4000-8000-0000000000b1', 'e3000000-0000-4000-8000-0000000000b1', 'email', null);
insert into public.messages (id, org_id, conversation_id, direction, body, status, provider, author_type) values
  ('eb000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'ea000000-0000-4000-8000-000000000001', 'inbound', 'Offer please', 'received', 'email', 'lead'),
  ('eb000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'ea000000-0000-4000-8000-000000000002', 'inbound', 'Call me', 'received', 'email', 'lead'),
  ('eb000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'ea000000-0000-4000-8000-000000000009', 'inbound', 'B mail', 'received', 'email', 'lead');
insert into public.email_messages (message_id, org_id, conversation_id, subject, text_body, html_body, rfc_message_id, from_address) values
  ('eb000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'ea000000-0000-4000-8000-000000000001', 'Offer', 'Offer please', '<p>Offer please</p>', 'one@lead.example.mail', 'one@lead.example'),
  ('eb000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'ea000000-0000-4000-8000-000000000002', 'Call', 'Call me', null, 'two@lead.example.mail', 'two@lead.example'),
  ('eb000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'ea000000-0000-4000-8000-000000000009', 'B', 'B mail', null, 'one@lead.example.mail', 'one@lead.example');
insert into public.email_inbound_secrets (org_id, secret_sealed) values
  (current_setting('kiln_test.org_a')::uuid, 'v1.sealed-a'),
  (current_setting('kiln_test.org_b')::uuid, 'v1.sealed-b');

-- The database keeps mailboxes and numbers apart, whoever writes.
do $$
begin
  begin
    insert into public.channels (org_id, provider, address, capabilities, label)
    values (current_setting('kiln_test.org_a')::uuid, 'email', 'Sales@A.example', '{email}', 'Upper case');
    assert false, 'a mailbox address could be stored with upper case';
  exception when check_violation then null;
  end;
  begin
    insert into public.channels (org_id, provider, address, capabilities, label)
    values (current_setting('kiln_test.org_a')::uuid, 'email', 'info@a.example', '{email,sms}', 'SMS mailbox');
    assert false, 'a mailbox could claim SMS';
  exception when check_violation then null;
  end;
  begin
    insert into public.channels (org_id, provider, address, capabilities, label)
    values (current_setting('kiln_test.org_a')::uuid, 'twilio', '+41791234567', '{email}', 'Mail number');
    assert false, 'a number could claim email';
  exception when check_violation then null;
  end;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Rep of A, default settings: reads the emails of A's threads, writes none, never sees a secret.

select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.email_messages) = 2, 'rep A reads the emails of A''s conversations only';
  assert (select count(*) from public.email_inbound_secrets) = 0, 'rep A sees no inbound secret row';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could forge an email', $$
  insert into public.email_messages (message_id, org_id, conversation_id, from_address)
  values ('eb000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'ea000000-0000-4000-8000-000000000001', 'x@y.example')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could change an email''s subject', $$
  update public.email_messages set subject = 'changed' where message_id = 'eb000000-0000-4000-8000-000000000001'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete an email', $$
  delete from public.email_messages where message_id = 'eb000000-0000-4000-8000-000000000001'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read the sealed secret column', $$
  select secret_sealed from public.email_inbound_secrets
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read the inbound secret', $$
  select private.email_inbound_secret(current_setting('kiln_test.org_a')::uuid)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could rotate the inbound secret', $$
  select private.set_email_inbound_secret(current_setting('kiln_test.org_a')::uuid, 'v1.rep', false)
$$);
reset role;

-- Manager of A: every thread's email, still no secret.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.email_messages) = 2, 'manager A reads every email of A';
  assert (select count(*) from public.email_inbound_secrets) = 0, 'manager A sees no inbound secret row';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'manager A could rotate the inbound secret', $$
  select private.set_email_inbound_secret(current_setting('kiln_test.org_a')::uuid, 'v1.manager', false)
$$);
reset role;

-- Admin of A: reads and rotates A's secret through the functions, never B's; the column stays closed.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000002');
do $$
begin
  assert (select count(*) from public.email_inbound_secrets) = 1, 'admin A sees A''s secret row (without the secret)';
  assert private.email_inbound_secret(current_setting('kiln_test.org_a')::uuid) = 'v1.sealed-a', 'admin A reads A''s sealed secret';
  assert private.set_email_inbound_secret(current_setting('kiln_test.org_a')::uuid, 'v1.kept', true) = 'v1.sealed-a',
    'creating when one exists keeps it';
  assert private.set_email_inbound_secret(current_setting('kiln_test.org_a')::uuid, 'v1.rotated', false) = 'v1.rotated',
    'admin A rotates A''s secret';
  assert (select rotated_by from public.email_inbound_secrets) = 'e1000000-0000-4000-8000-000000000002', 'the rotation names its admin';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'admin A could read B''s inbound secret', $$
  select private.email_inbound_secret(current_setting('kiln_test.org_b')::uuid)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could rotate B''s inbound secret', $$
  select private.set_email_inbound_secret(current_setting('kiln_test.org_b')::uuid, 'v1.hijack', false)
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could write the secret table directly', $$
  update public.email_inbound_secrets set secret_sealed = 'v1.direct'
$$);
reset role;

-- Owner of A: the same as an admin.
select kiln_test.as_user('e1000000-0000-4000-8000-000000000001');
do $$
begin
  assert private.email_inbound_secret(current_setting('kiln_test.org_a')::uuid) = 'v1.rotated', 'owner A reads A''s sealed secret';
  assert (select count(*) from public.email_messages) = 2, 'owner A reads every email of A';
end
$$;
reset role;

-- ---------------------------------------------------------------------------------------
-- "Reps see only their own leads" on: the rep no longer sees the email of a colleague's thread.

update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}'
 where id = current_setting('kiln_test.org_a')::uuid;

select kiln_test.as_user('e1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.email_messages) = 1, 'rep A sees only the email of their own thread';
  assert not exists (select 1 from public.email_messages where message_id = 'eb000000-0000-4000-8000-000000000002'), 'nor a colleague''s';
end
$$;
reset role;

select kiln_test.as_user('e1000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.email_messages) = 2, 'manager A still sees every email of A';
end
$$;
reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: only B's email and secret. Anonymous: nothing at all.

select kiln_test.as_user('e2000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.email_messages) = 1, 'owner B sees B''s email only';
  assert (select count(*) from public.email_inbound_secrets) = 1, 'owner B sees B''s secret row only';
  assert private.email_inbound_secret(current_setting('kiln_test.org_b')::uuid) = 'v1.sealed-b', 'owner B reads B''s sealed secret';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'owner B could read A''s inbound secret', $$
  select private.email_inbound_secret(current_setting('kiln_test.org_a')::uuid)
$$);
reset role;

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could list emails', $$select 1 from public.email_messages$$);
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could list inbound secrets', $$select 1 from public.email_inbound_secrets$$);
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could read an inbound secret', $$
  select private.email_inbound_secret(current_setting('kiln_test.org_a')::uuid)
$$);
reset role;
