-- Dashboard rollups derived from activity (issue 13): messages, first responses,
-- conversations, meetings, AI drafts and BANT qualifications, for the meeting conversion,
-- conversations, agent performance and team widgets. lib/analytics/README.md explains the
-- design; lib/analytics/activity-rollups.ts reads these tables, lib/analytics/direct-activity.ts
-- is the ground truth they must agree with; lib/analytics/types.ts defines every measure.
--
-- Every row is keyed by its LEAD's current organization, project and owner (the seam in
-- 20261203170000_analytics_lead_rollups.sql moves a lead's contributions when those change)
-- plus a UTC hour bucket and the widget's dimensions. Activity of soft-deleted leads counts
-- nowhere. Every measure is a plain count or sum, so hours add up to any local day; rates
-- keep their numerator and denominator side by side, medians keep a histogram.
--
-- How it stays current: statement-level AFTER triggers with transition tables turn a whole
-- statement into "facts" (one per message, meeting, draft … with signed measures): the facts
-- of the changed rows after the statement minus their facts before it. Facts that cancel out
-- (an update of a column no rollup reads) write nothing; the rest become one upsert per key,
-- in key order. Message facts depend on a thread's order (a reply's response time is measured
-- from the lead's message before it), so for messages the facts of the touched threads are
-- recomputed before and after.

-- ---------------------------------------------------------------------------
-- Tables. Server-written (security definer functions below); members read them through RLS
-- mirroring the leads policy (a rep limited to their own leads sees their rows and the
-- unassigned ones). No foreign key on project_id / owner_id: a lead's current key is what
-- the rows follow, and the leads trigger moves them.

create table public.analytics_messages (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- UTC hour the message was written
  owner_id uuid,                 -- the lead's owner; null: unassigned
  medium text not null,          -- sms | whatsapp
  direction text not null,       -- inbound | outbound
  messages integer not null default 0,
  constraint analytics_messages_key unique nulls not distinct (org_id, project_id, bucket, owner_id, medium, direction)
);
comment on table public.analytics_messages is 'Messages per lead key, UTC hour, medium and direction (any delivery status). Written by triggers only.';

create table public.analytics_replies (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- UTC hour the reply was written or the draft approved
  owner_id uuid,
  user_id uuid not null,         -- the person who wrote it or approved the AI draft
  replies integer not null default 0,
  constraint analytics_replies_key unique nulls not distinct (org_id, project_id, bucket, owner_id, user_id)
);
comment on table public.analytics_replies is 'Outbound messages a person wrote, plus AI drafts a person approved, per person and UTC hour. Written by triggers only.';

create table public.analytics_first_responses (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- UTC hour of the reply
  owner_id uuid,
  responder text not null,       -- ai (an agent's draft, approved or auto-sent) | human
  bin smallint not null,         -- private.analytics_response_bin(seconds): about 2% wide
  replies integer not null default 0,
  constraint analytics_first_responses_key unique nulls not distinct (org_id, project_id, bucket, owner_id, responder, bin)
);
comment on table public.analytics_first_responses is 'Histogram of first-response times (the first outbound message after a run of the lead''s messages). Written by triggers only.';

create table public.analytics_conversations (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- UTC hour the conversation started (created_at)
  owner_id uuid,
  medium text not null,
  started integer not null default 0,
  ai_handled integer not null default 0,  -- an agent drafted at least one reply in it
  taken_over integer not null default 0,  -- ai_handled and a person answers now (mode human)
  constraint analytics_conversations_key unique nulls not distinct (org_id, project_id, bucket, owner_id, medium)
);
comment on table public.analytics_conversations is 'Conversations by the hour they started, with AI-handled and taken-over flags (the takeover rate''s cohort). Written by triggers only.';

create table public.analytics_conversation_status (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  owner_id uuid,
  status text not null,          -- open | pending | closed, now
  conversations integer not null default 0,
  constraint analytics_conversation_status_key unique nulls not distinct (org_id, project_id, owner_id, status)
);
comment on table public.analytics_conversation_status is 'Conversations by status now (a snapshot, no time). Written by triggers only.';

create table public.analytics_meetings (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- UTC hour it was booked (booked_at, else created_at)
  owner_id uuid,
  agent_id uuid,                 -- booked through this agent's scheduling link; null: otherwise
  booked integer not null default 0,
  held integer not null default 0,
  no_show integer not null default 0,
  canceled integer not null default 0,
  constraint analytics_meetings_key unique nulls not distinct (org_id, project_id, bucket, owner_id, agent_id)
);
comment on table public.analytics_meetings is 'Bookings (meetings not replaced by a reschedule) by booking hour, and how they ended. Written by triggers only.';

create table public.analytics_meetings_held (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- UTC hour the meeting started
  owner_id uuid,
  held integer not null default 0,
  constraint analytics_meetings_held_key unique nulls not distinct (org_id, project_id, bucket, owner_id)
);
comment on table public.analytics_meetings_held is 'Meetings held (completed, not a no-show) by the hour they started: the team widget. Written by triggers only.';

create table public.analytics_agent_drafts (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- drafts: UTC hour drafted; decisions: UTC hour decided
  owner_id uuid,
  agent_id uuid,                 -- null: the agent was deleted
  drafts integer not null default 0,
  approved integer not null default 0,
  edited integer not null default 0,
  rejected integer not null default 0,
  edit_distance bigint not null default 0,  -- summed over approved drafts
  constraint analytics_agent_drafts_key unique nulls not distinct (org_id, project_id, bucket, owner_id, agent_id)
);
comment on table public.analytics_agent_drafts is 'AI reply drafts (message_approval tasks) by hour drafted, and their decisions by hour decided. Written by triggers only.';

create table public.analytics_qualifications (
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  bucket timestamptz not null,   -- UTC hour the lead became BANT-qualified
  owner_id uuid,
  agent_id uuid,                 -- the agent whose reading of a message qualified it; null: anyone else
  qualified integer not null default 0,
  constraint analytics_qualifications_key unique nulls not distinct (org_id, project_id, bucket, owner_id, agent_id)
);
comment on table public.analytics_qualifications is 'Leads becoming BANT-qualified (bant_qualified timeline events) by hour and qualifying agent. Written by triggers only.';

-- Reads scan one organization's hours (optionally one project); the unique keys lead with
-- (org_id, project_id, bucket) and serve the project filter, these serve "all projects".
create index analytics_messages_org_bucket_idx on public.analytics_messages (org_id, bucket);
create index analytics_replies_org_bucket_idx on public.analytics_replies (org_id, bucket);
create index analytics_first_responses_org_bucket_idx on public.analytics_first_responses (org_id, bucket);
create index analytics_conversations_org_bucket_idx on public.analytics_conversations (org_id, bucket);
create index analytics_meetings_org_bucket_idx on public.analytics_meetings (org_id, bucket);
create index analytics_meetings_held_org_bucket_idx on public.analytics_meetings_held (org_id, bucket);
create index analytics_agent_drafts_org_bucket_idx on public.analytics_agent_drafts (org_id, bucket);
create index analytics_qualifications_org_bucket_idx on public.analytics_qualifications (org_id, bucket);

alter table public.analytics_messages enable row level security;
alter table public.analytics_replies enable row level security;
alter table public.analytics_first_responses enable row level security;
alter table public.analytics_conversations enable row level security;
alter table public.analytics_conversation_status enable row level security;
alter table public.analytics_meetings enable row level security;
alter table public.analytics_meetings_held enable row level security;
alter table public.analytics_agent_drafts enable row level security;
alter table public.analytics_qualifications enable row level security;

revoke all on public.analytics_messages, public.analytics_replies, public.analytics_first_responses, public.analytics_conversations, public.analytics_conversation_status, public.analytics_meetings, public.analytics_meetings_held, public.analytics_agent_drafts, public.analytics_qualifications
  from public, anon, authenticated;
grant select on public.analytics_messages, public.analytics_replies, public.analytics_first_responses, public.analytics_conversations, public.analytics_conversation_status, public.analytics_meetings, public.analytics_meetings_held, public.analytics_agent_drafts, public.analytics_qualifications
  to authenticated;
grant all on public.analytics_messages, public.analytics_replies, public.analytics_first_responses, public.analytics_conversations, public.analytics_conversation_status, public.analytics_meetings, public.analytics_meetings_held, public.analytics_agent_drafts, public.analytics_qualifications
  to service_role;

-- Mirrors the leads policy: a restricted rep sees the rows of their own and unassigned leads.
create policy "Members can read the messages rollup of the leads they can see" on public.analytics_messages
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the replies rollup of the leads they can see" on public.analytics_replies
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the first responses rollup of the leads they can see" on public.analytics_first_responses
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the conversation cohorts rollup of the leads they can see" on public.analytics_conversations
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the conversation statuses rollup of the leads they can see" on public.analytics_conversation_status
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the meeting bookings rollup of the leads they can see" on public.analytics_meetings
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the held meetings rollup of the leads they can see" on public.analytics_meetings_held
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the agent drafts rollup of the leads they can see" on public.analytics_agent_drafts
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );
create policy "Members can read the qualifications rollup of the leads they can see" on public.analytics_qualifications
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and (org_id = any ((select private.orgs_seeing_all_leads())::uuid[])
         or coalesce(owner_id, (select auth.uid())) = (select auth.uid()))
  );

-- ---------------------------------------------------------------------------
-- Which agent's scheduling link a booking came from. Calendly does not tell; a meeting is
-- the agent's when, in the 14 days before the booking, an outbound message of an approved
-- (or auto-sent) draft of that agent to the same lead carried its scheduling link (the
-- agent's own, else the connected Calendly page the drafts offer, see lib/approvals/draft.ts).
-- Decided once, when the meeting is written; a reschedule keeps the original booking's agent.
alter table public.meetings
  add column agent_id uuid references public.ai_agents (id) on delete set null;
comment on column public.meetings.agent_id is
  'The AI agent whose scheduling link (sent in an approved draft in the 14 days before) the booking came from; set by private.attribute_meeting_to_agent.';

create function private.attribute_meeting_to_agent() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  booked timestamptz := coalesce(new.booked_at, new.created_at, now());
begin
  if new.rescheduled_from_id is not null and (tg_op = 'INSERT' or old.rescheduled_from_id is null) then
    new.agent_id := coalesce((select m.agent_id from public.meetings m where m.id = new.rescheduled_from_id), new.agent_id);
  end if;
  if tg_op = 'INSERT' and new.agent_id is null then
    new.agent_id := (
      select t.agent_id
        from public.hil_tasks t
        join public.messages m on m.id = t.sent_message_id
        join public.ai_agents a on a.id = t.agent_id
        left join public.integration_connections ic
          on ic.org_id = t.org_id and ic.provider = 'calendly' and ic.status = 'connected'
       where t.lead_id = new.lead_id and t.org_id = new.org_id and t.kind = 'message_approval' and t.status = 'approved'
         and m.created_at <= booked and m.created_at > booked - interval '14 days'
         and coalesce(a.scheduling_url, ic.scheduling_url) is not null
         and strpos(m.body, rtrim(coalesce(a.scheduling_url, ic.scheduling_url), '/')) > 0
       order by m.created_at desc, m.id desc
       limit 1);
  end if;
  return new;
end
$$;
create trigger meetings_attribute_agent before insert or update of rescheduled_from_id on public.meetings
  for each row execute function private.attribute_meeting_to_agent();

-- ---------------------------------------------------------------------------
-- Facts: what one source row contributes, before its lead's key is known. One shape for
-- every table so a statement's facts are netted and applied in one place.
--   target        measures (c1..c5)                              dimensions
--   messages      messages                                       medium, direction
--   replies       replies                                        user_id
--   responses     replies                                        responder, bin
--   conversations started, ai_handled, taken_over                medium
--   status        conversations                                  status (no bucket)
--   meetings      booked, held, no_show, canceled                agent_id
--   held          held                                           -
--   agent         drafts, approved, edited, rejected, edit sum   agent_id
--   qualified     qualified                                      agent_id
create type private.analytics_activity_fact as (
  target text,
  lead_id uuid,
  org_id uuid,
  bucket timestamptz,
  medium text,
  direction text,
  status text,
  responder text,
  bin smallint,
  user_id uuid,
  agent_id uuid,
  c1 bigint,
  c2 bigint,
  c3 bigint,
  c4 bigint,
  c5 bigint
);

-- Response time bins: bin b holds [e^(b/50) - 1, e^((b+1)/50) - 1) seconds, each about 2%
-- wider than the last (lib/analytics/histogram.ts reads them back).
create function private.analytics_response_bin(seconds double precision) returns smallint
  language sql immutable
  set search_path = ''
as $$
  select least(32767, floor(ln(1 + greatest(seconds, 0)) * 50))::smallint
$$;

create function private.analytics_hour(at timestamptz) returns timestamptz
  language sql immutable
  set search_path = ''
as $$
  select date_trunc('hour', at, 'UTC')
$$;

-- Messages of some conversations (p_convs) or of some leads (p_leads): every
-- message, every reply a person wrote, every first response (an outbound message right after
-- one or more of the lead's messages, timed from the first of them). p_exclude / p_extra
-- describe the state before a statement (its new rows left out, its old rows put back).
create function private.analytics_message_facts(
  p_leads uuid[], p_convs uuid[], p_exclude uuid[], p_extra public.messages[], p_sign int
) returns setof private.analytics_activity_fact
  language sql stable security definer
  set search_path = ''
as $$
  with convs as (
    -- Two index lookups rather than one `or`, which would scan every conversation.
    select c.id, c.lead_id, c.org_id, c.medium from public.conversations c where c.id = any (p_convs)
    union
    select c.id, c.lead_id, c.org_id, c.medium from public.conversations c where c.lead_id = any (p_leads)
  ), state as (
    -- An anti-join, not `<> all`: a bulk statement leaves out thousands of rows.
    select m.id, m.conversation_id, m.direction, m.author_type, m.author_id, m.created_at
      from public.messages m join convs on convs.id = m.conversation_id
     where not exists (select 1 from unnest(p_exclude) x(id) where x.id = m.id)
    union all
    select e.id, e.conversation_id, e.direction, e.author_type, e.author_id, e.created_at
      from unnest(p_extra) e join convs on convs.id = e.conversation_id
  ), ordered as (
    select s.*, c.lead_id, c.org_id, c.medium,
           lag(s.direction) over w as prev_direction,
           count(*) filter (where s.direction = 'outbound') over w as outbound_seen
      from state s join convs c on c.id = s.conversation_id
    window w as (partition by s.conversation_id order by s.created_at, s.id rows between unbounded preceding and current row)
  ), timed as (
    -- The lead's run a reply answers: the inbound messages after the previous outbound one.
    select o.*, min(o.created_at) filter (where o.direction = 'inbound')
             over (partition by o.conversation_id, o.outbound_seen - (o.direction = 'outbound')::int) as started
      from ordered o
  )
  select 'messages'::text, o.lead_id, o.org_id, private.analytics_hour(o.created_at), o.medium, o.direction,
         null::text, null::text, null::smallint, null::uuid, null::uuid, p_sign::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint
    from timed o
  union all
  select 'replies', o.lead_id, o.org_id, private.analytics_hour(o.created_at), null, null,
         null, null, null, o.author_id, null, p_sign::bigint, 0, 0, 0, 0
    from timed o
   where o.direction = 'outbound' and o.author_type = 'user' and o.author_id is not null
  union all
  select 'responses', o.lead_id, o.org_id, private.analytics_hour(o.created_at), null, null, null,
         case o.author_type when 'agent' then 'ai' else 'human' end,
         private.analytics_response_bin(extract(epoch from o.created_at - o.started)::double precision),
         null, null, p_sign::bigint, 0, 0, 0, 0
    from timed o
   where o.direction = 'outbound' and o.prev_direction = 'inbound' and o.author_type in ('agent', 'user')
$$;

-- Conversations (given rows, or those of some leads): the started cohort
-- and the status snapshot. "AI-handled" = the conversation has a reply draft of an agent;
-- p_task_exclude / p_task_extra describe the drafts before a statement.
create function private.analytics_conversation_facts(
  p_leads uuid[], p_rows public.conversations[], p_task_exclude uuid[], p_task_extra uuid[], p_sign int
) returns setof private.analytics_activity_fact
  language sql stable security definer
  set search_path = ''
as $$
  with convs as (
    select r.id, r.lead_id, r.org_id, r.medium, r.status, r.mode, r.created_at from unnest(p_rows) r where p_rows is not null
    union all
    select c.id, c.lead_id, c.org_id, c.medium, c.status, c.mode, c.created_at
      from public.conversations c
     where p_rows is null and c.lead_id = any (p_leads)
  ), excluded as (
    select x.id from unnest(p_task_exclude) x(id)
  ), extra as (
    select distinct x.id from unnest(p_task_extra) x(id)
  ), flagged as (
    select c.*,
           (exists (select 1 from public.hil_tasks t
                     where t.conversation_id = c.id and t.kind = 'message_approval'
                       and not exists (select 1 from excluded e where e.id = t.id))
            or exists (select 1 from extra e where e.id = c.id)) as handled
      from convs c
  )
  select 'conversations'::text, f.lead_id, f.org_id, private.analytics_hour(f.created_at), f.medium, null::text, null::text, null::text, null::smallint, null::uuid, null::uuid,
         p_sign::bigint, (p_sign * f.handled::int)::bigint, (p_sign * (f.handled and f.mode = 'human')::int)::bigint, 0::bigint, 0::bigint
    from flagged f
  union all
  select 'status', f.lead_id, f.org_id, null, null, null, f.status, null, null, null, null, p_sign::bigint, 0, 0, 0, 0
    from flagged f
$$;

-- Meetings: a booking is a meeting not replaced by a reschedule (the replacement is the
-- booking from then on), counted at its booking hour with how it ended; a held meeting also
-- counts at the hour it started.
create function private.analytics_meeting_facts(p_leads uuid[], p_rows public.meetings[], p_sign int)
returns setof private.analytics_activity_fact
  language sql stable security definer
  set search_path = ''
as $$
  with rows as (
    select r.lead_id, r.org_id, r.created_at, r.booked_at, r.starts_at, r.status, r.no_show, r.rescheduled_to_id, r.agent_id
      from unnest(p_rows) r where p_rows is not null
    union all
    select m.lead_id, m.org_id, m.created_at, m.booked_at, m.starts_at, m.status, m.no_show, m.rescheduled_to_id, m.agent_id
      from public.meetings m
     where p_rows is null and m.lead_id = any (p_leads)
  )
  select 'meetings'::text, r.lead_id, r.org_id, private.analytics_hour(coalesce(r.booked_at, r.created_at)), null::text, null::text, null::text, null::text, null::smallint,
         null::uuid, r.agent_id, p_sign::bigint,
         (p_sign * (r.status = 'completed' and not r.no_show)::int)::bigint,
         (p_sign * r.no_show::int)::bigint,
         (p_sign * (r.status = 'canceled')::int)::bigint, 0::bigint
    from rows r where r.rescheduled_to_id is null
  union all
  select 'held', r.lead_id, r.org_id, private.analytics_hour(r.starts_at), null, null, null, null, null, null, null,
         p_sign::bigint, 0, 0, 0, 0
    from rows r where r.rescheduled_to_id is null and r.status = 'completed' and not r.no_show
$$;

-- AI reply drafts (message_approval tasks): drafted at their creation hour; approved (edited
-- when the text changed) or rejected at their decision hour; a person's approval is also
-- that person's reply.
create function private.analytics_task_facts(p_leads uuid[], p_rows public.hil_tasks[], p_sign int)
returns setof private.analytics_activity_fact
  language sql stable security definer
  set search_path = ''
as $$
  with rows as (
    select r.lead_id, r.org_id, r.kind, r.status, r.agent_id, r.decided_by, r.decided_at, r.edit_distance, r.created_at
      from unnest(p_rows) r where p_rows is not null
    union all
    select t.lead_id, t.org_id, t.kind, t.status, t.agent_id, t.decided_by, t.decided_at, t.edit_distance, t.created_at
      from public.hil_tasks t
     where p_rows is null and t.lead_id = any (p_leads)
  ), drafts as (
    select * from rows where kind = 'message_approval' and lead_id is not null
  )
  select 'agent'::text, d.lead_id, d.org_id, private.analytics_hour(d.created_at), null::text, null::text, null::text, null::text, null::smallint, null::uuid, d.agent_id,
         p_sign::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint
    from drafts d
  union all
  select 'agent', d.lead_id, d.org_id, private.analytics_hour(d.decided_at), null, null, null, null, null, null, d.agent_id,
         0, (p_sign * (d.status = 'approved')::int)::bigint,
         (p_sign * (d.status = 'approved' and coalesce(d.edit_distance, 0) > 0)::int)::bigint,
         (p_sign * (d.status = 'rejected')::int)::bigint,
         (p_sign * case when d.status = 'approved' then coalesce(d.edit_distance, 0) else 0 end)::bigint
    from drafts d where d.status in ('approved', 'rejected') and d.decided_at is not null
  union all
  select 'replies', d.lead_id, d.org_id, private.analytics_hour(d.decided_at), null, null, null, null, null, d.decided_by, null,
         p_sign::bigint, 0, 0, 0, 0
    from drafts d where d.status = 'approved' and d.decided_by is not null and d.decided_at is not null
$$;

-- Leads becoming BANT-qualified. The agent: an agent-actor event is written in the same
-- transaction as the draft whose reading of the lead's message qualified it
-- (lib/approvals/draft.ts), so it shares that task's creation time.
create function private.analytics_qualification_facts(p_leads uuid[], p_rows public.lead_events[], p_sign int)
returns setof private.analytics_activity_fact
  language sql stable security definer
  set search_path = ''
as $$
  with rows as (
    select r.lead_id, r.org_id, r.type, r.actor_type, r.created_at from unnest(p_rows) r where p_rows is not null
    union all
    select e.lead_id, e.org_id, e.type, e.actor_type, e.created_at
      from public.lead_events e
     where p_rows is null and e.type = 'bant_qualified'
       and e.lead_id = any (p_leads)
  )
  select 'qualified'::text, r.lead_id, r.org_id, private.analytics_hour(r.created_at), null::text, null::text, null::text, null::text, null::smallint, null::uuid,
         case when r.actor_type = 'agent' then (
           select t.agent_id from public.hil_tasks t
            where t.lead_id = r.lead_id and t.created_at = r.created_at and t.agent_id is not null
            order by t.id limit 1) end,
         p_sign::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint
    from rows r where r.type = 'bant_qualified'
$$;

-- ---------------------------------------------------------------------------
-- Applying facts: net them per lead and key (what cancels writes nothing), key them by the
-- lead's current key (live leads only) or, for moves, subtract under the old key and add
-- under the new one; then one upsert per rollup key, in key order.
-- PL/pgSQL rather than SQL so the statement's plan is cached per session: it runs on every
-- write statement, and planning it each time would cost more than running it.
create function private.analytics_apply_activity(p_facts private.analytics_activity_fact[], p_moves private.analytics_lead_move[])
returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_written bigint;
begin
  if coalesce(cardinality(p_facts), 0) = 0 then
    return;
  end if;
  with netted as (
    select f.target, f.lead_id, f.org_id, f.bucket, f.medium, f.direction, f.status, f.responder, f.bin, f.user_id, f.agent_id,
           sum(f.c1) as c1, sum(f.c2) as c2, sum(f.c3) as c3, sum(f.c4) as c4, sum(f.c5) as c5
      from unnest(p_facts) f
     group by f.target, f.lead_id, f.org_id, f.bucket, f.medium, f.direction, f.status, f.responder, f.bin, f.user_id, f.agent_id
    having sum(f.c1) <> 0 or sum(f.c2) <> 0 or sum(f.c3) <> 0 or sum(f.c4) <> 0 or sum(f.c5) <> 0
  ), keyed as (
    select n.*, l.project_id, l.owner_id, 1 as sign
      from netted n join public.leads l on l.id = n.lead_id and l.deleted_at is null
     where p_moves is null
    union all
    select n.*, mv.old_project, mv.old_owner, -1
      from netted n join unnest(p_moves) mv on mv.lead_id = n.lead_id where mv.old_live
    union all
    select n.*, mv.new_project, mv.new_owner, 1
      from netted n join unnest(p_moves) mv on mv.lead_id = n.lead_id where mv.new_live
  ), k as (
    select target, org_id, project_id, bucket, owner_id, medium, direction, status, responder, bin, user_id, agent_id,
           sum(sign * c1) as c1, sum(sign * c2) as c2, sum(sign * c3) as c3, sum(sign * c4) as c4, sum(sign * c5) as c5
      from keyed
     group by target, org_id, project_id, bucket, owner_id, medium, direction, status, responder, bin, user_id, agent_id
    having sum(sign * c1) <> 0 or sum(sign * c2) <> 0 or sum(sign * c3) <> 0 or sum(sign * c4) <> 0 or sum(sign * c5) <> 0
  ), w_messages as (
    insert into public.analytics_messages as t (org_id, project_id, bucket, owner_id, medium, direction, messages)
    select org_id, project_id, bucket, owner_id, medium, direction, c1 from k where target = 'messages'
     order by org_id, project_id, bucket, owner_id, medium, direction
    on conflict (org_id, project_id, bucket, owner_id, medium, direction)
      do update set messages = t.messages + excluded.messages
    returning 1
  ), w_replies as (
    insert into public.analytics_replies as t (org_id, project_id, bucket, owner_id, user_id, replies)
    select org_id, project_id, bucket, owner_id, user_id, c1 from k where target = 'replies'
     order by org_id, project_id, bucket, owner_id, user_id
    on conflict (org_id, project_id, bucket, owner_id, user_id) do update set replies = t.replies + excluded.replies
    returning 1
  ), w_responses as (
    insert into public.analytics_first_responses as t (org_id, project_id, bucket, owner_id, responder, bin, replies)
    select org_id, project_id, bucket, owner_id, responder, bin, c1 from k where target = 'responses'
     order by org_id, project_id, bucket, owner_id, responder, bin
    on conflict (org_id, project_id, bucket, owner_id, responder, bin) do update set replies = t.replies + excluded.replies
    returning 1
  ), w_conversations as (
    insert into public.analytics_conversations as t (org_id, project_id, bucket, owner_id, medium, started, ai_handled, taken_over)
    select org_id, project_id, bucket, owner_id, medium, c1, c2, c3 from k where target = 'conversations'
     order by org_id, project_id, bucket, owner_id, medium
    on conflict (org_id, project_id, bucket, owner_id, medium) do update set
      started = t.started + excluded.started, ai_handled = t.ai_handled + excluded.ai_handled,
      taken_over = t.taken_over + excluded.taken_over
    returning 1
  ), w_status as (
    insert into public.analytics_conversation_status as t (org_id, project_id, owner_id, status, conversations)
    select org_id, project_id, owner_id, status, c1 from k where target = 'status'
     order by org_id, project_id, owner_id, status
    on conflict (org_id, project_id, owner_id, status) do update set conversations = t.conversations + excluded.conversations
    returning 1
  ), w_meetings as (
    insert into public.analytics_meetings as t (org_id, project_id, bucket, owner_id, agent_id, booked, held, no_show, canceled)
    select org_id, project_id, bucket, owner_id, agent_id, c1, c2, c3, c4 from k where target = 'meetings'
     order by org_id, project_id, bucket, owner_id, agent_id
    on conflict (org_id, project_id, bucket, owner_id, agent_id) do update set
      booked = t.booked + excluded.booked, held = t.held + excluded.held,
      no_show = t.no_show + excluded.no_show, canceled = t.canceled + excluded.canceled
    returning 1
  ), w_held as (
    insert into public.analytics_meetings_held as t (org_id, project_id, bucket, owner_id, held)
    select org_id, project_id, bucket, owner_id, c1 from k where target = 'held'
     order by org_id, project_id, bucket, owner_id
    on conflict (org_id, project_id, bucket, owner_id) do update set held = t.held + excluded.held
    returning 1
  ), w_agent as (
    insert into public.analytics_agent_drafts as t (org_id, project_id, bucket, owner_id, agent_id, drafts, approved, edited, rejected, edit_distance)
    select org_id, project_id, bucket, owner_id, agent_id, c1, c2, c3, c4, c5 from k where target = 'agent'
     order by org_id, project_id, bucket, owner_id, agent_id
    on conflict (org_id, project_id, bucket, owner_id, agent_id) do update set
      drafts = t.drafts + excluded.drafts, approved = t.approved + excluded.approved, edited = t.edited + excluded.edited,
      rejected = t.rejected + excluded.rejected, edit_distance = t.edit_distance + excluded.edit_distance
    returning 1
  ), w_qualified as (
    insert into public.analytics_qualifications as t (org_id, project_id, bucket, owner_id, agent_id, qualified)
    select org_id, project_id, bucket, owner_id, agent_id, c1 from k where target = 'qualified'
     order by org_id, project_id, bucket, owner_id, agent_id
    on conflict (org_id, project_id, bucket, owner_id, agent_id) do update set qualified = t.qualified + excluded.qualified
    returning 1
  )
  select (select count(*) from w_messages) + (select count(*) from w_replies) + (select count(*) from w_responses)
         + (select count(*) from w_conversations) + (select count(*) from w_status) + (select count(*) from w_meetings)
         + (select count(*) from w_held) + (select count(*) from w_agent) + (select count(*) from w_qualified)
    into v_written;
end
$$;

-- All facts of some leads now (relocation, and a rebuild a few thousand leads at a time).
create function private.analytics_activity_facts_of(p_leads uuid[]) returns private.analytics_activity_fact[]
  language sql stable security definer
  set search_path = ''
as $$
  select coalesce(array_agg(x.f), '{}') from (
    select f from private.analytics_message_facts(p_leads, null, null, null, 1) f
    union all select f from private.analytics_conversation_facts(p_leads, null, null, null, 1) f
    union all select f from private.analytics_meeting_facts(p_leads, null, 1) f
    union all select f from private.analytics_task_facts(p_leads, null, 1) f
    union all select f from private.analytics_qualification_facts(p_leads, null, 1) f
  ) x
$$;

-- ---------------------------------------------------------------------------
-- Triggers. One function per source table serves its insert, update and delete triggers
-- (each declares only the transition tables its event has).

create function private.analytics_messages_changed() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_convs uuid[];
  v_exclude uuid[] := '{}';
  v_extra public.messages[] := '{}';
begin
  if tg_op = 'UPDATE' then
    -- Delivery status updates (the common case) touch nothing the rollups read.
    -- EXCEPT hashes; a join of two transition tables (no statistics) may loop over both.
    if not exists (select n.id, n.conversation_id, n.direction, n.author_type, n.author_id, n.created_at from new_rows n
                   except select o.id, o.conversation_id, o.direction, o.author_type, o.author_id, o.created_at from old_rows o) then
      return null;
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    v_exclude := array(select n.id from new_rows n);
    v_convs := array(select distinct n.conversation_id from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    v_extra := array(select o from old_rows o);
    v_convs := array(select distinct c from unnest(coalesce(v_convs, '{}') || array(select o.conversation_id from old_rows o)) c);
  end if;
  perform private.analytics_apply_activity(array(
    select f from private.analytics_message_facts(null, v_convs, null, null, 1) f
    union all
    select f from private.analytics_message_facts(null, v_convs, v_exclude, v_extra, -1) f), null);
  return null;
end
$$;
create trigger messages_analytics_insert after insert on public.messages
  referencing new table as new_rows for each statement execute function private.analytics_messages_changed();
create trigger messages_analytics_update after update on public.messages
  referencing old table as old_rows new table as new_rows for each statement execute function private.analytics_messages_changed();
create trigger messages_analytics_delete after delete on public.messages
  referencing old table as old_rows for each statement execute function private.analytics_messages_changed();

-- Conversations: inserts and updates by statement. A deleted conversation (its channel was
-- removed) takes its messages with it through a cascade that runs before any statement-level
-- trigger could still see the thread, so its contributions are taken back row by row, before
-- the delete, while the messages and drafts are still there.
create function private.analytics_conversations_changed() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_old public.conversations[] := '{}';
  v_new public.conversations[] := '{}';
begin
  if tg_op = 'UPDATE' then
    -- Every message updates its thread's summary columns; only these matter here.
    -- EXCEPT hashes; a join of two transition tables (no statistics) may loop over both.
    if not exists (select n.id, n.lead_id, n.medium, n.status, n.mode, n.created_at from new_rows n
                   except select o.id, o.lead_id, o.medium, o.status, o.mode, o.created_at from old_rows o) then
      return null;
    end if;
    v_old := array(select o from old_rows o);
  end if;
  v_new := array(select n from new_rows n);
  perform private.analytics_apply_activity(array(
    select f from private.analytics_conversation_facts(null, v_new, null, null, 1) f
    union all
    select f from private.analytics_conversation_facts(null, v_old, null, null, -1) f), null);
  return null;
end
$$;
create trigger conversations_analytics_insert after insert on public.conversations
  referencing new table as new_rows for each statement execute function private.analytics_conversations_changed();
create trigger conversations_analytics_update after update on public.conversations
  referencing old table as old_rows new table as new_rows for each statement execute function private.analytics_conversations_changed();

create function private.analytics_conversation_deleting() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  perform private.analytics_apply_activity(array(
    select f from private.analytics_message_facts(null, array[old.id], null, null, -1) f
    union all
    select f from private.analytics_conversation_facts(null, array[old], null, null, -1) f), null);
  return old;
end
$$;
create trigger conversations_analytics_delete before delete on public.conversations
  for each row execute function private.analytics_conversation_deleting();

-- Drafts: their own facts, and a thread's AI-handled flag when its first draft arrives (or
-- its last goes).
create function private.analytics_tasks_changed() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_old public.hil_tasks[] := '{}';
  v_new public.hil_tasks[] := '{}';
  v_convs public.conversations[];
  v_new_ids uuid[] := '{}';
  v_old_convs uuid[] := '{}';
begin
  if tg_op = 'UPDATE' then
    -- Linking the sent message, feedback timestamps, expiry notes: nothing the rollups read.
    -- EXCEPT hashes; a join of two transition tables (no statistics) may loop over both.
    if not exists (select n.id, n.lead_id, n.kind, n.status, n.agent_id, n.decided_by, n.decided_at, n.edit_distance, n.created_at, n.conversation_id from new_rows n
                   except select o.id, o.lead_id, o.kind, o.status, o.agent_id, o.decided_by, o.decided_at, o.edit_distance, o.created_at, o.conversation_id from old_rows o) then
      return null;
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    v_new := array(select n from new_rows n);
    v_new_ids := array(select n.id from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    v_old := array(select o from old_rows o);
    v_old_convs := array(select o.conversation_id from old_rows o where o.kind = 'message_approval' and o.conversation_id is not null);
  end if;
  -- Threads whose drafts changed (and that still exist).
  v_convs := array(
    select c from public.conversations c
     where c.id in (select t.conversation_id from unnest(v_new || v_old) t where t.kind = 'message_approval'));
  perform private.analytics_apply_activity(array(
    select f from private.analytics_task_facts(null, v_new, 1) f
    union all
    select f from private.analytics_task_facts(null, v_old, -1) f
    union all
    select f from private.analytics_conversation_facts(null, v_convs, null, null, 1) f where f.target = 'conversations'
    union all
    select f from private.analytics_conversation_facts(null, v_convs, v_new_ids, v_old_convs, -1) f where f.target = 'conversations'),
    null);
  return null;
end
$$;
create trigger hil_tasks_analytics_insert after insert on public.hil_tasks
  referencing new table as new_rows for each statement execute function private.analytics_tasks_changed();
create trigger hil_tasks_analytics_update after update on public.hil_tasks
  referencing old table as old_rows new table as new_rows for each statement execute function private.analytics_tasks_changed();
create trigger hil_tasks_analytics_delete after delete on public.hil_tasks
  referencing old table as old_rows for each statement execute function private.analytics_tasks_changed();

create function private.analytics_meetings_changed() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_old public.meetings[] := '{}';
  v_new public.meetings[] := '{}';
begin
  if tg_op = 'UPDATE' then
    -- Reminders, titles, join links, no-show timestamps: nothing the rollups read.
    -- EXCEPT hashes; a join of two transition tables (no statistics) may loop over both.
    if not exists (select n.id, n.lead_id, n.created_at, n.booked_at, n.starts_at, n.status, n.no_show, n.rescheduled_to_id, n.agent_id from new_rows n
                   except select o.id, o.lead_id, o.created_at, o.booked_at, o.starts_at, o.status, o.no_show, o.rescheduled_to_id, o.agent_id from old_rows o) then
      return null;
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then v_new := array(select n from new_rows n); end if;
  if tg_op in ('UPDATE', 'DELETE') then v_old := array(select o from old_rows o); end if;
  perform private.analytics_apply_activity(array(
    select f from private.analytics_meeting_facts(null, v_new, 1) f
    union all
    select f from private.analytics_meeting_facts(null, v_old, -1) f), null);
  return null;
end
$$;
create trigger meetings_analytics_insert after insert on public.meetings
  referencing new table as new_rows for each statement execute function private.analytics_meetings_changed();
create trigger meetings_analytics_update after update on public.meetings
  referencing old table as old_rows new table as new_rows for each statement execute function private.analytics_meetings_changed();
create trigger meetings_analytics_delete after delete on public.meetings
  referencing old table as old_rows for each statement execute function private.analytics_meetings_changed();

-- Only the timeline's bant_qualified entries count here. The app only appends; the demo seed
-- backdates its history with an update, which moves the entries' hours.
create function private.analytics_lead_events_changed() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_new public.lead_events[] := '{}';
  v_old public.lead_events[] := '{}';
begin
  if tg_op in ('INSERT', 'UPDATE') then
    v_new := array(select n from new_rows n where n.type = 'bant_qualified');
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    v_old := array(select o from old_rows o where o.type = 'bant_qualified');
  end if;
  if cardinality(v_new) = 0 and cardinality(v_old) = 0 then
    return null;
  end if;
  perform private.analytics_apply_activity(array(
    select f from private.analytics_qualification_facts(null, v_new, 1) f
    union all
    select f from private.analytics_qualification_facts(null, v_old, -1) f), null);
  return null;
end
$$;
create trigger lead_events_analytics_insert after insert on public.lead_events
  referencing new table as new_rows for each statement execute function private.analytics_lead_events_changed();
create trigger lead_events_analytics_update after update on public.lead_events
  referencing old table as old_rows new table as new_rows for each statement execute function private.analytics_lead_events_changed();
create trigger lead_events_analytics_delete after delete on public.lead_events
  referencing old table as old_rows for each statement execute function private.analytics_lead_events_changed();

-- ---------------------------------------------------------------------------
-- The seam: moved leads' contributions follow them; a rebuild recomputes an organization.

create function private.analytics_activity_relocate(moves private.analytics_lead_move[]) returns void
  language plpgsql security definer
  set search_path = ''
as $$
begin
  perform private.analytics_apply_activity(
    private.analytics_activity_facts_of(array(select m.lead_id from unnest(moves) m)), moves);
end
$$;

create function private.analytics_activity_rebuild(p_org uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_leads uuid[];
begin
  delete from public.analytics_messages where org_id = p_org;
  delete from public.analytics_replies where org_id = p_org;
  delete from public.analytics_first_responses where org_id = p_org;
  delete from public.analytics_conversations where org_id = p_org;
  delete from public.analytics_conversation_status where org_id = p_org;
  delete from public.analytics_meetings where org_id = p_org;
  delete from public.analytics_meetings_held where org_id = p_org;
  delete from public.analytics_agent_drafts where org_id = p_org;
  delete from public.analytics_qualifications where org_id = p_org;
  -- A few thousand leads at a time keeps the facts of a large organization out of one array.
  for v_leads in
    select array_agg(id) from (
      select l.id, (row_number() over (order by l.id) - 1) / 2000 as chunk
        from public.leads l where l.org_id = p_org and l.deleted_at is null) c
    group by chunk order by chunk
  loop
    perform private.analytics_apply_activity(private.analytics_activity_facts_of(v_leads), null);
  end loop;
end
$$;

insert into private.analytics_relocators (fn) values ('private.analytics_activity_relocate'::regproc);
insert into private.analytics_rebuilders (fn) values ('private.analytics_activity_rebuild'::regproc);

revoke all on function private.attribute_meeting_to_agent(), private.analytics_response_bin(double precision),
  private.analytics_hour(timestamptz),
  private.analytics_message_facts(uuid[], uuid[], uuid[], public.messages[], int),
  private.analytics_conversation_facts(uuid[], public.conversations[], uuid[], uuid[], int),
  private.analytics_meeting_facts(uuid[], public.meetings[], int),
  private.analytics_task_facts(uuid[], public.hil_tasks[], int),
  private.analytics_qualification_facts(uuid[], public.lead_events[], int),
  private.analytics_apply_activity(private.analytics_activity_fact[], private.analytics_lead_move[]),
  private.analytics_activity_facts_of(uuid[]),
  private.analytics_messages_changed(), private.analytics_conversations_changed(), private.analytics_conversation_deleting(),
  private.analytics_tasks_changed(), private.analytics_meetings_changed(), private.analytics_lead_events_changed(),
  private.analytics_activity_relocate(private.analytics_lead_move[]), private.analytics_activity_rebuild(uuid)
  from public;
-- The direct (ground-truth) aggregates bin response times the same way, as the service role.
grant execute on function private.analytics_response_bin(double precision) to service_role;
grant execute on function private.analytics_activity_rebuild(uuid) to service_role;

-- Existing organizations' activity so far (the lead rollups' migration filled theirs).
select private.analytics_activity_rebuild(o.id) from public.organizations o;
