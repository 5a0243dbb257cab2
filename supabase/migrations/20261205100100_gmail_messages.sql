-- Gmail messages in the inbox: a member's own Gmail (their Google connection with the gmail
-- part on) is read, and the mail that concerns a lead becomes messages of that lead's email
-- conversations, exactly as mail arriving through the inbound webhook does.
--
-- * gmail_messages links a Gmail message (per connection: Gmail's ids are the mailbox's own)
--   to the Kiln message it became. Its unique key makes the sync idempotent, and its thread
--   id files a later message of the same Gmail thread into the same conversation. Written
--   only by lib/inbox (lib/inbox/gmail-messages.ts), as the service role: from the sync job, and
--   when a reply leaves through Gmail (so the next sync knows the sent copy).
-- * Where a mailbox's sync stands (its history id, or the page a full read resumes at) and each
--   run with what it did are the sync bookkeeping's: google_sync_state, sync_jobs and
--   sync_events with target 'gmail' (migration 20261205100000, written by lib/sync).

create table public.gmail_messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null references public.google_connections (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade, -- whose mailbox it came from
  gmail_message_id text not null check (char_length(gmail_message_id) between 1 and 64),
  gmail_thread_id text check (char_length(gmail_thread_id) between 1 and 64),
  -- The Kiln message it became, or the one already there (the webhook delivered the same Message-ID).
  message_id uuid not null references public.messages (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  created_at timestamptz not null default now(),
  unique (connection_id, gmail_message_id)
);
comment on table public.gmail_messages is
  'Which Gmail message (per Google connection) became which inbox message. Written by lib/inbox: the Gmail sync, and a reply sent through Gmail.';
alter table public.gmail_messages enable row level security;
create index gmail_messages_org_idx on public.gmail_messages (org_id);
create index gmail_messages_conversation_idx on public.gmail_messages (conversation_id);
create index gmail_messages_message_idx on public.gmail_messages (message_id);
-- Threading by Gmail's thread id, within one mailbox.
create index gmail_messages_thread_idx on public.gmail_messages (connection_id, gmail_thread_id)
  where gmail_thread_id is not null;

revoke all on public.gmail_messages from anon, authenticated;
grant select on public.gmail_messages to authenticated;
grant all on public.gmail_messages to service_role;

-- Synced mail is inbox mail: whoever sees the conversation sees that it came from Gmail.
-- Written by the server only (the sync job, and the send of a reply through Gmail); no write policies for members.
create policy "Members can read the Gmail links of conversations they can see" on public.gmail_messages
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.conversations c where c.id = gmail_messages.conversation_id)
  );
