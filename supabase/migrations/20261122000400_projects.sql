-- Projects group an organization's leads (a product line, a region, a campaign).
create table public.projects (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 120),
  description text not null default '' check (char_length(description) <= 2000),
  archived_at timestamptz, -- archived projects stay readable but take no new leads
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.projects is 'Projects of an organization; archived, never deleted, so history stays intact.';
alter table public.projects enable row level security;
create index projects_org_id_idx on public.projects (org_id, name);
create unique index projects_name_per_org on public.projects (org_id, lower(name));
create trigger projects_set_updated_at before update on public.projects
  for each row execute function private.set_updated_at();

revoke all on public.projects from anon, authenticated;
grant select, insert, update (name, description, archived_at) on public.projects to authenticated;
grant all on public.projects to service_role;

create policy "Members can read their organization's projects" on public.projects
  for select to authenticated
  using (org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Managers can create projects" on public.projects
  for insert to authenticated
  with check (private.has_role(org_id, 'manager') and created_by = (select auth.uid()));

create policy "Managers can rename and archive projects" on public.projects
  for update to authenticated
  using (private.has_role(org_id, 'manager'))
  with check (private.has_role(org_id, 'manager'));
