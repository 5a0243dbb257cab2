-- The agent that answers a conversation. Until now every thread in AI mode was answered by
-- the organization's default agent; a thread can now name its own (a support agent for a
-- customer with a problem, say). Null keeps following the default, whichever that is.

alter table public.conversations
  add column agent_id uuid references public.ai_agents (id) on delete set null; -- null: the organization's default agent
comment on column public.conversations.agent_id is 'The AI agent answering this conversation; null follows the organization''s default agent.';

-- Deleting an agent sets its conversations back to the default (the foreign key scans by
-- agent), and the agents page counts the conversations each agent answers.
create index conversations_agent_idx on public.conversations (agent_id) where agent_id is not null;

-- The existing update policy ("Members can update the conversations they can see") decides
-- which rows someone may touch; the guard below narrows who may change the agent.
grant update (agent_id) on public.conversations to authenticated;

-- The agent must be an active agent of the conversation's organization: an id from another
-- organization must not leak its prompts into this one's drafts, and picking an inactive
-- agent would silently answer with the default. An agent deactivated later is not refused
-- here (the conversation falls back to the default until it is active again).
-- Choosing the agent decides who speaks for the organization in the thread: managers and
-- above may do it anywhere; others only in a thread that is theirs or nobody's, as with
-- taking a thread (private.guard_conversation_change).
create or replace function private.guard_conversation_agent() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.agent_id is not distinct from old.agent_id then
    return new;
  end if;
  -- Deleting an agent sets its conversations back to the default through the foreign key;
  -- that is the agent's removal, already authorized, not someone choosing.
  if tg_op = 'UPDATE' and new.agent_id is null
     and not exists (select 1 from public.ai_agents a where a.id = old.agent_id) then
    return new;
  end if;
  if tg_op = 'UPDATE'
     and (select auth.role()) = 'authenticated'
     and not private.has_role(old.org_id, 'manager')
     and coalesce(old.assignee_id, (select auth.uid())) <> (select auth.uid()) then
    raise exception 'Only managers and the conversation''s assignee can choose its agent.' using errcode = '42501';
  end if;
  if new.agent_id is not null
     and not exists (select 1 from public.ai_agents a where a.id = new.agent_id and a.org_id = new.org_id and a.active) then
    raise exception 'Choose an active agent of your organization.' using errcode = 'P0001', hint = 'invalid_agent';
  end if;
  return new;
end
$$;
create trigger conversations_agent_guard before insert or update of agent_id on public.conversations
  for each row execute function private.guard_conversation_agent();
