-- Built-in auth's server-side state. (With Supabase Auth configured, Supabase keeps its own.)

-- One row per signed-in browser. The session JWT carries its id, so deleting or revoking
-- the row signs that browser out at once.
create table public.user_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  current_org_id uuid references public.organizations (id) on delete set null, -- the org switcher's choice
  user_agent text check (char_length(user_agent) <= 512),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
comment on table public.user_sessions is 'Built-in auth sessions; created by the server at sign-in, readable and revocable by their owner.';
alter table public.user_sessions enable row level security;
create index user_sessions_user_id_idx on public.user_sessions (user_id);

revoke all on public.user_sessions from anon, authenticated;
grant select, update (current_org_id, revoked_at) on public.user_sessions to authenticated;
grant all on public.user_sessions to service_role;

create policy "Users can read their own sessions" on public.user_sessions
  for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can switch organization and sign out their own sessions" on public.user_sessions
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (
    user_id = (select auth.uid())
    and (current_org_id is null or private.is_member(current_org_id))
  );

-- A revoked session stays revoked: its owner may switch organization or sign it out, never revive it.
create or replace function private.keep_sessions_revoked() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    raise exception 'a signed-out session cannot be revived' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger user_sessions_keep_revoked before update on public.user_sessions
  for each row execute function private.keep_sessions_revoked();

-- Sign-in attempts, counted to throttle password guessing across restarts and instances.
-- Only the server touches it: RLS on, no policies.
create table public.login_attempts (
  id uuid primary key default gen_random_uuid(),
  email text not null, -- lower-cased as typed, whether or not such a user exists
  succeeded boolean not null,
  created_at timestamptz not null default now()
);
comment on table public.login_attempts is 'Server-only: sign-in attempts for throttling. No policies by design.';
alter table public.login_attempts enable row level security;
create index login_attempts_email_created_at_idx on public.login_attempts (email, created_at desc);
revoke all on public.login_attempts from anon, authenticated;
grant all on public.login_attempts to service_role;

-- Password reset links. Only the hash of the token is kept. Server-only: RLS on, no policies.
create table public.password_reset_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.password_reset_tokens is 'Server-only: hashed password reset tokens. No policies by design.';
alter table public.password_reset_tokens enable row level security;
create index password_reset_tokens_user_id_idx on public.password_reset_tokens (user_id);
revoke all on public.password_reset_tokens from anon, authenticated;
grant all on public.password_reset_tokens to service_role;
