/**
 * Meetings found in a person's Google Calendar (provider 'google'): an event whose attendees
 * include a lead is a meeting with that lead, owned by the calendar's user. Called by the
 * calendar sync (lib/sync) on its service-role transaction, once per event it reads; this module
 * alone writes the rows and turns each change into what a Calendly booking gets (record.ts).
 *
 * One row per event and lead (identity `google:<connection>:<event>:<lead>`), so reading an
 * event again finds the same rows: a moved event updates its meeting in place, a cancelled one
 * (or a lead taken off the invitation) cancels it. A lead's meeting Calendly already reported,
 * or one entered by hand, at the same time is not added twice; an event Kiln wrote itself
 * (google-write.ts, known by its id) is never a meeting of its own.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { TableRow, Tx } from "@/lib/db";
import type { Actor } from "@/lib/leads/types";
import type { MeetingItem } from "./queries";
import { recordMeetingBooked, recordMeetingCanceled, recordMeetingMoved, type MeetingRef } from "./record";

const ACTOR: Actor = { type: "system", name: "Google Calendar" };
/** Another provider's meeting with the lead this close to the event's start is the same meeting. */
const SAME_MEETING_WITHIN_MS = 2 * 60_000;

/** What a meeting takes from the event (the sync reads it from Google's Event resource). */
export type GoogleCalendarEvent = { id: string } & Pick<
  MeetingItem,
  "title" | "startsAt" | "endsAt" | "timezone" | "location" | "joinUrl"
>;

export type GoogleEventOutcome = {
  leadId: string;
  meetingId: string | null;
  action: "created" | "updated" | "deleted" | "skipped";
  reason: "lead_attendee" | "already_known" | "unchanged" | "cancelled";
  params?: Record<string, string>;
};

type Row = Pick<
  TableRow<"meetings">,
  "id" | "lead_id" | "status" | "title" | "starts_at" | "ends_at" | "timezone" | "location" | "join_url"
>;

/** Google allows ids up to 1024 characters; the identity column holds 500, so a long one is hashed. */
const eventKey = (connectionId: string, eventId: string) =>
  `google:${connectionId}:${eventId.length <= 300 ? eventId : createHash("sha256").update(eventId).digest("hex")}`;

const refOf = (orgId: string, row: Pick<Row, "id" | "lead_id" | "title" | "starts_at">, key: string): MeetingRef => ({
  orgId,
  leadId: row.lead_id,
  meetingId: row.id,
  signalId: `${key}:${row.lead_id}`,
  provider: "google",
  title: row.title,
  startsAt: new Date(row.starts_at),
});

const sameTime = (a: Date, b: Date) => new Date(a).getTime() === new Date(b).getTime();

async function meetingsOfEvent(tx: Tx, orgId: string, key: string): Promise<Row[]> {
  const { rows } = await tx.query<Row>(
    `select id, lead_id, status, title, starts_at, ends_at, timezone, location, join_url from public.meetings
      where org_id = $1 and provider = 'google' and provider_event_uri = $2 for update`,
    [orgId, key],
  );
  return rows;
}

/** Calls off the scheduled meetings among `rows`: the event was cancelled, or their lead is no longer invited. */
async function cancelMeetings(tx: Tx, orgId: string, key: string, rows: Row[]): Promise<GoogleEventOutcome[]> {
  const outcomes: GoogleEventOutcome[] = [];
  for (const row of rows) {
    if (row.status !== "scheduled") {
      outcomes.push({ leadId: row.lead_id, meetingId: row.id, action: "skipped", reason: "unchanged" });
      continue;
    }
    await tx.query(
      `update public.meetings set status = 'canceled', canceled_by = 'Google Calendar', canceled_at = coalesce(canceled_at, now())
        where id = $1`,
      [row.id],
    );
    await recordMeetingCanceled(tx, refOf(orgId, row, key), { actor: ACTOR, at: new Date(), cancelerType: "host" });
    outcomes.push({ leadId: row.lead_id, meetingId: row.id, action: "deleted", reason: "cancelled" });
  }
  return outcomes;
}

/**
 * Brings the meetings of one calendar event in line with it: `leads` are the leads among its
 * attendees now. Returns what happened per lead, for the sync's record.
 */
export async function recordGoogleEvent(
  tx: Tx,
  input: {
    orgId: string;
    connectionId: string;
    ownerId: string;
    event: GoogleCalendarEvent;
    leads: { id: string; email: string }[];
  },
): Promise<GoogleEventOutcome[]> {
  const { orgId, event, leads } = input;
  // Kiln's own event for a meeting booked here: that meeting is the event's, whatever it says now.
  const { rows: own } = await tx.query<{ meeting_id: string }>(
    "select meeting_id from public.meeting_google_events where connection_id = $1 and google_event_id = $2",
    [input.connectionId, event.id],
  );
  if (own[0])
    return leads.map((lead) => ({
      leadId: lead.id,
      meetingId: own[0]!.meeting_id,
      action: "skipped",
      reason: "already_known",
      params: { provider: "manual" },
    }));
  const key = eventKey(input.connectionId, event.id);
  const existing = await meetingsOfEvent(tx, orgId, key);
  const outcomes = await cancelMeetings(
    tx,
    orgId,
    key,
    existing.filter((row) => !leads.some((lead) => lead.id === row.lead_id)),
  );
  for (const lead of leads) {
    const row = existing.find((r) => r.lead_id === lead.id);
    outcomes.push(row ? await update(tx, orgId, key, row, event) : await insert(tx, input, key, lead));
  }
  return outcomes;
}

/** The event was cancelled (or deleted) at Google: its meetings are called off. */
export async function cancelGoogleEvent(
  tx: Tx,
  input: { orgId: string; connectionId: string; eventId: string },
): Promise<GoogleEventOutcome[]> {
  const key = eventKey(input.connectionId, input.eventId);
  return cancelMeetings(tx, input.orgId, key, await meetingsOfEvent(tx, input.orgId, key));
}

async function insert(
  tx: Tx,
  input: { orgId: string; ownerId: string; event: GoogleCalendarEvent },
  key: string,
  lead: { id: string; email: string },
): Promise<GoogleEventOutcome> {
  const { orgId, event } = input;
  const { rows: known } = await tx.query<{ id: string; provider: string }>(
    `select id, provider from public.meetings
      where org_id = $1 and lead_id = $2 and provider <> 'google' and status <> 'canceled'
        and starts_at between $3::timestamptz - $4::interval and $3::timestamptz + $4::interval
      order by abs(extract(epoch from starts_at - $3::timestamptz)) limit 1`,
    [orgId, lead.id, event.startsAt, `${SAME_MEETING_WITHIN_MS} milliseconds`],
  );
  if (known[0])
    return {
      leadId: lead.id,
      meetingId: known[0].id,
      action: "skipped",
      reason: "already_known",
      params: { provider: known[0].provider },
    };

  const { rows } = await tx.query<Row>(
    `insert into public.meetings (org_id, lead_id, owner_id, provider, provider_event_uri, provider_invitee_uri, title,
                                  starts_at, ends_at, timezone, location, join_url, status, invitee_email, booked_at)
     values ($1, $2, $3, 'google', $4, $5, $6, $7, $8, $9, $10, $11, 'scheduled', $12, now())
     on conflict (org_id, provider, provider_invitee_uri) where provider_invitee_uri is not null do nothing
     returning id, lead_id, status, title, starts_at, ends_at, timezone, location, join_url`,
    [
      orgId,
      lead.id,
      input.ownerId,
      key,
      `${key}:${lead.id}`,
      event.title,
      event.startsAt,
      event.endsAt,
      event.timezone,
      event.location,
      event.joinUrl,
      lead.email,
    ],
  );
  const row = rows[0];
  // Another run inserted it a moment ago: nothing new happened to the lead.
  if (!row) return { leadId: lead.id, meetingId: null, action: "skipped", reason: "unchanged" };
  await recordMeetingBooked(tx, refOf(orgId, row, key), { actor: ACTOR, at: new Date(), joinUrl: event.joinUrl });
  return { leadId: lead.id, meetingId: row.id, action: "created", reason: "lead_attendee" };
}

async function update(
  tx: Tx,
  orgId: string,
  key: string,
  row: Row,
  event: GoogleCalendarEvent,
): Promise<GoogleEventOutcome> {
  const moved = !sameTime(row.starts_at, event.startsAt) || !sameTime(row.ends_at, event.endsAt);
  const reopened = row.status === "canceled";
  const detailsChanged =
    row.title !== event.title ||
    row.location !== event.location ||
    row.join_url !== event.joinUrl ||
    (event.timezone !== null && row.timezone !== event.timezone);
  if (!moved && !reopened && !detailsChanged)
    return { leadId: row.lead_id, meetingId: row.id, action: "skipped", reason: "unchanged" };

  await tx.query(
    `update public.meetings set title = $2, starts_at = $3, ends_at = $4, timezone = coalesce($5, timezone), location = $6,
            join_url = $7,
            -- Back on the invitation after a cancellation; a meeting already held stays held.
            status = case when status = 'canceled' then 'scheduled' else status end,
            canceled_at = case when status = 'canceled' then null else canceled_at end,
            canceled_by = case when status = 'canceled' then null else canceled_by end
      where id = $1`,
    [row.id, event.title, event.startsAt, event.endsAt, event.timezone, event.location, event.joinUrl],
  );
  if (moved || reopened) {
    // One row, moved in place: the engine's meeting keeps its id, so "previous" is the same meeting.
    const ref = refOf(orgId, { ...row, title: event.title, starts_at: event.startsAt }, key);
    await recordMeetingMoved(tx, ref, {
      actor: ACTOR,
      at: new Date(),
      previous: { meetingId: row.id, signalId: ref.signalId, startsAt: new Date(row.starts_at) },
    });
  }
  return { leadId: row.lead_id, meetingId: row.id, action: "updated", reason: "lead_attendee" };
}
