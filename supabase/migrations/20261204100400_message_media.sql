-- Files attached to messages: images and PDFs a rep sends, and the media a lead sends us,
-- copied from the provider into Kiln's own storage (lib/storage) so they outlive the
-- provider's links. The bytes live in storage under `storage_key` (always below the
-- organization's id); this table says whose they are and which message carries them.
-- Written by lib/inbox (lib/inbox/attachments.ts): uploads as the rep under RLS, inbound
-- media and their download state by the ingest handler and the download job (service).
create table public.message_attachments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  message_id uuid references public.messages (id) on delete cascade, -- null: uploaded, not sent yet
  source text not null check (source in ('outbound', 'inbound')),
  storage_key text unique check (char_length(storage_key) <= 300), -- null until an inbound file is downloaded
  file_name text not null check (char_length(file_name) between 1 and 255),
  content_type text not null check (char_length(content_type) between 3 and 255),
  size_bytes bigint check (size_bytes >= 0),
  sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
  provider_media_id text check (char_length(provider_media_id) <= 256), -- WhatsApp Cloud API media id
  provider_media_url text check (char_length(provider_media_url) <= 2048), -- Twilio's MediaUrlN
  download_status text not null default 'stored' check (download_status in ('pending', 'stored', 'failed')),
  download_attempts integer not null default 0,
  download_error text check (char_length(download_error) <= 500),
  uploaded_by uuid references auth.users (id) on delete set null, -- the rep, for an upload
  created_at timestamptz not null default now(),
  -- Stored means the bytes are there and described; keys never leave the organization's prefix.
  check ((download_status = 'stored') = (storage_key is not null and size_bytes is not null and sha256 is not null)),
  check (storage_key is null or starts_with(storage_key, org_id::text || '/')),
  check (source = 'outbound' or (message_id is not null and (provider_media_id is not null or provider_media_url is not null)))
);
comment on table public.message_attachments is
  'Files of messages (outbound uploads, inbound media copied from the provider); bytes in lib/storage under storage_key. Written by lib/inbox.';
alter table public.message_attachments enable row level security;
create index message_attachments_org_idx on public.message_attachments (org_id);
create index message_attachments_conversation_idx on public.message_attachments (conversation_id);
create index message_attachments_message_idx on public.message_attachments (message_id);
-- Inbound media still to copy: the download job's sweep.
create index message_attachments_pending_idx on public.message_attachments (created_at) where download_status = 'pending';

revoke all on public.message_attachments from anon, authenticated;
grant select on public.message_attachments to authenticated;
grant insert (id, org_id, conversation_id, source, storage_key, file_name, content_type, size_bytes, sha256, download_status, uploaded_by)
  on public.message_attachments to authenticated;
grant update (message_id) on public.message_attachments to authenticated;
grant all on public.message_attachments to service_role;

-- As for messages: a member reads the files of the conversations their role lets them see.
create policy "Members can read the files of conversations they can see" on public.message_attachments
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.conversations c where c.id = message_attachments.conversation_id)
  );

create policy "Members can upload files as themselves to conversations they can see" on public.message_attachments
  for insert to authenticated
  with check (
    org_id = any ((select private.current_org_ids())::uuid[])
    and source = 'outbound'
    and uploaded_by = (select auth.uid())
    and message_id is null
    and exists (select 1 from public.conversations c where c.id = message_attachments.conversation_id and c.org_id = message_attachments.org_id)
  );

-- Sending attaches a rep's own unsent upload to their own reply in the same conversation, once.
create policy "Members can attach their own uploads to their own replies" on public.message_attachments
  for update to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and uploaded_by = (select auth.uid())
    and message_id is null
  )
  with check (
    exists (
      select 1 from public.messages m
       where m.id = message_attachments.message_id
         and m.conversation_id = message_attachments.conversation_id
         and m.direction = 'outbound' and m.author_type = 'user' and m.author_id = (select auth.uid())
    )
  );
