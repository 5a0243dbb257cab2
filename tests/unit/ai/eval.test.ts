import { describe, expect, it } from "vitest";
import type { Extraction } from "@/lib/ai/batch";
import {
  calibration,
  formatDetails,
  formatReport,
  multiclass,
  score,
  scoreByLanguage,
  spearman,
  type LabelledLine,
} from "@/lib/ai/eval";
import type { BantStatus, HeatLevel } from "@/lib/scoring/types";

const line = (id: string, lang: string, budget: BantStatus, heat: HeatLevel, injection = false): LabelledLine => ({
  id,
  text: "…",
  lang,
  expected: {
    bant: {
      budget: { status: budget },
      authority: { status: "unknown" },
      need: { status: "unknown" },
      timeline: { status: "unknown" },
    },
    intent: "interested",
    heat,
    injection,
  },
});
const got = (budget: BantStatus, heat: HeatLevel, injection = false): Extraction => ({
  bant: {
    budget: { status: budget, value: null },
    authority: { status: "unknown", value: null },
    need: { status: "unknown", value: null },
    timeline: { status: "unknown", value: null },
  },
  intent: "interested",
  heat,
  injection,
});

describe("multiclass scoring", () => {
  const statuses = ["unknown", "partial", "confirmed", "disqualified"] as const;

  it("counts label × reading pairs in a confusion matrix with expected rows and got columns", () => {
    const s = multiclass(statuses, [
      { expected: "confirmed", got: "partial" },
      { expected: "confirmed", got: "confirmed" },
      { expected: "unknown", got: "unknown" },
    ]);
    expect(s.confusion.matrix).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 0, 0],
    ]);
    expect(s.accuracy).toBeCloseTo(2 / 3);
  });

  it("averages F1 over the statuses that occur, scoring a status only ever guessed as 0", () => {
    const s = multiclass(statuses, [
      { expected: "confirmed", got: "partial" },
      { expected: "confirmed", got: "confirmed" },
      { expected: "unknown", got: "unknown" },
    ]);
    // unknown F1 1, confirmed F1 2/3 (p 1, r 1/2), partial F1 0 (guessed, never labelled), disqualified absent.
    expect(s.perClass.confirmed).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(s.perClass.partial.f1).toBe(0);
    expect(s.perClass.disqualified.f1).toBeNull();
    expect(s.macroF1).toBeCloseTo((1 + 2 / 3 + 0) / 3);
  });
});

describe("heat rank correlation", () => {
  it("is 1 for the same order and uses average ranks for ties", () => {
    expect(spearman([0, 1, 2, 3], [0, 1, 2, 3])).toBeCloseTo(1);
    // Midranks: x = [1.5, 1.5, 3, 4] (0-based 0.5, 0.5, 2, 3), y = [1, 2, 3, 4] → rho = 0.9487
    expect(spearman([0, 0, 1, 2], [0, 1, 2, 3])).toBeCloseTo(0.9487, 3);
  });

  it("is undefined (null) when one side never varies", () => {
    expect(spearman([1, 1, 1], [0, 1, 2])).toBeNull();
  });
});

describe("score", () => {
  const items = [
    { labelled: line("a", "en", "confirmed", "hot"), got: got("confirmed", "hot") },
    { labelled: line("b", "de", "partial", "warm"), got: got("unknown", "warm") },
    { labelled: line("c", "he", "unknown", "warm", true), got: got("unknown", "burning", true) },
    { labelled: line("d", "en", "disqualified", "cold", true), got: got("disqualified", "cold", false) },
  ];

  it("counts hostile texts whose heat came out above their label", () => {
    const report = score(items);
    expect(report.injection).toMatchObject({ hostileRaised: 1, hostileRaisedIds: ["c"], precision: 1, recall: 0.5 });
  });

  it("reports heat accuracy, confusion and Spearman", () => {
    const report = score(items);
    expect(report.heat.accuracy).toBe(0.75);
    expect(report.heatAccuracy).toBe(0.75);
    expect(report.heat.confusion.matrix[1]).toEqual([0, 1, 0, 1]);
    expect(report.heat.spearman).not.toBeNull();
  });

  it("splits a report per language from each line's lang", () => {
    const byLang = scoreByLanguage(items);
    expect(Object.keys(byLang)).toEqual(["de", "en", "he"]);
    expect(byLang.en!.count).toBe(2);
    expect(byLang.en!.dimensions.budget.macroF1).toBe(1);
  });

  it("prints macro-F1, per-status F1 and the confusion matrices as tables", () => {
    const report = score(items);
    const table = formatReport(report, "sample");
    expect(table).toContain("sample (4 messages)");
    expect(table).toMatch(/budget\s+\S+%/);
    expect(table).toContain("hostile texts that raised heat above the label: 1 (c)");
    const details = formatDetails(report);
    expect(details).toContain("budget (rows expected, columns got)");
    expect(details).toMatch(/confirmed\s+0\s+0\s+1\s+0/);
  });
});

describe("calibration of finding confidences", () => {
  it("is 0 when confidence matches the hit rate and splits applied findings from suggestions at the threshold", () => {
    const points = [
      ...Array.from({ length: 4 }, (_, i) => ({ confidence: 0.75, correct: i < 3 })),
      ...Array.from({ length: 2 }, (_, i) => ({ confidence: 0.55, correct: i < 1 })),
    ];
    // 0.75 bin: 3/4 right = 0.75; 0.55 bin: 1/2 right vs 0.55 → ECE = 2/6 × 0.05.
    const c = calibration(points, 0.7);
    expect(c.ece).toBeCloseTo((2 / 6) * 0.05);
    expect(c).toMatchObject({ findings: 6, applied: 4, appliedPrecision: 0.75, suggestionPrecision: 0.5 });
  });
});
