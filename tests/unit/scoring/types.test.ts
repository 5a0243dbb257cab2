import { describe, expect, it } from "vitest";
import {
  HEAT_RULES,
  HEAT_THRESHOLDS,
  bantSchema,
  engagementStateSchema,
  evidenceSchema,
  formatPoints,
  heatSchema,
  initialLeadScoring,
  leadScoringStateSchema,
  signalSchema,
  timestampSchema,
  truncate,
} from "@/lib/scoring";

describe("stored state", () => {
  it("an empty object parses as a blank, cold lead", () => {
    expect(leadScoringStateSchema.parse({})).toEqual(initialLeadScoring());
    expect(bantSchema.parse({ budget: { status: "confirmed" } }).budget).toEqual({
      status: "confirmed",
      value: null,
      evidence: null,
    });
    expect(heatSchema.parse({})).toEqual({ level: "cold", score: 0, override: null });
    expect(engagementStateSchema.parse({}).meetings).toEqual([]);
  });

  it("timestamps from Dates, Z or offset strings are stored as UTC ISO strings", () => {
    expect(timestampSchema.parse(new Date("2026-03-02T09:00:00Z"))).toBe("2026-03-02T09:00:00.000Z");
    expect(timestampSchema.parse("2026-03-02T11:00:00+02:00")).toBe("2026-03-02T09:00:00.000Z");
    expect(timestampSchema.safeParse("2026-03-02").success).toBe(false);
    expect(timestampSchema.safeParse("2026-03-02T09:00:00").success).toBe(false);
    expect(timestampSchema.safeParse(new Date("nope")).success).toBe(false);
  });

  it("evidence holds a quote of at most 500 characters and a known kind", () => {
    expect(evidenceSchema.safeParse({ kind: "quote", text: "x".repeat(500) }).success).toBe(true);
    expect(evidenceSchema.safeParse({ kind: "quote", text: "x".repeat(501) }).success).toBe(false);
    expect(evidenceSchema.safeParse({ kind: "rumour" }).success).toBe(false);
  });

  it("a heat score outside 0–100 or a fraction is refused", () => {
    expect(heatSchema.safeParse({ score: -1 }).success).toBe(false);
    expect(heatSchema.safeParse({ score: 100.5 }).success).toBe(false);
    expect(heatSchema.safeParse({ score: 100 }).success).toBe(true);
  });

  it("the meeting list is bounded", () => {
    const meetings = Array.from({ length: 21 }, (_, i) => ({ id: `m${i}`, status: "held" }));
    expect(engagementStateSchema.safeParse({ meetings }).success).toBe(false);
  });
});

describe("signals", () => {
  it.each([
    [{ type: "inbound_reply", at: "2026-03-02T09:00:00Z" }],
    [{ type: "inbound_reply", at: "2026-03-02T09:00:00Z", responseSeconds: 30 }],
    [{ type: "outbound_message", at: "2026-03-02T09:00:00Z" }],
    [
      {
        type: "meeting_booked",
        at: "2026-03-02T09:00:00Z",
        meetingId: "m1",
        startsAt: "2026-03-03T09:00:00Z",
        source: "Calendly",
      },
    ],
    [
      {
        type: "meeting_rescheduled",
        at: "2026-03-02T09:00:00Z",
        meetingId: "m2",
        startsAt: "2026-03-03T09:00:00Z",
        previousMeetingId: "m1",
      },
    ],
    [{ type: "meeting_held", at: "2026-03-02T09:00:00Z", meetingId: "m1" }],
    [{ type: "meeting_canceled", at: "2026-03-02T09:00:00Z", meetingId: "m1", reason: "Sick" }],
    [{ type: "meeting_no_show", at: "2026-03-02T09:00:00Z", meetingId: "m1" }],
    [{ type: "meeting_no_show_cleared", at: "2026-03-02T09:00:00Z", meetingId: "m1" }],
    [{ type: "bant_update", dimension: "need", status: "partial", value: null, evidence: null }],
    [
      {
        type: "heat_override",
        level: "hot",
        reason: "CFO said yes",
        by: "Maya Chen",
        at: "2026-03-02T09:00:00Z",
        expiresAt: null,
      },
    ],
    [{ type: "heat_override_cleared", by: "Maya Chen", at: "2026-03-02T09:00:00Z" }],
    [{ type: "decay", at: "2026-03-02T09:00:00Z" }],
  ])("%j is a valid signal", (signal) => {
    expect(signalSchema.parse(signal).type).toBe(signal.type);
  });

  it.each([
    [
      { type: "bant_update", dimension: "need", status: "partial" },
      "value and evidence are required (null clears them)",
    ],
    [{ type: "meeting_booked", at: "2026-03-02T09:00:00Z", meetingId: "m1" }, "a booking needs its start"],
    [
      { type: "meeting_held", at: "2026-03-02T09:00:00Z", meetingId: "x".repeat(201) },
      "meeting ids are at most 200 characters",
    ],
    [
      {
        type: "heat_override",
        level: "hot",
        reason: "x",
        by: "Maya",
        at: "2026-03-02T09:00:00Z",
        expiresAt: "2026-03-01T09:00:00Z",
      },
      "an override must expire after it is set",
    ],
    [
      { type: "heat_override", level: "lukewarm", reason: "x", by: "Maya", at: "2026-03-02T09:00:00Z" },
      "levels are cold, warm, hot, burning",
    ],
    [{ type: "decay" }, "every timed signal needs its time"],
  ] as [Record<string, unknown>, string][])("%j is refused: %s", (signal) => {
    expect(signalSchema.safeParse(signal).success).toBe(false);
  });
});

describe("constants", () => {
  it("keep the disqualification cap just below warm and the thresholds ascending", () => {
    expect(HEAT_RULES.disqualifiedCap).toBe(HEAT_THRESHOLDS.warm - 1);
    expect(HEAT_THRESHOLDS.warm).toBeLessThan(HEAT_THRESHOLDS.hot);
    expect(HEAT_THRESHOLDS.hot).toBeLessThan(HEAT_THRESHOLDS.burning);
  });
});

describe("explanation text", () => {
  it.each([
    [25, "+25"],
    [-12, "\u221212"],
    [0, "±0"],
  ])("%i points read %s", (points, text) => {
    expect(formatPoints(points)).toBe(text);
  });

  it("keeps short quotes whole and cuts long ones at a word with …", () => {
    expect(truncate("  we have   about 20k ")).toBe("we have about 20k");
    expect(truncate("a".repeat(80))).toBe("a".repeat(80));
    expect(truncate("a".repeat(81))).toBe(`${"a".repeat(79)}…`);
    expect(truncate("one two three four five", 16)).toBe("one two three…");
  });
});
