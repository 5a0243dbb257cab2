import "server-only";
import type { Tx } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import type { MeetingProvider } from "./record";
import type { GoogleEventError, GoogleEventState, ListMeetingsQuery, MeetingDisplayStatus } from "./schema";

export type MeetingItem = {
  id: string;
  leadId: string;
  leadName: string;
  ownerId: string | null;
  ownerName: string | null;
  provider: MeetingProvider;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string | null;
  location: string | null;
  joinUrl: string | null;
  status: MeetingDisplayStatus;
  noShow: boolean;
  canceledReason: string | null;
  rescheduledFromStartsAt: Date | null;
  inviteeName: string | null;
  inviteeEmail: string | null;
  answers: { question: string; answer: string }[];
  /** Who else comes, as typed (manual meetings). */
  attendees: string | null;
  /** What came of it, typed when it was marked held. */
  outcomeNote: string | null;
  /** The viewer may mark it held now: the rule private.mark_meeting_held enforces, for the button. */
  canMarkHeld: boolean;
  /** The viewer may edit, reschedule, cancel or mark a no-show: a manual meeting of theirs (or a manager), not yet over. */
  canChange: boolean;
  /** Its event in the owner's Google Calendar (a meeting booked in Kiln), when one was asked for. */
  googleCalendar: { id: string; state: GoogleEventState; errorKind: GoogleEventError | null } | null;
};

export type MeetingPage = { meetings: MeetingItem[]; nextCursor: string | null };

const DISPLAY_STATUS = `case when m.no_show then 'no_show' when m.status = 'canceled' then 'canceled'
  when m.rescheduled_from_id is not null and m.status = 'scheduled' then 'rescheduled' else m.status end`;

// Both queries bind the organization as $1.
const COLUMNS = `m.id, m.lead_id as "leadId", l.name as "leadName", m.owner_id as "ownerId",
  coalesce(nullif(p.full_name, ''), p.email) as "ownerName", m.provider, m.title, m.starts_at as "startsAt", m.ends_at as "endsAt",
  m.timezone, m.location, m.join_url as "joinUrl", ${DISPLAY_STATUS} as status, m.no_show as "noShow",
  m.canceled_reason as "canceledReason", prev.starts_at as "rescheduledFromStartsAt",
  m.invitee_name as "inviteeName", m.invitee_email as "inviteeEmail", m.answers,
  m.attendees, m.outcome_note as "outcomeNote",
  coalesce(m.status = 'scheduled' and not m.no_show and m.rescheduled_to_id is null and m.starts_at <= now()
    and (m.owner_id = (select auth.uid()) or (select private.has_role($1, 'manager'))), false) as "canMarkHeld",
  coalesce(m.provider = 'manual' and m.status = 'scheduled' and m.rescheduled_to_id is null
    and (m.owner_id = (select auth.uid()) or (select private.has_role($1, 'manager'))), false) as "canChange",
  case when g.id is null then null else json_build_object('id', g.id, 'state', g.state, 'errorKind', g.error_kind) end
    as "googleCalendar",
  m.starts_at::text as sort_at`;

const STATUS_FILTER: Record<NonNullable<ListMeetingsQuery["status"]>, string> = {
  scheduled: "m.status = 'scheduled' and not m.no_show",
  rescheduled: "m.status = 'scheduled' and not m.no_show and m.rescheduled_from_id is not null",
  canceled: "m.status = 'canceled'",
  no_show: "m.no_show",
};

/**
 * Meetings the caller may see (RLS: those of leads they can see), newest first in the past
 * tab and soonest first upcoming, keyset-paged on (starts_at, id). The replaced half of a
 * reschedule is left out: the new half stands for the whole, labelled rescheduled.
 */
export async function listMeetings(
  tx: Tx,
  orgId: string,
  userId: string,
  query: ListMeetingsQuery,
): Promise<MeetingPage> {
  const params: unknown[] = [orgId];
  const where = ["m.org_id = $1", "m.rescheduled_to_id is null"];
  const ascending = query.tab === "upcoming";
  if (query.tab === "upcoming") where.push("m.ends_at >= now()");
  if (query.tab === "past") where.push("m.ends_at < now()");
  if (query.leadId) where.push(`m.lead_id = $${params.push(query.leadId)}`);
  if (query.owner === "unassigned") where.push("m.owner_id is null");
  else if (query.owner) where.push(`m.owner_id = $${params.push(query.owner === "me" ? userId : query.owner)}`);
  if (query.status) where.push(STATUS_FILTER[query.status]);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    where.push(
      `(m.starts_at, m.id) ${ascending ? ">" : "<"} ($${params.push(cursor.at)}::timestamptz, $${params.push(cursor.id)}::uuid)`,
    );
  }
  const direction = ascending ? "asc" : "desc";
  const limit = query.limit;
  const { rows } = await tx.query<MeetingItem & { sort_at: string }>(
    `select ${COLUMNS}
       from public.meetings m
       join public.leads l on l.id = m.lead_id
       left join public.profiles p on p.id = m.owner_id
       left join public.meetings prev on prev.id = m.rescheduled_from_id
       left join public.meeting_google_events g on g.meeting_id = m.id
      where ${where.join(" and ")}
      order by m.starts_at ${direction}, m.id ${direction}
      limit ${limit + 1}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    meetings: page.map(({ sort_at: _sortAt, ...meeting }) => meeting),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.sort_at, id: last.id }) : null,
  };
}

export async function getMeeting(tx: Tx, orgId: string, id: string): Promise<MeetingItem | null> {
  const { rows } = await tx.query<MeetingItem & { sort_at: string }>(
    `select ${COLUMNS}
       from public.meetings m
       join public.leads l on l.id = m.lead_id
       left join public.profiles p on p.id = m.owner_id
       left join public.meetings prev on prev.id = m.rescheduled_from_id
       left join public.meeting_google_events g on g.meeting_id = m.id
      where m.org_id = $1 and m.id = $2`,
    [orgId, id],
  );
  if (!rows[0]) return null;
  const { sort_at: _sortAt, ...meeting } = rows[0];
  return meeting;
}

/** A meeting as a draft may mention it: what it is, when, and how it stands. */
export type LeadMeetingSummary = {
  title: string;
  startsAt: Date;
  status: MeetingDisplayStatus;
  /** The invitee's IANA zone, when the booking carried one. */
  timezone: string | null;
};

/**
 * The lead's next meeting still to come and the latest one before it (held, canceled, missed, or
 * past and not marked), for the drafting job: plain reads with no viewer-specific columns, so they
 * work as the service role as well as under RLS. At most two rows, in no particular order.
 */
export async function meetingsAroundNow(
  tx: Tx,
  orgId: string,
  leadId: string,
  now: Date,
): Promise<LeadMeetingSummary[]> {
  const columns = `m.title, m.starts_at as "startsAt", ${DISPLAY_STATUS} as status, m.timezone`;
  const upcoming = "m.status = 'scheduled' and not m.no_show and m.starts_at >= $3";
  const { rows } = await tx.query<LeadMeetingSummary>(
    `(select ${columns} from public.meetings m
       where m.org_id = $1 and m.lead_id = $2 and m.rescheduled_to_id is null and ${upcoming}
       order by m.starts_at asc limit 1)
     union all
     (select ${columns} from public.meetings m
       where m.org_id = $1 and m.lead_id = $2 and m.rescheduled_to_id is null and not (${upcoming})
       order by m.starts_at desc limit 1)`,
    [orgId, leadId, now],
  );
  return rows;
}
