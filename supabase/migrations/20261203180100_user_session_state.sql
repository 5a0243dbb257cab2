-- Where each user left off, per browser ("device", a random id in the kiln-device cookie): the
-- current organization and project, the lead list's filters, sort and columns, the inbox's
-- filters and open conversation, the approvals queue's filters (current_context), and open
-- panels, view modes and collapsed sections (ui_state). Kept for 7 days after its last use;
-- the daily session-state job deletes what expired. Written only by lib/session-state, whose
-- zod schemas give the jsonb its exact shape (the checks keep any writer to a bounded object).
create table public.user_session_state (
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  device_id text not null check (device_id ~ '^[A-Za-z0-9_-]{16,64}$'),
  current_context jsonb not null default '{}'::jsonb
    check (jsonb_typeof(current_context) = 'object' and octet_length(current_context::text) <= 16384),
  ui_state jsonb not null default '{}'::jsonb
    check (jsonb_typeof(ui_state) = 'object' and octet_length(ui_state::text) <= 4096),
  last_used_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '7 days',
  primary key (user_id, device_id)
);
comment on table public.user_session_state is
  'Each user''s last context and UI state per device (kiln-device cookie), kept 7 days after last use.';
alter table public.user_session_state enable row level security;
-- The daily cleanup deletes by expiry; the primary key serves every policy (it leads with user_id).
create index user_session_state_expires_at_idx on public.user_session_state (expires_at);

-- A member's every write renews the row: 7 days from now, whatever the statement said, so nobody
-- keeps state forever by hand. The service role (the cleanup job, tests) sets the times as given.
create or replace function private.renew_session_state() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if current_user = 'authenticated' then
    new.last_used_at := now();
    new.expires_at := now() + interval '7 days';
  end if;
  return new;
end
$$;
create trigger user_session_state_renew before insert or update on public.user_session_state
  for each row execute function private.renew_session_state();

-- user_id is never granted: it defaults to the caller, so a row is always the caller's own.
revoke all on public.user_session_state from anon, authenticated;
grant select, delete on public.user_session_state to authenticated;
grant insert (device_id, current_context, ui_state) on public.user_session_state to authenticated;
grant update (current_context, ui_state, last_used_at) on public.user_session_state to authenticated;
grant all on public.user_session_state to service_role;

create policy "Users can read their own session state" on public.user_session_state
  for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can save their own session state" on public.user_session_state
  for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Users can change their own session state" on public.user_session_state
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can forget their own session state" on public.user_session_state
  for delete to authenticated
  using (user_id = (select auth.uid()));


-- Named views a user saved of a list (today the lead list: filters, sort, columns), per
-- organization. Written only by lib/saved-views; exported and imported with the user's settings.
create table public.user_saved_views (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (name = btrim(name) and char_length(name) between 1 and 80),
  kind text not null default 'leads' check (kind in ('leads')),
  -- { "filters": { "<param>": "<value>" }, "sort": "<sort>" | null, "columns": ["<column>", …] | null }
  definition jsonb not null default '{}'::jsonb
    check (jsonb_typeof(definition) = 'object' and octet_length(definition::text) <= 4096),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.user_saved_views is
  'Each user''s named views of a list (filters, sort, columns), per organization.';
alter table public.user_saved_views enable row level security;
-- One name per user, organization and list, whatever its case; leads with user_id (every policy's filter).
create unique index user_saved_views_name_per_list
  on public.user_saved_views (user_id, org_id, kind, lower(name));
create index user_saved_views_org_id_idx on public.user_saved_views (org_id);
create trigger user_saved_views_set_updated_at before update on public.user_saved_views
  for each row execute function private.set_updated_at();

revoke all on public.user_saved_views from anon, authenticated;
grant select, delete on public.user_saved_views to authenticated;
grant insert (org_id, name, kind, definition) on public.user_saved_views to authenticated;
grant update (name, definition) on public.user_saved_views to authenticated;
grant all on public.user_saved_views to service_role;

create policy "Users can read their own saved views in their organizations" on public.user_saved_views
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can save views in their organizations" on public.user_saved_views
  for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can change their own saved views in their organizations" on public.user_saved_views
  for update to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]))
  with check (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can delete their own saved views in their organizations" on public.user_saved_views
  for delete to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));
