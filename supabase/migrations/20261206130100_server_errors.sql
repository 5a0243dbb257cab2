-- Server errors: every 500 a route handler answers (lib/http/route.ts), with the request id
-- the response carried in `x-request-id`, so a person quoting that id can be matched to the
-- error in the platform admin console (/admin/errors). lib/http/server-errors.ts is the only
-- writer; rows older than 30 days are pruned by it.
--
-- Server-only: RLS on, no policies. Messages can hold details of any organization.

create table public.server_errors (
  id uuid primary key default gen_random_uuid(),
  request_id text not null check (char_length(request_id) between 1 and 200),
  org_id uuid references public.organizations (id) on delete set null, -- the caller's current organization, if any
  user_id uuid references auth.users (id) on delete set null,
  method text not null check (char_length(method) <= 10),
  path text not null check (char_length(path) <= 2000), -- without the query string, which may carry tokens
  status int not null check (status between 500 and 599),
  error_name text check (char_length(error_name) <= 200), -- Error, TypeError, a Postgres SQLSTATE …
  message text not null check (char_length(message) <= 2000),
  created_at timestamptz not null default now()
);
comment on table public.server_errors is
  'Server-only: 500 responses of route handlers with their request id, for the platform admin console. No policies by design.';
alter table public.server_errors enable row level security;
create index server_errors_created_at_idx on public.server_errors (created_at desc, id desc);
create index server_errors_request_id_idx on public.server_errors (request_id);
create index server_errors_org_id_idx on public.server_errors (org_id, created_at desc) where org_id is not null;
revoke all on public.server_errors from anon, authenticated;
grant select, insert, delete on public.server_errors to service_role;
