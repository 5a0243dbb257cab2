-- A thread's summary follows its messages.
--
-- The inbox list shows each conversation's last message (time, preview, direction) and its
-- unread count. Members could update those four columns directly, so through Supabase's Data
-- API a member could rewrite the preview or the unread count of any thread they see, which
-- no route allows. Here members keep the columns the API lets them change (status,
-- assignee, mode, agent) and the summary is written:
-- - for inbound messages by the webhook ingest (lib/inbox/ingest.ts, service role), as before;
-- - for a person's reply and an approved agent message by private.record_outbound_message,
--   from the outbound message just queued in the same transaction;
-- - for opening a thread by private.mark_conversation_read (its assignee, or anyone while
--   it is unassigned).
-- Functions in schema `private` are not reachable through the Data API; Kiln's server calls
-- them inside the caller's withRls transaction.

revoke update (unread_count, last_message_at, last_message_preview, last_message_direction)
  on public.conversations from authenticated;

-- An outbound message queued in this transaction updates its thread the way the app always
-- has: the last message is now the reply, nobody has anything unread, a closed thread
-- reopens. A person's reply also makes the thread human-handled and takes it if unassigned,
-- and sets the time it was sent; an agent's message keeps the thread with the AI and never
-- moves the thread's time backwards (a draft can be approved after newer messages arrived).
-- For a member: the message is theirs (or the agent's, which only private.queue_approved_draft
-- writes), written in this very transaction, in a conversation they can see (the select
-- policy's rule); anything else is "not found", as for a message that does not exist.
create or replace function private.record_outbound_message(message uuid, sent_at timestamptz) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  m record;
  c record;
begin
  select x.conversation_id, x.direction, x.body, x.author_type, x.author_id, x.created_at
    into m from public.messages x where x.id = message;
  if not found or m.direction <> 'outbound' or m.author_type not in ('user', 'agent') then
    raise exception 'Message not found.' using errcode = 'P0001', hint = 'not_found';
  end if;
  select x.org_id, x.assignee_id into c from public.conversations x where x.id = m.conversation_id for update;

  if (select auth.role()) is distinct from 'service_role' then
    if uid is null
       or not (c.org_id = any (private.current_org_ids()))
       or not (c.org_id = any (private.orgs_seeing_all_leads()) or coalesce(c.assignee_id, uid) = uid)
       or m.created_at <> now()
       or (m.author_type = 'user' and m.author_id is distinct from uid) then
      raise exception 'Message not found.' using errcode = 'P0001', hint = 'not_found';
    end if;
  end if;

  if m.author_type = 'user' then
    update public.conversations set
        last_message_at = sent_at, last_message_preview = left(regexp_replace(m.body, '\s+', ' ', 'g'), 160),
        last_message_direction = 'outbound', mode = 'human', status = case when status = 'closed' then 'open' else status end,
        assignee_id = coalesce(assignee_id, m.author_id), unread_count = 0
      where id = m.conversation_id;
  else
    update public.conversations set
        last_message_at = greatest(last_message_at, sent_at), last_message_preview = left(regexp_replace(m.body, '\s+', ' ', 'g'), 160),
        last_message_direction = 'outbound', status = case when status = 'closed' then 'open' else status end, unread_count = 0
      where id = m.conversation_id;
  end if;
end
$$;
revoke all on function private.record_outbound_message(uuid, timestamptz) from public;
grant execute on function private.record_outbound_message(uuid, timestamptz) to authenticated, service_role;

-- Opening a thread clears its unread count for its assignee, or for anyone while it is
-- unassigned; for everyone else (and threads the caller cannot see) it changes nothing.
-- Returns whether it cleared anything.
create or replace function private.mark_conversation_read(org uuid, conversation uuid) returns boolean
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  n int;
begin
  update public.conversations set unread_count = 0
   where id = conversation and org_id = org and unread_count > 0
     and org_id = any (private.current_org_ids())
     and coalesce(assignee_id, uid) = uid;
  get diagnostics n = row_count;
  return n > 0;
end
$$;
revoke all on function private.mark_conversation_read(uuid, uuid) from public;
grant execute on function private.mark_conversation_read(uuid, uuid) to authenticated, service_role;
