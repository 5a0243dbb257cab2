import {
  BANT_DIMENSIONS,
  type Bant,
  type EngagementState,
  type Heat,
  type HeatContribution,
  type HeatLevel,
  type HeatOverride,
} from "./types";
import { dimensionLine, dimensionPoints, disqualifiedDimensions } from "./bant";
import { DAY_MS, HOUR_MS, latest, toMs } from "./format";
import { heatLine, type HeatLine } from "./lines";

const contribution = (signal: HeatContribution["signal"], points: number, line: HeatLine): HeatContribution => ({
  signal,
  points,
  line,
});

/**
 * The lowest score of each level: cold < 30 ≤ warm < 55 ≤ hot < 80 ≤ burning.
 * The level follows the score both ways; only a manager override pins it.
 */
export const HEAT_THRESHOLDS = { warm: 30, hot: 55, burning: 80 } as const;

/** Every weight the heat score uses. README.md explains each; change them together with RULES_VERSION. */
export const HEAT_RULES = {
  /** Heat counts this share of each dimension's BANT points (rounded): budget 12, authority 10, need 10, timeline 8. */
  bantShare: 0.4,
  /** Points for the lead's latest reply, by its age; the first tier that fits applies. */
  replyRecency: [
    { withinHours: 24, points: 20 },
    { withinHours: 72, points: 12 },
    { withinHours: 168, points: 6 },
  ],
  /** Points for how fast the lead answered our last message. */
  responseSpeed: [
    { withinSeconds: 3600, points: 10 },
    { withinSeconds: 86_400, points: 5 },
  ],
  /** Once, while the lead has a meeting booked (or has held one). */
  meetingBooked: 25,
  /** Once, when at least one meeting was held. */
  meetingHeld: 15,
  meetingCanceled: { pointsEach: -10, maxCounted: 2 },
  meetingNoShow: { pointsEach: -15, maxCounted: 2 },
  /** Days without contact from the lead; nothing during the grace days or while a meeting is coming up. */
  silence: { graceDays: 3, pointsPerDay: -2, maxPenalty: -50 },
  /** A disqualified dimension holds heat below warm (a meeting still to come outranks it: see meetingFloor). */
  disqualifiedCap: HEAT_THRESHOLDS.warm - 1,
  /**
   * A meeting sets a floor under heat: the score is raised to this level's lower bound while a
   * meeting is still to come, for `outcomeGraceDays` after a booked meeting's start while its
   * outcome is not recorded, and for `heldDays` after the start of a meeting held. README.md
   * ("Floors") says why these periods.
   */
  meetingFloor: { level: "hot", outcomeGraceDays: 3, heldDays: 14 },
} as const;

/** Bump when any rule, weight or threshold changes. */
export const RULES_VERSION = 2;

export function levelFor(score: number): HeatLevel {
  if (score >= HEAT_THRESHOLDS.burning) return "burning";
  if (score >= HEAT_THRESHOLDS.hot) return "hot";
  if (score >= HEAT_THRESHOLDS.warm) return "warm";
  return "cold";
}

/** The override in force at `now`, or null when there is none or it has expired. */
export function activeOverride(heat: Pick<Heat, "override">, now: Date): HeatOverride | null {
  const override = heat.override;
  if (!override) return null;
  if (override.expiresAt !== null && toMs(override.expiresAt) <= now.getTime()) return null;
  return override;
}

/** The level to show at `now`: the override's while one is in force, otherwise the score's. */
export const effectiveLevel = (heat: Pick<Heat, "override" | "score">, now: Date): HeatLevel =>
  activeOverride(heat, now)?.level ?? levelFor(heat.score);

const tier = <T extends { points: number }>(tiers: readonly T[], fits: (t: T) => boolean) =>
  tiers.find(fits)?.points ?? 0;

/** The heat points a dimension's BANT points are worth. */
export const bantHeatPoints = (bantPoints: number) => Math.round(bantPoints * HEAT_RULES.bantShare);

/** The upcoming booked meeting nearest to `now`, if any. */
export function nextMeeting(engagement: Pick<EngagementState, "meetings">, now: Date) {
  const t = now.getTime();
  return (
    engagement.meetings
      .filter((m) => m.status === "booked" && m.startsAt !== null && toMs(m.startsAt) > t)
      .sort((a, b) => toMs(a.startsAt!) - toMs(b.startsAt!))[0] ?? null
  );
}

/**
 * The last time we heard from the lead: a reply, a booking, a reschedule, or a booked or held meeting
 * whose start has passed (a meeting counts as contact unless it is marked canceled or a no-show).
 */
export function lastContactAt(engagement: EngagementState, now: Date): string | null {
  let best = latest(engagement.lastInboundAt, engagement.lastLeadActivityAt);
  for (const m of engagement.meetings) {
    if ((m.status === "booked" || m.status === "held") && m.startsAt && toMs(m.startsAt) <= now.getTime()) {
      if (!best || toMs(m.startsAt) > toMs(best)) best = m.startsAt;
    }
  }
  return best;
}

function bantContributions(bant: Bant): HeatContribution[] {
  return BANT_DIMENSIONS.map((d) =>
    contribution(`bant.${d}`, bantHeatPoints(dimensionPoints(d, bant[d])), dimensionLine(d, bant[d])),
  );
}

function replyRecency(e: EngagementState, now: Date): HeatContribution {
  if (!e.lastInboundAt) return contribution("reply_recency", 0, heatLine("no_reply_yet"));
  const age = Math.max(0, now.getTime() - toMs(e.lastInboundAt));
  const ageSeconds = Math.floor(age / 1000);
  const band = HEAT_RULES.replyRecency.find((t) => age <= t.withinHours * HOUR_MS);
  if (!band) return contribution("reply_recency", 0, heatLine("last_reply", { ageSeconds }));
  return contribution(
    "reply_recency",
    band.points,
    heatLine("last_reply_within", { ageSeconds, withinHours: band.withinHours }),
  );
}

function responseSpeed(e: EngagementState): HeatContribution {
  const seconds = e.lastResponseSeconds;
  if (seconds === null) return contribution("response_speed", 0, heatLine("no_response_time"));
  const points = tier(HEAT_RULES.responseSpeed, (t) => seconds <= t.withinSeconds);
  return contribution("response_speed", points, heatLine(points > 0 ? "answered_in" : "took_to_answer", { seconds }));
}

function meetingBooked(e: EngagementState, now: Date): HeatContribution {
  const upcoming = nextMeeting(e, now);
  let line: HeatLine | null = null;
  if (upcoming) {
    line = heatLine("meeting_booked_for", { source: upcoming.source, startsAt: upcoming.startsAt! });
  } else {
    const booked = e.meetings.filter((m) => m.status === "booked").at(-1);
    if (booked) {
      line = booked.startsAt
        ? heatLine("meeting_booked_outcome_unknown", { source: booked.source, startsAt: booked.startsAt })
        : heatLine("meeting_booked_plain", { source: booked.source });
    } else if (e.meetingsHeld > 0) {
      line = heatLine("meeting_booked_and_held");
    }
  }
  if (line) return contribution("meeting_booked", HEAT_RULES.meetingBooked, line);
  const hadAny = e.meetingsBooked > 0 || e.meetings.length > 0;
  return contribution("meeting_booked", 0, heatLine(hadAny ? "no_meeting_on_books" : "no_meeting_booked_yet"));
}

function meetingHeld(e: EngagementState): HeatContribution {
  if (e.meetingsHeld === 0) return contribution("meeting_held", 0, heatLine("no_meeting_held"));
  return contribution(
    "meeting_held",
    HEAT_RULES.meetingHeld,
    heatLine("meeting_held", { count: e.meetingsHeld, lastAt: e.lastMeetingHeldAt }),
  );
}

function penalty(
  signal: "meeting_canceled" | "meeting_no_show",
  n: number,
  rule: { pointsEach: number; maxCounted: number },
  none: string,
  some: string,
): HeatContribution {
  if (n === 0) return contribution(signal, 0, heatLine(none));
  return contribution(
    signal,
    Math.min(n, rule.maxCounted) * rule.pointsEach,
    heatLine(some, { count: n, maxCounted: rule.maxCounted }),
  );
}

function silence(e: EngagementState, now: Date): HeatContribution {
  const rule = HEAT_RULES.silence;
  const upcoming = nextMeeting(e, now);
  if (upcoming)
    return contribution("silence", 0, heatLine("silence_meeting_upcoming", { startsAt: upcoming.startsAt! }));
  const contact = lastContactAt(e, now);
  if (!contact) return contribution("silence", 0, heatLine("no_contact_yet"));
  const days = Math.floor(Math.max(0, now.getTime() - toMs(contact)) / DAY_MS);
  if (days <= rule.graceDays)
    return contribution("silence", 0, heatLine("last_contact_grace", { days, graceDays: rule.graceDays }));
  const points = Math.max(rule.maxPenalty, (days - rule.graceDays) * rule.pointsPerDay);
  return contribution(
    "silence",
    points,
    heatLine(contact === e.lastInboundAt ? "no_reply_for" : "no_contact_for", { days }),
  );
}

/** Why a meeting holds heat up: it is still to come, its outcome is awaited, or it was held recently. */
export type MeetingFloorKind = "upcoming" | "pending" | "held";
/** The meeting that holds heat at its floor: `at` is its start (or when it was marked held), `until` when the floor ends. */
export type MeetingFloor = { kind: MeetingFloorKind; at: string; until: string | null };

const plusDays = (iso: string, days: number) => new Date(toMs(iso) + days * DAY_MS).toISOString();

/** When the lead's most recent held meeting took place: its start when known, else when it was marked held. */
function lastHeldAt(e: EngagementState): string | null {
  if (e.meetingsHeld === 0) return null;
  let best: string | null = null;
  for (const m of e.meetings) if (m.status === "held") best = latest(best, m.startsAt ?? e.lastMeetingHeldAt);
  return best ?? e.lastMeetingHeldAt;
}

/**
 * The meeting that sets a floor under heat at `now`, or null. A meeting still to come wins (it ends
 * only with the meeting); otherwise the floor that lasts longest: a booked meeting whose start passed
 * with no outcome recorded (`outcomeGraceDays`), or the latest meeting held (`heldDays`).
 */
export function meetingFloor(e: EngagementState, now: Date): MeetingFloor | null {
  const upcoming = nextMeeting(e, now);
  if (upcoming) return { kind: "upcoming", at: upcoming.startsAt!, until: null };
  const rule = HEAT_RULES.meetingFloor;
  const candidates: MeetingFloor[] = [];
  for (const m of e.meetings) {
    if (m.status === "booked" && m.startsAt)
      candidates.push({ kind: "pending", at: m.startsAt, until: plusDays(m.startsAt, rule.outcomeGraceDays) });
  }
  const held = lastHeldAt(e);
  if (held) candidates.push({ kind: "held", at: held, until: plusDays(held, rule.heldDays) });
  const open = candidates.filter((f) => toMs(f.until!) > now.getTime());
  return open.sort((a, b) => toMs(b.until!) - toMs(a.until!))[0] ?? null;
}

/** The lowest score a meeting floor allows: the floor level's lower bound. */
export const MEETING_FLOOR_SCORE = HEAT_THRESHOLDS[HEAT_RULES.meetingFloor.level];

/**
 * Raises `score` to the meeting floor when one holds. A meeting still to come outranks the
 * disqualification cap (the rep has to attend or call it off either way); once it has started,
 * the cap wins and the floor line says so with 0 points.
 */
function floorContribution(floor: MeetingFloor, score: number, disqualified: readonly string[]): HeatContribution {
  const level = HEAT_RULES.meetingFloor.level;
  const params = { kind: floor.kind, at: floor.at, until: floor.until, level };
  if (disqualified.length > 0 && floor.kind !== "upcoming") {
    return contribution(
      "meeting_floor",
      0,
      heatLine("meeting_floor_capped", { ...params, dimensions: [...disqualified] }),
    );
  }
  return contribution(
    "meeting_floor",
    Math.max(0, MEETING_FLOOR_SCORE - score),
    heatLine("meeting_floor", { ...params, dimensions: [...disqualified] }),
  );
}

/**
 * The heat score at `now` and its breakdown. The contributions always add up to the score:
 * keeping it within 0–100 and the disqualification cap are contributions too, when they apply.
 */
export function heatScore(
  bant: Bant,
  engagement: EngagementState,
  now: Date,
): { score: number; contributions: HeatContribution[] } {
  const contributions: HeatContribution[] = [
    ...bantContributions(bant),
    replyRecency(engagement, now),
    responseSpeed(engagement),
    meetingBooked(engagement, now),
    meetingHeld(engagement),
    penalty(
      "meeting_canceled",
      engagement.meetingCancellations,
      HEAT_RULES.meetingCanceled,
      "no_canceled_meetings",
      "meetings_canceled",
    ),
    penalty(
      "meeting_no_show",
      engagement.meetingNoShows,
      HEAT_RULES.meetingNoShow,
      "no_missed_meetings",
      "meetings_missed",
    ),
    silence(engagement, now),
  ];

  const raw = contributions.reduce((sum, c) => sum + c.points, 0);
  let score = Math.min(100, Math.max(0, raw));
  if (score !== raw) {
    contributions.push(contribution("bounds", score - raw, heatLine(raw > 100 ? "bounds_above" : "bounds_below")));
  }

  const disqualified = disqualifiedDimensions(bant);
  if (disqualified.length > 0) {
    const capped = Math.min(score, HEAT_RULES.disqualifiedCap);
    contributions.push(
      contribution(
        "disqualified",
        capped - score,
        heatLine("disqualified_cap", { dimensions: disqualified, cap: HEAT_RULES.disqualifiedCap }),
      ),
    );
    score = capped;
  }

  // Last, so that only a manager override outranks it (README.md, "Floors").
  const floor = meetingFloor(engagement, now);
  if (floor) {
    const raised = floorContribution(floor, score, disqualified);
    contributions.push(raised);
    score += raised.points;
  }

  return { score, contributions };
}

/** Why a meeting floor in force at the previous evaluation no longer holds at `now`. */
function floorEndedLine(previous: HeatLine, now: Date): HeatLine {
  const { kind, at, until, level } = previous.params;
  const rule = HEAT_RULES.meetingFloor;
  const lapsed = typeof until === "string" && toMs(until) <= now.getTime();
  const reason = !lapsed ? "ended" : kind === "held" ? "held_lapsed" : "outcome_lapsed";
  const days = kind === "held" ? rule.heldDays : rule.outcomeGraceDays;
  return heatLine("meeting_floor_ended", { reason, at: at ?? null, days, level: level ?? rule.level });
}

/**
 * What to say when a rule that applied before no longer does at `now` (only `bounds`,
 * `disqualified` and `meeting_floor` come and go).
 */
export function goneLine(previous: HeatContribution, now: Date): HeatLine {
  if (previous.signal === "meeting_floor") return floorEndedLine(previous.line, now);
  if (previous.signal === "disqualified") return heatLine("no_longer_disqualified");
  if (previous.signal === "bounds") return heatLine(previous.points < 0 ? "no_longer_above" : "no_longer_below");
  return heatLine("no_longer_applies", { line: previous.line });
}
