-- The role matrix of the Gmail sync: gmail_messages (which Gmail message became which inbox
-- message), for the owner, admin, manager and rep of organization A (with "reps see only their
-- own leads" off and on), a second rep of A, the owner of organization B and an anonymous
-- visitor. Synced mail is inbox mail: whoever sees the conversation sees its Gmail link. Only the
-- server writes it. A mailbox's cursor is the sync bookkeeping's (google_sync_state, target
-- 'gmail'): server-only, not even its user reads it.
--
-- Users:  f1…01 owner A  f1…02 admin A  f1…03 manager A  f1…04 rep A  f1…05 second rep A  f2…01 owner B
-- Connections: f4…a4 rep A's Google   f4…a5 second rep A's   f4…b1 owner B's
-- Conversations: fa…01 A, the rep's   fa…02 A, the second rep's   fa…09 B
-- Messages: fb…01 in fa…01   fb…02 in fa…02   fb…09 in fa…09

select kiln_test.make_world('Gmail Matrix',
  a_owner => 'f1000000-0000-4000-8000-000000000001', a_admin => 'f1000000-0000-4000-8000-000000000002',
  a_manager => 'f1000000-0000-4000-8000-000000000003', a_rep => 'f1000000-0000-4000-8000-000000000004',
  b_owner => 'f2000000-0000-4000-8000-000000000001');
select kiln_test.add_user('f1000000-0000-4000-8000-000000000005', 'rep2-a@gmail-matrix.test', 'Second rep A',
  current_setting('kiln_test.org_a')::uuid, 'rep');

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('f3000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'email', 'sales@a.example', '{email}', 'A sales'),
  ('f3000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, 'email', 'sales@b.example', '{email}', 'B sales');
insert into public.leads (id, org_id, owner_id, name, email) values
  ('f6000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'Rep''s lead', 'one@lead.example'),
  ('f6000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000005', 'Second rep''s lead', 'two@lead.example'),
  ('f6000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', 'one@lead.example');
insert into public.conversations (id, org_id, lead_id, channel_id, medium, assignee_id) values
  ('fa000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a1', 'f3000000-0000-4000-8000-0000000000a1', 'email', 'f1000000-0000-4000-8000-000000000004'),
  ('fa000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a2', 'f3000000-0000-4000-8000-0000000000a1', 'email', 'f1000000-0000-4000-8000-000000000005'),
  ('fa000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'f6000000-0000-4000-8000-0000000000b1', 'f3000000-0000-4000-8000-0000000000b1', 'email', null);
insert into public.messages (id, org_id, conversation_id, direction, body, status, provider, author_type) values
  ('fb000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000001', 'inbound', 'Offer please', 'received', 'email', 'lead'),
  ('fb000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000002', 'inbound', 'Call me', 'received', 'email', 'lead'),
  ('fb000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'fa000000-0000-4000-8000-000000000009', 'inbound', 'B mail', 'received', 'email', 'lead');
insert into public.google_connections (id, org_id, user_id, status, google_user_id, google_email, access_token_sealed,
    refresh_token_sealed, expires_at, scopes, gmail_enabled) values
  ('f4000000-0000-4000-8000-0000000000a4', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'connected', '2000000001', 'rep@matrix-mail.test', 'v1.a.b.c', 'v1.d.e.f', now() + interval '1 hour', '{openid}', true),
  ('f4000000-0000-4000-8000-0000000000a5', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000005', 'connected', '2000000002', 'rep2@matrix-mail.test', 'v1.a.b.c', 'v1.d.e.f', now() + interval '1 hour', '{openid}', true),
  ('f4000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, 'f2000000-0000-4000-8000-000000000001', 'connected', '2000000009', 'owner@matrix-mail.test', 'v1.a.b.c', 'v1.d.e.f', now() + interval '1 hour', '{openid}', true);

-- The sync job (service role) links what it filed and keeps each mailbox's cursor.
select kiln_test.as_service();
insert into public.gmail_messages (org_id, connection_id, user_id, gmail_message_id, gmail_thread_id, message_id, conversation_id) values
  (current_setting('kiln_test.org_a')::uuid, 'f4000000-0000-4000-8000-0000000000a4', 'f1000000-0000-4000-8000-000000000004', '18c01', '18c01', 'fb000000-0000-4000-8000-000000000001', 'fa000000-0000-4000-8000-000000000001'),
  (current_setting('kiln_test.org_a')::uuid, 'f4000000-0000-4000-8000-0000000000a5', 'f1000000-0000-4000-8000-000000000005', '18c02', '18c02', 'fb000000-0000-4000-8000-000000000002', 'fa000000-0000-4000-8000-000000000002'),
  (current_setting('kiln_test.org_b')::uuid, 'f4000000-0000-4000-8000-0000000000b1', 'f2000000-0000-4000-8000-000000000001', '18c09', '18c09', 'fb000000-0000-4000-8000-000000000009', 'fa000000-0000-4000-8000-000000000009');
insert into public.google_sync_state (org_id, user_id, connection_id, target, google_user_id, cursor) values
  (current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'f4000000-0000-4000-8000-0000000000a4', 'gmail', '2000000001', '{"historyId":"100"}'),
  (current_setting('kiln_test.org_b')::uuid, 'f2000000-0000-4000-8000-000000000001', 'f4000000-0000-4000-8000-0000000000b1', 'gmail', '2000000009', '{"historyId":"900"}');
select kiln_test.as_superuser();

-- One Gmail message is linked once per mailbox, whoever writes.
do $$
begin
  begin
    insert into public.gmail_messages (org_id, connection_id, user_id, gmail_message_id, message_id, conversation_id)
    values (current_setting('kiln_test.org_a')::uuid, 'f4000000-0000-4000-8000-0000000000a4', 'f1000000-0000-4000-8000-000000000004',
            '18c01', 'fb000000-0000-4000-8000-000000000002', 'fa000000-0000-4000-8000-000000000002');
    assert false, 'a Gmail message could be linked twice in one mailbox';
  exception when unique_violation then null;
  end;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Rep of A, default settings: the Gmail links of A's threads; not even their own cursor; writes nothing.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.gmail_messages) = 2, 'rep A reads the Gmail links of A''s conversations only';
end
$$;
select kiln_test.assert_fails('insufficient_privilege', 'rep A could forge a Gmail link', $$
  insert into public.gmail_messages (org_id, connection_id, user_id, gmail_message_id, message_id, conversation_id)
  values (current_setting('kiln_test.org_a')::uuid, 'f4000000-0000-4000-8000-0000000000a4', 'f1000000-0000-4000-8000-000000000004',
          '18cff', 'fb000000-0000-4000-8000-000000000002', 'fa000000-0000-4000-8000-000000000002')
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could repoint a Gmail link', $$
  update public.gmail_messages set conversation_id = 'fa000000-0000-4000-8000-000000000002'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete a Gmail link', $$
  delete from public.gmail_messages
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could read their Gmail cursor', $$
  select cursor from public.google_sync_state where target = 'gmail'
$$);
select kiln_test.assert_fails('insufficient_privilege', 'rep A could move their own cursor', $$
  update public.google_sync_state set cursor = null where target = 'gmail'
$$);
reset role;

-- Manager, admin and owner of A: every Gmail link of A.
do $$
declare
  person uuid;
begin
  foreach person in array array['f1000000-0000-4000-8000-000000000003', 'f1000000-0000-4000-8000-000000000002',
                                 'f1000000-0000-4000-8000-000000000001']::uuid[] loop
    perform kiln_test.as_user(person);
    assert (select count(*) from public.gmail_messages) = 2, format('%s reads every Gmail link of A', person);
    perform kiln_test.as_superuser();
  end loop;
end
$$;

-- "Reps see only their own leads" on: the rep no longer sees the Gmail link of a colleague's thread.
update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}'
 where id = current_setting('kiln_test.org_a')::uuid;
select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.gmail_messages) = 1, 'rep A sees only the Gmail link of their own thread';
end
$$;
reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: only B's link. Anonymous: nothing at all.

select kiln_test.as_user('f2000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.gmail_messages) = 1, 'owner B sees B''s Gmail link only';
  assert (select count(*) from public.gmail_messages where org_id = current_setting('kiln_test.org_a')::uuid) = 0,
    'owner B sees no Gmail link of A';
end
$$;
reset role;

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could list Gmail links', $$select 1 from public.gmail_messages$$);
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could read sync states', $$select 1 from public.google_sync_state$$);
reset role;
