-- Follow-up tasks ("call Anna back Tuesday 10:00") and the tasks the AI proposes from a lead's
-- message, which a rep accepts with one click. Owned by lib/tasks (its README).
--
-- Who sees a task: the members of its organization who are its assignee or creator, anyone who
-- may see its lead (the leads' own visibility: private.orgs_seeing_all_leads() and the lead's
-- owner, through the leads policy the subquery runs under), and managers and above, who see
-- the whole team's. The same people may change it; the creator, the assignee and managers may
-- delete it.

-- ---------------------------------------------------------------------------
create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  title text not null check (title = btrim(title) and char_length(title) between 1 and 200),
  notes text check (char_length(notes) <= 4000),               -- free text, shown as written
  category text not null default 'follow_up' check (category in ('call', 'email', 'meeting', 'follow_up', 'other')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high')),
  due_at timestamptz,                                           -- null: some day, never overdue, never reminded
  assignee_id uuid references auth.users (id) on delete set null,
  lead_id uuid references public.leads (id) on delete cascade,
  conversation_id uuid references public.conversations (id) on delete set null,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  completed_at timestamptz,
  completed_by uuid references auth.users (id) on delete set null,
  -- Snoozing moves due_at; these say how often and when last (a task snoozed five times is telling).
  snooze_count int not null default 0 check (snooze_count >= 0),
  snoozed_at timestamptz,
  -- The due time the reminder went out for (service role only): a snoozed or rescheduled task
  -- has a new due_at and is reminded again; the same due time never twice.
  reminded_for timestamptz,
  reminded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tasks_completed_by_needs_completed_at check (completed_by is null or completed_at is not null)
);
comment on table public.tasks is 'Follow-up tasks of an organization''s members, optionally on a lead and conversation (lib/tasks).';
alter table public.tasks enable row level security;

create index tasks_org_idx on public.tasks (org_id);
-- "My tasks": open tasks by due time, per assignee; also the overdue badge's count.
create index tasks_assignee_open_idx on public.tasks (assignee_id, due_at) where completed_at is null;
create index tasks_assignee_done_idx on public.tasks (assignee_id, completed_at desc) where completed_at is not null;
create index tasks_created_by_idx on public.tasks (created_by);
create index tasks_lead_idx on public.tasks (lead_id, due_at) where lead_id is not null;
create index tasks_conversation_idx on public.tasks (conversation_id) where conversation_id is not null;
-- The reminder job's scan: open tasks due and not yet reminded for that due time.
create index tasks_due_reminder_idx on public.tasks (due_at) where completed_at is null and due_at is not null;

create trigger tasks_set_updated_at before update on public.tasks
  for each row execute function private.set_updated_at();

revoke all on public.tasks from anon, authenticated;
grant select, delete on public.tasks to authenticated;
grant insert (org_id, title, notes, category, priority, due_at, assignee_id, lead_id, conversation_id)
  on public.tasks to authenticated;
grant update (title, notes, category, priority, due_at, assignee_id, completed_at, completed_by, snooze_count, snoozed_at)
  on public.tasks to authenticated;
grant all on public.tasks to service_role;

create policy "Members can read their own tasks, tasks on leads they can see, and managers their team's" on public.tasks
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (
      org_id = any ((select private.orgs_managed())::uuid[])
      or assignee_id = (select auth.uid())
      or created_by = (select auth.uid())
      or (lead_id is not null and exists (select 1 from public.leads l where l.id = tasks.lead_id))
    )
  );

create policy "Members can add tasks on leads and conversations they can see, as themselves" on public.tasks
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and created_by = (select auth.uid())
    and (lead_id is null or exists (select 1 from public.leads l where l.id = tasks.lead_id and l.org_id = tasks.org_id))
    and (conversation_id is null
         or exists (select 1 from public.conversations c where c.id = tasks.conversation_id and c.org_id = tasks.org_id))
  );

create policy "Members can change the tasks they can see" on public.tasks
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (
      org_id = any ((select private.orgs_managed())::uuid[])
      or assignee_id = (select auth.uid())
      or created_by = (select auth.uid())
      or (lead_id is not null and exists (select 1 from public.leads l where l.id = tasks.lead_id))
    )
  )
  with check (org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Creators, assignees and managers can delete tasks" on public.tasks
  for delete to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (
      org_id = any ((select private.orgs_managed())::uuid[])
      or assignee_id = (select auth.uid())
      or created_by = (select auth.uid())
    )
  );

-- The assignee is a member of the task's organization, and a rep gives tasks only to themselves
-- (managers and above hand them to anyone); the lead and conversation belong to the task's
-- organization and the conversation to its lead; who completed a task is the person completing it.
create or replace function private.guard_task_change() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  by_member boolean := (select auth.role()) = 'authenticated';
begin
  -- For an organization the caller does not belong to, say nothing and let RLS refuse the row.
  if by_member and not private.is_member(new.org_id) then
    return new;
  end if;
  if tg_op = 'UPDATE' and new.org_id <> old.org_id then
    raise exception 'A task stays in its organization.' using errcode = '42501';
  end if;
  if new.assignee_id is not null and (tg_op = 'INSERT' or new.assignee_id is distinct from old.assignee_id) then
    if not exists (select 1 from public.memberships m where m.org_id = new.org_id and m.user_id = new.assignee_id) then
      -- The same words and hint as a conversation's assignee: a 422 on the form's assigneeId.
      raise exception 'The assignee must be a member of the organization.' using errcode = 'P0001', hint = 'invalid_assignee';
    end if;
    if by_member and new.assignee_id <> uid and not private.has_role(new.org_id, 'manager') then
      raise exception 'Only managers, admins and owners can give tasks to others.' using errcode = '42501';
    end if;
  end if;
  if new.lead_id is not null and (tg_op = 'INSERT' or new.lead_id is distinct from old.lead_id)
     and not exists (select 1 from public.leads l where l.id = new.lead_id and l.org_id = new.org_id) then
    raise exception 'The lead belongs to another organization.' using errcode = '42501';
  end if;
  if new.conversation_id is not null and (tg_op = 'INSERT' or new.conversation_id is distinct from old.conversation_id)
     and not exists (select 1 from public.conversations c where c.id = new.conversation_id and c.org_id = new.org_id
                       and (new.lead_id is null or c.lead_id = new.lead_id)) then
    raise exception 'The conversation belongs to another lead or organization.' using errcode = '42501';
  end if;
  if by_member and new.completed_at is not null and new.completed_by is distinct from uid
     and (tg_op = 'INSERT' or new.completed_at is distinct from old.completed_at) then
    raise exception 'A task is completed by the person completing it.' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke all on function private.guard_task_change() from public;
create trigger tasks_guard before insert or update on public.tasks
  for each row execute function private.guard_task_change();

-- ---------------------------------------------------------------------------
-- What the AI noticed in a lead's message ("call me back on Tuesday"): a proposal, not a task,
-- until a rep accepts it (then task_id names the task) or dismisses it. Written by the inbound
-- pipeline as the service role; members who may see the lead read and decide it.
create table public.task_suggestions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  lead_id uuid not null references public.leads (id) on delete cascade,
  conversation_id uuid references public.conversations (id) on delete set null,
  message_id uuid references public.messages (id) on delete set null,
  kind text not null default 'callback' check (kind in ('callback')),
  due_at timestamptz,
  -- The words that asked for it, as the lead wrote them (shown quoted, never translated).
  quote text not null check (char_length(quote) between 1 and 300),
  status text not null default 'pending' check (status in ('pending', 'accepted', 'dismissed')),
  task_id uuid references public.tasks (id) on delete set null,
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  constraint task_suggestions_decided check ((status = 'pending') = (decided_at is null))
);
comment on table public.task_suggestions is
  'Tasks the AI proposes from a lead''s message, until a rep accepts or dismisses them (lib/tasks).';
alter table public.task_suggestions enable row level security;
-- One proposal per message: a retried delivery proposes nothing new.
create unique index task_suggestions_message_key on public.task_suggestions (message_id, kind) where message_id is not null;
create index task_suggestions_org_idx on public.task_suggestions (org_id);
create index task_suggestions_lead_pending_idx on public.task_suggestions (lead_id) where status = 'pending';
create index task_suggestions_conversation_idx on public.task_suggestions (conversation_id) where conversation_id is not null;

revoke all on public.task_suggestions from anon, authenticated;
grant select on public.task_suggestions to authenticated;
grant update (status, task_id, decided_by, decided_at) on public.task_suggestions to authenticated;
grant all on public.task_suggestions to service_role;

create policy "Members can read the task suggestions of leads they can see" on public.task_suggestions
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = task_suggestions.lead_id)
  );

create policy "Members can decide the task suggestions of leads they can see, as themselves" on public.task_suggestions
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.leads l where l.id = task_suggestions.lead_id)
  )
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and decided_by = (select auth.uid())
    and (task_id is null or exists (select 1 from public.tasks t where t.id = task_suggestions.task_id and t.org_id = task_suggestions.org_id))
  );

-- ---------------------------------------------------------------------------
-- Vocabularies: a completed task on the lead's timeline; reminders as their own category
-- (in the app and by email unless the user turns them off).
insert into public.lead_event_types (type) values ('task_completed');
insert into public.notification_categories (category, default_in_app, default_email, default_push, default_sms)
values ('task_reminders', true, true, false, false);
