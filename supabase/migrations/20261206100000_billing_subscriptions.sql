-- Billing: each organization's subscription, mirrored from Stripe (or from the in-app sandbox,
-- which drives the same webhook handler), a 14-day trial for every organization, the plan
-- limits that protect integrity (numbers, seats), and the read-only state an unpaid
-- organization falls into. lib/billing is the only writer of `subscriptions`; the webhook
-- handler writes it with the service role after verifying Stripe's signature.
--
-- organizations.plan stays the column every limit reads (private.plan_limit); a trigger here keeps it in step with subscriptions.plan, so nothing else writes it.

-- ---------------------------------------------------------------------------
-- The subscription mirror: one row per organization, made with the organization.
create table public.subscriptions (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  plan text not null default 'basic' check (plan in ('basic', 'pro', 'enterprise')),
  -- Stripe's subscription statuses; 'trialing' without a Stripe subscription is Kiln's own trial.
  status text not null default 'trialing'
    check (status in ('trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused')),
  billing_interval text check (billing_interval in ('month', 'year')),
  price_id text check (char_length(price_id) <= 255),
  stripe_customer_id text unique check (char_length(stripe_customer_id) <= 255),
  stripe_subscription_id text unique check (char_length(stripe_subscription_id) <= 255),
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  trial_end timestamptz,
  past_due_since timestamptz,      -- when a payment first failed: the grace period runs from here
  last_event_at timestamptz,       -- `created` of the newest Stripe event applied: older ones never win
  sandbox boolean not null default false, -- written by the in-app sandbox checkout, not by Stripe
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'past_due' or past_due_since is not null)
);
comment on table public.subscriptions is
  'Each organization''s plan and subscription, mirrored from Stripe webhooks (or the sandbox); written by the server only, members read their own.';
alter table public.subscriptions enable row level security;
create index subscriptions_status_idx on public.subscriptions (status);
create trigger subscriptions_updated_at before update on public.subscriptions
  for each row execute function private.set_updated_at();

revoke all on public.subscriptions from anon, authenticated;
grant select on public.subscriptions to authenticated;
grant all on public.subscriptions to service_role;

create policy "Members can read their organization's subscription" on public.subscriptions
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));

-- The plan every limit reads follows the subscription.
create or replace function private.sync_organization_plan() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  update public.organizations set plan = new.plan where id = new.org_id and plan is distinct from new.plan;
  return new;
end
$$;
create trigger subscriptions_sync_plan after insert or update of plan on public.subscriptions
  for each row execute function private.sync_organization_plan();

-- Platform tooling and older code that set organizations.plan directly move the subscription
-- with it, so the two never disagree.
create or replace function private.sync_subscription_plan() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  update public.subscriptions set plan = new.plan where org_id = new.id and plan is distinct from new.plan;
  return new;
end
$$;
create trigger organizations_sync_subscription_plan after update of plan on public.organizations
  for each row execute function private.sync_subscription_plan();

-- Whether this installation charges for Kiln at all. One without Stripe and without sandbox
-- tools (a self-hosted one) charges nobody: every organization has the largest plan, active,
-- and nothing ever expires. The server states it at every start (instrumentation-node.ts, from
-- lib/billing/config.ts billingMode) through private.set_billing_enforced.
create table private.installation (
  singleton boolean primary key default true check (singleton),
  billing_enforced boolean not null default true
);
insert into private.installation default values;
-- No policies: only its owner's security-definer functions read or write it.
alter table private.installation enable row level security;
revoke all on private.installation from public, anon, authenticated;

-- Every new organization tries everything: a 14-day trial of Enterprise (lib/billing/plans.ts
-- TRIAL_PLAN). Choosing a plan ends it; a trial that ends without one leaves the organization
-- read-only (private.billing_block_reason).
create or replace function private.start_trial() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if (select i.billing_enforced from private.installation i) then
    insert into public.subscriptions (org_id, plan, status, trial_end)
    values (new.id, 'enterprise', 'trialing', now() + interval '14 days')
    on conflict (org_id) do nothing;
  else
    insert into public.subscriptions (org_id, plan, status)
    values (new.id, 'enterprise', 'active')
    on conflict (org_id) do nothing;
  end if;
  return new;
end
$$;
create trigger organizations_start_trial after insert on public.organizations
  for each row execute function private.start_trial();

-- Organizations that exist already get the same trial, from today, on the plan they have.
insert into public.subscriptions (org_id, plan, status, trial_end)
select id, plan, 'trialing', now() + interval '14 days' from public.organizations
on conflict (org_id) do nothing;

-- Turning charging off frees every organization Stripe does not bill; turning it on gives
-- those a fresh trial, so nobody turns read-only the moment an operator adds Stripe keys.
create or replace function private.set_billing_enforced(enforced boolean) returns void
  language plpgsql security definer
  set search_path = ''
as $$
begin
  update private.installation set billing_enforced = enforced where billing_enforced is distinct from enforced;
  if not found then
    return;
  end if;
  if enforced then
    update public.subscriptions set status = 'trialing', trial_end = now() + interval '14 days'
     where stripe_subscription_id is null and status = 'active';
  else
    update public.subscriptions set plan = 'enterprise', status = 'active', trial_end = null, past_due_since = null
     where stripe_subscription_id is null or sandbox;
  end if;
end
$$;

-- ---------------------------------------------------------------------------
-- Limits. Mirrors lib/billing/plans.ts (tests/integration/billing/plans.test.ts compares them).
-- One function answers every kind, so a new limit is one more line here, not another function.
create or replace function private.plan_limit(plan text, kind text) returns int
  language sql immutable
  set search_path = ''
as $$
  select case kind
    when 'agents' then private.plan_agent_limit(plan)
    when 'numbers' then case plan when 'enterprise' then 5 when 'pro' then 2 else 1 end
    when 'seats' then case plan when 'enterprise' then 100 when 'pro' then 25 else 10 end
  end
$$;

-- Days an organization keeps working after a failed payment (lib/billing/plans.ts PAST_DUE_GRACE_DAYS).
create or replace function private.billing_grace_days() returns int
  language sql immutable
  set search_path = ''
as $$
  select 7
$$;

-- Why an organization is read-only, or null while it may work: its trial ended without a
-- subscription, a payment failed longer ago than the grace period, or the subscription ended.
create or replace function private.billing_block_reason(org uuid) returns text
  language sql stable security definer
  set search_path = ''
as $$
  select case
    when s.status = 'trialing' and s.stripe_subscription_id is null and s.trial_end is not null and s.trial_end <= now()
      then 'trial_ended'
    when s.status = 'past_due' and s.past_due_since <= now() - make_interval(days => private.billing_grace_days())
      then 'past_due'
    when s.status in ('canceled', 'unpaid', 'incomplete_expired', 'paused') then s.status
  end
  from public.subscriptions s
  where s.org_id = org
    -- A member asks about their own organizations only; triggers and the server about any.
    and ((select auth.role()) is distinct from 'authenticated' or org = any (private.current_org_ids()))
$$;

-- Raised where an unpaid organization would send or draft: `billing_read_only` with the reason.
create or replace function private.assert_billing_writable(org uuid) returns void
  language plpgsql stable security definer
  set search_path = ''
as $$
declare
  reason text := private.billing_block_reason(org);
begin
  if reason is not null then
    raise exception 'billing_read_only'
      using errcode = 'P0001', hint = 'payment_required', detail = jsonb_build_object('reason', reason)::text;
  end if;
end
$$;

-- The plan's limit of one kind and the next plan up with its limit, for the messages that offer an upgrade.
create or replace function private.plan_limit_detail(kind text, org_plan text) returns text
  language sql immutable
  set search_path = ''
as $$
  select jsonb_build_object(
    'plan', org_plan,
    'limit', private.plan_limit(org_plan, kind),
    'nextPlan', coalesce(next_plan, 'none'),
    'nextLimit', private.plan_limit(next_plan, kind)
  )::text
  from (select case org_plan when 'basic' then 'pro' when 'pro' then 'enterprise' end as next_plan) n
$$;

-- The organization's plan, its row locked: a count taken after this cannot race another
-- insert squeezing under the same limit.
create or replace function private.lock_org_plan(org uuid) returns text
  language sql volatile security definer
  set search_path = ''
as $$
  select o.plan from public.organizations o where o.id = org for update
$$;

-- Refuses one more of `kind` when `used` already fills the plan: `<error>` with the upgrade detail.
create or replace function private.assert_plan_room(kind text, error text, org_plan text, used int) returns void
  language plpgsql immutable
  set search_path = ''
as $$
begin
  if used >= private.plan_limit(org_plan, kind) then
    raise exception using message = error, errcode = 'P0001', hint = 'plan_limit',
      detail = private.plan_limit_detail(kind, org_plan);
  end if;
end
$$;

-- Numbers (SMS / WhatsApp / voice channels) a person adds or turns on count against the plan.
-- The count runs with the organization row locked, so two added at once cannot both squeeze under.
-- The server's own writes (platform tooling, demo data) are not refused: a downgrade leaves
-- numbers over the limit, which pause instead (private.channel_paused_by_plan).
create or replace function private.guard_channel_plan() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  org_plan text;
  used int;
begin
  if new.provider not in ('twilio', 'whatsapp_cloud') or not new.active then
    return new;
  end if;
  if tg_op = 'UPDATE' and old.active and old.provider = new.provider then
    return new;
  end if;
  if (select auth.role()) is distinct from 'authenticated' then
    return new;
  end if;
  org_plan := private.lock_org_plan(new.org_id);
  select count(*) into used from public.channels c
   where c.org_id = new.org_id and c.active and c.provider in ('twilio', 'whatsapp_cloud') and c.id <> new.id;
  perform private.assert_plan_room('numbers', 'number_plan_limit', org_plan, used);
  return new;
end
$$;
create trigger channels_plan_guard before insert or update of active, provider on public.channels
  for each row execute function private.guard_channel_plan();

-- Seats: members plus open invitations. A person inviting or accepting beyond the plan is
-- refused; members already there keep their access after a downgrade (nobody is locked out).
create or replace function private.seats_used(org uuid) returns int
  language sql stable security definer
  set search_path = ''
as $$
  select (select count(*) from public.memberships m where m.org_id = org)::int
       + (select count(*) from public.invitations i
           where i.org_id = org and i.accepted_at is null and i.revoked_at is null and i.expires_at > now())::int
$$;

create or replace function private.guard_seat_plan() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  org_plan text;
  used int;
begin
  if (select auth.role()) is distinct from 'authenticated' then
    return new;
  end if;
  org_plan := private.lock_org_plan(new.org_id);
  if tg_table_name = 'invitations' then
    used := private.seats_used(new.org_id);
  else
    -- Accepting: the invitation already held its seat, so only members count.
    select count(*) into used from public.memberships m where m.org_id = new.org_id;
  end if;
  perform private.assert_plan_room('seats', 'seat_plan_limit', org_plan, used);
  return new;
end
$$;
create trigger invitations_seat_guard before insert on public.invitations
  for each row execute function private.guard_seat_plan();
create trigger memberships_seat_guard before insert on public.memberships
  for each row execute function private.guard_seat_plan();

-- ---------------------------------------------------------------------------
-- Over the limit after a downgrade: nothing is deleted; the newest numbers and agents beyond
-- the plan pause until the organization turns others off (it chooses what to keep).

-- A number paused by the plan: among the organization's active numbers, oldest first, beyond the limit.
create or replace function private.channel_paused_by_plan(channel uuid) returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select coalesce((
    select ranked.n > private.plan_limit(o.plan, 'numbers')
      from (select c.id, c.org_id, row_number() over (partition by c.org_id order by c.created_at, c.id) as n
              from public.channels c
             where c.org_id = (select org_id from public.channels where id = channel)
               and c.active and c.provider in ('twilio', 'whatsapp_cloud')) ranked
      join public.organizations o on o.id = ranked.org_id
     where ranked.id = channel), false)
$$;

-- An agent paused by the plan: among the active agents, the default first, then oldest first, beyond the limit.
create or replace function private.agent_paused_by_plan(agent uuid) returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select coalesce((
    select ranked.n > private.plan_limit(o.plan, 'agents')
      from (select a.id, a.org_id,
                   row_number() over (partition by a.org_id order by a.is_default desc, a.created_at, a.id) as n
              from public.ai_agents a
             where a.org_id = (select org_id from public.ai_agents where id = agent) and a.active) ranked
      join public.organizations o on o.id = ranked.org_id
     where ranked.id = agent), false)
$$;

-- Nothing a person or an agent sends leaves a read-only organization, nor a paused number:
-- checked when a message is queued to go out (sent, retried). Records of mail sent elsewhere
-- (synced) and the opt-out confirmation the law asks for are not sends of ours to stop.
create or replace function private.guard_outbound_billing() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  channel uuid;
  org_plan text;
begin
  if new.direction <> 'outbound' or new.status <> 'queued' or new.author_type not in ('user', 'agent')
     or (tg_op = 'UPDATE' and old.status = 'queued') then
    return new;
  end if;
  perform private.assert_billing_writable(new.org_id);
  select c.channel_id into channel from public.conversations c where c.id = new.conversation_id;
  if channel is not null and private.channel_paused_by_plan(channel) then
    select o.plan into org_plan from public.organizations o where o.id = new.org_id;
    raise exception 'number_paused'
      using errcode = 'P0001', hint = 'plan_limit',
            detail = private.plan_limit_detail('numbers', org_plan);
  end if;
  return new;
end
$$;
create trigger messages_billing_guard before insert or update of status on public.messages
  for each row execute function private.guard_outbound_billing();

-- No AI drafts for a read-only organization, nor by a paused agent.
create or replace function private.guard_draft_billing() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  org_plan text;
begin
  if new.kind <> 'message_approval' then
    return new;
  end if;
  perform private.assert_billing_writable(new.org_id);
  if new.agent_id is not null and private.agent_paused_by_plan(new.agent_id) then
    select o.plan into org_plan from public.organizations o where o.id = new.org_id;
    raise exception 'agent_paused'
      using errcode = 'P0001', hint = 'plan_limit',
            detail = private.plan_limit_detail('agents', org_plan);
  end if;
  return new;
end
$$;
create trigger hil_tasks_billing_guard before insert on public.hil_tasks
  for each row execute function private.guard_draft_billing();

revoke all on function
  private.sync_organization_plan(), private.sync_subscription_plan(), private.start_trial(), private.set_billing_enforced(boolean),
  private.plan_limit(text, text),
  private.billing_grace_days(), private.billing_block_reason(uuid), private.assert_billing_writable(uuid),
  private.plan_limit_detail(text, text), private.lock_org_plan(uuid), private.assert_plan_room(text, text, text, int),
  private.guard_channel_plan(), private.seats_used(uuid),
  private.guard_seat_plan(), private.channel_paused_by_plan(uuid), private.agent_paused_by_plan(uuid),
  private.guard_outbound_billing(), private.guard_draft_billing()
from public;
grant execute on function
  private.plan_limit(text, text), private.billing_grace_days(),
  private.billing_block_reason(uuid), private.assert_billing_writable(uuid)
to authenticated, service_role;
grant execute on function private.set_billing_enforced(boolean) to service_role;
-- Counting another organization's seats or ranking its numbers is the server's business only.
grant execute on function
  private.seats_used(uuid), private.channel_paused_by_plan(uuid), private.agent_paused_by_plan(uuid)
to service_role;
