-- Each user's own Google connection (Gmail, Google Calendar), per organization: the OAuth 2 grant
-- a person gave from Settings → Integrations → Google, which parts of it they turned on, and
-- whether Google still honours it. Unlike Calendly (one connection per organization, run by an
-- admin), a mailbox and a calendar are a person's: nobody else reads the row, not even an admin
-- of the same organization. Tokens are AES-256-GCM ciphertext made by the app
-- (lib/crypto/secret-box.ts, associated data = org, user and column), never plaintext.
-- Written only by lib/integrations (lib/integrations/google/*): the OAuth callback and token
-- refresh as the service role after checking the session; the part switches by the user, through RLS.

create table public.google_connections (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  status text not null check (status in ('connected', 'needs_reauth', 'error', 'disconnected')),
  google_user_id text check (char_length(google_user_id) <= 255), -- Google's `sub`: the account, stable across email changes
  google_email text check (char_length(google_email) <= 320),
  access_token_sealed text,          -- server-only: AES-256-GCM, associated data org + user + column
  refresh_token_sealed text,         -- server-only: replaced whenever Google rotates it
  expires_at timestamptz,            -- when the access token expires
  -- Everything Google has granted (incremental authorization adds to it); the parts below are
  -- what the user turned on, and a part is usable only when its scopes are in here.
  scopes text[] not null default '{}' check (cardinality(scopes) <= 50),
  gmail_enabled boolean not null default false,
  calendar_enabled boolean not null default false,
  last_refreshed_at timestamptz,     -- the last time Google accepted the refresh token
  -- What went wrong last, as kinds (lib/integrations/problems.ts), worded at read time.
  last_errors jsonb not null default '[]'::jsonb check (jsonb_typeof(last_errors) = 'array'),
  connected_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, user_id),
  check (status <> 'connected' or (access_token_sealed is not null and refresh_token_sealed is not null))
);
comment on table public.google_connections is
  'Each user''s own Google (Gmail, Calendar) OAuth connection per organization; only that user reads it. Token columns are server-only ciphertext.';
comment on column public.google_connections.access_token_sealed is 'Server-only. Never granted to authenticated.';
comment on column public.google_connections.refresh_token_sealed is 'Server-only. Never granted to authenticated.';
alter table public.google_connections enable row level security;
-- The policies filter on user_id (and org_id, which leads the unique key).
create index google_connections_user_idx on public.google_connections (user_id);
create trigger google_connections_updated_at before update on public.google_connections
  for each row execute function private.set_updated_at();

revoke all on public.google_connections from anon, authenticated;
grant select (id, org_id, user_id, status, google_user_id, google_email, expires_at, scopes, gmail_enabled,
  calendar_enabled, last_refreshed_at, last_errors, connected_at, created_at, updated_at)
  on public.google_connections to authenticated;
-- Turning a part off needs no Google round trip; turning one on goes through OAuth when its
-- scopes are missing (the server then writes the flag itself).
grant update (gmail_enabled, calendar_enabled) on public.google_connections to authenticated;
grant all on public.google_connections to service_role;

create policy "Users can read their own Google connection" on public.google_connections
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));
create policy "Users can switch the parts of their own Google connection" on public.google_connections
  for update to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]))
  with check (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

-- ---------------------------------------------------------------------------
-- OAuth states serve Google too. A Google authorization asks for some scopes (the parts the
-- user is turning on); the callback enables exactly those once Google granted them.
alter table public.oauth_states drop constraint oauth_states_provider_check;
alter table public.oauth_states add constraint oauth_states_provider_check check (provider in ('calendly', 'google'));
alter table public.oauth_states
  add column scopes text[] not null default '{}' check (cardinality(scopes) <= 50);
comment on column public.oauth_states.scopes is 'The scopes this authorization asked for (Google); empty for Calendly.';
