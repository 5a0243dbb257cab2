-- Meetings booked in Kiln written to their owner's Google Calendar (issue: "Meetings booked in
-- Kiln can be written to the owner's Google Calendar with the lead as attendee"). Owned by
-- lib/meetings (its README, google-write.ts).
--
-- One row per Google event Kiln made: which meeting it stands for now (a reschedule is a new
-- meeting row, and the link moves to it, so the same event moves), whose calendar holds it, and
-- how the last write went. The event id is chosen here, before Google is called, so a retried
-- insert cannot make a second event and the calendar read sync knows the event as Kiln's own
-- from the start (lib/meetings/google.ts).
--
-- Members read the row of a meeting they can see; only the functions below (a change the caller
-- just made to a meeting) and the writing job (service role) write it.

create table public.meeting_google_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  meeting_id uuid not null unique references public.meetings (id) on delete cascade, -- the meeting as it stands now
  user_id uuid not null references auth.users (id) on delete cascade,               -- whose calendar holds the event
  connection_id uuid not null references public.google_connections (id) on delete cascade,
  -- Google's rule for a client-chosen id: base32hex, 5 to 1024 characters.
  google_event_id text not null check (google_event_id ~ '^[a-v0-9]{5,}$' and char_length(google_event_id) <= 1024),
  state text not null default 'pending' check (state in ('pending', 'added', 'failed', 'removed')),
  -- Why the last write failed (lib/meetings/google-write.ts GOOGLE_WRITE_ERRORS); null otherwise.
  error_kind text check (error_kind in ('needs_reauth', 'forbidden', 'unavailable', 'rate_limited', 'not_connected',
                                        'gone', 'unexpected')),
  generation integer not null default 1,        -- bumped by every change Kiln asks Google for
  synced_generation integer not null default 0, -- the generation Google has; 0: not inserted yet
  attempts integer not null default 0,
  claimed_until timestamptz,                    -- a writer holds the row until then (one write at a time)
  synced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (connection_id, google_event_id),
  check ((state = 'failed') = (error_kind is not null))
);
comment on table public.meeting_google_events is
  'A meeting booked in Kiln as an event in its owner''s Google Calendar: the event id (chosen by Kiln), the meeting it stands for now, and how the last write went.';
alter table public.meeting_google_events enable row level security;
create index meeting_google_events_org_idx on public.meeting_google_events (org_id);
create index meeting_google_events_user_idx on public.meeting_google_events (user_id);
-- The sweep: rows with a change Google has not had yet.
create index meeting_google_events_due_idx on public.meeting_google_events (updated_at)
  where synced_generation < generation;
create trigger meeting_google_events_updated_at before update on public.meeting_google_events
  for each row execute function private.set_updated_at();

revoke all on public.meeting_google_events from anon, authenticated;
grant select (id, org_id, meeting_id, user_id, google_event_id, state, error_kind, synced_at, created_at, updated_at)
  on public.meeting_google_events to authenticated;
grant all on public.meeting_google_events to service_role;

-- The meetings policy decides inside the subquery (a meeting of a lead the reader can see).
create policy "Members can read the calendar event of a meeting they can see" on public.meeting_google_events
  for select to authenticated
  using (
    org_id = any ((select private.current_org_ids())::uuid[])
    and exists (select 1 from public.meetings m where m.id = meeting_google_events.meeting_id)
  );

-- ---------------------------------------------------------------------------
-- Called in the transaction of a change the caller just made to a manual meeting (created,
-- edited, rescheduled, canceled): the meeting's event is due for a write. A reschedule moves the
-- old meeting's event to the new row. A meeting without an event gets one when `wanted` and its
-- owner's Google Calendar is connected, on and granted `scopes` (lib/integrations/google/parts.ts);
-- otherwise nothing happens. Returns the row due for a write, or null.
create or replace function private.request_meeting_google_event(meeting_id uuid, wanted boolean, scopes text[])
  returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  m public.meetings;
  link uuid;
  connection uuid;
begin
  select * into m from public.meetings where id = meeting_id;
  if not found or m.provider <> 'manual' then
    return null;
  end if;
  -- Whoever entered the meeting, else the people who may change it (raises for anyone else).
  if uid is null or m.created_by is distinct from uid then
    perform private.meeting_for_change(meeting_id);
  end if;

  update public.meeting_google_events e
     set meeting_id = m.id, generation = e.generation + 1, state = 'pending', error_kind = null
   where e.meeting_id = m.id or (m.rescheduled_from_id is not null and e.meeting_id = m.rescheduled_from_id)
  returning e.id into link;
  if link is not null or not coalesce(wanted, false) or m.status <> 'scheduled' or m.owner_id is null then
    return link;
  end if;

  select g.id into connection from public.google_connections g
   where g.org_id = m.org_id and g.user_id = m.owner_id and g.status = 'connected' and g.calendar_enabled
     and g.scopes @> request_meeting_google_event.scopes;
  if connection is null then
    return null;
  end if;
  insert into public.meeting_google_events (org_id, meeting_id, user_id, connection_id, google_event_id)
  values (m.org_id, m.id, m.owner_id, connection, 'kiln' || replace(gen_random_uuid()::text, '-', ''))
  returning id into link;
  return link;
end
$$;
revoke all on function private.request_meeting_google_event(uuid, boolean, text[]) from public;
grant execute on function private.request_meeting_google_event(uuid, boolean, text[]) to authenticated;
