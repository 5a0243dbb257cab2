-- Sign-out that always works, rate-limit counters shared by every app instance, and
-- sign-ups that wait for the address to be confirmed.

-- 1. Signing out must not depend on still belonging to the session's organization.
-- The old with-check asked private.is_member(current_org_id) of every updated row, so a
-- member removed from their current organization could no longer revoke their own session.
-- The membership check belongs to switching only: a trigger makes it when current_org_id changes.
drop policy "Users can switch organization and sign out their own sessions" on public.user_sessions;

create policy "Users can update their own sessions" on public.user_sessions
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create or replace function private.switch_sessions_to_member_orgs_only() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  -- The server (service role, no user) sets the organization at sign-in from the user's own memberships.
  if new.current_org_id is distinct from old.current_org_id
     and new.current_org_id is not null
     and (select auth.uid()) is not null
     and not private.is_member(new.current_org_id) then
    raise exception 'you can only switch to an organization you belong to' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger user_sessions_switch_to_member_orgs_only before update of current_org_id on public.user_sessions
  for each row execute function private.switch_sessions_to_member_orgs_only();

-- 2. Rate-limit counters (lib/http/rate-limit.ts): one row per scope, key and fixed window;
-- the limiter weighs the previous window into the current one (a sliding-window estimate).
-- Only the server touches it: RLS on, no policies.
create table public.rate_limit_counters (
  scope text not null check (char_length(scope) between 1 and 64), -- e.g. 'sign-in:ip'
  key text not null check (char_length(key) between 1 and 200), -- e.g. a client address or an email's hash
  window_start timestamptz not null,
  hits integer not null check (hits >= 0),
  primary key (scope, key, window_start)
);
comment on table public.rate_limit_counters is 'Server-only: request counters per scope, key and window for rate limits. No policies by design.';
alter table public.rate_limit_counters enable row level security;
create index rate_limit_counters_window_start_idx on public.rate_limit_counters (window_start); -- pruning
revoke all on public.rate_limit_counters from anon, authenticated;
grant all on public.rate_limit_counters to service_role;

-- Counts one request of cost `cost` for (scope, key) unless that would pass `max_hits` within
-- the sliding window; atomic under concurrency (the upsert re-checks the locked row).
-- Answers whether it was counted and, if not, how many seconds until it would be.
create or replace function private.rate_limit_hit(
  p_scope text, p_key text, p_window_seconds integer, p_max_hits integer, p_cost integer default 1
) returns table (allowed boolean, retry_after_seconds double precision)
  language plpgsql
  set search_path = ''
as $$
declare
  win interval := make_interval(secs => p_window_seconds);
  now_epoch double precision := extract(epoch from now());
  cur_start timestamptz := to_timestamp(floor(now_epoch / p_window_seconds) * p_window_seconds);
  elapsed double precision := (now_epoch - extract(epoch from cur_start)) / p_window_seconds; -- 0..1
  previous integer;
  current_hits integer;
  weighted double precision;
begin
  select coalesce(sum(c.hits), 0) into previous from public.rate_limit_counters c
    where c.scope = p_scope and c.key = p_key and c.window_start = cur_start - win;
  weighted := previous * (1 - elapsed);

  insert into public.rate_limit_counters as c (scope, key, window_start, hits)
    select p_scope, p_key, cur_start, p_cost where weighted + p_cost <= p_max_hits
  on conflict (scope, key, window_start) do update set hits = c.hits + excluded.hits
    where c.hits + excluded.hits + weighted <= p_max_hits
  returning c.hits into current_hits;
  if current_hits is not null then
    return query select true, 0::double precision;
    return;
  end if;

  select coalesce(sum(c.hits), 0) into current_hits from public.rate_limit_counters c
    where c.scope = p_scope and c.key = p_key and c.window_start = cur_start;
  -- Room comes back as the previous window's weight fades, or at the latest when the next
  -- window starts (the current one then becomes "previous" and fades in turn).
  if previous > 0 and current_hits + p_cost <= p_max_hits then
    return query select false, greatest(1, ((1 - (p_max_hits - current_hits - p_cost)::double precision / previous) - elapsed) * p_window_seconds);
  else
    return query select false, greatest(1, (1 - elapsed) * p_window_seconds
      + case when current_hits + p_cost > p_max_hits and current_hits > 0
             then (1 - (p_max_hits - p_cost)::double precision / current_hits) * p_window_seconds else 0 end);
  end if;
end
$$;
revoke all on function private.rate_limit_hit(text, text, integer, integer, integer) from public;
grant execute on function private.rate_limit_hit(text, text, integer, integer, integer) to service_role;

-- 3. Sign-ups wait for a click on the link emailed to the address, so the sign-up answer is
-- the same whether or not the address already has an account (no account enumeration).
-- Only the hash of the token is kept. Server-only: RLS on, no policies.
create table public.sign_up_requests (
  id uuid primary key default gen_random_uuid(),
  email text not null check (char_length(email) <= 254), -- lower-cased
  token_hash text not null unique,
  password_hash text not null, -- bcrypt, as it will be stored in auth.users
  full_name text not null check (char_length(full_name) <= 120),
  organization_name text check (char_length(organization_name) <= 120),
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
comment on table public.sign_up_requests is 'Server-only: sign-ups waiting for their email link; deleted when confirmed. No policies by design.';
alter table public.sign_up_requests enable row level security;
create index sign_up_requests_email_idx on public.sign_up_requests (email);
create index sign_up_requests_expires_at_idx on public.sign_up_requests (expires_at); -- pruning
revoke all on public.sign_up_requests from anon, authenticated;
grant all on public.sign_up_requests to service_role;
