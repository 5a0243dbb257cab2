-- Schema `private`: helpers that policies call. It is not exposed through any API;
-- the API roles may only execute the functions granted to them below.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Keeps `updated_at` honest whatever the client sends.
create or replace function private.set_updated_at() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- Profiles: the public face of a user (name, avatar, locale). One row per auth.users row,
-- created by the trigger below for both Supabase Auth and built-in auth sign-ups.
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  full_name text not null default '' check (char_length(full_name) <= 120),
  avatar_url text check (avatar_url is null or char_length(avatar_url) <= 2048),
  locale text not null default 'en' check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'Public profile of each user; created from auth.users by a trigger.';
alter table public.profiles enable row level security;

create trigger profiles_set_updated_at before update on public.profiles
  for each row execute function private.set_updated_at();

-- A user's email mirrors auth.users; it is not theirs to edit here.
create or replace function private.protect_profile_columns() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if (select auth.role()) = 'authenticated' then
    new.id := old.id;
    new.email := old.email;
    new.created_at := old.created_at;
  end if;
  return new;
end
$$;
create trigger profiles_protect_columns before update on public.profiles
  for each row execute function private.protect_profile_columns();

create or replace function private.handle_new_user() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  insert into public.profiles (id, email, full_name)
  values (
    new.id,
    lower(new.email),
    coalesce(left(new.raw_user_meta_data ->> 'full_name', 120), '')
  );
  return new;
end
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();

create or replace function private.handle_user_email_change() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  update public.profiles set email = lower(new.email) where id = new.id;
  return new;
end
$$;
create trigger on_auth_user_email_changed after update of email on auth.users
  for each row when (old.email is distinct from new.email)
  execute function private.handle_user_email_change();

revoke all on public.profiles from anon, authenticated;
grant select, update (full_name, avatar_url, locale) on public.profiles to authenticated;
grant all on public.profiles to service_role;

create policy "Users can read their own profile" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()));

create policy "Users can update their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
