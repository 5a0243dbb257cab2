-- Platform admins: the people who run a Kiln installation rather than one organization.
-- KILN_PLATFORM_ADMINS (emails) names some of them; this table holds the others, granted and
-- revoked by the operator with `npm run admin:grant -- <email>` / `npm run admin:revoke -- <email>`
-- (scripts/admin.ts through lib/auth/platform.ts, its only writer).
--
-- Both tables are server-only: RLS on, no policies, nothing granted to anon or authenticated.
-- No tenant can read who administers the installation or what they did.

create table public.platform_admins (
  user_id uuid primary key references auth.users (id) on delete cascade,
  granted_at timestamptz not null default now(),
  -- Who granted it: an admin's user id, or null when the CLI did (the operator at the shell).
  granted_by uuid references auth.users (id) on delete set null
);
comment on table public.platform_admins is
  'Server-only: users who administer the whole installation, besides KILN_PLATFORM_ADMINS. No policies by design.';
alter table public.platform_admins enable row level security;
revoke all on public.platform_admins from anon, authenticated;
grant all on public.platform_admins to service_role;

-- What platform admins did. audit_log belongs to one organization and its admins read it;
-- these actions (a user's sign-in disabled, an admin granted) span organizations.
create table public.platform_audit_log (
  id uuid primary key default gen_random_uuid(),
  actor_id uuid references auth.users (id) on delete set null, -- null: the CLI
  -- Kept as written: the actor's account may be deleted later, the record of who acted may not.
  actor_email text check (char_length(actor_email) <= 320),
  action text not null check (action ~ '^[a-z_]+\.[a-z_.]+$'), -- e.g. user.sign_in_disabled
  target_type text check (char_length(target_type) <= 60),
  target_id text check (char_length(target_id) <= 200),
  metadata jsonb not null default '{}'::jsonb, -- never secrets or tokens
  created_at timestamptz not null default now()
);
comment on table public.platform_audit_log is
  'Server-only, append-only: actions of platform admins across organizations. No policies by design.';
alter table public.platform_audit_log enable row level security;
create index platform_audit_log_created_at_idx on public.platform_audit_log (created_at desc, id desc);
revoke all on public.platform_audit_log from anon, authenticated;
grant select, insert on public.platform_audit_log to service_role;
