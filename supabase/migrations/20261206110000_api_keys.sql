-- API keys for the public REST API (/api/v1 with `Authorization: Bearer <key>`).
--
-- A key acts as its organization, under the same row-level security as a person. RLS here
-- is built on `auth.uid()` and membership, so each organization that has keys gets one
-- principal: a user in auth.users that can never sign in (no password, banned forever)
-- and that belongs to exactly one organization through public.api_principals, not through
-- public.memberships. It is therefore not a member anyone sees, counts as a seat, assigns
-- leads to or notifies; the membership helpers below count it as an admin of its one
-- organization and of no other, so every existing policy holds for key requests, and a
-- key can never read another organization's rows. What a key may do beyond that is
-- narrowed by its scopes, which the route wrapper checks (lib/http/route.ts).

-- ---------------------------------------------------------------------------
-- Principals.

create table public.api_principals (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  user_id uuid not null unique references auth.users (id) on delete cascade,
  created_at timestamptz not null default now()
);
comment on table public.api_principals is
  'Server-only: the user each organization''s API keys act as. Read by the security definer membership helpers. No policies by design.';
alter table public.api_principals enable row level security;
revoke all on public.api_principals from anon, authenticated;
grant all on public.api_principals to service_role;

-- The membership helpers, now also answering for an organization's API principal (as an
-- admin of that one organization). Approvals (private.orgs_approving) stay with people.
create or replace function private.current_org_ids() returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(x.org_id), '{}')
      from (select m.org_id from public.memberships m where m.user_id = (select auth.uid())
            union all
            select p.org_id from public.api_principals p where p.user_id = (select auth.uid())) x);
end
$$;

create or replace function private.is_member(org uuid) returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select exists (select 1 from public.memberships m where m.org_id = org and m.user_id = (select auth.uid()))
      or exists (select 1 from public.api_principals p where p.org_id = org and p.user_id = (select auth.uid()))
$$;

create or replace function private.has_role(org uuid, min_role text) returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select exists (
      select 1 from public.memberships m
       where m.org_id = org
         and m.user_id = (select auth.uid())
         and private.role_rank(m.role) >= private.role_rank(min_role))
      or (private.role_rank('admin') >= private.role_rank(min_role)
          and exists (select 1 from public.api_principals p where p.org_id = org and p.user_id = (select auth.uid())))
$$;

create or replace function private.orgs_seeing_all_leads() returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(x.org_id), '{}')
      from (select m.org_id
              from public.memberships m
              join public.organizations o on o.id = m.org_id
             where m.user_id = (select auth.uid())
               and (private.role_rank(m.role) >= private.role_rank('manager')
                    or coalesce((o.settings ->> 'reps_see_own_leads_only')::boolean, false) = false)
            union all
            select p.org_id from public.api_principals p where p.user_id = (select auth.uid())) x);
end
$$;

create or replace function private.orgs_managed() returns uuid[]
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  return (
    select coalesce(array_agg(x.org_id), '{}')
      from (select m.org_id from public.memberships m
             where m.user_id = (select auth.uid()) and private.role_rank(m.role) >= private.role_rank('manager')
            union all
            select p.org_id from public.api_principals p where p.user_id = (select auth.uid())) x);
end
$$;

-- True when the caller is an API principal (a key request), for policies people alone pass.
create or replace function private.is_api_principal() returns boolean
  language sql stable security definer
  set search_path = ''
as $$
  select exists (select 1 from public.api_principals p where p.user_id = (select auth.uid()))
$$;

-- The principal of `org`, created on first use. Only an admin of `org` (a person) may ask,
-- as they do when creating the organization's first key.
create or replace function private.ensure_api_principal(org uuid) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  principal uuid;
begin
  if (select auth.role()) is distinct from 'service_role'
     and (not private.has_role(org, 'admin') or private.is_api_principal()) then
    raise exception 'Only admins can manage API keys.' using errcode = '42501';
  end if;
  -- Serialises two first keys of one organization.
  perform 1 from public.organizations o where o.id = org for update;
  select p.user_id into principal from public.api_principals p where p.org_id = org;
  if principal is not null then
    return principal;
  end if;
  principal := gen_random_uuid();
  insert into auth.users (id, email, encrypted_password, banned_until, raw_app_meta_data, raw_user_meta_data)
  values (principal, 'api-' || org || '@principals.kiln.invalid', null, 'infinity',
          jsonb_build_object('kiln_principal', 'api', 'org_id', org), jsonb_build_object('full_name', 'API'));
  insert into public.api_principals (org_id, user_id) values (org, principal);
  return principal;
end
$$;

revoke all on function private.is_api_principal(), private.ensure_api_principal(uuid) from public;
grant execute on function private.is_api_principal(), private.ensure_api_principal(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Keys.

-- The secret is 32 random bytes; only its SHA-256 is stored. A slow password hash buys
-- nothing for a 256-bit random secret (there is nothing to guess), and a fast one lets the
-- key be found by an indexed lookup on every request.
create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 80),
  prefix text not null check (prefix ~ '^kiln_[A-Za-z0-9_-]{6,12}$'), -- shown in lists, identifies the key
  secret_hash text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'), -- sha256 hex of the whole key
  -- '<resource>:read' or '<resource>:write' (write includes read); lib/api-keys/scopes.ts
  scopes text[] not null check (cardinality(scopes) between 1 and 20
    and scopes <@ array['leads:read', 'leads:write', 'conversations:read', 'conversations:write', 'messages:read',
      'messages:write', 'meetings:read', 'meetings:write', 'agents:read', 'agents:write', 'analytics:read',
      'analytics:write', 'webhooks:read', 'webhooks:write']::text[]),
  rate_limit_per_minute integer check (rate_limit_per_minute between 1 and 100000), -- null: the plan's
  expires_at timestamptz,
  last_used_at timestamptz,
  last_used_ip text check (char_length(last_used_ip) <= 64),
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  check (expires_at is null or expires_at > created_at)
);
comment on table public.api_keys is 'Keys for the public API; the secret is shown once and stored only as a hash.';
alter table public.api_keys enable row level security;
create index api_keys_org_id_created_at_idx on public.api_keys (org_id, created_at desc);

-- Revoking is for good, and a key never changes hands or scopes after it is made.
create or replace function private.guard_api_key_change() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    raise exception 'A revoked key stays revoked.' using errcode = '42501';
  end if;
  if current_user = 'authenticated' and new.revoked_at is not null and old.revoked_at is null then
    new.revoked_at := now();
    new.revoked_by := (select auth.uid());
  end if;
  return new;
end
$$;
create trigger api_keys_guard before update on public.api_keys
  for each row execute function private.guard_api_key_change();

-- Nobody reads a hash through the API: the column is not granted.
revoke all on public.api_keys from anon, authenticated;
grant select (id, org_id, name, prefix, scopes, rate_limit_per_minute, expires_at, last_used_at, last_used_ip,
  revoked_at, revoked_by, created_by, created_at) on public.api_keys to authenticated;
grant insert (org_id, name, prefix, secret_hash, scopes, rate_limit_per_minute, expires_at, created_by)
  on public.api_keys to authenticated;
grant update (revoked_at, revoked_by) on public.api_keys to authenticated;
grant all on public.api_keys to service_role;

-- Keys are managed by people: a key cannot see, mint or revoke keys, whatever its scopes.
create policy "Admins can read their organization's API keys" on public.api_keys
  for select to authenticated
  using (private.has_role(org_id, 'admin') and not (select private.is_api_principal()));

create policy "Admins can create API keys in their organization, as themselves" on public.api_keys
  for insert to authenticated
  with check (
    private.has_role(org_id, 'admin') and not (select private.is_api_principal())
    and created_by = (select auth.uid()) and last_used_at is null and revoked_at is null
  );

create policy "Admins can revoke their organization's API keys" on public.api_keys
  for update to authenticated
  using (private.has_role(org_id, 'admin') and not (select private.is_api_principal()))
  with check (private.has_role(org_id, 'admin') and revoked_at is not null);

-- ---------------------------------------------------------------------------
-- Idempotency: the first answer to a POST sent with an `Idempotency-Key`, replayed for 24 hours.

create table public.api_idempotency_keys (
  api_key_id uuid not null references public.api_keys (id) on delete cascade,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 255),
  method text not null check (method in ('POST', 'PUT', 'PATCH', 'DELETE')),
  path text not null check (char_length(path) <= 2048),
  request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'), -- sha256 of method, path, query and body
  status integer check (status between 100 and 599), -- null while the first request runs
  response_headers jsonb,
  response_body text, -- the tenant data the first call answered; pruned after 24 hours
  created_at timestamptz not null default now(),
  primary key (api_key_id, idempotency_key)
);
comment on table public.api_idempotency_keys is
  'Server-only: first responses to POSTs with an Idempotency-Key, for 24 hours. No policies by design.';
alter table public.api_idempotency_keys enable row level security;
create index api_idempotency_keys_created_at_idx on public.api_idempotency_keys (created_at); -- pruning
revoke all on public.api_idempotency_keys from anon, authenticated;
grant all on public.api_idempotency_keys to service_role;
