-- A platform admin can disable a person's sign-in (lib/auth/sign-in-access.ts). The flag is
-- auth.users.banned_until, the column Supabase Auth itself honours (no sign-in, no token
-- refresh), and built-in auth refuses a banned account too. Tokens issued before the ban stay
-- valid until they expire, so every request also asks this function when it loads its
-- session (lib/auth/session.ts): the person is signed out everywhere at once, with either
-- auth backend.

create or replace function private.sign_in_disabled() returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select coalesce(
    (select u.banned_until > now() or u.deleted_at is not null
       from auth.users u where u.id = (select auth.uid())),
    false)
$$;
comment on function private.sign_in_disabled() is
  'Whether the calling user''s sign-in is disabled (banned or deleted); read on every session load.';
revoke all on function private.sign_in_disabled() from public;
grant execute on function private.sign_in_disabled() to authenticated, service_role;
