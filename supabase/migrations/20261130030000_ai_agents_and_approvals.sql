-- AI agents and human-in-the-loop approvals: the agents an organization configures, the
-- tasks people decide on (an AI draft waiting for approval, a manual review), feedback on
-- drafts, and BANT evidence read from conversations that was too uncertain to apply.

-- ---------------------------------------------------------------------------
-- Organizations: the plan (until billing exists) and whether reps may approve drafts.
-- Both are covered by the existing "Admins can update their organization" policy.
alter table public.organizations
  add column plan text not null default 'basic' check (plan in ('basic', 'pro', 'enterprise')),
  add column reps_can_approve boolean not null default false; -- reps may approve AI drafts in threads they see
grant update (plan, reps_can_approve) on public.organizations to authenticated;

-- Active agents a plan allows.
create or replace function private.plan_agent_limit(plan text) returns int
  language sql immutable
  set search_path = ''
as $$
  select case plan when 'enterprise' then 10 when 'pro' then 3 else 1 end
$$;

-- Organizations where the current user may approve or reject drafts: managers and above,
-- and reps where the organization allows it.
create or replace function private.orgs_approving() returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(m.org_id), '{}')
      from public.memberships m
      join public.organizations o on o.id = m.org_id
     where m.user_id = (select auth.uid())
       and (private.role_rank(m.role) >= private.role_rank('manager') or o.reps_can_approve));
end
$$;

-- ---------------------------------------------------------------------------
-- AI agents: who answers a conversation in AI mode, and how.
create table public.ai_agents (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 80),
  role text not null check (role in ('assistant', 'sales', 'support')),
  personality text not null default '' check (char_length(personality) <= 4000), -- tone and manner
  business text not null default '' check (char_length(business) <= 8000),       -- what the company sells, prices, policies
  objectives text not null default '' check (char_length(objectives) <= 4000),   -- e.g. qualify BANT and book a meeting
  language text not null default 'en' check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'),
  model text check (char_length(btrim(model)) between 1 and 100),                -- null: the server's OPENAI_MODEL
  active boolean not null default true,
  is_default boolean not null default false,                                     -- answers conversations in AI mode
  auto_send boolean not null default false,  -- send drafts without approval (owner/admin only; every send audited)
  scheduling_url text check (scheduling_url ~ '^https://[^\s]+$' and char_length(scheduling_url) <= 500), -- offered to hot leads
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ai_agents is 'AI agents of an organization: prompts, model, whether active, the default one, auto-send.';
alter table public.ai_agents enable row level security;
create index ai_agents_org_idx on public.ai_agents (org_id, created_at);
-- One default agent per organization.
create unique index ai_agents_one_default_key on public.ai_agents (org_id) where is_default;
create trigger ai_agents_updated_at before update on public.ai_agents
  for each row execute function private.set_updated_at();

revoke all on public.ai_agents from anon, authenticated;
grant select, delete on public.ai_agents to authenticated;
grant insert (org_id, name, role, personality, business, objectives, language, model, active, is_default, auto_send, scheduling_url, created_by)
  on public.ai_agents to authenticated;
grant update (name, role, personality, business, objectives, language, model, active, is_default, auto_send, scheduling_url)
  on public.ai_agents to authenticated;
grant all on public.ai_agents to service_role;

create policy "Members can read their organization's agents" on public.ai_agents
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));
create policy "Managers can create agents" on public.ai_agents
  for insert to authenticated
  with check (org_id = any ((select private.orgs_managed())::uuid[]) and created_by = (select auth.uid()));
create policy "Managers can change agents" on public.ai_agents
  for update to authenticated
  using (org_id = any ((select private.orgs_managed())::uuid[]))
  with check (org_id = any ((select private.orgs_managed())::uuid[]));
create policy "Managers can remove agents" on public.ai_agents
  for delete to authenticated
  using (org_id = any ((select private.orgs_managed())::uuid[]));

-- Auto-send is for owners and admins only; the plan caps active agents. The count runs
-- with the organization row locked, so two agents activated at once cannot both squeeze
-- under the limit. An inactive agent cannot stay the default.
create or replace function private.guard_ai_agent() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  org_plan text;
  active_count int;
  lim int;
begin
  if tg_op = 'UPDATE' and new.org_id <> old.org_id then
    raise exception 'An agent cannot move to another organization.' using errcode = '42501';
  end if;
  if not new.active then
    new.is_default := false;
  end if;
  if new.auto_send and (tg_op = 'INSERT' or not old.auto_send)
     and (select auth.role()) = 'authenticated' and not private.has_role(new.org_id, 'admin') then
    raise exception 'Only owners and admins can let an agent send without approval.' using errcode = 'P0001', hint = 'forbidden';
  end if;
  if new.active and (tg_op = 'INSERT' or not old.active) then
    select o.plan into org_plan from public.organizations o where o.id = new.org_id for update;
    lim := private.plan_agent_limit(org_plan);
    select count(*) into active_count from public.ai_agents a
     where a.org_id = new.org_id and a.active and a.id <> new.id;
    if active_count >= lim then
      raise exception 'Your % plan allows % active agent%.%', initcap(org_plan), lim, case when lim = 1 then '' else 's' end,
        case org_plan when 'basic' then ' Upgrade to Pro for 3.' when 'pro' then ' Upgrade to Enterprise for 10.' else ' Deactivate one first.' end
        using errcode = 'P0001', hint = 'plan_limit';
    end if;
  end if;
  return new;
end
$$;
create trigger ai_agents_guard before insert or update on public.ai_agents
  for each row execute function private.guard_ai_agent();
create trigger ai_agents_announce after insert or update or delete on public.ai_agents
  for each row execute function private.announce_change('ai_agents');

-- ---------------------------------------------------------------------------
-- Human-in-the-loop tasks: something a person decides before the system acts. Written
-- by jobs (service role); people decide them. Status only ever leaves `pending`.
create table public.hil_tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  kind text not null check (kind in ('message_approval', 'offer_approval', 'date_confirmation', 'room_approval', 'manual_review', 'event_confirmation')),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'expired', 'superseded')),
  payload jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'), -- per kind, validated by lib/approvals/schema.ts
  lead_id uuid references public.leads (id) on delete cascade,
  conversation_id uuid references public.conversations (id) on delete cascade,
  agent_id uuid references public.ai_agents (id) on delete set null,     -- the agent that created it
  assignee_id uuid references auth.users (id) on delete set null,        -- null: any manager
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,                                                -- when it left pending, for whatever reason
  decision_note text check (char_length(decision_note) <= 500),         -- the reject reason, or why it was superseded
  expires_at timestamptz,
  inbound_message_id uuid references public.messages (id) on delete set null, -- the lead's message being answered
  sent_message_id uuid references public.messages (id) on delete set null,    -- what went out on approval
  final_body text check (char_length(final_body) <= 4096),               -- the text as sent (the draft stays in payload)
  edit_distance integer check (edit_distance >= 0),                      -- Levenshtein distance draft → sent
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'pending') = (decided_at is null)),
  check (status in ('approved', 'rejected') or decided_by is null)
);
comment on table public.hil_tasks is 'Human-in-the-loop tasks (AI drafts to approve, manual reviews); written by jobs, decided by people.';
alter table public.hil_tasks enable row level security;
-- A newer draft replaces the pending one: never two waiting in one conversation.
create unique index hil_tasks_one_pending_draft_key on public.hil_tasks (conversation_id)
  where status = 'pending' and kind = 'message_approval';
-- The queue: oldest pending first, newest decided first; keyset on (created_at, id).
create index hil_tasks_org_status_idx on public.hil_tasks (org_id, status, created_at, id);
create index hil_tasks_conversation_idx on public.hil_tasks (conversation_id, created_at desc);
create index hil_tasks_lead_idx on public.hil_tasks (lead_id);
create index hil_tasks_agent_idx on public.hil_tasks (agent_id, status);
create index hil_tasks_inbound_idx on public.hil_tasks (inbound_message_id) where inbound_message_id is not null;
create index hil_tasks_expiry_idx on public.hil_tasks (expires_at) where status = 'pending';
create trigger hil_tasks_updated_at before update on public.hil_tasks
  for each row execute function private.set_updated_at();

revoke all on public.hil_tasks from anon, authenticated;
grant select on public.hil_tasks to authenticated;
grant update (status, decided_by, decided_at, decision_note, final_body, edit_distance) on public.hil_tasks to authenticated;
grant all on public.hil_tasks to service_role;

-- Managers see every task; others see the tasks of conversations they can see.
create policy "Members can read the tasks of conversations they can see" on public.hil_tasks
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (
      org_id = any ((select private.orgs_managed())::uuid[])
      or exists (select 1 from public.conversations c where c.id = hil_tasks.conversation_id)
    )
  );
-- Who may approve or reject is checked by private.guard_hil_task below; anyone who sees a
-- thread may supersede its pending draft (replying or taking over does that).
create policy "Members can update the tasks of conversations they can see" on public.hil_tasks
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (
      org_id = any ((select private.orgs_managed())::uuid[])
      or exists (select 1 from public.conversations c where c.id = hil_tasks.conversation_id)
    )
  )
  with check (org_id = any ((select private.current_org_ids())::uuid[]));

create or replace function private.guard_hil_task() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  is_user boolean := (select auth.role()) = 'authenticated';
begin
  if old.status <> 'pending' then
    if new.status is distinct from old.status or new.final_body is distinct from old.final_body
       or new.decided_by is distinct from old.decided_by or new.decision_note is distinct from old.decision_note then
      raise exception 'This task was already %.', old.status using errcode = 'P0001', hint = 'conflict';
    end if;
  elsif new.status <> 'pending' then
    new.decided_at := now();
    if new.status in ('approved', 'rejected') then
      if is_user then
        if not (old.org_id = any (private.orgs_approving())) then
          raise exception 'Only managers, admins and owners can approve or reject drafts here.' using errcode = 'P0001', hint = 'forbidden';
        end if;
        new.decided_by := (select auth.uid());
      end if;
    else
      new.decided_by := null;
      if new.status = 'expired' and (old.expires_at is null or old.expires_at > now()) then
        raise exception 'This task has not expired.' using errcode = 'P0001', hint = 'conflict';
      end if;
    end if;
  end if;
  if new.status <> 'approved' and (new.final_body is distinct from old.final_body or new.edit_distance is distinct from old.edit_distance) then
    raise exception 'Only an approval records the text sent.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if old.sent_message_id is not null and new.sent_message_id is distinct from old.sent_message_id then
    raise exception 'This task already sent its message.' using errcode = 'P0001', hint = 'conflict';
  end if;
  return new;
end
$$;
create trigger hil_tasks_guard before update on public.hil_tasks
  for each row execute function private.guard_hil_task();
create trigger hil_tasks_announce after insert or update on public.hil_tasks
  for each row execute function private.announce_change('hil_tasks');

-- An approved draft goes out as the agent's message. Members may only write messages as
-- themselves (see the messages insert policy), so this narrowly scoped function writes
-- it: only for a message_approval the caller approved in this very transaction, once.
create or replace function private.queue_approved_draft(task uuid, body text) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  t record;
  channel_provider text;
  message_id uuid;
begin
  select h.id, h.org_id, h.kind, h.conversation_id, h.status, h.decided_by, h.decided_at, h.sent_message_id
    into t from public.hil_tasks h where h.id = task for update;
  if t.id is null then
    raise exception 'Task not found.' using errcode = 'P0001', hint = 'not_found';
  end if;
  if t.kind <> 'message_approval' or t.conversation_id is null or t.status <> 'approved' or t.sent_message_id is not null then
    raise exception 'Only an approved draft that has not been sent can be sent.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if (select auth.role()) = 'authenticated'
     and (t.decided_by is distinct from (select auth.uid()) or t.decided_at <> now()) then
    raise exception 'Approve the draft first.' using errcode = '42501';
  end if;
  if char_length(btrim(coalesce(body, ''))) = 0 then
    raise exception 'The message is empty.' using errcode = 'P0001', hint = 'conflict';
  end if;
  select ch.provider into channel_provider
    from public.conversations c join public.channels ch on ch.id = c.channel_id
   where c.id = t.conversation_id and c.org_id = t.org_id;
  insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type)
  values (t.org_id, t.conversation_id, 'outbound', body, 'queued', channel_provider, 'agent')
  returning id into message_id;
  update public.hil_tasks set sent_message_id = message_id where id = task;
  return message_id;
end
$$;

-- ---------------------------------------------------------------------------
-- Thumbs up/down on drafts: one per person per task, changeable.
create table public.ai_feedback (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  task_id uuid not null references public.hil_tasks (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  rating text not null check (rating in ('up', 'down')),
  comment text check (char_length(comment) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (task_id, user_id)
);
comment on table public.ai_feedback is 'Feedback on AI drafts, one row per person and task.';
alter table public.ai_feedback enable row level security;
create index ai_feedback_org_idx on public.ai_feedback (org_id);
create index ai_feedback_user_idx on public.ai_feedback (user_id);
create trigger ai_feedback_updated_at before update on public.ai_feedback
  for each row execute function private.set_updated_at();

revoke all on public.ai_feedback from anon, authenticated;
grant select on public.ai_feedback to authenticated;
grant insert (org_id, task_id, user_id, rating, comment) on public.ai_feedback to authenticated;
grant update (rating, comment) on public.ai_feedback to authenticated;
grant all on public.ai_feedback to service_role;

create policy "Members can read feedback on tasks they can see" on public.ai_feedback
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.hil_tasks h where h.id = ai_feedback.task_id)
  );
create policy "Members can give feedback as themselves on tasks they can see" on public.ai_feedback
  for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.hil_tasks h where h.id = ai_feedback.task_id and h.org_id = ai_feedback.org_id)
  );
create policy "Members can change their own feedback" on public.ai_feedback
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------
-- BANT evidence read from a lead's message but below the confidence threshold: shown
-- to the rep as a suggestion to accept (then applied through the scoring engine) or dismiss.
create table public.bant_suggestions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  task_id uuid references public.hil_tasks (id) on delete set null,
  message_id uuid references public.messages (id) on delete set null,  -- the lead's message it was read from
  dimension text not null check (dimension in ('budget', 'authority', 'need', 'timeline')),
  status text not null check (status in ('unknown', 'partial', 'confirmed', 'disqualified')),
  value text check (char_length(value) <= 200),
  quote text check (char_length(quote) <= 500),
  confidence real not null check (confidence >= 0 and confidence <= 1),
  state text not null default 'pending' check (state in ('pending', 'accepted', 'dismissed')),
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.bant_suggestions is 'Uncertain BANT evidence from conversations, waiting for a person to accept or dismiss it.';
alter table public.bant_suggestions enable row level security;
create index bant_suggestions_lead_idx on public.bant_suggestions (lead_id, created_at desc) where state = 'pending';
create index bant_suggestions_org_idx on public.bant_suggestions (org_id);
-- Drafting the same message again (a retry) suggests nothing twice.
create unique index bant_suggestions_message_key on public.bant_suggestions (message_id, dimension) where message_id is not null;

revoke all on public.bant_suggestions from anon, authenticated;
grant select on public.bant_suggestions to authenticated;
grant update (state, decided_by, decided_at) on public.bant_suggestions to authenticated;
grant all on public.bant_suggestions to service_role;

create policy "Members can read suggestions for leads they can see" on public.bant_suggestions
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = bant_suggestions.lead_id)
  );
create policy "Members can decide suggestions for leads they can see, as themselves" on public.bant_suggestions
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and state = 'pending'
    and exists (select 1 from public.leads l where l.id = bant_suggestions.lead_id)
  )
  with check (decided_by = (select auth.uid()) and state <> 'pending');

-- ---------------------------------------------------------------------------
-- Drafting slots: at most a few provider calls per organization at once. A job leases a
-- slot for the length of one call; a crashed job's lease runs out by itself. Server-only.
create table private.ai_draft_slots (
  org_id uuid not null references public.organizations (id) on delete cascade,
  slot smallint not null check (slot between 1 and 16),
  lease_id uuid not null,
  leased_until timestamptz not null,
  primary key (org_id, slot)
);
comment on table private.ai_draft_slots is 'Per-organization concurrency leases for AI provider calls; written by jobs only.';
-- Server-only: RLS on and no policies, so only service_role (which bypasses RLS) reaches it.
alter table private.ai_draft_slots enable row level security;
revoke all on private.ai_draft_slots from public, anon, authenticated;
grant select, insert, update, delete on private.ai_draft_slots to service_role;

-- ---------------------------------------------------------------------------
-- Lead timeline: what the AI drafts lead to (added to the list, see private.allow_lead_event_types).
select private.allow_lead_event_types('ai_draft_approved', 'ai_draft_rejected', 'ai_auto_sent');

revoke all on function private.plan_agent_limit(text), private.orgs_approving(), private.queue_approved_draft(uuid, text) from public;
grant execute on function private.plan_agent_limit(text), private.orgs_approving(), private.queue_approved_draft(uuid, text) to authenticated, service_role;
