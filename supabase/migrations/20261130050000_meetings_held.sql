-- Marking a meeting held. Calendly reports bookings, cancellations and no-shows, but never
-- that a meeting took place: the person who held it says so. Meetings stay read-only for
-- members (no update grant, no update policy); this one function is the only write they
-- get, and it can do exactly one thing: turn a started, still scheduled meeting into a
-- completed one, for the meeting's owner or a manager and above.
--
-- A function rather than `grant update (status)` + policy + trigger: a column grant would
-- let a member write any status the check constraint allows (back to scheduled, canceled)
-- and the trigger would have to undo that freedom again; here the one allowed transition is
-- all there is. Errors carry a HINT the HTTP layer maps to a status (lib/http/errors.ts);
-- `not_started` is mapped by lib/meetings/held.ts.
create or replace function private.mark_meeting_held(meeting_id uuid) returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  m public.meetings;
begin
  select * into m from public.meetings where id = meeting_id for update;
  if not found then
    raise exception 'Meeting not found.' using errcode = 'P0001', hint = 'not_found';
  end if;

  -- Jobs and the demo seed run as the service role, which may write meetings anyway.
  if (select auth.role()) is distinct from 'service_role' then
    -- Another organization, or a lead the caller may not see (reps limited to their own
    -- leads, deleted leads): the same answer as a meeting that does not exist.
    if uid is null or not private.is_member(m.org_id) or not exists (
         select 1 from public.leads l
          where l.id = m.lead_id and l.deleted_at is null
            and (l.org_id = any (private.orgs_seeing_all_leads()) or coalesce(l.owner_id, uid) = uid)) then
      raise exception 'Meeting not found.' using errcode = 'P0001', hint = 'not_found';
    end if;
    if m.owner_id is distinct from uid and not private.has_role(m.org_id, 'manager') then
      raise exception 'Only the meeting''s owner or a manager can mark it as held.' using errcode = 'P0001', hint = 'forbidden';
    end if;
  end if;

  if m.status = 'completed' then
    raise exception 'This meeting is already marked as held.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if m.rescheduled_to_id is not null then
    raise exception 'This meeting was moved to another time; mark the new one as held.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if m.status = 'canceled' then
    raise exception 'This meeting was canceled, so it cannot have been held.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if m.no_show then
    raise exception 'This meeting is marked as a no-show in Calendly. Clear the no-show there first.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if m.starts_at > now() then
    raise exception 'This meeting has not started yet.' using errcode = 'P0001', hint = 'not_started';
  end if;

  update public.meetings set status = 'completed' where id = m.id returning * into m;
  return m;
end
$$;

revoke all on function private.mark_meeting_held(uuid) from public;
grant execute on function private.mark_meeting_held(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- The timeline entry for it.
select private.allow_lead_event_types('meeting_held');
