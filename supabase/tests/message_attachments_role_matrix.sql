-- The role matrix of message_attachments (files of messages): the owner, manager and rep of
-- organization A (with "reps see only their own leads" off and on), a second rep of A, the
-- owner of organization B and an anonymous visitor. Same runner and style as inbox_role_matrix.sql.
--
-- Users:  f1…01 owner A  f1…03 manager A  f1…04 rep A  f1…05 second rep A  f2…01 owner B
-- Conversations: fa…01 A, the rep's   fa…02 A, the second rep's   fa…09 B
-- Messages: fb…01 the rep's reply in fa…01   fb…02 the second rep's reply in fa…02
-- Files: fc…01 the rep's, sent with fb…01   fc…02 a lead's image in fa…02   fc…09 B's

select kiln_test.make_world('Media Matrix',
  a_owner => 'f1000000-0000-4000-8000-000000000001', a_manager => 'f1000000-0000-4000-8000-000000000003',
  a_rep => 'f1000000-0000-4000-8000-000000000004', b_owner => 'f2000000-0000-4000-8000-000000000001');
select kiln_test.add_user('f1000000-0000-4000-8000-000000000005', 'rep2-a@media-matrix.test', 'Second rep A',
  current_setting('kiln_test.org_a')::uuid, 'rep');

insert into public.channels (id, org_id, provider, address, capabilities, label) values
  ('f3000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'twilio', '+12025550101', '{sms,whatsapp}', 'A line'),
  ('f3000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, 'twilio', '+12025550102', '{sms}', 'B line');
insert into public.leads (id, org_id, owner_id, name, phone) values
  ('f6000000-0000-4000-8000-0000000000a1', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000004', 'Rep''s lead', '+12025550111'),
  ('f6000000-0000-4000-8000-0000000000a2', current_setting('kiln_test.org_a')::uuid, 'f1000000-0000-4000-8000-000000000005', 'Second rep''s lead', '+12025550112'),
  ('f6000000-0000-4000-8000-0000000000b1', current_setting('kiln_test.org_b')::uuid, null, 'B''s lead', '+12025550119');
insert into public.conversations (id, org_id, lead_id, channel_id, medium, assignee_id) values
  ('fa000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a1', 'f3000000-0000-4000-8000-0000000000a1', 'sms', 'f1000000-0000-4000-8000-000000000004'),
  ('fa000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'f6000000-0000-4000-8000-0000000000a2', 'f3000000-0000-4000-8000-0000000000a1', 'sms', 'f1000000-0000-4000-8000-000000000005'),
  ('fa000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'f6000000-0000-4000-8000-0000000000b1', 'f3000000-0000-4000-8000-0000000000b1', 'sms', null);
insert into public.messages (id, org_id, conversation_id, direction, body, status, provider, author_type, author_id) values
  ('fb000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000001', 'outbound', 'See the offer', 'sent', 'sandbox', 'user', 'f1000000-0000-4000-8000-000000000004'),
  ('fb000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000002', 'outbound', 'Hello', 'sent', 'sandbox', 'user', 'f1000000-0000-4000-8000-000000000005'),
  ('fb000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000002', 'inbound', 'A photo', 'received', 'twilio', 'lead', null),
  ('fb000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'fa000000-0000-4000-8000-000000000009', 'inbound', 'B photo', 'received', 'twilio', 'lead', null);
insert into public.message_attachments (id, org_id, conversation_id, message_id, source, storage_key, file_name, content_type,
                                        size_bytes, sha256, download_status, uploaded_by, provider_media_url) values
  ('fc000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000001', 'fb000000-0000-4000-8000-000000000001',
   'outbound', current_setting('kiln_test.org_a') || '/attachments/fc000000-0000-4000-8000-000000000001', 'offer.pdf', 'application/pdf', 10, repeat('a', 64), 'stored', 'f1000000-0000-4000-8000-000000000004', null),
  ('fc000000-0000-4000-8000-000000000002', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000002', 'fb000000-0000-4000-8000-000000000003',
   'inbound', null, 'image-1.jpg', 'image/jpeg', null, null, 'pending', null, 'https://api.twilio.com/media/1'),
  ('fc000000-0000-4000-8000-000000000009', current_setting('kiln_test.org_b')::uuid, 'fa000000-0000-4000-8000-000000000009', 'fb000000-0000-4000-8000-000000000009',
   'inbound', current_setting('kiln_test.org_b') || '/inbound/fc000000-0000-4000-8000-000000000009', 'image-1.jpg', 'image/jpeg', 10, repeat('b', 64), 'stored', null, 'https://api.twilio.com/media/9');

-- The database keeps every key under its organization's prefix, whoever writes.
do $$
begin
  begin
    insert into public.message_attachments (org_id, conversation_id, source, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
    values (current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000001', 'outbound',
            current_setting('kiln_test.org_b') || '/attachments/x', 'x.pdf', 'application/pdf', 1, repeat('c', 64), 'f1000000-0000-4000-8000-000000000004');
    assert false, 'a file of A could be stored under B''s prefix';
  exception when check_violation then null;
  end;
end
$$;

-- ---------------------------------------------------------------------------------------
-- Rep of A, default settings: reads the files of A's threads; uploads and attaches as themselves.

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
begin
  assert (select count(*) from public.message_attachments) = 2, 'rep A reads the files of A''s conversations only';
  assert not exists (select 1 from public.message_attachments where org_id = current_setting('kiln_test.org_b')::uuid), 'rep A reads none of B''s files';

  insert into public.message_attachments (id, org_id, conversation_id, source, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
  values ('fc000000-0000-4000-8000-000000000003', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000001', 'outbound',
          current_setting('kiln_test.org_a') || '/attachments/fc000000-0000-4000-8000-000000000003', 'plan.png', 'image/png', 5, repeat('d', 64), 'f1000000-0000-4000-8000-000000000004');
  get diagnostics n = row_count;
  assert n = 1, 'rep A can upload a file as themselves';

  update public.message_attachments set message_id = 'fb000000-0000-4000-8000-000000000001' where id = 'fc000000-0000-4000-8000-000000000003';
  get diagnostics n = row_count;
  assert n = 1, 'rep A can attach their upload to their own reply';

  update public.message_attachments set message_id = 'fb000000-0000-4000-8000-000000000001' where id = 'fc000000-0000-4000-8000-000000000001';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot move a file that was already sent';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;

select kiln_test.assert_fails('insufficient_privilege', 'rep A could upload in a colleague''s name', $$
  insert into public.message_attachments (org_id, conversation_id, source, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
  values (current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000001', 'outbound',
          current_setting('kiln_test.org_a') || '/attachments/y', 'y.pdf', 'application/pdf', 1, repeat('e', 64), 'f1000000-0000-4000-8000-000000000005')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could forge a lead''s media', $$
  insert into public.message_attachments (org_id, conversation_id, message_id, source, file_name, content_type, download_status, provider_media_url)
  values (current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000001', 'fb000000-0000-4000-8000-000000000001', 'inbound',
          'z.jpg', 'image/jpeg', 'pending', 'https://api.twilio.com/media/z')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could put a file into B''s conversation', $$
  insert into public.message_attachments (org_id, conversation_id, source, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
  values (current_setting('kiln_test.org_b')::uuid, 'fa000000-0000-4000-8000-000000000009', 'outbound',
          current_setting('kiln_test.org_b') || '/attachments/w', 'w.pdf', 'application/pdf', 1, repeat('f', 64), 'f1000000-0000-4000-8000-000000000004')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could file an upload of A under B''s conversation', $$
  insert into public.message_attachments (org_id, conversation_id, source, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
  values (current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000009', 'outbound',
          current_setting('kiln_test.org_a') || '/attachments/v', 'v.pdf', 'application/pdf', 1, repeat('f', 64), 'f1000000-0000-4000-8000-000000000004')
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could mark a download as done', $$
  update public.message_attachments set download_status = 'failed' where id = 'fc000000-0000-4000-8000-000000000002'
$$);

select kiln_test.assert_fails('insufficient_privilege', 'rep A could delete a file record', $$
  delete from public.message_attachments where id = 'fc000000-0000-4000-8000-000000000001'
$$);

-- An upload cannot be hung on a colleague's reply.
do $$
begin
  insert into public.message_attachments (id, org_id, conversation_id, source, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
  values ('fc000000-0000-4000-8000-000000000004', current_setting('kiln_test.org_a')::uuid, 'fa000000-0000-4000-8000-000000000002', 'outbound',
          current_setting('kiln_test.org_a') || '/attachments/fc000000-0000-4000-8000-000000000004', 'u.pdf', 'application/pdf', 1, repeat('0', 64), 'f1000000-0000-4000-8000-000000000004');
  begin
    update public.message_attachments set message_id = 'fb000000-0000-4000-8000-000000000002' where id = 'fc000000-0000-4000-8000-000000000004';
    assert false, 'rep A could attach their file to a colleague''s reply';
  exception when insufficient_privilege then null;
  end;
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;
reset role;

-- ---------------------------------------------------------------------------------------
-- "Reps see only their own leads" on: the rep no longer sees the files of a colleague's thread; the manager still does.

update public.organizations set settings = settings || '{"reps_see_own_leads_only": true}'
 where id = current_setting('kiln_test.org_a')::uuid;

select kiln_test.as_user('f1000000-0000-4000-8000-000000000004');
do $$
begin
  assert (select count(*) from public.message_attachments) = 1, 'rep A sees only the files of their own thread';
  assert not exists (select 1 from public.message_attachments where id = 'fc000000-0000-4000-8000-000000000002'), 'nor a colleague''s lead''s photo';
end
$$;
reset role;

select kiln_test.as_user('f1000000-0000-4000-8000-000000000003');
do $$
begin
  assert (select count(*) from public.message_attachments) = 2, 'manager A sees the files of every thread of A';
end
$$;
reset role;

select kiln_test.as_user('f1000000-0000-4000-8000-000000000001');
do $$
begin
  assert (select count(*) from public.message_attachments) = 2, 'owner A sees the files of every thread of A';
end
$$;
reset role;

-- ---------------------------------------------------------------------------------------
-- Owner of B: only B's file. Anonymous: nothing at all.

select kiln_test.as_user('f2000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  assert (select count(*) from public.message_attachments) = 1, 'owner B sees B''s file only';
  update public.message_attachments set message_id = 'fb000000-0000-4000-8000-000000000009' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B cannot touch A''s files';
end
$$;
reset role;

select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'an anonymous visitor could list files', $$select 1 from public.message_attachments$$);
reset role;
