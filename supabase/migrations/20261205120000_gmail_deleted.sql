-- Mail deleted in Gmail stays in Kiln. A member who deletes a message in their Gmail (for good,
-- or by moving it to the trash) removes their mailbox's copy, not the CRM's record of what was
-- said: the Kiln message, its thread and the lead's history stay as they are. The Gmail sync
-- (lib/integrations/google/gmail-sync.ts, through lib/inbox/gmail-messages.ts) marks the link of
-- that mailbox's copy instead, and clears the mark when the message is taken out of the trash.
--
-- RLS is unchanged: members read the links of conversations they can see (the thread shows
-- "Deleted in Gmail" once every mailbox's copy is gone); only the server writes them.

alter table public.gmail_messages
  add column deleted_at timestamptz; -- when the sync saw it deleted or trashed in this mailbox; null while it is there

comment on column public.gmail_messages.deleted_at is
  'When this mailbox''s copy was deleted in Gmail (or moved to its trash), as the sync saw it; null while it is there. The Kiln message is kept.';
