-- Lead imports, one row per run, so the server can limit imports per organization across
-- restarts and instances: at most one running import per organization (a unique index over
-- the unfinished rows), and a daily cap on runs and rows (counted from this table).
-- Written by lib/leads/import-limits.ts only.
create table public.lead_imports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  started_at timestamptz not null default now(),
  finished_at timestamptz, -- null while the import runs
  row_count integer not null default 0 check (row_count >= 0), -- data rows read from the file, valid or not
  outcome text check (outcome in ('done', 'failed', 'refused')),
  check ((finished_at is null) = (outcome is null))
);
comment on table public.lead_imports is 'Lead import runs per organization, for the one-at-a-time and daily limits.';
alter table public.lead_imports enable row level security;
create unique index lead_imports_one_running_per_org_idx on public.lead_imports (org_id) where finished_at is null;
create index lead_imports_org_id_started_at_idx on public.lead_imports (org_id, started_at desc);
create index lead_imports_user_id_idx on public.lead_imports (user_id);

revoke all on public.lead_imports from anon, authenticated;
grant select, insert (org_id, user_id) on public.lead_imports to authenticated;
grant update (finished_at, row_count, outcome) on public.lead_imports to authenticated;
grant all on public.lead_imports to service_role;

create policy "Members can read their organization's imports" on public.lead_imports
  for select to authenticated
  using (private.is_member(org_id));

create policy "Members can start imports in their organization as themselves" on public.lead_imports
  for insert to authenticated
  with check (user_id = (select auth.uid()) and private.is_member(org_id));

-- Any member may finish a run of their organization: the server closes a run whose process
-- died (left running past its deadline) so the organization is not blocked for good.
create policy "Members can finish their organization's imports" on public.lead_imports
  for update to authenticated
  using (private.is_member(org_id))
  with check (private.is_member(org_id));
