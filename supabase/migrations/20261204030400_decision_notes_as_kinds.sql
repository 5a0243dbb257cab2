-- Why a task left the queue without a person's decision (a newer draft, the lead wrote again,
-- a person replied or took over, nobody decided in time) becomes a kind and parameters,
-- worded at read time in the reader's language (lib/approvals/notes.ts). `decision_note`
-- keeps only what a person typed: the reviewer's reason for a rejection.
--
-- Existing rows: each sentence the code used to write is matched and becomes its kind; any
-- other text on a superseded task is dropped (its status line already says it was replaced),
-- and every expired task reads "nobody decided in time".

alter table public.hil_tasks
  add column decision_note_kind text
    check (decision_note_kind in ('newer_draft', 'lead_wrote', 'person_replied', 'taken_over', 'expired')),
  add column decision_note_params jsonb not null default '{}'::jsonb
    check (jsonb_typeof(decision_note_params) = 'object');
comment on column public.hil_tasks.decision_note_kind is
  'Why the task was superseded or expired (lib/approvals/notes.ts), worded in the reader''s language; params name who replied or took over.';
comment on column public.hil_tasks.decision_note is
  'The reviewer''s reason for a rejection, as they wrote it; null otherwise.';

-- The guard refuses any change to a decided task's note: off while the rows are rewritten.
alter table public.hil_tasks disable trigger hil_tasks_guard;

update public.hil_tasks t
   set decision_note_kind = m.kind, decision_note_params = m.params
  from (select id,
               case
                 when status = 'expired' then 'expired'
                 when decision_note = 'A newer draft replaced this one.' then 'newer_draft'
                 when decision_note = 'The lead wrote again; a fresh draft replaces this one.' then 'lead_wrote'
                 when decision_note ~ '^.+ replied in the conversation\.$' then 'person_replied'
                 when decision_note ~ '^.+ took over the conversation\.$' then 'taken_over'
               end as kind,
               case
                 when status = 'superseded' and decision_note ~ '^.+ (replied in|took over) the conversation\.$'
                   then jsonb_build_object('name',
                          (regexp_match(decision_note, '^(.+) (?:replied in|took over) the conversation\.$'))[1])
                 else '{}'::jsonb
               end as params
          from public.hil_tasks
         where status in ('superseded', 'expired')) m
 where t.id = m.id and m.kind is not null;

update public.hil_tasks set decision_note = null where status <> 'rejected' and decision_note is not null;

alter table public.hil_tasks enable trigger hil_tasks_guard;

alter table public.hil_tasks
  add constraint hil_tasks_note_is_a_reviewers_reason check (decision_note is null or status = 'rejected'),
  add constraint hil_tasks_note_kind_without_decider check (decision_note_kind is null or status in ('superseded', 'expired'));

-- Anyone who sees a thread may supersede its draft (replying or taking over does that), under RLS.
grant update (decision_note_kind, decision_note_params) on public.hil_tasks to authenticated;

-- Unchanged from 20261130030000_ai_agents_and_approvals.sql but for the new columns: a decided
-- task's note kind and parameters are as final as its note.
create or replace function private.guard_hil_task() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  is_user boolean := (select auth.role()) = 'authenticated';
begin
  if old.status <> 'pending' then
    if new.status is distinct from old.status or new.final_body is distinct from old.final_body
       or new.decided_by is distinct from old.decided_by or new.decision_note is distinct from old.decision_note
       or new.decision_note_kind is distinct from old.decision_note_kind
       or new.decision_note_params is distinct from old.decision_note_params then
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
