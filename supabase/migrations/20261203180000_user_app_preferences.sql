-- Each user's app preferences: one row per user, four sections as jsonb (their exact shapes and
-- per-field defaults are the zod schemas in lib/preferences/schema.ts; a missing or invalid field
-- reads as its default). Written only by lib/preferences. No tokens or secrets here: those stay
-- in the encrypted integration tables.
create table public.user_app_preferences (
  user_id uuid primary key default auth.uid() references auth.users (id) on delete cascade,
  -- { theme, language, direction, density, sidebarCollapsed }
  interface_settings jsonb not null default '{}'::jsonb
    check (jsonb_typeof(interface_settings) = 'object' and octet_length(interface_settings::text) <= 2048),
  -- { timeZone (IANA), dateFormat, hourCycle, weekStart, currency, numberLocale }; the user's one time zone
  data_preferences jsonb not null default '{}'::jsonb
    check (jsonb_typeof(data_preferences) = 'object' and octet_length(data_preferences::text) <= 2048),
  -- { beta: ["<feature>", …], keyboardShortcuts }
  feature_preferences jsonb not null default '{}'::jsonb
    check (jsonb_typeof(feature_preferences) = 'object' and octet_length(feature_preferences::text) <= 2048),
  -- { calendly: {…}, whatsapp: {…}, email: { signature } }: per-user defaults, never credentials
  integration_settings jsonb not null default '{}'::jsonb
    check (jsonb_typeof(integration_settings) = 'object' and octet_length(integration_settings::text) <= 8192),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.user_app_preferences is
  'Each user''s app preferences: interface (theme, language, direction, density), data formats and time zone, features, integration defaults.';
alter table public.user_app_preferences enable row level security;
create trigger user_app_preferences_set_updated_at before update on public.user_app_preferences
  for each row execute function private.set_updated_at();

revoke all on public.user_app_preferences from anon, authenticated;
grant select, delete on public.user_app_preferences to authenticated;
grant insert (user_id, interface_settings, data_preferences, feature_preferences, integration_settings)
  on public.user_app_preferences to authenticated;
grant update (interface_settings, data_preferences, feature_preferences, integration_settings)
  on public.user_app_preferences to authenticated;
grant all on public.user_app_preferences to service_role;

-- Own row only, whatever the role and even inside one organization: preferences are personal.
create policy "Users can read their own app preferences" on public.user_app_preferences
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Users can create their own app preferences" on public.user_app_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users can change their own app preferences" on public.user_app_preferences
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users can reset their own app preferences" on public.user_app_preferences
  for delete to authenticated using (user_id = (select auth.uid()));

-- The time zone moves here from the notification settings (its column is no longer read), and the
-- language from profiles.locale where someone set one Kiln ships other than the default.
insert into public.user_app_preferences (user_id, data_preferences)
select s.user_id, jsonb_build_object('timeZone', s.timezone)
  from public.user_notification_settings s
on conflict (user_id) do nothing;

insert into public.user_app_preferences as p (user_id, interface_settings)
select pr.id, jsonb_build_object('language', split_part(pr.locale, '-', 1))
  from public.profiles pr
 where split_part(pr.locale, '-', 1) in ('de', 'he')
on conflict (user_id) do update set interface_settings = p.interface_settings || excluded.interface_settings;

comment on column public.user_notification_settings.timezone is
  'Superseded by user_app_preferences.data_preferences ->> ''timeZone'' (20261203180000); no longer read.';
comment on column public.profiles.locale is
  'Superseded by user_app_preferences.interface_settings ->> ''language'' (20261203180000); no longer read.';
