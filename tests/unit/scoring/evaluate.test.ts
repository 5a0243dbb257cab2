import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  MAX_TRACKED_MEETINGS,
  RULES_VERSION,
  initialLeadScoring,
  type LeadScoringState,
  type SignalInput,
} from "@/lib/scoring";
import {
  DAY,
  HOUR,
  T0,
  after,
  evaluate,
  type EnglishEvaluation,
  explainedPoints,
  hotLead,
  iso,
  replay,
  stateOf,
  warmLead,
} from "./fixtures";

const book = (meetingId: string, at: Date, startsAt: Date, source?: string): SignalInput => ({
  type: "meeting_booked",
  at: iso(at),
  meetingId,
  startsAt: iso(startsAt),
  ...(source ? { source } : {}),
});
const decay = (now: Date): [SignalInput, Date] => [{ type: "decay", at: iso(now) }, now];
const meetingSignal = (
  type: "meeting_held" | "meeting_canceled" | "meeting_no_show" | "meeting_no_show_cleared",
  meetingId: string,
  at: Date,
): SignalInput => ({ type, at: iso(at), meetingId });

/** The lead after each step, checked against the explanation's own arithmetic. */
function expectExplained(r: EnglishEvaluation) {
  expect(explainedPoints(r.explanation)).toBe(r.changes.heatScoreDelta);
  expect(r.contributions.reduce((s, c) => s + c.points, 0)).toBe(r.heat.score);
}

describe("evaluate: replies and messages", () => {
  it("a reply minutes after our message turns a new lead warm", () => {
    const { last } = replay([
      [{ type: "outbound_message", at: iso(T0) }, T0],
      [{ type: "inbound_reply", at: iso(after(25 * 60_000)) }, after(25 * 60_000)],
    ]);
    expect(last.heat).toEqual({ level: "warm", score: 30, override: null });
    expect(last.engagement.lastResponseSeconds).toBe(1500);
    expect(last.explanation).toEqual([
      "Last reply less than an hour ago, within 24 hours (+20)",
      "Answered our last message in 25 minutes (+10)",
    ]);
    expect(last.summary).toBe("Heat 0 → 30 (+30): cold → warm");
    expect(last.changes.heatLevelChanged).toEqual({ from: "cold", to: "warm" });
  });

  it("an outbound message alone changes nothing and says so", () => {
    const r = evaluate(initialLeadScoring(), { type: "outbound_message", at: iso(T0) }, T0);
    expect(r.heat.score).toBe(0);
    expect(r.engagement.lastOutboundAt).toBe(iso(T0));
    expect(r.explanation).toEqual(["Message sent to the lead: nothing changed"]);
    expect(r.summary).toBe("Heat 0 (unchanged); stays cold");
    expect(r.changes.heatLevelChanged).toBeNull();
  });

  it("uses the response time the reply carries when there is one", () => {
    const r = evaluate(initialLeadScoring(), { type: "inbound_reply", at: iso(T0), responseSeconds: 7200.4 }, T0);
    expect(r.engagement.lastResponseSeconds).toBe(7200);
    expect(r.heat.score).toBe(25);
  });

  it("measures response time only for the first reply after our message", () => {
    const { last } = replay([
      [{ type: "outbound_message", at: iso(T0) }, T0],
      [{ type: "inbound_reply", at: iso(after(10 * 60_000)) }, after(10 * 60_000)],
      [{ type: "inbound_reply", at: iso(after(30 * HOUR)) }, after(30 * HOUR)],
    ]);
    expect(last.engagement.lastResponseSeconds).toBe(600);
  });

  it("a reply with no message of ours before it has no response time", () => {
    const r = evaluate(initialLeadScoring(), { type: "inbound_reply", at: iso(T0) }, T0);
    expect(r.engagement.lastResponseSeconds).toBeNull();
    expect(r.heat.score).toBe(20);
  });

  it("the same reply twice is harmless, and a late-arriving older reply does not move time back", () => {
    const reply: SignalInput = { type: "inbound_reply", at: iso(after(HOUR)), responseSeconds: 60 };
    const first = replay([[reply, after(HOUR)]]);
    const again = evaluate(first.lead, reply, after(HOUR));
    expect(stateOf(again)).toEqual(first.lead);
    expect(again.explanation).toEqual(["Reply from the lead: nothing changed"]);
    const older = evaluate(first.lead, { type: "inbound_reply", at: iso(T0), responseSeconds: 9999 }, after(HOUR));
    expect(older.engagement.lastInboundAt).toBe(iso(after(HOUR)));
    expect(older.engagement.lastResponseSeconds).toBe(60);
  });

  it("a fresh reply warms a lead that had cooled (levels move both ways)", () => {
    const lead = replay([decay(after(9 * DAY))], hotLead()).lead;
    expect(lead.heat.level).toBe("warm");
    const r = evaluate(lead, { type: "inbound_reply", at: iso(after(9 * DAY + HOUR)) }, after(9 * DAY + HOUR));
    expect(r.heat.level).toBe("hot");
    expect(r.explanation).toContain("Last reply less than an hour ago, within 24 hours (+20)");
    expect(r.explanation).toContain("Last contact today (3-day grace) (+10)");
    expectExplained(r);
  });
});

describe("evaluate: meetings", () => {
  it("a booked meeting turns a warm lead hot", () => {
    const now = after(HOUR);
    const r = evaluate(warmLead(), book("m1", now, after(3 * DAY), "Calendly"), now);
    expect(r.heat.level).toBe("hot");
    expect(r.heat.score).toBe(61);
    expect(r.explanation).toEqual(["Meeting booked via Calendly for 2026-03-05 09:00 UTC (+25)"]);
    expect(r.changes.heatLevelChanged).toEqual({ from: "warm", to: "hot" });
    expect(r.engagement).toMatchObject({
      meetingsBooked: 1,
      lastMeetingBookedAt: iso(now),
      nextMeetingAt: iso(after(3 * DAY)),
    });
  });

  it("the same meeting booked twice counts once", () => {
    const now = after(HOUR);
    const once = evaluate(warmLead(), book("m1", now, after(3 * DAY)), now);
    const twice = evaluate(stateOf(once), book("m1", now, after(3 * DAY)), after(HOUR + 60_000));
    expect(twice.heat).toEqual(once.heat);
    expect(twice.engagement.meetingsBooked).toBe(1);
    expect(twice.engagement.meetings).toHaveLength(1);
    expect(twice.explanation).toEqual(["Meeting m1 was already counted: nothing changed"]);
    expect(twice.changes.heatScoreDelta).toBe(0);
  });

  it("a second, different meeting is remembered but adds no second booking bump", () => {
    const now = after(HOUR);
    const { last } = replay(
      [
        [book("m1", now, after(3 * DAY)), now],
        [book("m2", now, after(5 * DAY)), now],
      ],
      warmLead(),
    );
    expect(last.engagement.meetingsBooked).toBe(2);
    expect(last.heat.score).toBe(61);
  });

  it("a reschedule does not cool the lead", () => {
    const now = after(HOUR);
    const booked = evaluate(warmLead(), book("m1", now, after(2 * DAY)), now);
    const moved: SignalInput = {
      type: "meeting_rescheduled",
      at: iso(now),
      meetingId: "m1",
      startsAt: iso(after(9 * DAY)),
    };
    const r = evaluate(stateOf(booked), moved, now);
    expect(r.heat).toEqual(booked.heat);
    expect(r.explanation).toEqual(["Meeting rescheduled to 2026-03-11 09:00 UTC: a reschedule is not a cancellation"]);
    expect(r.engagement).toMatchObject({
      meetingCancellations: 0,
      meetingsBooked: 1,
      nextMeetingAt: iso(after(9 * DAY)),
    });

    // Days later, after the original date: rescheduling keeps the lead at least as warm as not rescheduling.
    const later = after(4 * DAY);
    const idle = evaluate(stateOf(booked), decay(later)[0], later);
    const rescheduled = evaluate(stateOf(booked), { ...moved, at: iso(later) }, later);
    expect(rescheduled.heat.score).toBeGreaterThanOrEqual(idle.heat.score);
    expect(rescheduled.contributions.find((c) => c.signal === "silence")?.points).toBe(0);
    expect(rescheduled.contributions.find((c) => c.signal === "meeting_booked")?.points).toBe(25);
  });

  it("a reschedule under a new id withdraws the old id's cancellation and ignores a late one", () => {
    const now = after(HOUR);
    const { last, lead } = replay(
      [
        [book("old", now, after(2 * DAY), "Calendly"), now],
        [{ type: "meeting_canceled", at: iso(now), meetingId: "old", reason: "rescheduled" }, now],
        [
          {
            type: "meeting_rescheduled",
            at: iso(now),
            meetingId: "new",
            startsAt: iso(after(4 * DAY)),
            previousMeetingId: "old",
          },
          now,
        ],
      ],
      warmLead(),
    );
    expect(last.heat.score).toBe(61);
    expect(last.engagement).toMatchObject({
      meetingCancellations: 0,
      meetingsBooked: 1,
      nextMeetingAt: iso(after(4 * DAY)),
    });
    expect(last.engagement.meetings.map((m) => [m.id, m.status, m.source])).toEqual([
      ["old", "rescheduled", "Calendly"],
      ["new", "booked", "Calendly"],
    ]);
    expect(last.explanation).toContain("The cancellation of meeting old was part of a reschedule, not a cancellation");
    expect(last.explanation).toContain("No canceled meetings (+10)");
    expectExplained(last);

    const late = evaluate(lead, { type: "meeting_canceled", at: iso(now), meetingId: "old" }, now);
    expect(late.heat).toEqual(lead.heat);
    expect(late.explanation).toEqual(["Meeting old was rescheduled: cancellation ignored"]);
  });

  it("a reschedule whose new id was already booked does not count the meeting twice", () => {
    const now = after(HOUR);
    const { last } = replay(
      [
        [book("old", now, after(2 * DAY)), now],
        [book("new", now, after(4 * DAY)), now],
        [
          {
            type: "meeting_rescheduled",
            at: iso(now),
            meetingId: "new",
            startsAt: iso(after(4 * DAY)),
            previousMeetingId: "old",
          },
          now,
        ],
      ],
      warmLead(),
    );
    expect(last.engagement.meetingsBooked).toBe(1);
    expect(last.heat.score).toBe(61);
  });

  it("a reschedule of a canceled meeting under the same id withdraws the cancellation", () => {
    const now = after(HOUR);
    const { last } = replay(
      [
        [book("m1", now, after(2 * DAY)), now],
        [meetingSignal("meeting_canceled", "m1", now), now],
        [{ type: "meeting_rescheduled", at: iso(now), meetingId: "m1", startsAt: iso(after(3 * DAY)) }, now],
      ],
      warmLead(),
    );
    expect(last.heat.score).toBe(61);
    expect(last.engagement.meetingCancellations).toBe(0);
    expectExplained(last);
  });

  it("a reschedule of a meeting never seen counts as its booking", () => {
    const now = after(HOUR);
    const r = evaluate(
      warmLead(),
      { type: "meeting_rescheduled", at: iso(now), meetingId: "m9", startsAt: iso(after(2 * DAY)) },
      now,
    );
    expect(r.heat.score).toBe(61);
    expect(r.engagement.meetingsBooked).toBe(1);
    expect(r.explanation[0]).toBe("Meeting m9 rescheduled to 2026-03-04 09:00 UTC (first seen, counted as booked)");
    const again = evaluate(
      stateOf(r),
      { type: "meeting_rescheduled", at: iso(now), meetingId: "m9", startsAt: iso(after(2 * DAY)) },
      now,
    );
    expect(again.engagement.meetingsBooked).toBe(1);
    expect(again.heat).toEqual(r.heat);
  });

  it("a reschedule of a held meeting is ignored", () => {
    const now = after(HOUR);
    const { lead } = replay(
      [
        [book("m1", now, now), now],
        [meetingSignal("meeting_held", "m1", now), now],
      ],
      warmLead(),
    );
    const r = evaluate(
      lead,
      { type: "meeting_rescheduled", at: iso(now), meetingId: "m1", startsAt: iso(after(DAY)) },
      now,
    );
    expect(r.engagement.meetings).toEqual(lead.engagement.meetings);
    expect(r.explanation).toEqual(["Meeting m1 was already held: reschedule ignored"]);
  });

  it("a held meeting adds to the booking bump, once", () => {
    const now = after(HOUR);
    const { lead, last } = replay(
      [
        [book("m1", now, now), now],
        [meetingSignal("meeting_held", "m1", now), now],
      ],
      warmLead(),
    );
    expect(last.heat.score).toBe(76);
    expect(last.explanation).toEqual(["Meeting held on 2026-03-02 (+15)"]);
    const again = evaluate(lead, meetingSignal("meeting_held", "m1", now), now);
    expect(again.heat).toEqual(lead.heat);
    expect(again.engagement.meetingsHeld).toBe(1);
    expect(again.explanation).toEqual(["Meeting m1 was already counted as held: nothing changed"]);
  });

  it("a meeting held that we never saw booked counts as booked and held", () => {
    const now = after(HOUR);
    const r = evaluate(warmLead(), meetingSignal("meeting_held", "m7", now), now);
    expect(r.heat.score).toBe(36 + 25 + 15);
    expect(r.engagement.meetingsBooked).toBe(0);
    expect(r.engagement.meetingsHeld).toBe(1);
  });

  it("a cancellation cools the lead: the booking bump goes and a penalty comes", () => {
    const now = after(HOUR);
    const { lead } = replay([[book("m1", now, after(2 * DAY)), now]], warmLead());
    const r = evaluate(
      lead,
      { type: "meeting_canceled", at: iso(now), meetingId: "m1", reason: "Budget review moved to Q3" },
      now,
    );
    expect(r.heat.score).toBe(26);
    expect(r.heat.level).toBe("cold");
    expect(r.explanation).toEqual([
      'Meeting canceled: "Budget review moved to Q3"',
      "No meeting on the books (−25)",
      "1 meeting canceled (−10)",
    ]);
    const again = evaluate(stateOf(r), meetingSignal("meeting_canceled", "m1", now), now);
    expect(again.engagement.meetingCancellations).toBe(1);
    expect(again.heat).toEqual(r.heat);
    expect(again.explanation).toEqual(["Meeting m1 was already counted as canceled: nothing changed"]);
  });

  it("a cancellation of a held or missed meeting is ignored", () => {
    const now = after(HOUR);
    const { lead } = replay(
      [
        [book("a", now, now), now],
        [meetingSignal("meeting_held", "a", now), now],
        [book("b", now, now), now],
        [meetingSignal("meeting_no_show", "b", now), now],
      ],
      warmLead(),
    );
    expect(evaluate(lead, meetingSignal("meeting_canceled", "a", now), now).explanation).toEqual([
      "Meeting a was already held: cancellation ignored",
    ]);
    expect(evaluate(lead, meetingSignal("meeting_canceled", "b", now), now).explanation).toEqual([
      "Meeting b is marked as a no-show: cancellation ignored",
    ]);
  });

  it("a cancellation of a meeting never seen still costs points", () => {
    const r = evaluate(warmLead(), meetingSignal("meeting_canceled", "m5", after(HOUR)), after(HOUR));
    expect(r.engagement.meetingCancellations).toBe(1);
    expect(r.heat.score).toBe(26);
  });

  it("a no-show costs more than a cancellation, counts once, and clearing it restores the points", () => {
    const now = after(HOUR);
    const { lead } = replay([[book("m1", now, now), now]], warmLead());
    const missed = evaluate(lead, meetingSignal("meeting_no_show", "m1", now), now);
    expect(missed.heat.score).toBe(61 - 25 - 15);
    expect(missed.explanation).toEqual(["No meeting on the books (−25)", "1 missed meeting (no-show) (−15)"]);
    const twice = evaluate(stateOf(missed), meetingSignal("meeting_no_show", "m1", now), now);
    expect(twice.engagement.meetingNoShows).toBe(1);
    expect(twice.explanation).toEqual(["Meeting m1 was already counted as a no-show: nothing changed"]);
    const cleared = evaluate(stateOf(missed), meetingSignal("meeting_no_show_cleared", "m1", now), now);
    expect(cleared.heat.score).toBe(61);
    expect(cleared.engagement.meetingNoShows).toBe(0);
    expect(cleared.explanation[0]).toBe("No-show on meeting m1 cleared");
    expectExplained(cleared);
    const nothingToClear = evaluate(stateOf(cleared), meetingSignal("meeting_no_show_cleared", "m1", now), now);
    expect(nothingToClear.explanation).toEqual(["Meeting m1 is not marked as a no-show: nothing changed"]);
  });

  it("a meeting marked held after a cancellation or no-show took place after all", () => {
    const now = after(HOUR);
    for (const first of ["meeting_canceled", "meeting_no_show"] as const) {
      const { last } = replay(
        [
          [book("m1", now, now), now],
          [meetingSignal(first, "m1", now), now],
          [meetingSignal("meeting_held", "m1", now), now],
        ],
        warmLead(),
      );
      expect(last.engagement).toMatchObject({ meetingsHeld: 1, meetingCancellations: 0, meetingNoShows: 0 });
      expect(last.heat.score).toBe(76);
      expect(last.explanation[0]).toBe("Meeting m1 took place after all");
      expectExplained(last);
    }
  });

  it("a no-show on a meeting recorded as held corrects it", () => {
    const now = after(HOUR);
    const { last } = replay(
      [
        [book("m1", now, now), now],
        [meetingSignal("meeting_held", "m1", now), now],
        [meetingSignal("meeting_no_show", "m1", now), now],
      ],
      warmLead(),
    );
    expect(last.engagement).toMatchObject({ meetingsHeld: 0, meetingNoShows: 1 });
    expect(last.explanation[0]).toBe("Meeting m1 was recorded as held: corrected to a no-show");
    expect(last.heat.score).toBe(36 - 15);
  });

  it("no-shows on canceled or rescheduled meetings are ignored", () => {
    const now = after(HOUR);
    const { lead } = replay(
      [
        [book("m1", now, now), now],
        [meetingSignal("meeting_canceled", "m1", now), now],
      ],
      warmLead(),
    );
    expect(evaluate(lead, meetingSignal("meeting_no_show", "m1", now), now).explanation).toEqual([
      "Meeting m1 was canceled: no-show ignored",
    ]);
  });

  it("remembers a bounded number of meetings, dropping finished ones first, while the counters keep counting", () => {
    const steps: [SignalInput, Date][] = [];
    for (let i = 0; i < 30; i++) {
      const now = after(i * HOUR);
      steps.push([book(`m${i}`, now, now), now]);
      if (i > 0) steps.push([meetingSignal("meeting_held", `m${i}`, now), now]);
    }
    const { lead } = replay(steps);
    expect(lead.engagement.meetings).toHaveLength(MAX_TRACKED_MEETINGS);
    expect(lead.engagement.meetingsBooked).toBe(30);
    expect(lead.engagement.meetingsHeld).toBe(29);
    expect(lead.engagement.meetings.map((m) => m.id)).toContain("m0"); // still booked, so kept
    expect(lead.engagement.meetings.map((m) => m.id)).not.toContain("m1");
  });

  it("keeps nextMeetingAt current as time passes", () => {
    const now = after(HOUR);
    const { lead } = replay([
      [book("m1", now, after(DAY)), now],
      [book("m2", now, after(3 * DAY)), now],
    ]);
    expect(lead.engagement.nextMeetingAt).toBe(iso(after(DAY)));
    expect(evaluate(lead, decay(after(2 * DAY))[0], after(2 * DAY)).engagement.nextMeetingAt).toBe(iso(after(3 * DAY)));
    expect(evaluate(lead, decay(after(4 * DAY))[0], after(4 * DAY)).engagement.nextMeetingAt).toBeNull();
  });
});

describe("evaluate: silence", () => {
  it("nine silent days cool a hot lead to warm", () => {
    const lead = hotLead();
    expect(lead.heat).toMatchObject({ level: "hot", score: 66 });
    const r = evaluate(lead, decay(after(9 * DAY + HOUR))[0], after(9 * DAY + HOUR));
    expect(r.heat).toMatchObject({ level: "warm", score: 34 });
    expect(r.explanation).toEqual(["Last reply 9 days ago (−20)", "No reply for 9 days (−12)"]);
    expect(r.summary).toBe("Heat 66 → 34 (−32): hot → warm");
    expect(r.changes.heatLevelChanged).toEqual({ from: "hot", to: "warm" });
  });

  it("daily decay explains each day's loss and stops at the bound", () => {
    let lead = hotLead();
    const scores: number[] = [];
    for (let day = 1; day <= 40; day++) {
      const r = evaluate(lead, decay(after(day * DAY + HOUR))[0], after(day * DAY + HOUR));
      expectExplained(r);
      scores.push(r.heat.score);
      lead = stateOf(r);
    }
    expect(scores.every((s, i) => i === 0 || s <= scores[i - 1]!)).toBe(true);
    // 36 BANT + 10 speed − 50 silence = −4 → floored at 0.
    expect(scores.at(-1)).toBe(0);
    const steady = evaluate(lead, decay(after(41 * DAY))[0], after(41 * DAY));
    expect(steady.explanation).toEqual(["Daily re-evaluation: nothing changed"]);
    expect(steady.summary).toBe("Heat 0 (unchanged); stays cold");
  });
});

describe("evaluate: BANT", () => {
  const update = (dimension: string, status: string, value: string | null = null, evidence: unknown = null) =>
    ({ type: "bant_update", dimension, status, value, evidence }) as SignalInput;

  it("quotes the evidence and shows the heat and BANT points it moved", () => {
    const r = evaluate(
      initialLeadScoring(),
      update("budget", "confirmed", "CHF 20k", {
        kind: "quote",
        text: "we have about CHF 20k set aside",
        ref: "msg_1",
        by: "set by Maya Chen",
      }),
      T0,
    );
    expect(r.bantScore).toBe(30);
    expect(r.explanation).toEqual([
      'Budget confirmed (CHF 20k): "we have about CHF 20k set aside" — set by Maya Chen (+12)',
      "BANT 0 → 30 of 100 (+30 BANT)",
    ]);
    expect(r.changes).toMatchObject({
      bantChanged: ["budget"],
      bantScoreDelta: 30,
      heatScoreDelta: 12,
      becameBantQualified: false,
    });
  });

  it("BANT qualified only when all four are confirmed, reported once", () => {
    const partialTimeline = replay([
      [update("budget", "confirmed"), T0],
      [update("authority", "confirmed"), T0],
      [update("need", "confirmed"), T0],
      [update("timeline", "partial"), T0],
    ]);
    expect(partialTimeline.results.every((r) => !r.changes.becameBantQualified)).toBe(true);
    const confirmed = evaluate(partialTimeline.lead, update("timeline", "confirmed", "go-live before July"), T0);
    expect(confirmed.changes.becameBantQualified).toBe(true);
    expect(confirmed.bantScore).toBe(100);
    expect(confirmed.explanation).toContain("BANT qualified: all four dimensions confirmed");
    const repeated = evaluate(stateOf(confirmed), update("timeline", "confirmed", "go-live before July"), T0);
    expect(repeated.changes.becameBantQualified).toBe(false);
    expect(repeated.changes.bantChanged).toEqual([]);
    expect(repeated.explanation).toEqual(["BANT update: nothing changed"]);
  });

  it("disqualified budget caps heat at cold, except at hot while a meeting is still to come", () => {
    const lead = hotLead();
    const quote =
      "Honestly the budget got frozen until the next fiscal year, so there is nothing we can spend on this right now";
    const r = evaluate(lead, update("budget", "disqualified", null, { kind: "quote", text: quote }), after(HOUR));
    expect(r.heat).toMatchObject({ level: "cold", score: 29 });
    expect(r.changes).toMatchObject({ becameDisqualified: true, heatLevelChanged: { from: "hot", to: "cold" } });
    expect(r.explanation).toEqual([
      'Budget disqualified: "Honestly the budget got frozen until the next fiscal year, so there is nothing…" (−12)',
      "Budget disqualified: heat held at cold (at most 29) (−25)",
      "BANT 90 → 60 of 100 (−30 BANT)",
    ]);
    expectExplained(r);

    // A meeting still to come outranks the cap (README.md, "Floors"): hot, never more, until it starts…
    const booked = evaluate(stateOf(r), book("m1", after(HOUR), after(DAY)), after(HOUR));
    expect(booked.heat).toMatchObject({ level: "hot", score: 55 });
    expect(booked.explanation).toEqual([
      "Meeting booked for 2026-03-03 09:00 UTC (+25)",
      "Budget disqualified: heat held at cold (at most 29) (−25)",
      "Meeting coming up on 2026-03-03 09:00 UTC: kept at least hot until it takes place, even with budget disqualified (+26)",
    ]);
    expectExplained(booked);
    // …then the cap holds it at cold again, whatever the meeting's outcome…
    const started = evaluate(stateOf(booked), { type: "decay", at: iso(after(DAY + HOUR)) }, after(DAY + HOUR));
    expect(started.heat).toMatchObject({ level: "cold", score: 29 });
    expect(started.explanation).toEqual([
      "Meeting on 2026-03-03, outcome not recorded yet: not kept at hot with budget disqualified (−26)",
    ]);
    // …until the budget is requalified, which lifts the cap.
    const requalified = evaluate(stateOf(started), update("budget", "partial", "maybe in Q3"), after(DAY + HOUR));
    expect(requalified.heat.level).toBe("burning");
    expect(requalified.explanation).toContain("No longer disqualified: the cap on heat is lifted (+50)");
    expectExplained(requalified);
  });

  it("a change of evidence alone is listed with ±0", () => {
    const first = evaluate(
      initialLeadScoring(),
      update("need", "confirmed", "Replace diesel generators", { kind: "message", ref: "msg_1" }),
      T0,
    );
    const r = evaluate(
      stateOf(first),
      update("need", "confirmed", "Replace diesel generators", { kind: "meeting", ref: "m1" }),
      T0,
    );
    expect(r.changes.bantChanged).toEqual(["need"]);
    expect(r.explanation).toEqual(["Need confirmed: Replace diesel generators — from a meeting (±0)"]);
  });

  it("stamps nothing it was not given: the BANT update's own time is optional", () => {
    const r = evaluate(initialLeadScoring(), { ...update("need", "partial"), at: iso(T0) } as SignalInput, T0);
    expect(r.bant.need.status).toBe("partial");
  });
});

describe("evaluate: manager override", () => {
  const pin = (at: Date, expiresAt?: Date, level = "hot"): SignalInput =>
    ({
      type: "heat_override",
      level,
      reason: "Verbal yes from the CFO",
      by: "Maya Chen",
      at: iso(at),
      ...(expiresAt ? { expiresAt: iso(expiresAt) } : {}),
    }) as SignalInput;

  it("a manager override pins the level until it expires", () => {
    const lead = warmLead();
    const pinned = evaluate(lead, pin(after(HOUR), after(7 * DAY)), after(HOUR));
    expect(pinned.heat.level).toBe("hot");
    expect(pinned.heat.score).toBe(36);
    expect(pinned.changes.heatLevelChanged).toEqual({ from: "warm", to: "hot" });
    expect(pinned.explanation).toEqual([
      'Maya Chen pinned the level at hot: "Verbal yes from the CFO" (until 2026-03-09 09:00 UTC)',
    ]);
    expect(pinned.summary).toBe("Heat 36 (unchanged): warm → hot (manager override)");

    // The score cools underneath; the level holds, and every explanation says why.
    const cooled = evaluate(stateOf(pinned), decay(after(6 * DAY))[0], after(6 * DAY));
    expect(cooled.heat.level).toBe("hot");
    expect(cooled.heat.score).toBeLessThan(30);
    expect(cooled.changes.heatLevelChanged).toBeNull();
    expect(cooled.explanation.at(-1)).toBe(
      'Level pinned at hot by Maya Chen since 2026-03-02 10:00 UTC: "Verbal yes from the CFO" (until 2026-03-09 09:00 UTC)',
    );
    expect(cooled.summary).toMatch(/; pinned at hot$/);

    // At its expiry it is dropped, said so, and the level follows the score again.
    const expired = evaluate(stateOf(cooled), decay(after(7 * DAY))[0], after(7 * DAY));
    expect(expired.heat.override).toBeNull();
    expect(expired.heat.level).toBe("cold");
    expect(expired.changes.heatLevelChanged).toEqual({ from: "hot", to: "cold" });
    expect(expired.explanation[0]).toBe(
      "Override to hot by Maya Chen expired on 2026-03-09 09:00 UTC: the level follows the score again",
    );
  });

  it("an override without expiry holds until a manager clears it", () => {
    const pinned = evaluate(warmLead(), pin(after(HOUR), undefined, "cold"), after(HOUR));
    expect(pinned.explanation[0]).toBe('Maya Chen pinned the level at cold: "Verbal yes from the CFO" (until cleared)');
    const later = evaluate(stateOf(pinned), { type: "inbound_reply", at: iso(after(90 * DAY)) }, after(90 * DAY));
    expect(later.heat.level).toBe("cold");
    expect(later.explanation.at(-1)).toMatch(/^Level pinned at cold by Maya Chen since .*\(until cleared\)$/);
    const cleared = evaluate(
      stateOf(later),
      { type: "heat_override_cleared", by: "Ari Levi", at: iso(after(90 * DAY)) },
      after(90 * DAY),
    );
    expect(cleared.heat.override).toBeNull();
    expect(cleared.heat.level).toBe("warm");
    expect(cleared.explanation).toEqual([
      "Ari Levi cleared the override (cold, set by Maya Chen): the level follows the score again",
    ]);
    expect(cleared.changes.heatLevelChanged).toEqual({ from: "cold", to: "warm" });
  });

  it("a new override replaces the old one", () => {
    const first = evaluate(warmLead(), pin(after(HOUR)), after(HOUR));
    const second = evaluate(
      stateOf(first),
      { ...(pin(after(2 * HOUR), undefined, "burning") as object), by: "Ari Levi" } as SignalInput,
      after(2 * HOUR),
    );
    expect(second.heat.override).toMatchObject({ level: "burning", by: "Ari Levi" });
    expect(second.explanation[0]).toBe(
      'Ari Levi pinned the level at burning: "Verbal yes from the CFO" (until cleared, replacing the override by Maya Chen)',
    );
  });

  it("an override that has already expired when it arrives is ignored", () => {
    const r = evaluate(warmLead(), pin(T0, after(HOUR)), after(2 * HOUR));
    expect(r.heat.override).toBeNull();
    expect(r.heat.level).toBe("warm");
    expect(r.explanation).toEqual(["Override to hot by Maya Chen had already expired: ignored"]);
  });

  it("clearing when there is no override changes nothing", () => {
    const r = evaluate(warmLead(), { type: "heat_override_cleared", by: "Ari Levi", at: iso(T0) }, after(HOUR));
    expect(r.explanation).toEqual(["No override to clear: nothing changed"]);
  });

  it("an override outranks the disqualification cap", () => {
    const disqualified = evaluate(
      hotLead(),
      { type: "bant_update", dimension: "need", status: "disqualified", value: null, evidence: null },
      after(HOUR),
    );
    expect(disqualified.heat.level).toBe("cold");
    expect(evaluate(stateOf(disqualified), pin(after(HOUR)), after(HOUR)).heat.level).toBe("hot");
  });
});

describe("evaluate: explanations and changes", () => {
  it("explanations list every contributing signal, and their points add up to the change", () => {
    const steps: [SignalInput, Date][] = [
      [{ type: "outbound_message", at: iso(T0) }, T0],
      [{ type: "inbound_reply", at: iso(after(20 * 60_000)) }, after(20 * 60_000)],
      [
        {
          type: "bant_update",
          dimension: "budget",
          status: "confirmed",
          value: "CHF 20k",
          evidence: { kind: "quote", text: "about 20k" },
        },
        after(HOUR),
      ],
      [book("m1", after(2 * HOUR), after(2 * DAY), "Calendly"), after(2 * HOUR)],
      [
        { type: "meeting_rescheduled", at: iso(after(DAY)), meetingId: "m1", startsAt: iso(after(4 * DAY)) },
        after(DAY),
      ],
      [meetingSignal("meeting_held", "m1", after(4 * DAY)), after(4 * DAY)],
      [
        {
          type: "bant_update",
          dimension: "authority",
          status: "partial",
          value: "Head of Ops",
          evidence: { kind: "meeting", ref: "m1" },
        },
        after(4 * DAY),
      ],
      decay(after(6 * DAY)),
      decay(after(12 * DAY)),
      [book("m2", after(13 * DAY), after(15 * DAY)), after(13 * DAY)],
      [meetingSignal("meeting_no_show", "m2", after(15 * DAY)), after(15 * DAY)],
      [{ type: "inbound_reply", at: iso(after(16 * DAY)) }, after(16 * DAY)],
      decay(after(60 * DAY)),
    ];
    const { results } = replay(steps);
    for (const r of results) {
      expectExplained(r);
      // Every contribution whose points moved has its own line.
      const index = results.indexOf(r);
      const before = index === 0 ? [] : results[index - 1]!.contributions;
      for (const c of r.contributions) {
        const was = before.find((b) => b.signal === c.signal)?.points ?? 0;
        if (c.points !== was) expect(r.explanation.some((line) => line.startsWith(c.detail))).toBe(true);
      }
      expect(r.rulesVersion).toBe(RULES_VERSION);
    }
  });

  it("reports a score computed by older rules as a recalculation", () => {
    const lead: LeadScoringState = { ...warmLead(), heat: { level: "warm", score: 40, override: null } };
    const r = evaluate(lead, decay(after(HOUR))[0], after(HOUR));
    expect(r.explanation).toEqual(["Recalculated with the current scoring rules (−4)"]);
    expect(r.changes.heatScoreDelta).toBe(-4);
  });

  it("does not change its input", () => {
    const lead = warmLead();
    const copy = structuredClone(lead);
    evaluate(lead, book("m1", after(HOUR), after(DAY)), after(HOUR));
    evaluate(
      lead,
      { type: "bant_update", dimension: "need", status: "confirmed", value: null, evidence: null },
      after(HOUR),
    );
    expect(lead).toEqual(copy);
  });

  it("gives the same answer from a state stored as JSON, with Dates or offset timestamps", () => {
    const lead = warmLead();
    const signal = book("m1", after(HOUR), after(DAY));
    const direct = evaluate(lead, signal, after(HOUR));
    const fromJson = evaluate(JSON.parse(JSON.stringify(lead)), JSON.parse(JSON.stringify(signal)), after(HOUR));
    expect(fromJson).toEqual(direct);
    const withDates = evaluate(
      lead,
      { type: "meeting_booked", meetingId: "m1", at: after(HOUR), startsAt: "2026-03-03T11:00:00+02:00" },
      after(HOUR),
    );
    expect(withDates.engagement).toEqual(direct.engagement);
  });

  it("accepts a stored lead with parts missing, as an empty lead", () => {
    const r = evaluate({}, { type: "inbound_reply", at: iso(T0) }, T0);
    expect(r.heat.score).toBe(20);
    expect(r.bant.budget.status).toBe("unknown");
  });

  it("refuses invalid input instead of carrying on", () => {
    const lead = initialLeadScoring();
    expect(() => evaluate(lead, { type: "meeting_exploded", at: iso(T0) } as unknown as SignalInput, T0)).toThrow(
      ZodError,
    );
    expect(() => evaluate(lead, { type: "meeting_booked", at: iso(T0), meetingId: "", startsAt: iso(T0) }, T0)).toThrow(
      ZodError,
    );
    expect(() => evaluate(lead, { type: "inbound_reply", at: "yesterday" }, T0)).toThrow(ZodError);
    expect(() => evaluate(lead, { type: "inbound_reply", at: iso(T0), responseSeconds: -1 }, T0)).toThrow(ZodError);
    expect(() =>
      evaluate(lead, { type: "heat_override", level: "hot", reason: " ", by: "Maya", at: iso(T0) }, T0),
    ).toThrow(ZodError);
    expect(() =>
      evaluate(
        lead,
        { type: "heat_override", level: "hot", reason: "x", by: "Maya", at: iso(T0), expiresAt: iso(T0) },
        T0,
      ),
    ).toThrow(ZodError);
    expect(() =>
      evaluate(
        { ...lead, heat: { level: "tepid" as "warm", score: 0, override: null } },
        { type: "decay", at: iso(T0) },
        T0,
      ),
    ).toThrow(ZodError);
    expect(() =>
      evaluate({ ...lead, heat: { level: "warm", score: 101, override: null } }, { type: "decay", at: iso(T0) }, T0),
    ).toThrow(ZodError);
    expect(() => evaluate(lead, { type: "decay", at: iso(T0) }, new Date("nope"))).toThrow(TypeError);
  });

  it("stores when it evaluated, so the next evaluation can explain what time alone changed", () => {
    const r = evaluate(initialLeadScoring(), { type: "decay", at: iso(T0) }, T0);
    expect(r.engagement.lastEvaluatedAt).toBe(iso(T0));
  });
});
