import { describe, expect, it } from "vitest";
import {
  BANT_DIMENSIONS,
  HEAT_RULES,
  HEAT_SIGNALS,
  HEAT_THRESHOLDS,
  activeOverride,
  effectiveLevel,
  emptyBant,
  heatScore,
  lastContactAt,
  levelFor,
  type Bant,
  type EngagementState,
  type HeatContribution,
  type HeatLevel,
  type HeatSignal,
  type HeatOverride,
  type TrackedMeeting,
} from "@/lib/scoring";
import { englishHeatLine } from "@/lib/scoring/english";
import { DAY, HOUR, T0, after, bantWith, engagementWith, iso } from "./fixtures";

const pointsOf = (contributions: HeatContribution[], signal: HeatSignal) =>
  contributions.find((c) => c.signal === signal)?.points;
/** A rule's line, read in English (UTC). */
function detailOf(contributions: HeatContribution[], signal: HeatSignal) {
  const found = contributions.find((c) => c.signal === signal);
  return found && englishHeatLine(found.line);
}
const sum = (contributions: HeatContribution[]) => contributions.reduce((s, c) => s + c.points, 0);

const heat = (engagement: Partial<EngagementState>, now: Date = T0, bant: Bant = emptyBant()) =>
  heatScore(bant, engagementWith(engagement), now);
const meeting = (
  id: string,
  status: TrackedMeeting["status"],
  startsAt: Date | null,
  source: string | null = null,
): TrackedMeeting => ({
  id,
  status,
  startsAt: startsAt ? iso(startsAt) : null,
  source,
});

describe("heat levels", () => {
  it.each([
    [0, "cold"],
    [29, "cold"],
    [30, "warm"],
    [54, "warm"],
    [55, "hot"],
    [79, "hot"],
    [80, "burning"],
    [100, "burning"],
  ] as [number, HeatLevel][])("a score of %i is %s (thresholds at exact boundaries)", (score, level) => {
    expect(levelFor(score)).toBe(level);
  });

  it("are cold < 30 ≤ warm < 55 ≤ hot < 80 ≤ burning", () => {
    expect(HEAT_THRESHOLDS).toEqual({ warm: 30, hot: 55, burning: 80 });
  });

  it("follow the score in both directions", () => {
    const levels = [10, 40, 70, 90, 70, 40, 10].map(levelFor);
    expect(levels).toEqual(["cold", "warm", "hot", "burning", "hot", "warm", "cold"]);
  });
});

describe("the heat score", () => {
  it("is 0 for a lead we know nothing about, with one zero line per rule", () => {
    const { score, contributions } = heat({});
    expect(score).toBe(0);
    expect(contributions.map((c) => c.signal)).toEqual(
      HEAT_SIGNALS.filter((s) => s !== "bounds" && s !== "disqualified" && s !== "meeting_floor"),
    );
    expect(contributions.every((c) => c.points === 0)).toBe(true);
    expect(detailOf(contributions, "reply_recency")).toBe("No reply yet");
    expect(detailOf(contributions, "meeting_booked")).toBe("No meeting booked yet");
    expect(detailOf(contributions, "silence")).toBe("No contact from the lead yet");
  });

  describe("counts 40% of each dimension's BANT points", () => {
    const table: [string, Record<string, string>, number][] = [
      ["budget confirmed", { budget: "confirmed" }, 12],
      ["budget partial", { budget: "partial" }, 6],
      ["authority confirmed", { authority: "confirmed" }, 10],
      ["authority partial", { authority: "partial" }, 5],
      ["need confirmed", { need: "confirmed" }, 10],
      ["need partial", { need: "partial" }, 5],
      ["timeline confirmed", { timeline: "confirmed" }, 8],
      ["timeline partial", { timeline: "partial" }, 4],
      [
        "all four confirmed",
        { budget: "confirmed", authority: "confirmed", need: "confirmed", timeline: "confirmed" },
        40,
      ],
      ["unknown", {}, 0],
    ];
    it.each(table)("%s adds %i", (_, statuses, points) => {
      const { score, contributions } = heat({}, T0, bantWith(statuses));
      expect(score).toBe(points);
      expect(BANT_DIMENSIONS.map((d) => pointsOf(contributions, `bant.${d}`)).reduce((a, b) => a! + b!, 0)).toBe(
        points,
      );
    });
  });

  describe("rewards a recent reply, less as it ages (bounds inclusive)", () => {
    it.each([
      [0, 20],
      [24 * HOUR, 20],
      [24 * HOUR + 1, 12],
      [72 * HOUR, 12],
      [72 * HOUR + 1, 6],
      [168 * HOUR, 6],
      [168 * HOUR + 1, 0],
      [60 * DAY, 0],
    ])("a reply %i ms ago adds %i", (age, points) => {
      expect(pointsOf(heat({ lastInboundAt: iso(T0) }, after(age)).contributions, "reply_recency")).toBe(points);
    });

    it("says how old the reply is and which window it falls in", () => {
      expect(detailOf(heat({ lastInboundAt: iso(T0) }, after(5 * HOUR)).contributions, "reply_recency")).toBe(
        "Last reply 5 hours ago, within 24 hours",
      );
      expect(detailOf(heat({ lastInboundAt: iso(T0) }, after(2 * DAY)).contributions, "reply_recency")).toBe(
        "Last reply 2 days ago, within 3 days",
      );
      expect(detailOf(heat({ lastInboundAt: iso(T0) }, after(9 * DAY)).contributions, "reply_recency")).toBe(
        "Last reply 9 days ago",
      );
    });

    it("treats a reply stamped slightly in the future as just now", () => {
      expect(pointsOf(heat({ lastInboundAt: iso(after(HOUR)) }, T0).contributions, "reply_recency")).toBe(20);
    });
  });

  describe("rewards a fast answer to our last message", () => {
    it.each([
      [0, 10, "Answered our last message in under a minute"],
      [25 * 60, 10, "Answered our last message in 25 minutes"],
      [3600, 10, "Answered our last message in 1 hour"],
      [3601, 5, "Answered our last message in 1 hour"],
      [86_400, 5, "Answered our last message in 1 day"],
      [86_401, 0, "Took 1 day to answer our last message"],
      [3 * 86_400, 0, "Took 3 days to answer our last message"],
    ])("answering in %i seconds adds %i", (seconds, points, detail) => {
      const { contributions } = heat({ lastResponseSeconds: seconds });
      expect(pointsOf(contributions, "response_speed")).toBe(points);
      expect(detailOf(contributions, "response_speed")).toBe(detail);
    });

    it("adds nothing until a response time is known", () => {
      expect(detailOf(heat({}).contributions, "response_speed")).toBe("No response time measured yet");
    });
  });

  describe("meetings", () => {
    it("a booked meeting adds a big bump, once however many are booked", () => {
      const one = heat({ meetingsBooked: 1, meetings: [meeting("m1", "booked", after(2 * DAY), "Calendly")] });
      expect(pointsOf(one.contributions, "meeting_booked")).toBe(25);
      expect(detailOf(one.contributions, "meeting_booked")).toBe(
        "Meeting booked via Calendly for 2026-03-04 09:00 UTC",
      );
      const two = heat({
        meetingsBooked: 2,
        meetings: [meeting("m1", "booked", after(5 * DAY)), meeting("m2", "booked", after(2 * DAY))],
      });
      expect(pointsOf(two.contributions, "meeting_booked")).toBe(25);
      expect(detailOf(two.contributions, "meeting_booked")).toBe("Meeting booked for 2026-03-04 09:00 UTC");
    });

    it("a booked meeting whose time has passed still counts until its outcome is recorded", () => {
      const { contributions } = heat({ meetingsBooked: 1, meetings: [meeting("m1", "booked", T0)] }, after(DAY));
      expect(pointsOf(contributions, "meeting_booked")).toBe(25);
      expect(detailOf(contributions, "meeting_booked")).toBe(
        "Meeting booked for 2026-03-02 09:00 UTC (outcome not recorded)",
      );
    });

    it("a held meeting keeps the booking bump and adds its own", () => {
      const { contributions } = heat({
        meetingsBooked: 1,
        meetingsHeld: 1,
        lastMeetingHeldAt: iso(T0),
        meetings: [meeting("m1", "held", T0)],
      });
      expect(pointsOf(contributions, "meeting_booked")).toBe(25);
      expect(pointsOf(contributions, "meeting_held")).toBe(15);
      expect(detailOf(contributions, "meeting_held")).toBe("Meeting held on 2026-03-02");
      const twice = heat({ meetingsHeld: 2, lastMeetingHeldAt: iso(T0) });
      expect(pointsOf(twice.contributions, "meeting_held")).toBe(15);
      expect(detailOf(twice.contributions, "meeting_held")).toBe("2 meetings held, last on 2026-03-02");
    });

    it("a lead whose only meeting was canceled has no meeting on the books", () => {
      const { contributions } = heat({
        meetingsBooked: 1,
        meetingCancellations: 1,
        meetings: [meeting("m1", "canceled", after(DAY))],
      });
      expect(pointsOf(contributions, "meeting_booked")).toBe(0);
      expect(detailOf(contributions, "meeting_booked")).toBe("No meeting on the books");
    });

    it.each([
      [0, 0, "No canceled meetings"],
      [1, -10, "1 meeting canceled"],
      [2, -20, "2 meetings canceled"],
      [3, -20, "3 meetings canceled (at most 2 count)"],
      [9, -20, "9 meetings canceled (at most 2 count)"],
    ])("%i cancellations cost %i (bounded)", (n, points, detail) => {
      const { contributions } = heat({ meetingCancellations: n });
      expect(pointsOf(contributions, "meeting_canceled")).toBe(points);
      expect(detailOf(contributions, "meeting_canceled")).toBe(detail);
    });

    it.each([
      [0, 0, "No missed meetings"],
      [1, -15, "1 missed meeting (no-show)"],
      [2, -30, "2 missed meetings (no-show)"],
      [5, -30, "5 missed meetings (no-show) (at most 2 count)"],
    ])("%i no-shows cost %i (bounded)", (n, points, detail) => {
      const { contributions } = heat({ meetingNoShows: n });
      expect(pointsOf(contributions, "meeting_no_show")).toBe(points);
      expect(detailOf(contributions, "meeting_no_show")).toBe(detail);
    });
  });

  describe("silence decay", () => {
    it.each([
      [0, 0],
      [1, 0],
      [3, 0],
      [4, -2],
      [9, -12],
      [20, -34],
      [27, -48],
      [28, -50],
      [29, -50],
      [365, -50],
    ])("after %i silent days costs %i: 3 grace days, then 2 a day, at most 50", (days, points) => {
      expect(
        pointsOf(
          heat({ lastInboundAt: iso(T0), lastLeadActivityAt: iso(T0) }, after(days * DAY)).contributions,
          "silence",
        ),
      ).toBe(points);
    });

    it("counts whole days only", () => {
      expect(pointsOf(heat({ lastInboundAt: iso(T0) }, after(4 * DAY - 1)).contributions, "silence")).toBe(0);
      expect(pointsOf(heat({ lastInboundAt: iso(T0) }, after(4 * DAY)).contributions, "silence")).toBe(-2);
    });

    it("says whether the lead went quiet after a reply or after other contact", () => {
      expect(
        detailOf(
          heat({ lastInboundAt: iso(T0), lastLeadActivityAt: iso(T0) }, after(9 * DAY)).contributions,
          "silence",
        ),
      ).toBe("No reply for 9 days");
      expect(detailOf(heat({ lastLeadActivityAt: iso(T0) }, after(9 * DAY)).contributions, "silence")).toBe(
        "No contact for 9 days",
      );
      expect(detailOf(heat({ lastInboundAt: iso(T0) }, after(2 * DAY)).contributions, "silence")).toBe(
        "Last contact 2 days ago (3-day grace)",
      );
      expect(detailOf(heat({ lastInboundAt: iso(T0) }, after(HOUR)).contributions, "silence")).toBe(
        "Last contact today (3-day grace)",
      );
    });

    it("is not counted while a meeting is coming up", () => {
      const waiting = heat(
        { lastInboundAt: iso(T0), meetings: [meeting("m1", "booked", after(30 * DAY))] },
        after(20 * DAY),
      );
      expect(pointsOf(waiting.contributions, "silence")).toBe(0);
      expect(detailOf(waiting.contributions, "silence")).toBe("Meeting coming up on 2026-04-01: silence not counted");
    });

    it("counts a passed meeting as contact, unless it was canceled or missed", () => {
      const e = { lastInboundAt: iso(T0) };
      const heldAt = after(10 * DAY);
      const now = after(12 * DAY);
      expect(pointsOf(heat({ ...e, meetings: [meeting("m1", "booked", heldAt)] }, now).contributions, "silence")).toBe(
        0,
      );
      expect(pointsOf(heat({ ...e, meetings: [meeting("m1", "held", heldAt)] }, now).contributions, "silence")).toBe(0);
      expect(
        pointsOf(heat({ ...e, meetings: [meeting("m1", "canceled", heldAt)] }, now).contributions, "silence"),
      ).toBe(-18);
      expect(pointsOf(heat({ ...e, meetings: [meeting("m1", "no_show", heldAt)] }, now).contributions, "silence")).toBe(
        -18,
      );
      expect(lastContactAt(engagementWith({ ...e, meetings: [meeting("m1", "held", heldAt)] }), now)).toBe(iso(heldAt));
    });

    it("never takes the score below 0", () => {
      const { score, contributions } = heat(
        { lastInboundAt: iso(T0), meetingNoShows: 2, meetingCancellations: 2 },
        after(100 * DAY),
      );
      expect(score).toBe(0);
      expect(pointsOf(contributions, "silence")).toBe(-50);
      expect(pointsOf(contributions, "bounds")).toBe(100);
      expect(detailOf(contributions, "bounds")).toBe("Heat cannot go below 0");
    });
  });

  it("is clamped to 100", () => {
    const bant = bantWith({ budget: "confirmed", authority: "confirmed", need: "confirmed", timeline: "confirmed" });
    const { score, contributions } = heat(
      {
        lastInboundAt: iso(T0),
        lastResponseSeconds: 60,
        meetingsBooked: 1,
        meetingsHeld: 1,
        lastMeetingHeldAt: iso(T0),
        meetings: [meeting("m1", "held", T0)],
      },
      T0,
      bant,
    );
    expect(score).toBe(100);
    expect(pointsOf(contributions, "bounds")).toBe(-10);
    expect(detailOf(contributions, "bounds")).toBe("Heat cannot exceed 100");
  });

  it("caps a disqualified lead at cold (29), and says which dimension did it", () => {
    const bant = bantWith({ budget: "disqualified", authority: "confirmed", need: "confirmed", timeline: "confirmed" });
    const { score, contributions } = heat({ lastInboundAt: iso(T0), lastResponseSeconds: 60 }, T0, bant);
    expect(score).toBe(HEAT_RULES.disqualifiedCap);
    expect(levelFor(score)).toBe("cold");
    expect(pointsOf(contributions, "disqualified")).toBe(29 - 58);
    expect(detailOf(contributions, "disqualified")).toBe("Budget disqualified: heat held at cold (at most 29)");
    const two = heat({}, T0, bantWith({ need: "disqualified", timeline: "disqualified" }));
    expect(detailOf(two.contributions, "disqualified")).toBe(
      "Need and timeline disqualified: heat held at cold (at most 29)",
    );
    expect(pointsOf(two.contributions, "disqualified")).toBe(0);
  });

  it("always equals the sum of its contributions", () => {
    const fixtures: [Partial<EngagementState>, Date, Bant][] = [
      [{}, T0, emptyBant()],
      [
        { lastInboundAt: iso(T0), lastResponseSeconds: 120 },
        after(5 * DAY),
        bantWith({ budget: "partial", need: "confirmed" }),
      ],
      [{ lastInboundAt: iso(T0), meetingNoShows: 3 }, after(40 * DAY), emptyBant()],
      [
        {
          lastInboundAt: iso(T0),
          lastResponseSeconds: 1,
          meetingsHeld: 1,
          meetings: [meeting("m", "booked", after(DAY))],
        },
        T0,
        bantWith({ budget: "confirmed", authority: "confirmed", need: "confirmed", timeline: "confirmed" }),
      ],
      [
        { lastInboundAt: iso(T0), lastResponseSeconds: 1, meetingsHeld: 1 },
        T0,
        bantWith({ budget: "confirmed", authority: "disqualified", need: "confirmed", timeline: "confirmed" }),
      ],
    ];
    for (const [engagement, now, bant] of fixtures) {
      const { score, contributions } = heat(engagement, now, bant);
      expect(sum(contributions)).toBe(score);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
      expect(Number.isInteger(score)).toBe(true);
    }
  });
});

describe("a manager override", () => {
  const override = (expiresAt: Date | null): HeatOverride => ({
    level: "hot",
    reason: "Verbal yes from the CFO",
    by: "Maya Chen",
    at: iso(T0),
    expiresAt: expiresAt ? iso(expiresAt) : null,
  });

  it("holds until its expiry (exclusive), and forever without one", () => {
    const pinned = { score: 10, override: override(after(7 * DAY)) };
    expect(activeOverride(pinned, after(7 * DAY - 1))).toEqual(pinned.override);
    expect(effectiveLevel(pinned, after(7 * DAY - 1))).toBe("hot");
    expect(activeOverride(pinned, after(7 * DAY))).toBeNull();
    expect(effectiveLevel(pinned, after(7 * DAY))).toBe("cold");
    expect(effectiveLevel({ score: 10, override: override(null) }, after(365 * DAY))).toBe("hot");
    expect(effectiveLevel({ score: 60, override: null }, T0)).toBe("hot");
  });
});
