-- Each user's dashboard: which widgets show, where they sit on the grid, and small preferences
-- (default range, auto-refresh, density). One row per user, organization and project; a row
-- with no project is the user's "all projects" dashboard, which a project without its own row
-- starts from. Written only by lib/dashboard (its zod schemas give the jsonb its exact shape;
-- the checks below keep any writer to the broad shape and a bounded size).
create table public.user_dashboard_settings (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid, -- null: the "all projects" dashboard
  -- { "<widget>": true | false }; a widget missing from the map is shown.
  widget_visibility jsonb not null default '{}'::jsonb
    check (jsonb_typeof(widget_visibility) = 'object' and octet_length(widget_visibility::text) <= 2048),
  -- [{ "i": "<widget>", "x": 0, "y": 0, "w": 4, "h": 8 }, …] on the 12-column grid; [] = the default layout.
  widget_layout jsonb not null default '[]'::jsonb
    check (jsonb_typeof(widget_layout) = 'array' and jsonb_array_length(widget_layout) <= 50
           and octet_length(widget_layout::text) <= 16384),
  -- { "defaultRange": "7d", "refreshSeconds": 0 | 60 | …, "density": "comfortable" | "compact" }
  dashboard_preferences jsonb not null default '{}'::jsonb
    check (jsonb_typeof(dashboard_preferences) = 'object' and octet_length(dashboard_preferences::text) <= 2048),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The project must be one of this organization's; deleting it deletes its dashboards.
  constraint user_dashboard_settings_project_fkey foreign key (project_id, org_id)
    references public.projects (id, org_id) on delete cascade,
  -- One "all projects" row too: nulls are not distinct.
  constraint user_dashboard_settings_one_per_scope unique nulls not distinct (user_id, org_id, project_id)
);
comment on table public.user_dashboard_settings is
  'Each user''s dashboard layout, visible widgets and preferences, per organization and project (null = all projects).';
alter table public.user_dashboard_settings enable row level security;
-- The unique key leads with user_id (every policy's filter); these serve the cascades.
create index user_dashboard_settings_org_id_idx on public.user_dashboard_settings (org_id);
create index user_dashboard_settings_project_id_idx on public.user_dashboard_settings (project_id)
  where project_id is not null;
create trigger user_dashboard_settings_set_updated_at before update on public.user_dashboard_settings
  for each row execute function private.set_updated_at();

revoke all on public.user_dashboard_settings from anon, authenticated;
grant select, delete on public.user_dashboard_settings to authenticated;
grant insert (user_id, org_id, project_id, widget_visibility, widget_layout, dashboard_preferences)
  on public.user_dashboard_settings to authenticated;
grant update (widget_visibility, widget_layout, dashboard_preferences) on public.user_dashboard_settings to authenticated;
grant all on public.user_dashboard_settings to service_role;

create policy "Users can read their own dashboards in their organizations" on public.user_dashboard_settings
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can create their own dashboards in their organizations" on public.user_dashboard_settings
  for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can change their own dashboards in their organizations" on public.user_dashboard_settings
  for update to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]))
  with check (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can reset their own dashboards in their organizations" on public.user_dashboard_settings
  for delete to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));
