import { MAX_TRACKED_MEETINGS, type EngagementState, type SignalOf, type TrackedMeeting } from "./types";
import { latest, toMs } from "./format";
import { heatLine, type HeatLine } from "./lines";
import { nextMeeting } from "./heat";

/** The signals that change engagement (BANT, override and decay signals do not). */
export type EngagementSignal = SignalOf<
  | "inbound_reply"
  | "outbound_message"
  | "meeting_booked"
  | "meeting_rescheduled"
  | "meeting_held"
  | "meeting_canceled"
  | "meeting_no_show"
  | "meeting_no_show_cleared"
>;

export function emptyEngagement(): EngagementState {
  return {
    lastInboundAt: null,
    lastOutboundAt: null,
    lastResponseSeconds: null,
    lastLeadActivityAt: null,
    meetingsBooked: 0,
    meetingsHeld: 0,
    meetingCancellations: 0,
    meetingNoShows: 0,
    lastMeetingBookedAt: null,
    lastMeetingHeldAt: null,
    nextMeetingAt: null,
    meetings: [],
    lastEvaluatedAt: null,
  };
}

type Step = { engagement: EngagementState; notes: HeatLine[] };

const dec = (n: number) => Math.max(0, n - 1);

/** Keeps the list bounded: drops the oldest finished meetings first, then the oldest booked ones. */
function bounded(meetings: TrackedMeeting[]): TrackedMeeting[] {
  const out = [...meetings];
  while (out.length > MAX_TRACKED_MEETINGS) {
    const finished = out.findIndex((m) => m.status !== "booked");
    out.splice(finished >= 0 ? finished : 0, 1);
  }
  return out;
}

function withMeeting(e: EngagementState, meeting: TrackedMeeting): TrackedMeeting[] {
  const i = e.meetings.findIndex((m) => m.id === meeting.id);
  if (i < 0) return bounded([...e.meetings, meeting]);
  return e.meetings.map((m, j) => (j === i ? meeting : m));
}

const find = (e: EngagementState, id: string) => e.meetings.find((m) => m.id === id) ?? null;

/** Records what the lead did or what happened to a meeting. Pure; `notes` explain what did not move points. */
export function applyEngagementSignal(e: EngagementState, signal: EngagementSignal): Step {
  switch (signal.type) {
    case "inbound_reply":
      return inboundReply(e, signal);
    case "outbound_message":
      return { engagement: { ...e, lastOutboundAt: latest(e.lastOutboundAt, signal.at) }, notes: [] };
    case "meeting_booked":
      return meetingBooked(e, signal);
    case "meeting_rescheduled":
      return meetingRescheduled(e, signal);
    case "meeting_held":
      return meetingHeld(e, signal);
    case "meeting_canceled":
      return meetingCanceled(e, signal);
    case "meeting_no_show":
      return meetingNoShow(e, signal);
    case "meeting_no_show_cleared":
      return noShowCleared(e, signal);
  }
}

function inboundReply(e: EngagementState, s: SignalOf<"inbound_reply">): Step {
  const isLatest = e.lastInboundAt === null || toMs(s.at) >= toMs(e.lastInboundAt);
  let lastResponseSeconds = e.lastResponseSeconds;
  if (isLatest) {
    const awaitingReply =
      e.lastOutboundAt !== null &&
      toMs(e.lastOutboundAt) <= toMs(s.at) &&
      (e.lastInboundAt === null || toMs(e.lastOutboundAt) > toMs(e.lastInboundAt));
    if (s.responseSeconds !== undefined) lastResponseSeconds = Math.round(s.responseSeconds);
    else if (awaitingReply) lastResponseSeconds = Math.round((toMs(s.at) - toMs(e.lastOutboundAt!)) / 1000);
  }
  return {
    engagement: {
      ...e,
      lastInboundAt: latest(e.lastInboundAt, s.at),
      lastLeadActivityAt: latest(e.lastLeadActivityAt, s.at),
      lastResponseSeconds,
    },
    notes: [],
  };
}

function meetingBooked(e: EngagementState, s: SignalOf<"meeting_booked">): Step {
  const known = find(e, s.meetingId);
  if (known) return { engagement: e, notes: [heatLine("meeting_already_counted", { meetingId: s.meetingId })] };
  return {
    engagement: {
      ...e,
      meetings: withMeeting(e, { id: s.meetingId, status: "booked", startsAt: s.startsAt, source: s.source ?? null }),
      meetingsBooked: e.meetingsBooked + 1,
      lastMeetingBookedAt: latest(e.lastMeetingBookedAt, s.at),
      lastLeadActivityAt: latest(e.lastLeadActivityAt, s.at),
    },
    notes: [],
  };
}

function meetingRescheduled(e: EngagementState, s: SignalOf<"meeting_rescheduled">): Step {
  const notes: HeatLine[] = [];
  const next = { ...e };
  let target = find(e, s.meetingId);
  const previous = s.previousMeetingId && s.previousMeetingId !== s.meetingId ? find(e, s.previousMeetingId) : null;

  // The scheduler gave the moved meeting a new id: retire the old one so a late cancellation of it is ignored.
  if (previous && previous.status !== "rescheduled") {
    if (previous.status === "canceled") {
      next.meetingCancellations = dec(next.meetingCancellations);
      notes.push(heatLine("cancellation_was_reschedule", { meetingId: previous.id }));
    }
    next.meetings = withMeeting(next, { ...previous, status: "rescheduled" });
    if (target) {
      next.meetingsBooked = dec(next.meetingsBooked); // the same meeting was counted under both ids
    } else {
      target = { id: s.meetingId, status: "booked", startsAt: s.startsAt, source: previous.source };
      next.meetings = withMeeting(next, target);
    }
  }

  if (!target) {
    // First we hear of this meeting: it is booked.
    next.meetings = withMeeting(next, { id: s.meetingId, status: "booked", startsAt: s.startsAt, source: null });
    next.meetingsBooked += 1;
    next.lastMeetingBookedAt = latest(next.lastMeetingBookedAt, s.at);
    notes.push(heatLine("meeting_rescheduled_first_seen", { meetingId: s.meetingId, startsAt: s.startsAt }));
  } else if (target.status === "held" || target.status === "rescheduled") {
    return {
      engagement: e,
      notes: [heatLine("reschedule_ignored", { meetingId: s.meetingId, status: target.status })],
    };
  } else {
    if (target.status === "canceled") {
      next.meetingCancellations = dec(next.meetingCancellations);
      notes.push(heatLine("cancellation_was_reschedule", { meetingId: s.meetingId }));
    }
    next.meetings = withMeeting(next, { ...target, status: "booked", startsAt: s.startsAt });
    notes.push(heatLine("meeting_rescheduled", { startsAt: s.startsAt }));
  }

  next.lastLeadActivityAt = latest(next.lastLeadActivityAt, s.at);
  return { engagement: next, notes };
}

function meetingHeld(e: EngagementState, s: SignalOf<"meeting_held">): Step {
  const known = find(e, s.meetingId);
  if (known?.status === "held")
    return { engagement: e, notes: [heatLine("meeting_already_held", { meetingId: s.meetingId })] };
  if (known?.status === "rescheduled") {
    return { engagement: e, notes: [heatLine("meeting_replaced_ignored", { meetingId: s.meetingId })] };
  }
  const next: EngagementState = {
    ...e,
    meetings: withMeeting(e, { id: s.meetingId, startsAt: null, source: null, ...known, status: "held" }),
    meetingsHeld: e.meetingsHeld + 1,
    lastMeetingHeldAt: latest(e.lastMeetingHeldAt, s.at),
    lastLeadActivityAt: latest(e.lastLeadActivityAt, s.at),
  };
  if (known?.status === "canceled") next.meetingCancellations = dec(next.meetingCancellations);
  if (known?.status === "no_show") next.meetingNoShows = dec(next.meetingNoShows);
  const notes = known && known.status !== "booked" ? [heatLine("meeting_took_place", { meetingId: s.meetingId })] : [];
  return { engagement: next, notes };
}

function meetingCanceled(e: EngagementState, s: SignalOf<"meeting_canceled">): Step {
  const known = find(e, s.meetingId);
  if (known && known.status !== "booked") {
    return { engagement: e, notes: [heatLine("cancel_ignored", { meetingId: s.meetingId, status: known.status })] };
  }
  return {
    engagement: {
      ...e,
      meetings: withMeeting(e, { id: s.meetingId, startsAt: null, source: null, ...known, status: "canceled" }),
      meetingCancellations: e.meetingCancellations + 1,
    },
    notes: s.reason ? [heatLine("meeting_canceled_reason", { reason: s.reason })] : [],
  };
}

function meetingNoShow(e: EngagementState, s: SignalOf<"meeting_no_show">): Step {
  const known = find(e, s.meetingId);
  if (known && known.status !== "booked" && known.status !== "held") {
    return { engagement: e, notes: [heatLine("no_show_ignored", { meetingId: s.meetingId, status: known.status })] };
  }
  const next: EngagementState = {
    ...e,
    meetings: withMeeting(e, { id: s.meetingId, startsAt: null, source: null, ...known, status: "no_show" }),
    meetingNoShows: e.meetingNoShows + 1,
  };
  if (known?.status === "held") next.meetingsHeld = dec(next.meetingsHeld);
  return {
    engagement: next,
    notes: known?.status === "held" ? [heatLine("held_corrected_to_no_show", { meetingId: s.meetingId })] : [],
  };
}

function noShowCleared(e: EngagementState, s: SignalOf<"meeting_no_show_cleared">): Step {
  const known = find(e, s.meetingId);
  if (known?.status !== "no_show") {
    return { engagement: e, notes: [heatLine("no_show_not_marked", { meetingId: s.meetingId })] };
  }
  return {
    engagement: {
      ...e,
      meetings: withMeeting(e, { ...known, status: "booked" }),
      meetingNoShows: dec(e.meetingNoShows),
    },
    notes: [heatLine("no_show_cleared", { meetingId: s.meetingId })],
  };
}

/** The start of the next booked meeting after `now`, or null. */
export function nextMeetingAt(e: Pick<EngagementState, "meetings">, now: Date): string | null {
  return nextMeeting(e, now)?.startsAt ?? null;
}
