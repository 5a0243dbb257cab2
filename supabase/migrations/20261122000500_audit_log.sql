-- Who did what in an organization. Append-only: there are no update or delete
-- policies, and the grants do not even allow trying.
create table public.audit_log (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null, -- null: system or webhook
  action text not null check (action ~ '^[a-z_]+\.[a-z_.]+$'), -- e.g. member.role_changed
  target_type text,
  target_id text,
  metadata jsonb not null default '{}'::jsonb, -- never secrets, tokens or message bodies
  created_at timestamptz not null default now()
);
comment on table public.audit_log is 'Append-only record of administrative actions per organization.';
alter table public.audit_log enable row level security;
create index audit_log_org_id_created_at_idx on public.audit_log (org_id, created_at desc);

revoke all on public.audit_log from anon, authenticated;
grant select, insert on public.audit_log to authenticated;
grant all on public.audit_log to service_role;

create policy "Admins can read their organization's audit log" on public.audit_log
  for select to authenticated
  using (private.has_role(org_id, 'admin'));

create policy "Members can record their own actions" on public.audit_log
  for insert to authenticated
  with check (private.is_member(org_id) and actor_id = (select auth.uid()));
