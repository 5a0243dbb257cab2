-- Only the lead's own messages make the lead wait for an answer.
--
-- An inbound message written by a machine on the lead's side (an out-of-office or another
-- automatic reply, a bounce from a mail server: lib/inbox/email-ingest.ts stores these with
-- author_type 'system') asks nothing of anyone, so it neither starts a wait nor restarts an SLA
-- clock. Same function as in 20261204100150_response_time_sla.sql otherwise.

create or replace function private.track_conversation_waiting() returns trigger
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
           min(n.created_at) filter (where n.direction = 'inbound' and n.author_type = 'lead'
                                       and (t.last_reply is null or n.created_at > t.last_reply)) as first_inbound
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
