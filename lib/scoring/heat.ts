import { BANT_DIMENSIONS, type Bant, type EngagementState, type Heat, type HeatContribution, type HeatLevel, type HeatOverride } from "./types";
import { describeDimension, dimensionPoints, disqualifiedDimensions } from "./bant";
import { DAY_MS, HOUR_MS, formatAgo, formatDate, formatDuration, formatTimestamp, latest, listWords, plural, toMs } from "./format";

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
  return engagement.meetings
    .filter((m) => m.status === "booked" && m.startsAt !== null && toMs(m.startsAt) > t)
    .sort((a, b) => toMs(a.startsAt!) - toMs(b.startsAt!))[0] ?? null;
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
  return BANT_DIMENSIONS.map((d) => ({
    signal: `bant.${d}` as const,
    points: bantHeatPoints(dimensionPoints(d, bant[d])),
    detail: describeDimension(d, bant[d]),
  }));
}

function replyRecency(e: EngagementState, now: Date): HeatContribution {
  if (!e.lastInboundAt) return { signal: "reply_recency", points: 0, detail: "No reply yet" };
  const age = Math.max(0, now.getTime() - toMs(e.lastInboundAt));
  const band = HEAT_RULES.replyRecency.find((t) => age <= t.withinHours * HOUR_MS);
  if (!band) return { signal: "reply_recency", points: 0, detail: `Last reply ${formatAgo(age)}` };
  const within = band.withinHours <= 24 ? plural(band.withinHours, "hour") : plural(band.withinHours / 24, "day");
  return { signal: "reply_recency", points: band.points, detail: `Last reply ${formatAgo(age)}, within ${within}` };
}

function responseSpeed(e: EngagementState): HeatContribution {
  const seconds = e.lastResponseSeconds;
  if (seconds === null) return { signal: "response_speed", points: 0, detail: "No response time measured yet" };
  const points = tier(HEAT_RULES.responseSpeed, (t) => seconds <= t.withinSeconds);
  const detail =
    points > 0
      ? `Answered our last message in ${formatDuration(seconds)}`
      : `Took ${formatDuration(seconds)} to answer our last message`;
  return { signal: "response_speed", points, detail };
}

function meetingBooked(e: EngagementState, now: Date): HeatContribution {
  const upcoming = nextMeeting(e, now);
  const via = (source: string | null) => (source ? ` via ${source}` : "");
  let detail: string | null = null;
  if (upcoming) {
    detail = `Meeting booked${via(upcoming.source)} for ${formatTimestamp(upcoming.startsAt!)}`;
  } else {
    const booked = e.meetings.filter((m) => m.status === "booked").at(-1);
    if (booked) {
      detail = booked.startsAt
        ? `Meeting booked${via(booked.source)} for ${formatTimestamp(booked.startsAt)} (outcome not recorded)`
        : `Meeting booked${via(booked.source)}`;
    } else if (e.meetingsHeld > 0) {
      detail = "Meeting booked and held";
    }
  }
  if (detail) return { signal: "meeting_booked", points: HEAT_RULES.meetingBooked, detail };
  const hadAny = e.meetingsBooked > 0 || e.meetings.length > 0;
  return { signal: "meeting_booked", points: 0, detail: hadAny ? "No meeting on the books" : "No meeting booked yet" };
}

function meetingHeld(e: EngagementState): HeatContribution {
  if (e.meetingsHeld === 0) return { signal: "meeting_held", points: 0, detail: "No meeting held" };
  const when = e.lastMeetingHeldAt ? `, last on ${formatDate(e.lastMeetingHeldAt)}` : "";
  const detail = e.meetingsHeld === 1 ? `Meeting held${when.replace(", last", "")}` : `${plural(e.meetingsHeld, "meeting")} held${when}`;
  return { signal: "meeting_held", points: HEAT_RULES.meetingHeld, detail };
}

function penalty(
  signal: "meeting_canceled" | "meeting_no_show",
  n: number,
  rule: { pointsEach: number; maxCounted: number },
  none: string,
  what: (n: number) => string,
): HeatContribution {
  if (n === 0) return { signal, points: 0, detail: none };
  const counted = Math.min(n, rule.maxCounted);
  const cap = n > rule.maxCounted ? ` (at most ${rule.maxCounted} count)` : "";
  return { signal, points: counted * rule.pointsEach, detail: `${what(n)}${cap}` };
}

function silence(e: EngagementState, now: Date): HeatContribution {
  const rule = HEAT_RULES.silence;
  const upcoming = nextMeeting(e, now);
  if (upcoming) {
    return { signal: "silence", points: 0, detail: `Meeting coming up on ${formatDate(upcoming.startsAt!)}: silence not counted` };
  }
  const contact = lastContactAt(e, now);
  if (!contact) return { signal: "silence", points: 0, detail: "No contact from the lead yet" };
  const days = Math.floor(Math.max(0, now.getTime() - toMs(contact)) / DAY_MS);
  if (days <= rule.graceDays) {
    const when = days === 0 ? "today" : `${plural(days, "day")} ago`;
    return { signal: "silence", points: 0, detail: `Last contact ${when} (${rule.graceDays}-day grace)` };
  }
  const points = Math.max(rule.maxPenalty, (days - rule.graceDays) * rule.pointsPerDay);
  const lastWasReply = contact === e.lastInboundAt;
  const detail = lastWasReply ? `No reply for ${days} days` : `No contact for ${days} days`;
  return { signal: "silence", points, detail };
}

/**
 * The heat score at `now` and its breakdown. The contributions always add up to the score:
 * keeping it within 0–100 and the disqualification cap are contributions too, when they apply.
 */
export function heatScore(bant: Bant, engagement: EngagementState, now: Date): { score: number; contributions: HeatContribution[] } {
  const contributions: HeatContribution[] = [
    ...bantContributions(bant),
    replyRecency(engagement, now),
    responseSpeed(engagement),
    meetingBooked(engagement, now),
    meetingHeld(engagement),
    penalty("meeting_canceled", engagement.meetingCancellations, HEAT_RULES.meetingCanceled, "No canceled meetings", (n) =>
      `${plural(n, "meeting")} canceled`,
    ),
    penalty("meeting_no_show", engagement.meetingNoShows, HEAT_RULES.meetingNoShow, "No missed meetings", (n) =>
      `${plural(n, "missed meeting")} (no-show)`,
    ),
    silence(engagement, now),
  ];

  const raw = contributions.reduce((sum, c) => sum + c.points, 0);
  let score = Math.min(100, Math.max(0, raw));
  if (score !== raw) {
    contributions.push({
      signal: "bounds",
      points: score - raw,
      detail: raw > 100 ? "Heat cannot exceed 100" : "Heat cannot go below 0",
    });
  }

  const disqualified = disqualifiedDimensions(bant);
  if (disqualified.length > 0) {
    const capped = Math.min(score, HEAT_RULES.disqualifiedCap);
    contributions.push({
      signal: "disqualified",
      points: capped - score,
      detail: `${listWords(disqualified)} disqualified: heat held at cold (at most ${HEAT_RULES.disqualifiedCap})`,
    });
    score = capped;
  }

  return { score, contributions };
}

/** What to say when a rule that applied before no longer does (only `bounds` and `disqualified` come and go). */
export function goneDetail(previous: HeatContribution): string {
  if (previous.signal === "disqualified") return "No longer disqualified: the cap on heat is lifted";
  if (previous.signal === "bounds") return previous.points < 0 ? "Heat no longer above 100" : "Heat no longer below 0";
  return `No longer applies: ${previous.detail}`;
}
