-- Response times (issue 16): how long a lead waits for an answer, per conversation, and the
-- organization's promise about it (a response-time SLA per channel, counted in working hours).
--
-- - conversations.waiting_since: the first of the lead's messages nobody has answered yet,
--   kept by a trigger on messages (any writer: webhooks, replies, approved drafts, templates);
-- - conversations.sla_breached_at: when the SLA sweep (lib/inbox/sla.ts) flagged this wait and
--   notified; cleared by the next reply, so a wait is reported once;
-- - conversations.takeover_count: how often a person took the thread from the AI;
-- - response_time_settings / response_time_slas: the organization's working hours and the
--   target per channel, written by admins (lib/inbox/sla-settings.ts);
-- - conversation_metrics: per-conversation response metrics computed from messages, read by
--   the thread header and the analytics (lib/inbox/metrics.ts).

alter table public.conversations
  add column waiting_since timestamptz,   -- first unanswered message of the lead; null: nobody waits
  add column sla_breached_at timestamptz, -- the SLA sweep reported this wait then; null: not (yet)
  add column takeover_count integer not null default 0 check (takeover_count >= 0);
comment on column public.conversations.waiting_since is 'The first of the lead''s messages not answered yet (a person or an agent replied after it). Set by trigger.';
comment on column public.conversations.sla_breached_at is 'When the response-time SLA sweep reported this wait; cleared by the next reply. Set by the server only.';
comment on column public.conversations.takeover_count is 'Times a person took the thread over from the AI (mode ai → human). Set by trigger.';
-- The SLA sweep: waits not reported yet, oldest first.
create index conversations_waiting_idx on public.conversations (waiting_since)
  where waiting_since is not null and sla_breached_at is null;

-- Existing threads: the lead's messages after the last reply.
update public.conversations c
   set waiting_since = w.first_unanswered
  from (
    select m.conversation_id, min(m.created_at) as first_unanswered
      from public.messages m
     where m.direction = 'inbound'
       and m.created_at > coalesce((select max(r.created_at) from public.messages r
                                     where r.conversation_id = m.conversation_id and r.direction = 'outbound'
                                       and r.author_type in ('user', 'agent')), '-infinity')
     group by m.conversation_id
  ) w
 where w.conversation_id = c.id;

-- A statement's new messages, per thread: a reply (a person's or an agent's) ends the wait and
-- its report; the lead's messages after the statement's last reply start (or continue) one.
-- System messages (an opt-out confirmation) answer nobody.
create function private.track_conversation_waiting() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  -- Two grouped passes joined by hash (a transition table has no index; a bulk insert of
  -- thousands of messages must stay linear).
  with touched as (
    select n.conversation_id,
           max(n.created_at) filter (where n.direction = 'outbound' and n.author_type in ('user', 'agent')) as last_reply
      from new_rows n
     group by n.conversation_id
  ), facts as (
    select t.conversation_id, t.last_reply,
           min(n.created_at) filter (where n.direction = 'inbound' and (t.last_reply is null or n.created_at > t.last_reply)) as first_inbound
      from touched t join new_rows n on n.conversation_id = t.conversation_id
     group by t.conversation_id, t.last_reply
  ), target as (
    select f.conversation_id, f.last_reply, f.first_inbound from facts f
     where f.last_reply is not null or f.first_inbound is not null
  )
  update public.conversations c
     set waiting_since = case when t.last_reply is null then coalesce(c.waiting_since, t.first_inbound) else t.first_inbound end,
         sla_breached_at = case when t.last_reply is null then c.sla_breached_at end
    from target t
   where c.id = t.conversation_id
     and (c.waiting_since is distinct from
            (case when t.last_reply is null then coalesce(c.waiting_since, t.first_inbound) else t.first_inbound end)
          or (t.last_reply is not null and c.sla_breached_at is not null));
  return null;
end
$$;
revoke all on function private.track_conversation_waiting() from public;
create trigger messages_track_waiting after insert on public.messages
  referencing new table as new_rows for each statement execute function private.track_conversation_waiting();

-- Every way a thread goes from the AI to a person (the takeover button, bulk, a reply's
-- hand-over) counts once.
create function private.count_conversation_takeover() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if old.mode = 'ai' and new.mode = 'human' then
    new.takeover_count := old.takeover_count + 1;
  elsif new.takeover_count is distinct from old.takeover_count then
    new.takeover_count := old.takeover_count;
  end if;
  return new;
end
$$;
revoke all on function private.count_conversation_takeover() from public;
create trigger conversations_count_takeover before update of mode, takeover_count on public.conversations
  for each row execute function private.count_conversation_takeover();

-- ---------------------------------------------------------------------------
-- Working hours: per ISO weekday key ("mon" … "sun") one { "start": "HH:MM", "end": "HH:MM" }
-- in the organization's time zone; a day left out is not worked. lib/inbox/working-hours.ts
-- validates and counts with them.
create table public.response_time_settings (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  time_zone text not null default 'UTC' check (char_length(time_zone) between 1 and 64), -- IANA name
  working_hours jsonb not null default '{"mon":{"start":"09:00","end":"17:00"},"tue":{"start":"09:00","end":"17:00"},"wed":{"start":"09:00","end":"17:00"},"thu":{"start":"09:00","end":"17:00"},"fri":{"start":"09:00","end":"17:00"}}'::jsonb
    check (jsonb_typeof(working_hours) = 'object'),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now()
);
comment on table public.response_time_settings is 'An organization''s working hours for response-time SLAs; admins write it.';
alter table public.response_time_settings enable row level security;
create trigger response_time_settings_updated_at before update on public.response_time_settings
  for each row execute function private.set_updated_at();

revoke all on public.response_time_settings from anon, authenticated;
grant select on public.response_time_settings to authenticated;
grant insert (org_id, time_zone, working_hours, updated_by) on public.response_time_settings to authenticated;
grant update (time_zone, working_hours, updated_by) on public.response_time_settings to authenticated;
grant all on public.response_time_settings to service_role;

create policy "Members can read their organization's working hours" on public.response_time_settings
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));
create policy "Admins can set their organization's working hours" on public.response_time_settings
  for insert to authenticated
  with check (private.has_role(org_id, 'admin') and updated_by = (select auth.uid()));
create policy "Admins can change their organization's working hours" on public.response_time_settings
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin') and updated_by = (select auth.uid()));

-- The target per channel (a number): a lead writing on it is answered within target_minutes
-- of working time. A channel without a row has no SLA.
create table public.response_time_slas (
  channel_id uuid primary key references public.channels (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  target_minutes integer not null check (target_minutes between 1 and 10080),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now()
);
comment on table public.response_time_slas is 'Response-time target per channel, in working minutes; admins write it.';
alter table public.response_time_slas enable row level security;
create index response_time_slas_org_idx on public.response_time_slas (org_id);
create trigger response_time_slas_updated_at before update on public.response_time_slas
  for each row execute function private.set_updated_at();

revoke all on public.response_time_slas from anon, authenticated;
grant select, delete on public.response_time_slas to authenticated;
grant insert (channel_id, org_id, target_minutes, updated_by) on public.response_time_slas to authenticated;
grant update (target_minutes, updated_by) on public.response_time_slas to authenticated;
grant all on public.response_time_slas to service_role;

create policy "Members can read their organization's response-time targets" on public.response_time_slas
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));
create policy "Admins can set response-time targets on their channels" on public.response_time_slas
  for insert to authenticated
  with check (
    private.has_role(org_id, 'admin') and updated_by = (select auth.uid())
    and exists (select 1 from public.channels ch where ch.id = response_time_slas.channel_id and ch.org_id = response_time_slas.org_id)
  );
create policy "Admins can change response-time targets" on public.response_time_slas
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin') and updated_by = (select auth.uid()));
create policy "Admins can remove response-time targets" on public.response_time_slas
  for delete to authenticated
  using (private.has_role(org_id, 'admin'));

-- A breached SLA is its own notification category, so people can route it (say, to push).
insert into public.notification_categories (category, default_in_app, default_email, default_push, default_sms)
values ('response_times', true, true, false, false);

-- ---------------------------------------------------------------------------
-- Per-conversation response metrics from its messages, with the analytics' definition of a
-- response (20261203170100_analytics_activity_rollups.sql): an outbound reply whose previous
-- message is the lead's, timed from the first of the lead's unanswered messages. Replies are
-- outbound messages a person (`user`) or an agent wrote. security_invoker: the caller's RLS on
-- conversations and messages decides which rows exist; a filter on conversation_id reaches the
-- window's partition, so one thread reads only its own messages.
create view public.conversation_metrics with (security_invoker = true) as
select c.id as conversation_id,
       c.org_id,
       r.first_response_seconds,
       r.avg_response_seconds,
       coalesce(r.responses, 0) as responses,
       coalesce(r.ai_replies, 0) as ai_replies,
       coalesce(r.human_replies, 0) as human_replies,
       c.takeover_count as takeovers,
       c.waiting_since
  from public.conversations c
  left join (
    select t.conversation_id,
           (array_agg(extract(epoch from t.created_at - t.started)::double precision order by t.created_at, t.id)
              filter (where t.is_response))[1] as first_response_seconds,
           avg(extract(epoch from t.created_at - t.started)::double precision) filter (where t.is_response) as avg_response_seconds,
           count(*) filter (where t.is_response)::int as responses,
           count(*) filter (where t.is_reply and t.author_type = 'agent')::int as ai_replies,
           count(*) filter (where t.is_reply and t.author_type = 'user')::int as human_replies
      from (
        select o.*,
               o.is_reply and o.prev_direction = 'inbound' as is_response,
               min(o.created_at) filter (where o.direction = 'inbound')
                 over (partition by o.conversation_id, o.replies_seen - o.is_reply::int) as started
          from (
            select m.id, m.conversation_id, m.direction, m.author_type, m.created_at,
                   (m.direction = 'outbound' and m.author_type in ('user', 'agent')) as is_reply,
                   lag(m.direction) over w as prev_direction,
                   count(*) filter (where m.direction = 'outbound' and m.author_type in ('user', 'agent')) over w as replies_seen
              from public.messages m
            window w as (partition by m.conversation_id order by m.created_at, m.id rows between unbounded preceding and current row)
          ) o
      ) t
     group by t.conversation_id
  ) r on r.conversation_id = c.id;
comment on view public.conversation_metrics is 'Response metrics per conversation, computed from its messages under the caller''s RLS (lib/inbox/metrics.ts).';
revoke all on public.conversation_metrics from anon, authenticated;
grant select on public.conversation_metrics to authenticated, service_role;
