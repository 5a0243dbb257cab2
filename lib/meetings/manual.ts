/**
 * Meetings entered by hand (provider 'manual'): a call arranged by phone, a site visit. The
 * database decides who may do what (private.*_manual_meeting, migration 20261204100300: a member
 * who can see the lead creates; the meeting's owner or a manager changes; Calendly's meetings
 * are refused with 409); this module turns each change into the same timeline entries, heat
 * signals, lead status and notifications a Calendly booking gets (record.ts), on the caller's
 * RLS transaction. Reminders need nothing: the reminder job reads every scheduled meeting.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { invalid, notFound } from "@/lib/http/errors";
import { PART_SCOPES } from "@/lib/integrations/google/parts";
import type { Actor } from "@/lib/leads/types";
import { getMeeting, type MeetingItem } from "./queries";
import {
  recordMeetingBooked,
  recordMeetingCanceled,
  recordMeetingMoved,
  recordMeetingNoShow,
  type MeetingRef,
} from "./record";
import { endOf, type CreateManualMeetingInput, type UpdateManualMeetingInput } from "./schema";

type Row = {
  id: string;
  org_id: string;
  lead_id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  join_url: string | null;
};

const ref = (row: Row): MeetingRef => ({
  orgId: row.org_id,
  leadId: row.lead_id,
  meetingId: row.id,
  signalId: row.id,
  provider: "manual",
  title: row.title,
  startsAt: new Date(row.starts_at),
});

const COLUMNS = "id, org_id, lead_id, title, starts_at, ends_at, join_url";

/**
 * The change just made reaches the meeting's event in its owner's Google Calendar: an event it
 * has is due for a write (a reschedule moves the old meeting's event to the new row); one it has
 * not gets made when `wanted` and the owner's Calendar is connected and on. The route starts the
 * write after the commit (queue.ts writeGoogleEventSoon); nothing happens without a connection.
 */
async function requestGoogleEvent(tx: Tx, meetingId: string, wanted: boolean | null): Promise<void> {
  await tx.query("select private.request_meeting_google_event($1, $2, $3)", [
    meetingId,
    wanted,
    [...PART_SCOPES.calendar],
  ]);
}

async function meeting(tx: Tx, orgId: string, id: string): Promise<MeetingItem> {
  const found = await getMeeting(tx, orgId, id);
  if (!found) throw notFound("meetingNotFound");
  return found;
}

/** A new meeting with a lead the caller can see: booked for the lead's heat, its owner notified. */
export async function createManualMeeting(
  tx: Tx,
  orgId: string,
  actor: Actor,
  input: CreateManualMeetingInput,
): Promise<MeetingItem> {
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from private.create_manual_meeting($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      orgId,
      input.leadId,
      input.ownerId ?? null,
      input.title,
      input.startsAt,
      endOf(input),
      input.timezone ?? null,
      input.location,
      input.joinUrl,
      input.attendees,
    ],
  );
  const row = rows[0]!;
  await recordMeetingBooked(tx, ref(row), { actor, at: new Date(), joinUrl: row.join_url });
  await requestGoogleEvent(tx, row.id, input.googleCalendar);
  return meeting(tx, orgId, row.id);
}

/**
 * Changes what is given. New details are written in place; a new start or end moves the meeting
 * (a new row replacing this one, as Calendly reports a reschedule), so the answer may carry
 * another id. 409 for a Calendly meeting, whose details and times Calendly owns.
 */
export async function updateManualMeeting(
  tx: Tx,
  orgId: string,
  meetingId: string,
  actor: Actor,
  input: UpdateManualMeetingInput,
): Promise<MeetingItem> {
  const current = await meeting(tx, orgId, meetingId);
  const startsAt = input.startsAt ?? new Date(current.startsAt);
  const keptLength = new Date(current.endsAt).getTime() - new Date(current.startsAt).getTime();
  const endsAt =
    input.endsAt ??
    (input.durationMinutes ? endOf({ startsAt, durationMinutes: input.durationMinutes }) : null) ??
    new Date(startsAt.getTime() + keptLength);
  const details = ["title", "timezone", "location", "joinUrl", "attendees", "ownerId"] as const;
  if (details.some((key) => input[key] !== undefined)) {
    const text = (value: string | undefined, was: string | null) => (value === undefined ? was : value || null);
    await tx.query("select 1 from private.update_manual_meeting($1, $2, $3, $4, $5, $6, $7)", [
      meetingId,
      input.title ?? current.title,
      input.timezone ?? current.timezone,
      text(input.location, current.location),
      text(input.joinUrl, current.joinUrl),
      text(input.attendees, current.attendees),
      input.ownerId ?? null,
    ]);
  }
  const moved =
    startsAt.getTime() !== new Date(current.startsAt).getTime() ||
    endsAt.getTime() !== new Date(current.endsAt).getTime();
  if (!moved) {
    if (details.some((key) => input[key] !== undefined)) await requestGoogleEvent(tx, meetingId, null);
    return meeting(tx, orgId, meetingId);
  }

  const { rows } = await tx.query<Row>(`select ${COLUMNS} from private.reschedule_manual_meeting($1, $2, $3)`, [
    meetingId,
    startsAt,
    endsAt,
  ]);
  const row = rows[0]!;
  await recordMeetingMoved(tx, ref(row), {
    actor,
    at: new Date(),
    previous: { meetingId, signalId: meetingId, startsAt: new Date(current.startsAt) },
  });
  await requestGoogleEvent(tx, row.id, null);
  return meeting(tx, orgId, row.id);
}

/** Called off, with the reason the person gave: the floor goes and the lead's owner hears of it. */
export async function cancelManualMeeting(
  tx: Tx,
  orgId: string,
  meetingId: string,
  actor: Actor,
  reason: string | null,
): Promise<MeetingItem> {
  await meeting(tx, orgId, meetingId);
  const { rows } = await tx.query<Row>(`select ${COLUMNS} from private.cancel_manual_meeting($1, $2)`, [
    meetingId,
    reason,
  ]);
  await recordMeetingCanceled(tx, ref(rows[0]!), { actor, at: new Date(), reason, cancelerType: "host" });
  await requestGoogleEvent(tx, meetingId, null);
  return meeting(tx, orgId, meetingId);
}

/** The lead did not come (or, cleared, did after all): for a meeting that has started. */
export async function setManualNoShow(
  tx: Tx,
  orgId: string,
  meetingId: string,
  actor: Actor,
  noShow: boolean,
): Promise<MeetingItem> {
  await meeting(tx, orgId, meetingId);
  let rows: Row[];
  try {
    ({ rows } = await tx.query<Row>(`select ${COLUMNS} from private.set_manual_meeting_no_show($1, $2)`, [
      meetingId,
      noShow,
    ]));
  } catch (error) {
    // As for "held" (held.ts): a meeting still ahead cannot have been missed.
    if ((error as { hint?: string }).hint === "not_started") {
      throw invalid({ meetingId: ["dbMeetingNotStarted"] }, "meetingNotStarted");
    }
    throw error;
  }
  await recordMeetingNoShow(tx, ref(rows[0]!), { actor, at: new Date(), marked: noShow });
  return meeting(tx, orgId, meetingId);
}
