-- The sending numbers role matrix: owner, admin, manager and rep of organization A, the owner of
-- organization B and an anonymous visitor, against the query behind the preferred WhatsApp
-- number picker (lib/channels/sending-numbers.ts: A's active channels that can send WhatsApp).
-- Every member of A, a rep too, lists A's numbers; nobody outside A lists any of them; only
-- admins change them. Rolled back at the end.
--
-- Users:  5a…01 owner of A   5a…02 admin of A   5a…03 manager of A   5a…04 rep of A   5b…01 owner of B

select kiln_test.make_world('Sending Numbers Matrix',
  a_owner => '5a000000-0000-4000-8000-000000000001', a_admin => '5a000000-0000-4000-8000-000000000002',
  a_manager => '5a000000-0000-4000-8000-000000000003', a_rep => '5a000000-0000-4000-8000-000000000004',
  b_owner => '5b000000-0000-4000-8000-000000000001');

-- A: a WhatsApp number, a deactivated one and an SMS-only one; B: a WhatsApp number.
insert into public.channels (id, org_id, provider, address, capabilities, label, active) values
  ('5a000000-0000-4000-8000-0000000000c1', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550101', '{sms,whatsapp}', 'A sales', true),
  ('5a000000-0000-4000-8000-0000000000c2', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550102', '{whatsapp}', 'A retired', false),
  ('5a000000-0000-4000-8000-0000000000c3', current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550103', '{sms}', 'A texts', true),
  ('5b000000-0000-4000-8000-0000000000c1', current_setting('kiln_test.org_b')::uuid, 'twilio', '+41445550201', '{whatsapp}', 'B sales', true);

create temporary table sending_numbers_seen (who uuid, ids uuid[]) on commit drop;
grant insert on sending_numbers_seen to authenticated;

-- Each member of A, and B's owner, lists A's sending numbers with the picker's query.
select kiln_test.as_each(array['5a000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000002',
                               '5a000000-0000-4000-8000-000000000003', '5a000000-0000-4000-8000-000000000004',
                               '5b000000-0000-4000-8000-000000000001']::uuid[], $$
  insert into sending_numbers_seen
  select (select auth.uid()), coalesce(array_agg(id order by label), '{}') from public.channels
   where org_id = current_setting('kiln_test.org_a')::uuid and active and 'whatsapp' = any (capabilities)
$$);
do $$
begin
  assert (select count(*) from sending_numbers_seen where ids = array['5a000000-0000-4000-8000-0000000000c1'::uuid]
            and who::text like '5a%') = 4,
    'owner, admin, manager and rep of A each list exactly A''s active WhatsApp number';
  assert (select ids from sending_numbers_seen where who = '5b000000-0000-4000-8000-000000000001') = '{}'::uuid[],
    'the owner of B lists none of A''s numbers';
end
$$;

-- Rep of A: lists, cannot change or remove a number; cannot see B's.
select kiln_test.as_user('5a000000-0000-4000-8000-000000000004');
do $$
declare
  n int;
begin
  assert (select count(*) from public.channels where id = '5b000000-0000-4000-8000-0000000000c1') = 0,
    'rep A cannot see B''s number, even by its id';
  update public.channels set label = 'Renamed' where id = '5a000000-0000-4000-8000-0000000000c1';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot rename a number';
  delete from public.channels where id = '5a000000-0000-4000-8000-0000000000c1';
  get diagnostics n = row_count;
  assert n = 0, 'rep A cannot remove a number';
end
$$;
reset role;

-- Admin of A: may deactivate a number, after which it is no longer a sending number.
select kiln_test.as_user('5a000000-0000-4000-8000-000000000002');
do $$
declare
  n int;
begin
  update public.channels set active = false where id = '5a000000-0000-4000-8000-0000000000c1';
  get diagnostics n = row_count;
  assert n = 1, 'admin A deactivates a number';
  assert (select count(*) from public.channels
           where org_id = current_setting('kiln_test.org_a')::uuid and active and 'whatsapp' = any (capabilities)) = 0,
    'a deactivated number is no longer listed';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then
  null;
end
$$;
reset role;

-- Anonymous: nothing.
select kiln_test.as_anon();
select kiln_test.assert_fails('insufficient_privilege', 'anon could list sending numbers', $$select 1 from public.channels$$);
reset role;
