-- Dead letters of the job queue: a job that used up its retries is recorded here with
-- its last error, so an organization's admins can see what did not happen and retry it.
-- The queue itself (schema pgboss) is the platform's and holds no policies.
create table public.job_failures (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  queue text not null check (char_length(queue) between 1 and 100),
  job_id text not null,
  data jsonb not null default '{}'::jsonb,    -- the job's input (ids, never secrets or message bodies)
  error text not null check (char_length(error) <= 2000),
  attempts integer not null check (attempts >= 1),
  failed_at timestamptz not null default now(),
  retried_at timestamptz,
  retried_by uuid references auth.users (id) on delete set null,
  unique (queue, job_id)
);
comment on table public.job_failures is 'Jobs that exhausted their retries (dead letters), per organization.';
alter table public.job_failures enable row level security;
create index job_failures_org_idx on public.job_failures (org_id, failed_at desc, id desc);

revoke all on public.job_failures from anon, authenticated;
grant select on public.job_failures to authenticated;
grant update (retried_at, retried_by) on public.job_failures to authenticated;
grant all on public.job_failures to service_role;

create policy "Admins can read their organization's failed jobs" on public.job_failures
  for select to authenticated
  using (private.has_role(org_id, 'admin'));
create policy "Admins can mark their organization's failed jobs as retried, as themselves" on public.job_failures
  for update to authenticated
  using (private.has_role(org_id, 'admin'))
  with check (private.has_role(org_id, 'admin') and retried_by = (select auth.uid()));
