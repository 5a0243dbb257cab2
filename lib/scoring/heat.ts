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
  /** A disqualified dimension holds heat below warm. */
  disqualifiedCap: HEAT_THRESHOLDS.warm - 1,
} as const;

/** Bump when any rule, weight or threshold changes. */
export const RULES_VERSION = 1;

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

  return { score, contributions };
}

/** What to say when a rule that applied before no longer does (only `bounds` and `disqualified` come and go). */
export function goneLine(previous: HeatContribution): HeatLine {
  if (previous.signal === "disqualified") return heatLine("no_longer_disqualified");
  if (previous.signal === "bounds") return heatLine(previous.points < 0 ? "no_longer_above" : "no_longer_below");
  return heatLine("no_longer_applies", { line: previous.line });
}
