-- The billing role matrix: owner, admin, manager and rep of organization A, the owner of
-- organization B and an anonymous visitor, against public.subscriptions (members read their own
-- organization's, nobody but the server writes it), the plan limits the database keeps (numbers,
-- seats) and the read-only state of an unpaid organization. Rolled back at the end.
--
-- Users:  b1…01 owner of A   b1…02 admin of A   b1…03 manager of A   b1…04 rep of A   b2…01 owner of B

select kiln_test.make_world('Billing Matrix',
  a_owner => 'b1000000-0000-4000-8000-000000000001', a_admin => 'b1000000-0000-4000-8000-000000000002',
  a_manager => 'b1000000-0000-4000-8000-000000000003', a_rep => 'b1000000-0000-4000-8000-000000000004',
  b_owner => 'b2000000-0000-4000-8000-000000000001');

-- Both organizations started their trial when they were created.
do $$
begin
  assert (select count(*) from public.subscriptions
           where org_id in (current_setting('kiln_test.org_a')::uuid, current_setting('kiln_test.org_b')::uuid)
             and status = 'trialing' and plan = 'enterprise' and trial_end > now() + interval '13 days') = 2,
    'every new organization gets a 14-day trial of Enterprise';
end
$$;

-- Every member of A reads A's subscription and only A's.
create temporary table billing_seen (who uuid, orgs uuid[]) on commit drop;
grant insert on billing_seen to authenticated;
select kiln_test.as_each(array['b1000000-0000-4000-8000-000000000001', 'b1000000-0000-4000-8000-000000000002',
                               'b1000000-0000-4000-8000-000000000003', 'b1000000-0000-4000-8000-000000000004',
                               'b2000000-0000-4000-8000-000000000001']::uuid[], $$
  insert into billing_seen select (select auth.uid()), coalesce(array_agg(org_id), '{}') from public.subscriptions
$$);
do $$
begin
  assert (select count(*) from billing_seen where who::text like 'b1%' and orgs = array[current_setting('kiln_test.org_a')::uuid]) = 4,
    'owner, admin, manager and rep of A each read exactly A''s subscription';
  assert (select orgs from billing_seen where who = 'b2000000-0000-4000-8000-000000000001') = array[current_setting('kiln_test.org_b')::uuid],
    'the owner of B reads only B''s subscription';
end
$$;

-- Nobody but the server writes subscriptions: not even A's owner upgrades A for free.
select kiln_test.as_user('b1000000-0000-4000-8000-000000000001');
select kiln_test.assert_fails('insufficient_privilege', 'owner A could change the plan in the mirror',
  $$update public.subscriptions set plan = 'enterprise', status = 'active'$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could write a subscription row',
  $$insert into public.subscriptions (org_id, plan, status) values (current_setting('kiln_test.org_a')::uuid, 'enterprise', 'active')$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could delete the subscription',
  $$delete from public.subscriptions$$);
select kiln_test.assert_fails('insufficient_privilege', 'owner A could change organizations.plan',
  $$update public.organizations set plan = 'enterprise' where id = current_setting('kiln_test.org_a')::uuid$$);
do $$
begin
  assert private.billing_block_reason(current_setting('kiln_test.org_b')::uuid) is null, 'a member learns nothing of another organization';
end
$$;
reset role;

select kiln_test.as_user('b2000000-0000-4000-8000-000000000001');
do $$
declare
  n int;
begin
  update public.subscriptions set plan = 'enterprise' where org_id = current_setting('kiln_test.org_a')::uuid;
  get diagnostics n = row_count;
  assert n = 0, 'owner B changed A''s subscription';
exception when insufficient_privilege then null;
end
$$;
reset role;

select kiln_test.as_anon();
do $$
begin
  assert (select count(*) from public.subscriptions) = 0, 'anon reads subscriptions';
exception when insufficient_privilege then null;
end
$$;
reset role;

-- The server writes it; organizations.plan, which the limits read, follows.
select kiln_test.as_service();
update public.subscriptions set plan = 'pro', status = 'active', stripe_subscription_id = 'sub_matrix_a'
 where org_id = current_setting('kiln_test.org_a')::uuid;
do $$
begin
  assert (select plan from public.organizations where id = current_setting('kiln_test.org_a')::uuid) = 'pro',
    'organizations.plan follows the subscription';
end
$$;
reset role;

-- Numbers: Pro allows 2. A person adding a third is refused with the plan's hint.
-- Added a minute apart: which number is older decides which one a downgrade pauses.
insert into public.channels (org_id, provider, address, capabilities, label, created_at) values
  (current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550301', '{sms}', 'One', now() - interval '2 minutes'),
  (current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550302', '{sms}', 'Two', now() - interval '1 minute');
select kiln_test.as_user('b1000000-0000-4000-8000-000000000002');
select kiln_test.refused_with_hint('plan_limit', 'admin A could add a third number on Pro', $$
  insert into public.channels (org_id, provider, address, capabilities, label, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'twilio', '+41445550303', '{sms}', 'Three', 'b1000000-0000-4000-8000-000000000002')
$$);
-- An email mailbox is not a number.
do $$
declare
  n int;
begin
  insert into public.channels (org_id, provider, address, capabilities, label, created_by)
  values (current_setting('kiln_test.org_a')::uuid, 'email', 'sales@billing-matrix.test', '{email}', 'Mailbox', 'b1000000-0000-4000-8000-000000000002');
  get diagnostics n = row_count;
  assert n = 1, 'admin A can add a mailbox whatever the number limit';
  raise exception 'undo' using errcode = 'KT001';
exception when sqlstate 'KT001' then null;
end
$$;

-- Seats: Basic allows 10, members and open invitations together. A has 4 members.
reset role;
select kiln_test.as_service();
update public.subscriptions set plan = 'basic' where org_id = current_setting('kiln_test.org_a')::uuid;
reset role;
select kiln_test.as_user('b1000000-0000-4000-8000-000000000002');
insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
select current_setting('kiln_test.org_a')::uuid, 'seat' || n || '@billing-matrix.test', 'rep', 'matrix-hash-' || n,
       'b1000000-0000-4000-8000-000000000002', now() + interval '7 days'
  from generate_series(1, 6) as n;
select kiln_test.refused_with_hint('plan_limit', 'admin A could invite an eleventh seat on Basic', $$
  insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at)
  values (current_setting('kiln_test.org_a')::uuid, 'over@billing-matrix.test', 'rep', 'matrix-hash-over', 'b1000000-0000-4000-8000-000000000002', now() + interval '7 days')
$$);
reset role;

-- After the downgrade to Basic, the second number is paused, the first is not; nothing was deleted.
do $$
begin
  assert not private.channel_paused_by_plan((select id from public.channels where address = '+41445550301')), 'the oldest number stays';
  assert private.channel_paused_by_plan((select id from public.channels where address = '+41445550302')), 'the newer number is paused';
  assert (select count(*) from public.channels where org_id = current_setting('kiln_test.org_a')::uuid and active) = 2, 'nothing was turned off';
end
$$;

-- Read-only: canceled. A member's reply is refused with payment_required; B is unaffected.
select kiln_test.as_service();
update public.subscriptions set status = 'canceled' where org_id = current_setting('kiln_test.org_a')::uuid;
reset role;
insert into public.leads (id, org_id, name, phone) values
  ('b6000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'Canceled lead', '+41795550301');
insert into public.conversations (id, org_id, lead_id, channel_id, medium) values
  ('b7000000-0000-4000-8000-000000000001', current_setting('kiln_test.org_a')::uuid, 'b6000000-0000-4000-8000-000000000001',
   (select id from public.channels where address = '+41445550301'), 'sms');
select kiln_test.as_user('b1000000-0000-4000-8000-000000000001');
do $$
begin
  assert private.billing_block_reason(current_setting('kiln_test.org_a')::uuid) = 'canceled', 'A reads its own block reason';
  assert (select count(*) from public.subscriptions) = 1, 'and still reads its subscription';
end
$$;
select kiln_test.refused_with_hint('payment_required', 'owner A could send from a canceled organization', $$
  insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, author_id)
  values (current_setting('kiln_test.org_a')::uuid, 'b7000000-0000-4000-8000-000000000001', 'outbound', 'Hello', 'queued', 'twilio', 'user', 'b1000000-0000-4000-8000-000000000001')
$$);
reset role;
-- Inbound messages still arrive.
insert into public.messages (org_id, conversation_id, direction, body, status, provider, provider_message_id, author_type)
values (current_setting('kiln_test.org_a')::uuid, 'b7000000-0000-4000-8000-000000000001', 'inbound', 'Still there?', 'received', 'twilio', 'SM-billing-matrix', 'lead');
