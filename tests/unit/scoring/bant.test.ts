import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  BANT_DIMENSIONS,
  BANT_STATUSES,
  BANT_WEIGHTS,
  applyBantUpdate,
  bantBreakdown,
  bantScore,
  dimensionLine,
  dimensionPoints,
  disqualifiedDimensions,
  emptyBant,
  isBantQualified,
  isDisqualified,
  type BantDimension,
  type BantDimensionName,
  type BantStatus,
} from "@/lib/scoring";
import { englishHeatLine } from "@/lib/scoring/english";

/** A dimension's line as the engine states it, rendered in English. */
const describeDimension = (dimension: BantDimensionName, value: BantDimension) =>
  englishHeatLine(dimensionLine(dimension, value));
import { bantWith } from "./fixtures";

describe("BANT weights", () => {
  it("add up to 100 with budget 30, authority 25, need 25, timeline 20", () => {
    expect(BANT_WEIGHTS).toEqual({ budget: 30, authority: 25, need: 25, timeline: 20 });
    expect(Object.values(BANT_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  const table: [BantDimensionName, BantStatus, number][] = [
    ["budget", "confirmed", 30],
    ["budget", "partial", 15],
    ["budget", "unknown", 0],
    ["budget", "disqualified", 0],
    ["authority", "confirmed", 25],
    ["authority", "partial", 12],
    ["authority", "unknown", 0],
    ["authority", "disqualified", 0],
    ["need", "confirmed", 25],
    ["need", "partial", 12],
    ["need", "unknown", 0],
    ["need", "disqualified", 0],
    ["timeline", "confirmed", 20],
    ["timeline", "partial", 10],
    ["timeline", "unknown", 0],
    ["timeline", "disqualified", 0],
  ];
  it.each(table)("%s %s earns %i points (confirmed full, partial half rounded down)", (dimension, status, points) => {
    expect(dimensionPoints(dimension, { status, value: null, evidence: null })).toBe(points);
    expect(bantScore(bantWith({ [dimension]: status }))).toBe(points);
  });
});

describe("the BANT score", () => {
  it.each([
    [{}, 0],
    [{ budget: "confirmed", authority: "confirmed", need: "confirmed", timeline: "confirmed" }, 100],
    [{ budget: "partial", authority: "partial", need: "partial", timeline: "partial" }, 49],
    [{ budget: "confirmed", need: "partial" }, 42],
    [{ budget: "disqualified", authority: "confirmed", need: "confirmed", timeline: "confirmed" }, 70],
  ] as const)("of %j is %i", (statuses, score) => {
    expect(bantScore(bantWith(statuses))).toBe(score);
  });

  it("breaks down per dimension with each one's maximum", () => {
    expect(bantBreakdown(bantWith({ budget: "confirmed", timeline: "partial" }))).toEqual([
      { dimension: "budget", status: "confirmed", points: 30, max: 30 },
      { dimension: "authority", status: "unknown", points: 0, max: 25 },
      { dimension: "need", status: "unknown", points: 0, max: 25 },
      { dimension: "timeline", status: "partial", points: 10, max: 20 },
    ]);
  });
});

describe("BANT qualification", () => {
  it("is BANT qualified only when all four are confirmed", () => {
    const all = { budget: "confirmed", authority: "confirmed", need: "confirmed", timeline: "confirmed" } as const;
    expect(isBantQualified(bantWith(all))).toBe(true);
    for (const dimension of BANT_DIMENSIONS) {
      for (const status of BANT_STATUSES.filter((s) => s !== "confirmed")) {
        expect(isBantQualified(bantWith({ ...all, [dimension]: status })), `${dimension} ${status}`).toBe(false);
      }
    }
    expect(isBantQualified(emptyBant())).toBe(false);
  });

  it("flags the lead when any dimension is disqualified, and names which", () => {
    expect(isDisqualified(emptyBant())).toBe(false);
    expect(isDisqualified(bantWith({ budget: "confirmed", need: "partial" }))).toBe(false);
    for (const dimension of BANT_DIMENSIONS) {
      expect(isDisqualified(bantWith({ [dimension]: "disqualified" }))).toBe(true);
    }
    expect(
      disqualifiedDimensions(bantWith({ timeline: "disqualified", budget: "disqualified", need: "confirmed" })),
    ).toEqual(["budget", "timeline"]);
  });
});

describe("BANT updates", () => {
  it("start from four unknown dimensions, fresh each time", () => {
    const a = emptyBant();
    expect(a.budget).toEqual({ status: "unknown", value: null, evidence: null });
    a.budget.status = "confirmed";
    expect(emptyBant().budget.status).toBe("unknown");
  });

  it("set exactly one dimension and leave the input untouched", () => {
    const before = emptyBant();
    const evidence = { kind: "quote", text: "we have about CHF 20k set aside", ref: "msg_1" } as const;
    const after = applyBantUpdate(before, { dimension: "budget", status: "confirmed", value: "CHF 20k", evidence });
    expect(after.budget).toEqual({ status: "confirmed", value: "CHF 20k", evidence });
    expect(after.authority).toBe(before.authority);
    expect(before.budget.status).toBe("unknown");
  });

  it("clear value and evidence when given null, and treat a blank value as none", () => {
    const set = applyBantUpdate(emptyBant(), {
      dimension: "need",
      status: "confirmed",
      value: "Replace diesel",
      evidence: { kind: "user", by: "set by Maya Chen" },
    });
    const cleared = applyBantUpdate(set, { dimension: "need", status: "unknown", value: "   ", evidence: null });
    expect(cleared.need).toEqual({ status: "unknown", value: null, evidence: null });
  });

  it("refuse a value over 200 characters, a quote over 500, an unknown status or dimension", () => {
    const bant = emptyBant();
    expect(() =>
      applyBantUpdate(bant, { dimension: "budget", status: "confirmed", value: "x".repeat(201), evidence: null }),
    ).toThrow(ZodError);
    expect(() =>
      applyBantUpdate(bant, {
        dimension: "budget",
        status: "confirmed",
        value: null,
        evidence: { kind: "quote", text: "x".repeat(501) },
      }),
    ).toThrow(ZodError);
    expect(() =>
      applyBantUpdate(bant, { dimension: "budget", status: "maybe" as BantStatus, value: null, evidence: null }),
    ).toThrow(ZodError);
    expect(() =>
      applyBantUpdate(bant, {
        dimension: "price" as BantDimensionName,
        status: "confirmed",
        value: null,
        evidence: null,
      }),
    ).toThrow(ZodError);
    expect(
      applyBantUpdate(bant, {
        dimension: "budget",
        status: "confirmed",
        value: "x".repeat(200),
        evidence: { kind: "quote", text: "y".repeat(500) },
      }).budget.value,
    ).toHaveLength(200);
  });
});

describe("a dimension described in plain English", () => {
  it.each([
    [{ status: "confirmed", value: null, evidence: null }, "Budget confirmed"],
    [{ status: "confirmed", value: "CHF 20k", evidence: null }, "Budget confirmed: CHF 20k"],
    [
      { status: "confirmed", value: null, evidence: { kind: "quote", text: "we have about CHF 20k set aside" } },
      'Budget confirmed: "we have about CHF 20k set aside"',
    ],
    [
      {
        status: "confirmed",
        value: "CHF 20k",
        evidence: { kind: "quote", text: "we have about CHF 20k set aside", by: "set by Maya Chen" },
      },
      'Budget confirmed (CHF 20k): "we have about CHF 20k set aside" — set by Maya Chen',
    ],
    [
      { status: "partial", value: "around 20k", evidence: { kind: "message", ref: "msg_1" } },
      "Budget partly confirmed: around 20k — from a message",
    ],
    [
      { status: "disqualified", value: null, evidence: { kind: "meeting", ref: "m_1" } },
      "Budget disqualified — from a meeting",
    ],
    [{ status: "unknown", value: null, evidence: { kind: "import" } }, "Budget unknown — imported"],
    [{ status: "confirmed", value: null, evidence: { kind: "system" } }, "Budget confirmed — set automatically"],
    [{ status: "confirmed", value: null, evidence: { kind: "user" } }, "Budget confirmed — set by a user"],
  ] as const)("%j reads %s", (dimension, text) => {
    expect(describeDimension("budget", { ...dimension })).toBe(text);
  });

  it("quotes long evidence cut at a word with …", () => {
    const text =
      "Honestly the budget got frozen until the next fiscal year, so there is nothing we can spend on this right now";
    const described = describeDimension("budget", {
      status: "disqualified",
      value: null,
      evidence: { kind: "quote", text },
    });
    expect(described).toBe(
      'Budget disqualified: "Honestly the budget got frozen until the next fiscal year, so there is nothing…"',
    );
    expect(described.length).toBeLessThan(text.length);
  });
});
