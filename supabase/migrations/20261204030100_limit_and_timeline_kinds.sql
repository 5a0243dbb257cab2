-- The plan's active-agent limit raised as a kind with parameters, not an English sentence
-- (issue 14: texts are rendered at read time in the reader's language). The message is the
-- stable code `agent_plan_limit`, the hint stays `plan_limit`, and DETAIL carries the
-- parameters as JSON: the plan, its limit, and the next plan up with its limit ('none' and
-- null on the largest plan). lib/http/errors.ts turns it into the `problems.dbAgentPlanLimit` message.
-- Everything else in the guard is unchanged from 20261130030000_ai_agents_and_approvals.sql.

create or replace function private.guard_ai_agent() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  org_plan text;
  next_plan text;
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
      next_plan := case org_plan when 'basic' then 'pro' when 'pro' then 'enterprise' end;
      raise exception 'agent_plan_limit'
        using errcode = 'P0001', hint = 'plan_limit',
              detail = jsonb_build_object(
                'plan', org_plan,
                'limit', lim,
                'nextPlan', coalesce(next_plan, 'none'),
                'nextLimit', case when next_plan is not null then private.plan_agent_limit(next_plan) end
              )::text;
    end if;
  end if;
  return new;
end
$$;
