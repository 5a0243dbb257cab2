-- Scheduled dashboard reports (issue 13): a user subscribes to a weekly or monthly PDF of the
-- dashboard, in their own time zone; a job generates it AS THAT USER (so it shows what their
-- dashboard shows), stores it and emails it. Written only by lib/reports: subscriptions by the
-- subscriber (RLS), runs by the generation job (service role).

-- ---------------------------------------------------------------------------
create table public.report_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid, -- null: all projects
  cadence text not null check (cadence in ('weekly', 'monthly')),
  weekday smallint check (weekday between 1 and 7), -- ISO: 1 = Monday; weekly only
  day_of_month smallint check (day_of_month between 1 and 31), -- monthly only; clamped to short months
  hour smallint not null check (hour between 0 and 23), -- local hour in time_zone
  time_zone text not null check (char_length(time_zone) between 1 and 64), -- IANA name
  active boolean not null default true,
  -- When the dispatcher next generates it (computed by lib/reports/schedule.ts; moved on at dispatch).
  next_run_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint report_subscriptions_day_fits_cadence check (
    (cadence = 'weekly' and weekday is not null and day_of_month is null)
    or (cadence = 'monthly' and day_of_month is not null and weekday is null)),
  -- The project must be one of this organization's; deleting it deletes its subscriptions.
  constraint report_subscriptions_project_fkey foreign key (project_id, org_id)
    references public.projects (id, org_id) on delete cascade
);
comment on table public.report_subscriptions is
  'A user''s scheduled dashboard report (weekly or monthly PDF by email) in one organization and project (null = all).';
alter table public.report_subscriptions enable row level security;
create index report_subscriptions_user_org_idx on public.report_subscriptions (user_id, org_id);
create index report_subscriptions_org_id_idx on public.report_subscriptions (org_id);
create index report_subscriptions_project_id_idx on public.report_subscriptions (project_id) where project_id is not null;
-- The dispatcher's scan: due and active.
create index report_subscriptions_due_idx on public.report_subscriptions (next_run_at) where active;
create trigger report_subscriptions_set_updated_at before update on public.report_subscriptions
  for each row execute function private.set_updated_at();

revoke all on public.report_subscriptions from anon, authenticated;
grant select, delete on public.report_subscriptions to authenticated;
grant insert (user_id, org_id, project_id, cadence, weekday, day_of_month, hour, time_zone, active, next_run_at)
  on public.report_subscriptions to authenticated;
grant update (project_id, cadence, weekday, day_of_month, hour, time_zone, active, next_run_at)
  on public.report_subscriptions to authenticated;
grant all on public.report_subscriptions to service_role;

create policy "Users can read their own report subscriptions in their organizations" on public.report_subscriptions
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can subscribe themselves to reports in their organizations" on public.report_subscriptions
  for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can change their own report subscriptions in their organizations" on public.report_subscriptions
  for update to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]))
  with check (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

create policy "Users can delete their own report subscriptions in their organizations" on public.report_subscriptions
  for delete to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));

-- ---------------------------------------------------------------------------
-- Each generated report: the period it covers, the PDF, and whether the email went out.
-- The generation job keeps only the newest few per subscription (lib/reports/runs.ts).
create table public.report_runs (
  id uuid primary key default gen_random_uuid(),
  subscription_id uuid not null references public.report_subscriptions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid,
  -- The dispatch this run answers (null: "send now"); one run per dispatch, so a retried job is a no-op.
  scheduled_for timestamptz,
  period_from date not null, -- local days in time_zone, both included
  period_to date not null,
  time_zone text not null check (char_length(time_zone) between 1 and 64),
  -- sending: generated and stored, the email not handed over yet (a retry sends the stored PDF).
  status text not null check (status in ('sending', 'sent', 'failed')),
  error_kind text check (error_kind in ('generation', 'email')),
  pdf bytea check (octet_length(pdf) <= 10485760),
  created_at timestamptz not null default now(),
  constraint report_runs_period_order check (period_from <= period_to),
  constraint report_runs_failure_has_kind check ((status = 'failed') = (error_kind is not null)),
  constraint report_runs_generated_has_pdf check (status = 'failed' or pdf is not null),
  constraint report_runs_one_per_dispatch unique (subscription_id, scheduled_for)
);
comment on table public.report_runs is
  'The history of a report subscription: each generated PDF, its period and delivery status. Written by the report job only.';
alter table public.report_runs enable row level security;
create index report_runs_user_org_idx on public.report_runs (user_id, org_id, created_at desc);
create index report_runs_org_id_idx on public.report_runs (org_id);
create index report_runs_subscription_idx on public.report_runs (subscription_id, created_at desc);

revoke all on public.report_runs from anon, authenticated;
grant select on public.report_runs to authenticated;
grant all on public.report_runs to service_role;

create policy "Users can read their own report history in their organizations" on public.report_runs
  for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any ((select private.current_org_ids())::uuid[]));
