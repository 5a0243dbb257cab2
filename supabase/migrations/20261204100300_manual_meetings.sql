-- Meetings entered by hand (provider 'manual': a call arranged by phone, a site visit), and
-- Calendly booking answers read for BANT. Owned by lib/meetings (its README).
--
-- Meetings stay read-only for members (no insert or update grant, no write policy), as
-- migration 20261130050000 decided for "mark as held": each change a person may make is one
-- function below that does exactly that change, for exactly the people allowed to. Calendly
-- owns its meetings' times, cancellation and no-show mark; these functions refuse them (409).
-- Errors carry a HINT the HTTP layer maps to a status (lib/http/errors.ts).

alter table public.meetings
  add column attendees text check (char_length(attendees) <= 1000),      -- who else comes, as typed
  add column outcome_note text check (char_length(outcome_note) <= 2000), -- what came of it, typed when marked held
  add column created_by uuid references auth.users (id) on delete set null; -- who entered a manual meeting
comment on column public.meetings.title is 'As the organizer named it; empty when unnamed (the reader''s language words the fallback).';

-- A manual meeting's answers come from nobody; Calendly's are read for BANT once per booking.
alter table public.bant_suggestions
  add column meeting_id uuid references public.meetings (id) on delete set null; -- the booking whose answers it was read from
create unique index bant_suggestions_meeting_key on public.bant_suggestions (meeting_id, dimension) where meeting_id is not null;

-- ---------------------------------------------------------------------------
-- The meeting a member may change, of either provider: locked, visible to them (the same answer
-- as a meeting that does not exist otherwise), theirs or managed by them.
create or replace function private.meeting_for_change(meeting_id uuid) returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  m public.meetings;
begin
  select * into m from public.meetings where id = meeting_id for update;
  if not found or uid is null or not private.is_member(m.org_id) or not exists (
       select 1 from public.leads l
        where l.id = m.lead_id and l.deleted_at is null
          and (l.org_id = any (private.orgs_seeing_all_leads()) or coalesce(l.owner_id, uid) = uid)) then
    raise exception 'Meeting not found.' using errcode = 'P0001', hint = 'not_found';
  end if;
  if m.owner_id is distinct from uid and not private.has_role(m.org_id, 'manager') then
    raise exception 'Only the meeting''s owner or a manager can change it.' using errcode = 'P0001', hint = 'forbidden';
  end if;
  return m;
end
$$;
revoke all on function private.meeting_for_change(uuid) from public;

-- ... and entered by hand and still to be held.
create or replace function private.manual_meeting_for_change(meeting_id uuid) returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  m public.meetings := private.meeting_for_change(meeting_id);
begin
  if m.provider <> 'manual' then
    raise exception 'Calendly owns this meeting. Change it in Calendly.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if m.rescheduled_to_id is not null then
    raise exception 'This meeting was moved to another time; change the new one.' using errcode = 'P0001', hint = 'conflict';
  end if;
  return m;
end
$$;
revoke all on function private.manual_meeting_for_change(uuid) from public;

-- The owner, when one is given, must be a member of the organization.
create or replace function private.check_meeting_owner(org uuid, owner uuid) returns void
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if owner is not null and not exists (select 1 from public.memberships where org_id = org and user_id = owner) then
    raise exception 'The owner must be a member of the organization.' using errcode = 'P0001', hint = 'invalid_owner';
  end if;
end
$$;
revoke all on function private.check_meeting_owner(uuid, uuid) from public;

-- Any member who can see the lead may enter a meeting with it; it is theirs unless they name
-- another member as its owner.
create or replace function private.create_manual_meeting(
  org uuid, lead uuid, owner uuid, title text, starts_at timestamptz, ends_at timestamptz,
  timezone text, location text, join_url text, attendees text
) returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  m public.meetings;
begin
  if uid is null or not private.is_member(org) or not exists (
       select 1 from public.leads l
        where l.id = lead and l.org_id = org and l.deleted_at is null
          and (l.org_id = any (private.orgs_seeing_all_leads()) or coalesce(l.owner_id, uid) = uid)) then
    raise exception 'Lead not found.' using errcode = 'P0001', hint = 'not_found';
  end if;
  perform private.check_meeting_owner(org, owner);
  insert into public.meetings (org_id, lead_id, owner_id, provider, title, starts_at, ends_at, timezone, location,
                               join_url, attendees, created_by, booked_at)
  values (org, lead, coalesce(owner, uid), 'manual', coalesce(title, ''), starts_at, ends_at, timezone, location,
          join_url, attendees, uid, now())
  returning * into m;
  return m;
end
$$;

-- What, where and who: the time is a reschedule (below).
create or replace function private.update_manual_meeting(
  meeting_id uuid, title text, timezone text, location text, join_url text, attendees text, owner uuid
) returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  m public.meetings := private.manual_meeting_for_change(meeting_id);
begin
  if m.status <> 'scheduled' then
    raise exception 'Only a scheduled meeting can be changed.' using errcode = 'P0001', hint = 'conflict';
  end if;
  perform private.check_meeting_owner(m.org_id, owner);
  update public.meetings
     set title = coalesce(update_manual_meeting.title, ''), timezone = update_manual_meeting.timezone,
         location = update_manual_meeting.location, join_url = update_manual_meeting.join_url,
         attendees = update_manual_meeting.attendees, owner_id = coalesce(owner, m.owner_id)
   where id = m.id
  returning * into m;
  return m;
end
$$;

-- A new time is a new row, as Calendly reports it: the old one canceled and linked to the new
-- one both ways, so lists, the timeline and the scoring engine read both kinds of meeting alike.
create or replace function private.reschedule_manual_meeting(meeting_id uuid, starts_at timestamptz, ends_at timestamptz)
  returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  old public.meetings := private.manual_meeting_for_change(meeting_id);
  m public.meetings;
begin
  if old.status <> 'scheduled' or old.no_show then
    raise exception 'Only a scheduled meeting can be rescheduled.' using errcode = 'P0001', hint = 'conflict';
  end if;
  insert into public.meetings (org_id, lead_id, owner_id, provider, title, starts_at, ends_at, timezone, location,
                               join_url, attendees, created_by, booked_at, rescheduled_from_id)
  values (old.org_id, old.lead_id, old.owner_id, 'manual', old.title, starts_at, ends_at, old.timezone, old.location,
          old.join_url, old.attendees, (select auth.uid()), now(), old.id)
  returning * into m;
  update public.meetings set status = 'canceled', canceled_at = now(), rescheduled_to_id = m.id where id = old.id;
  return m;
end
$$;

create or replace function private.cancel_manual_meeting(meeting_id uuid, reason text) returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  m public.meetings := private.manual_meeting_for_change(meeting_id);
  who text;
begin
  if m.status <> 'scheduled' then
    raise exception 'Only a scheduled meeting can be canceled.' using errcode = 'P0001', hint = 'conflict';
  end if;
  select coalesce(nullif(p.full_name, ''), p.email) into who from public.profiles p where p.id = (select auth.uid());
  update public.meetings set status = 'canceled', canceled_at = now(), canceled_reason = reason, canceled_by = who
   where id = m.id
  returning * into m;
  return m;
end
$$;

-- Marked (or cleared) by the person who waited: a meeting that has started and was not held.
create or replace function private.set_manual_meeting_no_show(meeting_id uuid, no_show boolean) returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  m public.meetings := private.manual_meeting_for_change(meeting_id);
begin
  if m.status <> 'scheduled' then
    raise exception 'Only a scheduled meeting can be marked as a no-show.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if m.no_show = set_manual_meeting_no_show.no_show then
    raise exception 'This meeting is already marked that way.' using errcode = 'P0001', hint = 'conflict';
  end if;
  if m.starts_at > now() then
    raise exception 'This meeting has not started yet.' using errcode = 'P0001', hint = 'not_started';
  end if;
  update public.meetings set no_show = set_manual_meeting_no_show.no_show, no_show_changed_at = now()
   where id = m.id
  returning * into m;
  return m;
end
$$;

-- The outcome of a held meeting (of either provider), by its owner or a manager.
create or replace function private.note_meeting_outcome(meeting_id uuid, note text) returns public.meetings
  language plpgsql security definer
  set search_path = ''
as $$
declare
  m public.meetings := private.meeting_for_change(meeting_id);
begin
  if m.status <> 'completed' then
    raise exception 'Only a held meeting has an outcome.' using errcode = 'P0001', hint = 'conflict';
  end if;
  update public.meetings set outcome_note = nullif(btrim(note), '') where id = m.id returning * into m;
  return m;
end
$$;

revoke all on function private.create_manual_meeting(uuid, uuid, uuid, text, timestamptz, timestamptz, text, text, text, text),
  private.update_manual_meeting(uuid, text, text, text, text, text, uuid),
  private.reschedule_manual_meeting(uuid, timestamptz, timestamptz),
  private.cancel_manual_meeting(uuid, text),
  private.set_manual_meeting_no_show(uuid, boolean),
  private.note_meeting_outcome(uuid, text) from public;
-- The two helpers above run only inside these (as their owner): no grant of their own.
grant execute on function private.create_manual_meeting(uuid, uuid, uuid, text, timestamptz, timestamptz, text, text, text, text),
  private.update_manual_meeting(uuid, text, text, text, text, text, uuid),
  private.reschedule_manual_meeting(uuid, timestamptz, timestamptz),
  private.cancel_manual_meeting(uuid, text),
  private.set_manual_meeting_no_show(uuid, boolean),
  private.note_meeting_outcome(uuid, text) to authenticated;
