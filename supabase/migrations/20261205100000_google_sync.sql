-- Syncing a person's Google account (Calendar and Gmail) into Kiln, visibly: every run is a
-- sync job with its progress and outcome, every item it handled a sync event (what happened and
-- why, as kinds), and per connection and target the cursor the next run continues from.
-- Calendar events seen are kept per connection; those with a lead among their attendees become
-- meetings with provider 'google' (written by lib/meetings). Written only by lib/sync as the
-- service role (jobs, after the connection was resolved); users read their own jobs, events and
-- calendar, like their own google_connections row: nobody else does, not even an admin.

-- ---------------------------------------------------------------------------
-- Sync jobs: one run of one target of one connection.
create table public.sync_jobs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  connection_id uuid not null references public.google_connections (id) on delete cascade,
  target text not null check (target in ('gmail', 'calendar')),
  -- initial: no cursor yet; incremental: from the cursor; full_resync: the cursor expired (410) and was dropped.
  kind text not null check (kind in ('initial', 'incremental', 'full_resync')),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  -- Progress, counted while the run goes (the card shows them for a running initial sync).
  seen integer not null default 0 check (seen >= 0),
  created integer not null default 0 check (created >= 0),
  updated integer not null default 0 check (updated >= 0),
  deleted integer not null default 0 check (deleted >= 0),
  skipped integer not null default 0 check (skipped >= 0),
  started_at timestamptz,
  finished_at timestamptz,
  -- Why it failed, as { kind, params } (lib/sync/kinds.ts), worded at read time; never Google's words.
  error jsonb check (error is null or (jsonb_typeof(error) = 'object' and error ? 'kind')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'failed' or error is not null),
  check (finished_at is null or started_at is null or finished_at >= started_at)
);
comment on table public.sync_jobs is
  'One run of a Google sync (Calendar, Gmail) of one user''s connection, with progress and outcome; only that user reads it.';
alter table public.sync_jobs enable row level security;
-- The policy filters on user_id; the card and the API list a user's recent jobs per target.
create index sync_jobs_user_idx on public.sync_jobs (user_id, target, created_at desc);
create index sync_jobs_org_idx on public.sync_jobs (org_id);
-- At most one waiting or running job per connection and target: "sync now" twice joins the first.
create unique index sync_jobs_one_active_key on public.sync_jobs (connection_id, target)
  where status in ('queued', 'running');
create index sync_jobs_connection_idx on public.sync_jobs (connection_id, target, created_at desc);
create trigger sync_jobs_updated_at before update on public.sync_jobs
  for each row execute function private.set_updated_at();

revoke all on public.sync_jobs from anon, authenticated;
grant select on public.sync_jobs to authenticated;
grant all on public.sync_jobs to service_role;
create policy "Users can read their own sync jobs" on public.sync_jobs
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

-- ---------------------------------------------------------------------------
-- Sync events: what one job did with one item (a calendar event, a Gmail message) and why.
create table public.sync_events (
  id uuid primary key default gen_random_uuid(),
  job_id uuid not null references public.sync_jobs (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  action text not null check (action in ('created', 'updated', 'deleted', 'skipped', 'resync')),
  -- Why, as a kind (lib/sync/kinds.ts): lead_attendee, no_lead_attendee, lead_email, no_lead, …
  reason text not null check (reason ~ '^[a-z][a-z0-9_]{0,39}$'),
  params jsonb not null default '{}'::jsonb check (jsonb_typeof(params) = 'object'),
  provider_id text check (char_length(provider_id) <= 1024), -- Google's id of the item
  meeting_id uuid references public.meetings (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.sync_events is
  'What a sync job did with each item and why, as kinds; only the job''s user reads it.';
alter table public.sync_events enable row level security;
create index sync_events_job_idx on public.sync_events (job_id, created_at);
create index sync_events_user_idx on public.sync_events (user_id);
create index sync_events_org_idx on public.sync_events (org_id);
create index sync_events_meeting_idx on public.sync_events (meeting_id) where meeting_id is not null;

revoke all on public.sync_events from anon, authenticated;
grant select on public.sync_events to authenticated;
grant all on public.sync_events to service_role;
create policy "Users can read the events of their own sync jobs" on public.sync_events
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

-- ---------------------------------------------------------------------------
-- Where the next run continues: Calendar's syncToken, Gmail's history id (or the page a full Gmail
-- read resumes at, lib/integrations/google/gmail-cursor.ts). Server-only
-- (RLS on, no policies): a cursor means nothing to a person, and the card reads the jobs.
create table public.google_sync_state (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  connection_id uuid not null references public.google_connections (id) on delete cascade,
  target text not null check (target in ('gmail', 'calendar')),
  -- The Google account the cursor belongs to: after a reconnect with another account the
  -- connection row is the same, but the cursor means nothing there, so the next run is an initial one.
  google_user_id text check (char_length(google_user_id) <= 255),
  cursor text check (char_length(cursor) <= 2000), -- null: the next run is a full one
  cursor_set_at timestamptz,
  last_full_sync_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (connection_id, target)
);
comment on table public.google_sync_state is
  'Server-only (RLS on, no policies): the cursor each Google sync target continues from.';
alter table public.google_sync_state enable row level security;
create index google_sync_state_org_idx on public.google_sync_state (org_id);
create index google_sync_state_user_idx on public.google_sync_state (user_id);
create trigger google_sync_state_updated_at before update on public.google_sync_state
  for each row execute function private.set_updated_at();
revoke all on public.google_sync_state from anon, authenticated;
grant all on public.google_sync_state to service_role;

-- ---------------------------------------------------------------------------
-- The calendar events a sync saw, once per connection and Google event id (a redelivered or
-- resynced event updates its row). Titles are stored as the person wrote them in their calendar.
create table public.google_calendar_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  connection_id uuid not null references public.google_connections (id) on delete cascade,
  google_event_id text not null check (char_length(google_event_id) <= 1024),
  status text not null check (status in ('confirmed', 'tentative', 'cancelled')),
  summary text not null default '' check (char_length(summary) <= 1000),
  starts_at timestamptz,
  ends_at timestamptz,
  all_day boolean not null default false,
  attendee_emails text[] not null default '{}' check (cardinality(attendee_emails) <= 500),
  html_link text check (char_length(html_link) <= 2000),
  -- The leads among the attendees when last synced (their meetings are in public.meetings).
  lead_ids uuid[] not null default '{}',
  google_updated_at timestamptz, -- Google's `updated`: an older copy never overwrites a newer one
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (connection_id, google_event_id),
  check (ends_at is null or starts_at is null or ends_at >= starts_at)
);
comment on table public.google_calendar_events is
  'Events of a user''s primary Google calendar seen by the sync, unique per connection and event id; only that user reads them.';
alter table public.google_calendar_events enable row level security;
create index google_calendar_events_user_starts_idx on public.google_calendar_events (user_id, starts_at);
create index google_calendar_events_org_idx on public.google_calendar_events (org_id);
create index google_calendar_events_leads_idx on public.google_calendar_events using gin (lead_ids);
create trigger google_calendar_events_updated_at before update on public.google_calendar_events
  for each row execute function private.set_updated_at();

revoke all on public.google_calendar_events from anon, authenticated;
grant select on public.google_calendar_events to authenticated;
grant all on public.google_calendar_events to service_role;
create policy "Users can read their own synced calendar events" on public.google_calendar_events
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

-- ---------------------------------------------------------------------------
-- Meetings found in a Google calendar. Their identity (provider_invitee_uri) is
-- `google:<connection id>:<event id>:<lead id>`, so one event with two leads is two meetings and a
-- resync finds the same rows. Google owns their times and cancellation, as Calendly owns its
-- own: the manual-meeting functions already refuse every provider but 'manual'.
alter table public.meetings drop constraint meetings_provider_check;
alter table public.meetings add constraint meetings_provider_check check (provider in ('calendly', 'manual', 'google'));
comment on column public.meetings.provider_invitee_uri is
  'The booking''s identity: a Calendly invitee URI, or google:<connection>:<event>:<lead> for a Google Calendar event.';
-- The sync finds an event's meetings by provider_event_uri (`google:<connection>:<event>`).
create index meetings_google_event_idx on public.meetings (org_id, provider_event_uri) where provider = 'google';
