-- Invitations to join an organization. The token itself is only ever in the invite
-- link; the table keeps its SHA-256 so a database leak does not leak working links.
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'),
  role text not null check (role in ('owner', 'admin', 'manager', 'rep')),
  token_hash text not null unique, -- hex SHA-256 of the link token
  invited_by uuid references auth.users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.invitations is 'Pending and past invitations; accepted only through private.accept_invitation().';
alter table public.invitations enable row level security;
create index invitations_org_id_idx on public.invitations (org_id, created_at desc);
-- One open invitation per address and organization.
create unique index invitations_one_open_per_email on public.invitations (org_id, email)
  where accepted_at is null and revoked_at is null;

revoke all on public.invitations from anon, authenticated;
grant select, update (revoked_at) on public.invitations to authenticated;
-- Not accepted_at / accepted_by / revoked_at: an invitation starts open.
grant insert (org_id, email, role, token_hash, invited_by, expires_at) on public.invitations to authenticated;
grant all on public.invitations to service_role;

create policy "Admins can read their organization's invitations" on public.invitations
  for select to authenticated
  using (private.has_role(org_id, 'admin'));

create policy "Admins can invite, and only owners can invite owners" on public.invitations
  for insert to authenticated
  with check (
    private.has_role(org_id, 'admin')
    and invited_by = (select auth.uid())
    and (role <> 'owner' or private.has_role(org_id, 'owner'))
    and expires_at > now() and expires_at <= now() + interval '30 days'
  );

create policy "Admins can revoke their organization's invitations" on public.invitations
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin'));

create or replace function private.hash_token(raw_token text) returns text
  language sql immutable
  set search_path = ''
as $$
  select encode(sha256(convert_to(raw_token, 'UTF8')), 'hex')
$$;

-- What the accept page shows before anyone signs in: never the token hash or inviter.
create or replace function private.invitation_preview(raw_token text)
  returns table (org_name text, email text, role text, status text)
  language sql stable security definer
  set search_path = ''
as $$
  select o.name, i.email, i.role,
    case
      when i.accepted_at is not null then 'accepted'
      when i.revoked_at is not null then 'revoked'
      when i.expires_at <= now() then 'expired'
      else 'pending'
    end
  from public.invitations i
  join public.organizations o on o.id = i.org_id
  where i.token_hash = private.hash_token(raw_token)
$$;

-- Accepting: the signed-in user whose email the invitation names joins with its role.
-- Errors carry a machine-readable HINT the HTTP layer maps to a status.
create or replace function private.accept_invitation(raw_token text) returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  inv public.invitations;
  user_email text;
begin
  if uid is null then
    raise exception 'sign in to accept the invitation' using errcode = '42501';
  end if;
  select * into inv from public.invitations
    where token_hash = private.hash_token(raw_token) for update;
  if not found then
    raise exception 'This invitation link is not valid.' using errcode = 'P0001', hint = 'not_found';
  end if;
  if inv.accepted_at is not null then
    raise exception 'This invitation has already been used.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if inv.revoked_at is not null then
    raise exception 'This invitation was withdrawn.' using errcode = 'P0001', hint = 'gone';
  end if;
  if inv.expires_at <= now() then
    raise exception 'This invitation has expired. Ask for a new one.' using errcode = 'P0001', hint = 'gone';
  end if;
  select lower(u.email) into user_email from auth.users u where u.id = uid;
  if user_email is distinct from inv.email then
    raise exception 'This invitation is for %. Sign in with that address to accept it.', inv.email
      using errcode = 'P0001', hint = 'forbidden';
  end if;
  insert into public.memberships (org_id, user_id, role) values (inv.org_id, uid, inv.role)
    on conflict (org_id, user_id) do nothing;
  update public.invitations set accepted_at = now(), accepted_by = uid where id = inv.id;
  return inv.org_id;
end
$$;

revoke all on function private.hash_token(text), private.invitation_preview(text), private.accept_invitation(text) from public;
grant execute on function private.hash_token(text) to authenticated, service_role;
grant execute on function private.invitation_preview(text) to anon, authenticated, service_role;
grant execute on function private.accept_invitation(text) to authenticated, service_role;
grant usage on schema private to anon;
