/**
 * What a meeting's change means for its lead, whoever reported it (Calendly's webhook in
 * ingest.ts, a person in manual.ts, the calendar sync through google.ts): the timeline entry, the scoring engine's signal (and so the
 * meeting floor), the lead's status and the notification — on the caller's transaction, so all
 * of it commits with the meeting row or none of it does. The row itself is the caller's.
 *
 * Titles are stored as given, empty when the meeting has none: the timeline and notifications
 * word the fallback at read time in the reader's language.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { markMeetingScheduled } from "@/lib/leads/automation";
import { insertLeadEvent } from "@/lib/leads/events";
import type { ReasonKey } from "@/lib/leads/reasons";
import { applySignals } from "@/lib/leads/signals";
import type { Actor } from "@/lib/leads/types";
import { notify } from "@/lib/notifications/notify";
import { emitWebhookEvent } from "@/lib/webhooks/emit";

export type MeetingProvider = "calendly" | "manual" | "google";

/** The meeting a change is about. */
export type MeetingRef = {
  orgId: string;
  leadId: string;
  /** The row's id (timeline evidence, notifications). */
  meetingId: string;
  /** The engine's id for it: a Calendly booking's invitee URI, a manual meeting's row id. */
  signalId: string;
  provider: MeetingProvider;
  title: string;
  startsAt: Date;
};

type Change = { actor: Actor; at: Date };

/** A stamp as a timeline parameter (an ISO instant, shown in the reader's zone). */
const when = (at: Date | string) => new Date(at).toISOString();

/** The timeline's wording differs by who reported the change ("Calendly meeting booked" / "Meeting scheduled"). */
const REASONS = {
  calendly: {
    booked: "meeting_booked",
    rescheduled: "meeting_rescheduled",
    moved: "meeting_moved",
    canceled: "meeting_canceled",
    noShow: "meeting_no_show",
    noShowCleared: "meeting_no_show_cleared",
  },
  manual: {
    booked: "meeting_scheduled_manual",
    rescheduled: "meeting_moved_manual",
    moved: "meeting_moved_manual",
    canceled: "meeting_canceled_manual",
    noShow: "meeting_no_show_manual",
    noShowCleared: "meeting_no_show_cleared_manual",
  },
  // Found in the owner's Google Calendar; a no-show is marked in Kiln, worded as for a manual one.
  google: {
    booked: "meeting_found_google",
    rescheduled: "meeting_moved_google",
    moved: "meeting_moved_google",
    canceled: "meeting_canceled_google",
    noShow: "meeting_no_show_manual",
    noShowCleared: "meeting_no_show_cleared_manual",
  },
} as const satisfies Record<MeetingProvider, Record<string, ReasonKey>>;

const SOURCE: Record<MeetingProvider, string | undefined> = {
  calendly: "Calendly",
  manual: undefined,
  google: "Google Calendar",
};

/** The lead moves to "meeting scheduled" and its people hear of the meeting, new or moved. */
async function announceScheduled(
  tx: Tx,
  m: MeetingRef,
  change: Change,
  kind: "meeting_booked" | "meeting_rescheduled",
): Promise<void> {
  await markMeetingScheduled(tx, { orgId: m.orgId, leadId: m.leadId, actor: change.actor });
  await notify(tx, {
    kind,
    orgId: m.orgId,
    leadId: m.leadId,
    meetingId: m.meetingId,
    title: m.title,
    startsAt: when(m.startsAt),
    provider: m.provider,
  });
  await emitWebhookEvent(tx, m.orgId, {
    type: kind === "meeting_booked" ? "meeting.booked" : "meeting.rescheduled",
    data: { meeting: webhookMeeting(m) },
  });
}

const webhookMeeting = (m: MeetingRef) => ({
  id: m.meetingId,
  leadId: m.leadId,
  title: m.title,
  startsAt: when(m.startsAt),
  provider: m.provider,
});

/** A new meeting: counts as a booking (+25 and the meeting floor) and moves the lead to "meeting scheduled". */
export async function recordMeetingBooked(
  tx: Tx,
  m: MeetingRef,
  change: Change & { joinUrl?: string | null },
): Promise<void> {
  const source = SOURCE[m.provider];
  await insertLeadEvent(tx, {
    orgId: m.orgId,
    leadId: m.leadId,
    type: "meeting_booked",
    actor: change.actor,
    reasonKey: REASONS[m.provider].booked,
    reasonParams: { title: m.title, startsAt: when(m.startsAt) },
    evidence: { kind: "meeting", ref: m.meetingId },
    data: { meetingId: m.meetingId, startsAt: when(m.startsAt), joinUrl: change.joinUrl ?? null, provider: m.provider },
  });
  await applySignals(tx, {
    orgId: m.orgId,
    leadId: m.leadId,
    actor: change.actor,
    signals: [
      {
        type: "meeting_booked",
        at: when(change.at),
        meetingId: m.signalId,
        startsAt: when(m.startsAt),
        ...(source ? { source } : {}),
      },
    ],
  });
  await announceScheduled(tx, m, change, "meeting_booked");
}

/**
 * The meeting moved to `m` (a new row) from `previous`: a reschedule keeps the booking and its
 * floor. `previous` unknown (Calendly reported the new half of a booking never seen): only its
 * engine id, and the entry says "rescheduled" without the old time.
 */
export async function recordMeetingMoved(
  tx: Tx,
  m: MeetingRef,
  change: Change & { previous: { meetingId: string | null; signalId: string; startsAt: Date | null } },
): Promise<void> {
  const { previous } = change;
  await insertLeadEvent(tx, {
    orgId: m.orgId,
    leadId: m.leadId,
    type: "meeting_rescheduled",
    actor: change.actor,
    ...(previous.startsAt
      ? {
          reasonKey: REASONS[m.provider].moved,
          reasonParams: { title: m.title, previousAt: when(previous.startsAt), startsAt: when(m.startsAt) },
        }
      : { reasonKey: REASONS[m.provider].rescheduled, reasonParams: { title: m.title, startsAt: when(m.startsAt) } }),
    evidence: { kind: "meeting", ref: m.meetingId },
    data: {
      meetingId: m.meetingId,
      previousMeetingId: previous.meetingId,
      startsAt: when(m.startsAt),
      provider: m.provider,
    },
  });
  await applySignals(tx, {
    orgId: m.orgId,
    leadId: m.leadId,
    actor: change.actor,
    signals: [
      {
        type: "meeting_rescheduled",
        at: when(change.at),
        meetingId: m.signalId,
        previousMeetingId: previous.signalId,
        startsAt: when(m.startsAt),
      },
    ],
  });
  await announceScheduled(tx, m, change, "meeting_rescheduled");
}

/** Called off: the floor goes and the cancellation's penalty applies. */
export async function recordMeetingCanceled(
  tx: Tx,
  m: MeetingRef,
  change: Change & { reason?: string | null; cancelerType?: string | null },
): Promise<void> {
  const reason = change.reason?.trim() || null;
  await insertLeadEvent(tx, {
    orgId: m.orgId,
    leadId: m.leadId,
    type: "meeting_canceled",
    actor: change.actor,
    reasonKey: REASONS[m.provider].canceled,
    reasonParams: { title: m.title, startsAt: when(m.startsAt), ...(reason ? { reason: reason.slice(0, 300) } : {}) },
    evidence: { kind: "meeting", ref: m.meetingId },
    data: { meetingId: m.meetingId, cancelerType: change.cancelerType ?? null, provider: m.provider },
  });
  await applySignals(tx, {
    orgId: m.orgId,
    leadId: m.leadId,
    actor: change.actor,
    signals: [
      {
        type: "meeting_canceled",
        at: when(change.at),
        meetingId: m.signalId,
        ...(reason ? { reason: reason.slice(0, 500) } : {}),
      },
    ],
  });
  await notify(tx, {
    kind: "meeting_canceled",
    orgId: m.orgId,
    leadId: m.leadId,
    meetingId: m.meetingId,
    title: m.title,
    startsAt: when(m.startsAt),
    reason: reason ?? undefined,
    provider: m.provider,
  });
  await emitWebhookEvent(tx, m.orgId, {
    type: "meeting.canceled",
    data: { meeting: webhookMeeting(m), reason },
  });
}

/** The lead did not come (`marked`), or did after all (cleared): the no-show's penalty follows. */
export async function recordMeetingNoShow(tx: Tx, m: MeetingRef, change: Change & { marked: boolean }): Promise<void> {
  const reasons = REASONS[m.provider];
  await insertLeadEvent(tx, {
    orgId: m.orgId,
    leadId: m.leadId,
    type: change.marked ? "meeting_no_show" : "meeting_no_show_cleared",
    actor: change.actor,
    reasonKey: change.marked ? reasons.noShow : reasons.noShowCleared,
    reasonParams: { title: m.title, startsAt: when(m.startsAt) },
    evidence: { kind: "meeting", ref: m.meetingId },
    data: { meetingId: m.meetingId, provider: m.provider },
  });
  await applySignals(tx, {
    orgId: m.orgId,
    leadId: m.leadId,
    actor: change.actor,
    signals: [
      {
        type: change.marked ? "meeting_no_show" : "meeting_no_show_cleared",
        at: when(change.at),
        meetingId: m.signalId,
      },
    ],
  });
  if (change.marked)
    await notify(tx, {
      kind: "meeting_no_show",
      orgId: m.orgId,
      leadId: m.leadId,
      meetingId: m.meetingId,
      title: m.title,
      startsAt: when(m.startsAt),
      provider: m.provider,
    });
}
