-- Shared mailboxes connected by IMAP and SMTP (issue: "any other mailbox").
--
-- A mailbox (a channel of provider 'email') may carry the credentials of the team's own mail
-- server: IMAP to read new mail (polled every minute by lib/channels/mailbox-imap.ts, fed through
-- the same inbound-email pipeline as the webhook) and SMTP to send its replies
-- (lib/channels/mailbox-smtp.ts). Passwords are sealed by the app (AES-256-GCM with
-- ENCRYPTION_KEY, associated data naming the channel), so a value copied into another row does
-- not open; the sealed columns are never granted to `authenticated`.
--
-- Admins write the credentials under RLS; the polling job (service role) keeps the IMAP cursor
-- (UIDVALIDITY and the last UID read) and the last outcome, which admins read in Settings.

create table public.mailbox_credentials (
  channel_id uuid primary key references public.channels (id) on delete cascade,
  -- Always the channel's organization (set by the trigger below, whatever the writer sends).
  org_id uuid not null references public.organizations (id) on delete cascade,
  imap_host text check (char_length(imap_host) between 1 and 253),
  imap_port integer check (imap_port between 1 and 65535),
  imap_tls boolean not null default true,          -- implicit TLS (993); false: plain, STARTTLS when offered
  imap_user text check (char_length(imap_user) between 1 and 320),
  imap_password_sealed text check (char_length(imap_password_sealed) <= 2000), -- server-only
  imap_folder text not null default 'INBOX' check (char_length(imap_folder) between 1 and 200),
  smtp_host text check (char_length(smtp_host) between 1 and 253),
  smtp_port integer check (smtp_port between 1 and 65535),
  smtp_security text check (smtp_security in ('tls', 'starttls', 'none')),
  smtp_user text check (char_length(smtp_user) between 1 and 320),
  smtp_password_sealed text check (char_length(smtp_password_sealed) <= 2000), -- server-only
  -- The IMAP cursor: a new UIDVALIDITY means the folder's UIDs were renumbered (resync).
  imap_uid_validity bigint,
  imap_last_uid bigint,
  imap_last_polled_at timestamptz,                 -- the last poll's end, successful or not
  imap_last_ok_at timestamptz,
  imap_last_error_kind text check (imap_last_error_kind in
    ('auth_failed', 'host_unreachable', 'tls_error', 'timeout', 'host_refused', 'folder_missing', 'protocol_error')),
  -- A poll holds the mailbox until then, so two workers never read one folder at once.
  claimed_until timestamptz,
  updated_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Each side is all or nothing, and a row has at least one side.
  constraint mailbox_credentials_imap_complete check (
    (imap_host is null) = (imap_port is null) and (imap_host is null) = (imap_user is null)
    and (imap_host is null) = (imap_password_sealed is null)),
  constraint mailbox_credentials_smtp_complete check (
    (smtp_host is null) = (smtp_port is null) and (smtp_host is null) = (smtp_user is null)
    and (smtp_host is null) = (smtp_password_sealed is null) and (smtp_host is null) = (smtp_security is null)),
  constraint mailbox_credentials_something check (imap_host is not null or smtp_host is not null)
);
comment on table public.mailbox_credentials is
  'IMAP and SMTP credentials of a shared mailbox (an email channel), passwords sealed by the app, and the IMAP poll''s cursor and last outcome. Admins write it; the sealed columns are server-only.';
comment on column public.mailbox_credentials.imap_password_sealed is 'Server-only. Never granted to authenticated.';
comment on column public.mailbox_credentials.smtp_password_sealed is 'Server-only. Never granted to authenticated.';
alter table public.mailbox_credentials enable row level security;
create index mailbox_credentials_org_idx on public.mailbox_credentials (org_id);
create index mailbox_credentials_due_idx on public.mailbox_credentials (imap_last_polled_at nulls first)
  where imap_host is not null;
create trigger mailbox_credentials_updated_at before update on public.mailbox_credentials
  for each row execute function private.set_updated_at();

-- The row belongs to its channel's organization, and only a mailbox has one.
create or replace function private.mailbox_credentials_guard() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  channel_org uuid;
begin
  select c.org_id into channel_org from public.channels c where c.id = new.channel_id and c.provider = 'email';
  if channel_org is null then
    raise exception 'Only a mailbox (an email channel) has IMAP and SMTP credentials.' using errcode = '23514';
  end if;
  new.org_id := channel_org;
  if tg_op = 'UPDATE' then
    new.channel_id := old.channel_id;
    -- Another server, account or folder: the old cursor names other UIDs, and the old error is stale.
    if (new.imap_host, new.imap_port, new.imap_user, new.imap_folder)
       is distinct from (old.imap_host, old.imap_port, old.imap_user, old.imap_folder) then
      new.imap_uid_validity := null;
      new.imap_last_uid := null;
    end if;
    if (new.imap_host, new.imap_port, new.imap_tls, new.imap_user, new.imap_password_sealed, new.imap_folder)
       is distinct from (old.imap_host, old.imap_port, old.imap_tls, old.imap_user, old.imap_password_sealed, old.imap_folder)
       and (select auth.role()) is distinct from 'service_role' then
      new.imap_last_error_kind := null;
    end if;
  end if;
  return new;
end
$$;
revoke all on function private.mailbox_credentials_guard() from public;
create trigger mailbox_credentials_guard before insert or update on public.mailbox_credentials
  for each row execute function private.mailbox_credentials_guard();

revoke all on public.mailbox_credentials from anon, authenticated;
-- Everything but the sealed passwords is readable (policies: admins only).
grant select (channel_id, org_id, imap_host, imap_port, imap_tls, imap_user, imap_folder,
              smtp_host, smtp_port, smtp_security, smtp_user,
              imap_uid_validity, imap_last_uid, imap_last_polled_at, imap_last_ok_at, imap_last_error_kind,
              updated_by, created_at, updated_at)
  on public.mailbox_credentials to authenticated;
-- Admins write the credentials; the cursor and outcome columns stay the poll's (service role).
grant insert (channel_id, org_id, imap_host, imap_port, imap_tls, imap_user, imap_password_sealed, imap_folder,
              smtp_host, smtp_port, smtp_security, smtp_user, smtp_password_sealed, updated_by)
  on public.mailbox_credentials to authenticated;
grant update (imap_host, imap_port, imap_tls, imap_user, imap_password_sealed, imap_folder,
              smtp_host, smtp_port, smtp_security, smtp_user, smtp_password_sealed, updated_by)
  on public.mailbox_credentials to authenticated;
grant delete on public.mailbox_credentials to authenticated;
grant all on public.mailbox_credentials to service_role;

create policy "Admins can read their organization's mailbox credentials" on public.mailbox_credentials
  for select to authenticated
  using (private.has_role(org_id, 'admin'));
create policy "Admins can add mailbox credentials in their organization" on public.mailbox_credentials
  for insert to authenticated
  with check (private.has_role(org_id, 'admin'));
create policy "Admins can change their organization's mailbox credentials" on public.mailbox_credentials
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin'));
create policy "Admins can remove their organization's mailbox credentials" on public.mailbox_credentials
  for delete to authenticated
  using (private.has_role(org_id, 'admin'));

-- Whether a mailbox sends through its own SMTP server, for every member who can see its threads
-- (the thread says "sandbox" otherwise); the credentials themselves stay admins' only.
create or replace function private.mailbox_sends_itself(channel uuid) returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select exists (
    select 1 from public.mailbox_credentials m
     where m.channel_id = channel and m.smtp_host is not null
       and ((select auth.role()) = 'service_role' or private.is_member(m.org_id)))
$$;
revoke all on function private.mailbox_sends_itself(uuid) from public;
grant execute on function private.mailbox_sends_itself(uuid) to authenticated, service_role;
