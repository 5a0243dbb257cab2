-- The role matrix of mailbox_credentials (a shared mailbox's IMAP and SMTP servers, passwords
-- sealed by the app): the owner, admin, manager and rep of organization A, the owner of
-- organization B and an anonymous visitor. Same runner and style as email_channel_role_matrix.sql.
--
-- Users:  f1…01 owner A  f1…02 admin A  f1…03 manager A  f1…04 rep A  f2…01 owner B
-- Mailboxes: f3…a1 A's sales@ (connected)  f3…a2 A's info@ (not yet)  f3…b1 B's sales@ (connected)
-- Number: f3…a9 A's SMS number (never has mail servers)

select kiln_test.make_world('Mailbox Matrix',
  a_owner => 'f1000000-0000-4000-8000-000000000001', a_admin => 'f1000000-0000-4000-8000-000000000002',
  a_manager => 'f1000000-0000-4000-8000-000000000003', a_rep => 'f1000000-0000-4000-8000-000000000004',
  b_owner => 'f2000000-0000-4000-8000-000000000001');

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('f3000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'email', 'sales@a.example', '{email}', 'A sales'),
  ('f3000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'email', 'info@a.example', '{email}', 'A info'),
  ('f3000000-0000-4000-8000-0000000000a9', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41790000001', '{sms}', 'A SMS'),
  ('f3000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, 'email', 'sales@b.example', '{email}', 'B sales');
-- org_id is taken from the channel whatever is written: B's id here is corrected to A's.
insert into public.mailbox_credentials (channel_id, org_id, imap_host, imap_port, imap_user, imap_password_sealed,
                                        imap_uid_validity, imap_last_uid) values
  ('f3000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_b')::uuid, 'imap.a.example', 993, 'sales', 'v1.imap-a', 7, 42);
insert into public.mailbox_credentials (channel_id, org_id, smtp_host, smtp_port, smtp_security, smtp_user, smtp_password_sealed) values
  ('f3000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, 'smtp.b.example', 465, 'tls', 'sales', 'v1.smtp-b');

do $$
begin
  assert (select org_id from public.mailbox_credentials where channel_id = 'f3000000-0000-4000-8000-0000000000a1')
    = current_setting('kiln_test.org_a')::uuid, 'the row belongs to its channel''s organization';
  begin
    insert into public.mailbox_credentials (channel_id, org_id, imap_host, imap_port, imap_user, imap_password_sealed)
    values ('f3000000-0000-4000-8000-0000000000a9', current_setting('kiln_test.org_a')::uuid, 'imap.a.example', 993, 'x', 'v1.x');
    assert false, 'a phone number could get mail servers';
  exception when check_violation then null;
  end;
  begin
    insert into public.mailbox_credentials (channel_id, org_id, imap_host, imap_port, imap_user)
    values ('f3000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'imap.a.example', 993, 'x');
    assert false, 'IMAP could be stored without a password';
  exception when check_violation then null;
  end;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Rep and manager of A: nothing, neither read nor write.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.mailbox_credentials) = 0, 'rep A sees no mailbox credentials';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read a sealed password', $$
  select imap_password_sealed from public.mailbox_credentials
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could connect a mailbox', $$
  insert into public.mailbox_credentials (channel_id, org_id, imap_host, imap_port, imap_user, imap_password_sealed)
  values ('f3000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'imap.evil.example', 993, 'x', 'v1.x')
$$);
reset role;

select kiln_test.as_user('f1000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.mailbox_credentials) = 0, 'manager A sees no mailbox credentials';
  update public.mailbox_credentials set imap_host = 'imap.evil.example';
  delete from public.mailbox_credentials;
end
$$;
reset role;
do $$
begin
  assert (select imap_host from public.mailbox_credentials where channel_id = 'f3000000-0000-4000-8000-0000000000a1')
    = 'imap.a.example', 'manager A changed nothing';
end
$$;

-- ---------------------------------------------------------------------------------------
-- Admin of A: reads and writes A's (never the sealed columns, never the cursor), not B's.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000002');
do $$
begin
  assert (select count(*) from public.mailbox_credentials) = 1, 'admin A sees A''s connected mailbox only';
  assert (select imap_user from public.mailbox_credentials) = 'sales', 'admin A reads the user name';
  insert into public.mailbox_credentials (channel_id, org_id, smtp_host, smtp_port, smtp_security, smtp_user, smtp_password_sealed)
  values ('f3000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'smtp.a.example', 587, 'starttls', 'info', 'v1.smtp-a');
  -- Another account: the old cursor names other UIDs.
  update public.mailbox_credentials set imap_user = 'sales2', imap_password_sealed = 'v1.imap-a2'
   where channel_id = 'f3000000-0000-4000-8000-0000000000a1';
  assert (select imap_last_uid from public.mailbox_credentials where channel_id = 'f3000000-0000-4000-8000-0000000000a1') is null,
    'a new account resets the cursor';
  update public.mailbox_credentials set imap_host = 'imap.hijack.example' where channel_id = 'f3000000-0000-4000-8000-0000000000b1';
  delete from public.mailbox_credentials where channel_id = 'f3000000-0000-4000-8000-0000000000b1';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'admin A could read a sealed password', $$
  select smtp_password_sealed from public.mailbox_credentials
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could move the poll''s cursor', $$
  update public.mailbox_credentials set imap_last_uid = 1
$$);
select kiln_test.assert_fails('insufficient_privilege', 'admin A could connect B''s mailbox', $$
  insert into public.mailbox_credentials (channel_id, org_id, imap_host, imap_port, imap_user, imap_password_sealed)
  values ('f3000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_a')::uuid, 'imap.evil.example', 993, 'x', 'v1.x')
$$);
reset role;
do $$
begin
  assert (select smtp_host from public.mailbox_credentials where channel_id = 'f3000000-0000-4000-8000-0000000000b1')
    = 'smtp.b.example', 'admin A left B''s mailbox alone';
end
$$;

-- A rep of A sees that A's info@ sends through its own server (the thread is not "sandbox"), nothing more.
select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
begin
  assert private.mailbox_sends_itself('f3000000-0000-4000-8000-0000000000a2'), 'rep A learns info@ sends itself';
  assert not private.mailbox_sends_itself('f3000000-0000-4000-8000-0000000000a1'), 'sales@ has IMAP only';
end
$$;
reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: only B's. Anonymous: nothing.

select kiln_test.as_user('f2000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.mailbox_credentials) = 1, 'owner B sees B''s mailbox only';
  assert private.mailbox_sends_itself('f3000000-0000-4000-8000-0000000000b1'), 'owner B learns B''s mailbox sends itself';
  assert not private.mailbox_sends_itself('f3000000-0000-4000-8000-0000000000a2'), 'owner B learns nothing of A''s mailbox';
  delete from public.mailbox_credentials where channel_id = 'f3000000-0000-4000-8000-0000000000b1';
  assert (select count(*) from public.mailbox_credentials) = 0, 'owner B disconnects B''s mailbox';
end
$$;
reset role;

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could list mailbox credentials', $$
  select 1 from public.mailbox_credentials
$$);
reset role;
