-- An automatic message on the lead's side counts as nothing.
--
-- An out-of-office or another automatic reply, and a bounce from a mail server, are stored as
-- inbound messages written by `system` (lib/inbox/email-ingest.ts): the thread shows them, but
-- the lead said nothing. 20261204120100_automatic_messages_make_nobody_wait.sql keeps them
-- from starting a wait; here they leave the response metrics and the analytics as they were
-- without them. A reply's previous message is the last one that is not automatic, so an
-- out-of-office between the lead's message and a rep's answer neither makes that answer "not
-- a response" nor starts its clock; and it is no message from the lead in the message counts.
-- Outbound system messages (an opt-out confirmation) stay as they were: Kiln wrote them.

-- ---------------------------------------------------------------------------
-- Per-conversation metrics: 20261204100150_response_time_sla.sql, without automatic inbound
-- messages. They are left out before the window, so lag() and the run's start skip them.
create or replace view public.conversation_metrics with (security_invoker = true) as
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
             where not (m.direction = 'inbound' and m.author_type = 'system')
            window w as (partition by m.conversation_id order by m.created_at, m.id rows between unbounded preceding and current row)
          ) o
      ) t
     group by t.conversation_id
  ) r on r.conversation_id = c.id;
comment on view public.conversation_metrics is 'Response metrics per conversation, computed from its messages under the caller''s RLS (lib/inbox/metrics.ts). Automatic inbound messages (author system) count as nothing.';
revoke all on public.conversation_metrics from anon, authenticated;
grant select on public.conversation_metrics to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- The activity rollups' message facts: 20261203170100_analytics_activity_rollups.sql, without
-- automatic inbound messages (lib/analytics/direct-activity.ts leaves them out the same way).
create or replace function private.analytics_message_facts(
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
    -- Automatic inbound messages are left out before the window: a reply after an
    -- out-of-office still follows the lead's message, and no run starts with one.
    select s.*, c.lead_id, c.org_id, c.medium,
           lag(s.direction) over w as prev_direction,
           count(*) filter (where s.direction = 'outbound') over w as outbound_seen
      from state s join convs c on c.id = s.conversation_id
     where not (s.direction = 'inbound' and s.author_type = 'system')
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
revoke all on function private.analytics_message_facts(uuid[], uuid[], uuid[], public.messages[], int) from public;

-- The messages trigger: as in 20261203170100, but a statement of automatic inbound messages
-- only (every out-of-office that arrives) returns before recomputing its threads, whose facts
-- it cannot change.
create or replace function private.analytics_messages_changed() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_convs uuid[];
  v_exclude uuid[] := '{}';
  v_extra public.messages[] := '{}';
begin
  if tg_op = 'INSERT' then
    if not exists (select 1 from new_rows n where not (n.direction = 'inbound' and n.author_type = 'system')) then
      return null;
    end if;
  elsif tg_op = 'DELETE' then
    if not exists (select 1 from old_rows o where not (o.direction = 'inbound' and o.author_type = 'system')) then
      return null;
    end if;
  else
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
revoke all on function private.analytics_messages_changed() from public;

-- ---------------------------------------------------------------------------
-- Stored numbers that counted automatic messages: the activity rollups of the organizations
-- that have any (the rebuild recomputes them from the messages), and the waits an automatic
-- message started before 20261204120100 (the lead's first message after the last reply).
select private.analytics_activity_rebuild(o.id)
  from public.organizations o
 where exists (select 1 from public.messages m
                where m.org_id = o.id and m.direction = 'inbound' and m.author_type = 'system');

update public.conversations c
   set waiting_since = w.first_unanswered,
       sla_breached_at = case when w.first_unanswered is null then null else c.sla_breached_at end
  from (
    select a.id,
           (select min(m.created_at) from public.messages m
             where m.conversation_id = a.id and m.direction = 'inbound' and m.author_type = 'lead'
               and m.created_at > coalesce((select max(r.created_at) from public.messages r
                                             where r.conversation_id = a.id and r.direction = 'outbound'
                                               and r.author_type in ('user', 'agent')), '-infinity')) as first_unanswered
      from public.conversations a
     where exists (select 1 from public.messages s
                    where s.conversation_id = a.id and s.direction = 'inbound' and s.author_type = 'system')
  ) w
 where w.id = c.id and c.waiting_since is distinct from w.first_unanswered;
