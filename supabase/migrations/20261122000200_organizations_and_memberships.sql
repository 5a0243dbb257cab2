-- Organizations (tenants) and who belongs to them with which role.
-- Roles, most to least powerful: owner > admin > manager > rep.

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  -- Tenant-wide switches later modules read (e.g. reps_see_own_leads_only).
  settings jsonb not null default '{}'::jsonb,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.organizations is 'A tenant: every piece of tenant data hangs off one organization.';
alter table public.organizations enable row level security;
create trigger organizations_set_updated_at before update on public.organizations
  for each row execute function private.set_updated_at();

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'manager', 'rep')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, user_id)
);
comment on table public.memberships is 'A user''s role in an organization.';
alter table public.memberships enable row level security;
-- Policies filter on user_id (current_org_ids) and org_id (the unique key leads with it).
create index memberships_user_id_idx on public.memberships (user_id, org_id);
create trigger memberships_set_updated_at before update on public.memberships
  for each row execute function private.set_updated_at();

-- ---------------------------------------------------------------------------
-- Helpers for policies. security definer so they can read memberships without
-- recursing into memberships' own policies; search_path '' so nothing can shadow them.

-- No search_path setting and no table access: the planner inlines it, instead of planning
-- a call per row (measured by bench/leads.bench.ts).
create or replace function private.role_rank(role text) returns int
  language sql immutable
as $$
  select case role when 'owner' then 4 when 'admin' then 3 when 'manager' then 2 when 'rep' then 1 else 0 end
$$;

-- The organizations the current user belongs to; policies call it wrapped in a
-- sub-select so it runs once per statement, not once per row. PL/pgSQL rather than SQL:
-- a security definer SQL function is never inlined, so it would be parsed and planned
-- again in every statement, while PL/pgSQL keeps its plan for the session.
create or replace function private.current_org_ids() returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return (select coalesce(array_agg(m.org_id), '{}') from public.memberships m where m.user_id = (select auth.uid()));
end
$$;

create or replace function private.is_member(org uuid) returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.org_id = org and m.user_id = (select auth.uid())
  )
$$;

-- True when the current user's role in `org` is `min_role` or above.
create or replace function private.has_role(org uuid, min_role text) returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.org_id = org
      and m.user_id = (select auth.uid())
      and private.role_rank(m.role) >= private.role_rank(min_role)
  )
$$;

-- Creates an organization and makes the caller its owner, in one statement.
create or replace function private.create_organization(org_name text) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  new_id uuid;
begin
  if uid is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  insert into public.organizations (name, created_by) values (btrim(org_name), uid) returning id into new_id;
  insert into public.memberships (org_id, user_id, role) values (new_id, uid, 'owner');
  return new_id;
end
$$;

revoke all on all functions in schema private from public;
grant execute on function
  private.role_rank(text),
  private.current_org_ids(),
  private.is_member(uuid),
  private.has_role(uuid, text),
  private.create_organization(text)
to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Invariants the database keeps whoever asks.

-- Only an owner may make someone an owner or change an owner's role; an organization
-- always keeps at least one owner.
create or replace function private.guard_membership_change() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  remaining int;
begin
  if (select auth.role()) = 'authenticated' then
    if tg_op = 'UPDATE' and new.user_id <> old.user_id or tg_op = 'UPDATE' and new.org_id <> old.org_id then
      raise exception 'a membership cannot move to another user or organization' using errcode = '42501';
    end if;
    if tg_op = 'UPDATE' and (new.role = 'owner' or old.role = 'owner') and new.role <> old.role
       and not private.has_role(old.org_id, 'owner') then
      raise exception 'only an owner can grant or remove the owner role' using errcode = '42501';
    end if;
    if tg_op = 'DELETE' and old.role = 'owner' and old.user_id <> (select auth.uid())
       and not private.has_role(old.org_id, 'owner') then
      raise exception 'only an owner can remove an owner' using errcode = '42501';
    end if;
  end if;

  if old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner') then
    -- Lock the organization's owner rows so two concurrent demotions cannot both pass.
    perform 1 from public.memberships where org_id = old.org_id and role = 'owner' for update;
    select count(*) into remaining from public.memberships
      where org_id = old.org_id and role = 'owner' and id <> old.id;
    if remaining = 0 and exists (select 1 from public.organizations where id = old.org_id) then
      raise exception 'an organization must keep at least one owner' using errcode = 'P0001', hint = 'last_owner';
    end if;
  end if;

  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end
$$;
create trigger memberships_guard before update or delete on public.memberships
  for each row execute function private.guard_membership_change();

-- ---------------------------------------------------------------------------
-- Privileges and policies.

revoke all on public.organizations from anon, authenticated;
grant select, update (name, settings) on public.organizations to authenticated;
grant all on public.organizations to service_role;

revoke all on public.memberships from anon, authenticated;
grant select, update (role), delete on public.memberships to authenticated;
grant all on public.memberships to service_role;

create policy "Members can read their organizations" on public.organizations
  for select to authenticated
  using (id = any ((select private.current_org_ids())::uuid[]));

create policy "Admins can update their organization" on public.organizations
  for update to authenticated
  using (private.has_role(id, 'admin'))
  with check (private.has_role(id, 'admin'));

create policy "Members can read their organizations' memberships" on public.memberships
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Admins can change members' roles" on public.memberships
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin'));

create policy "Admins can remove members and members can leave" on public.memberships
  for delete to authenticated
  using (user_id = (select auth.uid()) or private.has_role(org_id, 'admin'));

create policy "Members can read their teammates' profiles" on public.profiles
  for select to authenticated
  using (exists (
    select 1 from public.memberships m
    where m.user_id = profiles.id and m.org_id = any ((select private.current_org_ids())::uuid[])
  ));
