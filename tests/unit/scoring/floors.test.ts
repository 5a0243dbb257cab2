import { describe, expect, it } from "vitest";
import {
  HEAT_RULES,
  MEETING_FLOOR_SCORE,
  heatScore,
  initialLeadScoring,
  levelFor,
  meetingFloor,
  type LeadScoringState,
  type SignalInput,
} from "@/lib/scoring";
import { englishHeatLine } from "@/lib/scoring/english";
import {
  DAY,
  HOUR,
  T0,
  after,
  bantWith,
  engagementWith,
  evaluate,
  explainedPoints,
  hotLead,
  iso,
  replay,
  stateOf,
  type EnglishEvaluation,
} from "./fixtures";

const book = (meetingId: string, at: Date, startsAt: Date): [SignalInput, Date] => [
  { type: "meeting_booked", at: iso(at), meetingId, startsAt: iso(startsAt), source: "Calendly" },
  at,
];
const meeting = (
  type: "meeting_held" | "meeting_canceled" | "meeting_no_show",
  meetingId: string,
  at: Date,
): [SignalInput, Date] => [{ type, at: iso(at), meetingId }, at];
const decay = (at: Date): [SignalInput, Date] => [{ type: "decay", at: iso(at) }, at];
const floorOf = (r: EnglishEvaluation) => r.contributions.find((c) => c.signal === "meeting_floor");

/** Every evaluation's explanation adds up to its change, and its breakdown to its score. */
function expectConsistent(results: EnglishEvaluation[]) {
  for (const r of results) {
    expect(explainedPoints(r.explanation)).toBe(r.changes.heatScoreDelta);
    expect(r.contributions.reduce((s, c) => s + c.points, 0)).toBe(r.heat.score);
    if (!r.heat.override) expect(r.heat.level).toBe(levelFor(r.heat.score));
  }
}

describe("meeting floors", () => {
  it("are the lower bound of hot, documented as a rule", () => {
    expect(HEAT_RULES.meetingFloor).toEqual({ level: "hot", outcomeGraceDays: 3, heldDays: 14 });
    expect(MEETING_FLOOR_SCORE).toBe(55);
  });

  it("a cold lead who books a meeting is hot until the meeting", () => {
    const start = after(4 * DAY);
    const { results } = replay([
      book("m1", T0, start),
      decay(after(DAY)),
      decay(after(2 * DAY)),
      decay(after(4 * DAY - HOUR)),
    ]);
    const [booked] = results;
    expect(booked!.heat).toEqual({ level: "hot", score: 55, override: null });
    expect(booked!.changes.heatLevelChanged).toEqual({ from: "cold", to: "hot" });
    expect(booked!.explanation).toEqual([
      "Meeting booked via Calendly for 2026-03-06 09:00 UTC (+25)",
      "Meeting coming up on 2026-03-06 09:00 UTC: kept at least hot until it takes place (+30)",
    ]);
    for (const r of results) expect(r.heat.level).toBe("hot");
    expectConsistent(results);
  });

  it("raises the score, never lowers it: a lead already above hot keeps its points", () => {
    const r = evaluate(hotLead(), book("m1", after(HOUR), after(2 * DAY))[0], after(HOUR));
    expect(r.heat).toMatchObject({ level: "burning", score: 91 });
    expect(floorOf(r)).toMatchObject({ points: 0 });
    expect(r.explanation).toEqual(["Meeting booked via Calendly for 2026-03-04 09:00 UTC (+25)"]);
  });

  it("a rescheduled meeting keeps the floor until its new time", () => {
    const { results, last } = replay([
      book("m1", T0, after(DAY)),
      [
        { type: "meeting_rescheduled", at: iso(after(HOUR)), meetingId: "m1", startsAt: iso(after(6 * DAY)) },
        after(HOUR),
      ],
      decay(after(5 * DAY)),
    ]);
    expect(last.heat.level).toBe("hot");
    expect(floorOf(last)!.detail).toBe(
      "Meeting coming up on 2026-03-08 09:00 UTC: kept at least hot until it takes place",
    );
    expectConsistent(results);
  });

  it("a held meeting keeps the lead hot for 14 days, then decay lowers it", () => {
    const start = after(2 * DAY);
    const { results } = replay([
      book("m1", T0, start),
      meeting("meeting_held", "m1", after(HOUR, start)),
      decay(after(13 * DAY, start)),
      decay(after(14 * DAY - 1, start)),
      decay(after(14 * DAY, start)),
    ]);
    const [, held, day13, justBefore, lapsed] = results;
    expect(held!.heat.level).toBe("hot");
    expect(held!.explanation).toContain("Meeting held on 2026-03-04 (+15)");
    expect(day13!.heat).toMatchObject({ level: "hot", score: 55 });
    expect(floorOf(day13!)!.detail).toBe("Meeting held on 2026-03-04: kept at least hot until 2026-03-18 09:00 UTC");
    expect(justBefore!.heat.level).toBe("hot");
    // 25 booked + 15 held − 20 for 13 silent days (3 of grace): cold, as the rules say without a floor.
    expect(lapsed!.heat).toMatchObject({ level: "cold", score: 20 });
    expect(lapsed!.changes.heatLevelChanged).toEqual({ from: "hot", to: "cold" });
    expect(floorOf(lapsed!)).toBeUndefined();
    expect(lapsed!.explanation).toContain(
      `14 days have passed since the meeting held on 2026-03-04: no longer kept at least hot (−${55 - lapsed!.heat.score})`,
    );
    expectConsistent(results);
  });

  it("the held floor counts from the meeting's start, not from when it was marked held", () => {
    const start = after(2 * DAY);
    const { lead } = replay([book("m1", T0, start), meeting("meeting_held", "m1", after(5 * DAY, start))]);
    expect(meetingFloor(lead.engagement, after(10 * DAY, start))).toEqual({
      kind: "held",
      at: iso(start),
      until: iso(after(14 * DAY, start)),
    });
    expect(meetingFloor(lead.engagement, after(14 * DAY, start))).toBeNull();
  });

  it("a canceled meeting removes the floor, and the cancellation costs points", () => {
    const booked = replay([[{ type: "inbound_reply", at: iso(T0) }, T0], book("m1", after(HOUR), after(3 * DAY))]);
    expect(booked.last.heat).toMatchObject({ level: "hot", score: 55 });
    const canceled = evaluate(booked.lead, meeting("meeting_canceled", "m1", after(2 * HOUR))[0], after(2 * HOUR));
    expect(canceled.heat).toMatchObject({ level: "cold", score: 20 - 10 });
    expect(canceled.explanation).toEqual([
      "No meeting on the books (−25)",
      "1 meeting canceled (−10)",
      "Meeting on 2026-03-05 no longer keeps the lead at least hot (−10)",
    ]);
    expectConsistent([...booked.results, canceled]);
  });

  it("a no-show removes the floor and the penalty applies", () => {
    const bant = bantWith({ budget: "confirmed", need: "confirmed", authority: "partial" });
    const start: LeadScoringState = { ...initialLeadScoring(), bant };
    const { results, last } = replay(
      [book("m1", T0, after(DAY)), meeting("meeting_no_show", "m1", after(DAY + HOUR))],
      start,
    );
    // 27 from BANT and 25 for the booking, raised to 55 by the floor…
    expect(results[0]!.heat).toMatchObject({ level: "hot", score: 55 });
    // …then the booking and the floor go, and the no-show costs 15.
    expect(last.heat).toMatchObject({ level: "cold", score: 27 - 15 });
    expect(floorOf(last)).toBeUndefined();
    expect(last.explanation).toEqual([
      "No meeting on the books (−25)",
      "1 missed meeting (no-show) (−15)",
      "Meeting on 2026-03-03 no longer keeps the lead at least hot (−3)",
    ]);
    expectConsistent(results);
  });

  it("a meeting nobody marked keeps the floor for 3 days after its start, then lapses", () => {
    const start = after(DAY);
    const { results } = replay([
      book("m1", T0, start),
      decay(after(HOUR, start)),
      decay(after(3 * DAY - HOUR, start)),
      decay(after(3 * DAY, start)),
    ]);
    const [, started, lastDay, lapsed] = results;
    expect(floorOf(started!)!.detail).toBe(
      "Meeting on 2026-03-03, outcome not recorded yet: kept at least hot until 2026-03-06 09:00 UTC",
    );
    expect(lastDay!.heat.level).toBe("hot");
    expect(lapsed!.heat.level).not.toBe("hot");
    expect(lapsed!.explanation.at(-1)).toMatch(
      /^Meeting on 2026-03-03 not marked held within 3 days: no longer kept at least hot \(−\d+\)$/,
    );
    expectConsistent(results);
  });

  it("a held meeting corrected to a no-show loses its floor", () => {
    const start = after(DAY);
    const { results, last } = replay([
      book("m1", T0, start),
      meeting("meeting_held", "m1", after(HOUR, start)),
      meeting("meeting_no_show", "m1", after(2 * HOUR, start)),
    ]);
    expect(results[1]!.heat.level).toBe("hot");
    expect(floorOf(last)).toBeUndefined();
    expect(last.heat.level).toBe("cold");
    expectConsistent(results);
  });

  it("an override beats the floor: the level stays pinned while the score keeps its floor", () => {
    const { results, last } = replay([
      book("m1", T0, after(3 * DAY)),
      [
        {
          type: "heat_override",
          level: "warm",
          reason: "Booked by mistake, says the rep",
          by: "Maya Chen",
          at: iso(after(HOUR)),
        },
        after(HOUR),
      ],
      decay(after(DAY)),
    ]);
    expect(last.heat).toMatchObject({ level: "warm", score: 55 });
    expect(last.heat.override?.level).toBe("warm");
    expectConsistent(results);
  });

  it("a meeting still to come outranks the disqualification cap, at exactly hot", () => {
    const bant = bantWith({ budget: "confirmed", authority: "confirmed", need: "disqualified", timeline: "confirmed" });
    const engagement = engagementWith({
      lastInboundAt: iso(T0),
      lastResponseSeconds: 60,
      meetingsBooked: 1,
      meetings: [{ id: "m1", status: "booked", startsAt: iso(after(DAY)), source: null }],
    });
    const upcoming = heatScore(bant, engagement, T0);
    expect(upcoming.score).toBe(MEETING_FLOOR_SCORE);
    expect(upcoming.contributions.find((c) => c.signal === "disqualified")!.points).toBeLessThan(0);
    expect(englishHeatLine(upcoming.contributions.at(-1)!.line)).toBe(
      "Meeting coming up on 2026-03-03 09:00 UTC: kept at least hot until it takes place, even with need disqualified",
    );
  });

  it("a disqualified lead gets no floor from a held meeting: the cap wins once the meeting has started", () => {
    const bant = bantWith({ budget: "disqualified", need: "disqualified" });
    const engagement = engagementWith({
      meetingsBooked: 1,
      meetingsHeld: 1,
      lastMeetingHeldAt: iso(T0),
      meetings: [{ id: "m1", status: "held", startsAt: iso(T0), source: null }],
    });
    const { score, contributions } = heatScore(bant, engagement, after(DAY));
    expect(score).toBe(HEAT_RULES.disqualifiedCap);
    const floor = contributions.find((c) => c.signal === "meeting_floor")!;
    expect(floor.points).toBe(0);
    expect(englishHeatLine(floor.line)).toBe(
      "Meeting held on 2026-03-02: not kept at hot with budget and need disqualified",
    );
  });

  it("a lead stored under the previous rules gets its floor on the next evaluation, as a recalculation", () => {
    const booked = evaluate(initialLeadScoring(), book("m1", T0, after(3 * DAY))[0], T0);
    const storedByOldRules = { ...stateOf(booked), heat: { level: "cold" as const, score: 25, override: null } };
    const review = evaluate(storedByOldRules, decay(after(DAY))[0], after(DAY));
    expect(review.heat).toMatchObject({ level: "hot", score: 55 });
    expect(review.explanation).toEqual(["Recalculated with the current scoring rules (+30)"]);
    expect(review.changes.heatLevelChanged).toEqual({ from: "cold", to: "hot" });
  });
});
