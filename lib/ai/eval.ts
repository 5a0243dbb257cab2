import { sampleRankCorrelation } from "simple-statistics";
import { z } from "zod";
import {
  BANT_DIMENSIONS,
  BANT_STATUSES,
  HEAT_LEVELS,
  bantStatusSchema,
  heatLevelSchema,
  type BantDimensionName,
} from "@/lib/scoring/types";
import type { Extraction } from "./batch";
import { intentSchema } from "./types";

/** One labelled message: what a person reading it would record. */
export const labelledLineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string().min(1),
  lang: z.string().optional(),
  now: z.iso.datetime({ offset: true }).optional(),
  expected: z.object({
    bant: z.object(
      Object.fromEntries(
        BANT_DIMENSIONS.map((d) => [d, z.object({ status: bantStatusSchema, value: z.string().optional() })]),
      ) as Record<
        BantDimensionName,
        z.ZodObject<{ status: typeof bantStatusSchema; value: z.ZodOptional<z.ZodString> }>
      >,
    ),
    intent: intentSchema,
    heat: heatLevelSchema,
    injection: z.boolean(),
  }),
});
export type LabelledLine = z.infer<typeof labelledLineSchema>;
export type ScoredItem = { labelled: LabelledLine; got: Extraction };

/** One class of a multiclass field, one-vs-rest. */
export type ClassScore = {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** How many labels have this class. */
  support: number;
};

/**
 * Counts of (label, reading) pairs: `matrix[i][j]` is how many messages labelled `labels[i]` were
 * read as `labels[j]` (rows expected, columns got).
 */
export type Confusion<L extends string> = { labels: readonly L[]; matrix: number[][] };

export type MulticlassScore<L extends string> = {
  /** Mean F1 over the classes that occur in the labels or the readings (absent from both: left out). */
  macroF1: number | null;
  accuracy: number;
  perClass: Record<L, ClassScore>;
  confusion: Confusion<L>;
};

export type DimensionScore = MulticlassScore<(typeof BANT_STATUSES)[number]> & {
  /** Exact matches of the normalised value, over labelled values ("CHF 20000", "2026-03-31"). */
  valueAccuracy: number | null;
  /** Messages whose label is not unknown. */
  support: number;
};

export type HeatScore = MulticlassScore<(typeof HEAT_LEVELS)[number]> & {
  /** Spearman's rho between label and reading on cold < warm < hot < burning (midranks for ties); null when undefined. */
  spearman: number | null;
};

export type EvalReport = {
  count: number;
  dimensions: Record<BantDimensionName, DimensionScore>;
  heat: HeatScore;
  intentAccuracy: number;
  /** Same as `heat.accuracy`; kept for readers of older JSON summaries. */
  heatAccuracy: number;
  injection: {
    precision: number | null;
    recall: number | null;
    f1: number | null;
    support: number;
    /** Messages labelled as injection whose heat came out above their label: must be 0. */
    hostileRaised: number;
    hostileRaisedIds: (string | number)[];
  };
  mistakes: { id: string | number; field: string; expected: string; got: string }[];
};

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const harmonic = (p: number | null, r: number | null) =>
  p === null || r === null ? null : p + r === 0 ? 0 : (2 * p * r) / (p + r);

/** Precision, recall, F1 per class, macro-F1, accuracy and the confusion matrix of paired labels. */
export function multiclass<L extends string>(
  labels: readonly L[],
  pairs: readonly { expected: L; got: L }[],
): MulticlassScore<L> {
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const { expected, got } of pairs) matrix[index.get(expected)!]![index.get(got)!]!++;
  const perClass = {} as Record<L, ClassScore>;
  const present: number[] = [];
  labels.forEach((label, i) => {
    const tp = matrix[i]![i]!;
    const support = matrix[i]!.reduce((s, n) => s + n, 0);
    const predicted = matrix.reduce((s, row) => s + row[i]!, 0);
    // A class nobody labelled and nothing read has no F1; one that was only read scores 0 (precision 0).
    const precision = ratio(tp, predicted) ?? (support > 0 ? 0 : null);
    const recall = ratio(tp, support) ?? (predicted > 0 ? 0 : null);
    const f1 = harmonic(precision, recall);
    perClass[label] = { precision, recall, f1, support };
    if (f1 !== null) present.push(f1);
  });
  const hits = labels.reduce((s, _, i) => s + matrix[i]![i]!, 0);
  return {
    macroF1: present.length ? present.reduce((s, f) => s + f, 0) / present.length : null,
    accuracy: hits / Math.max(1, pairs.length),
    perClass,
    confusion: { labels, matrix },
  };
}

const heatRank = (level: (typeof HEAT_LEVELS)[number]) => HEAT_LEVELS.indexOf(level);

/** Spearman's rho with average ranks for ties (simple-statistics); null when either side is constant. */
export function spearman(x: number[], y: number[]): number | null {
  if (x.length < 2) return null;
  const rho = sampleRankCorrelation(x, y);
  return Number.isFinite(rho) ? rho : null;
}

/**
 * Scores extractions against labels: per BANT dimension, a 4-status multiclass score (unknown,
 * partial, confirmed, disqualified) with its confusion matrix; heat as a 4-level multiclass score
 * plus Spearman's rho; intent accuracy; injection precision/recall and how many hostile messages
 * came out hotter than their label.
 */
export function score(items: readonly ScoredItem[]): EvalReport {
  const mistakes: EvalReport["mistakes"] = [];
  const dimensions = {} as Record<BantDimensionName, DimensionScore>;
  for (const d of BANT_DIMENSIONS) {
    let valueHits = 0,
      valueTotal = 0;
    for (const { labelled, got } of items) {
      const want = labelled.expected.bant[d];
      const have = got.bant[d];
      if (have.status !== want.status)
        mistakes.push({
          id: labelled.id,
          field: d,
          expected: want.status,
          got: `${have.status}${have.value ? ` (${have.value})` : ""}`,
        });
      if (want.value === undefined) continue;
      valueTotal++;
      if (want.status !== have.status) continue;
      if (have.value === want.value) valueHits++;
      else mistakes.push({ id: labelled.id, field: `${d}.value`, expected: want.value, got: String(have.value) });
    }
    const pairs = items.map(({ labelled, got }) => ({
      expected: labelled.expected.bant[d].status,
      got: got.bant[d].status,
    }));
    dimensions[d] = {
      ...multiclass(BANT_STATUSES, pairs),
      valueAccuracy: ratio(valueHits, valueTotal),
      support: pairs.filter((p) => p.expected !== "unknown").length,
    };
  }

  let intentHits = 0,
    injTp = 0,
    injPred = 0,
    injActual = 0;
  const hostileRaisedIds: (string | number)[] = [];
  for (const { labelled, got } of items) {
    const want = labelled.expected;
    if (got.intent === want.intent) intentHits++;
    else mistakes.push({ id: labelled.id, field: "intent", expected: want.intent, got: got.intent });
    if (got.heat !== want.heat) mistakes.push({ id: labelled.id, field: "heat", expected: want.heat, got: got.heat });
    if (got.injection) injPred++;
    if (want.injection) injActual++;
    if (got.injection && want.injection) injTp++;
    if (got.injection !== want.injection)
      mistakes.push({
        id: labelled.id,
        field: "injection",
        expected: String(want.injection),
        got: String(got.injection),
      });
    if (want.injection && heatRank(got.heat) > heatRank(want.heat)) hostileRaisedIds.push(labelled.id);
  }
  const heatPairs = items.map(({ labelled, got }) => ({ expected: labelled.expected.heat, got: got.heat }));
  const heat: HeatScore = {
    ...multiclass(HEAT_LEVELS, heatPairs),
    spearman: spearman(
      heatPairs.map((p) => heatRank(p.expected)),
      heatPairs.map((p) => heatRank(p.got)),
    ),
  };
  const ip = ratio(injTp, injPred);
  const ir = ratio(injTp, injActual);
  return {
    count: items.length,
    dimensions,
    heat,
    intentAccuracy: intentHits / Math.max(1, items.length),
    heatAccuracy: heat.accuracy,
    injection: {
      precision: ip,
      recall: ir,
      f1: harmonic(ip, ir),
      support: injActual,
      hostileRaised: hostileRaisedIds.length,
      hostileRaisedIds,
    },
    mistakes,
  };
}

/** The language a labelled line is in: its `lang`, else "und" (undetermined). */
export const lineLanguage = (line: LabelledLine) => line.lang?.toLowerCase().split("-")[0] || "und";

/** One report per language (from each line's `lang`), languages in alphabetical order. */
export function scoreByLanguage(items: readonly ScoredItem[]): Record<string, EvalReport> {
  const groups = new Map<string, ScoredItem[]>();
  for (const item of items) {
    const lang = lineLanguage(item.labelled);
    groups.set(lang, [...(groups.get(lang) ?? []), item]);
  }
  return Object.fromEntries([...groups.keys()].sort().map((lang) => [lang, score(groups.get(lang)!)]));
}

const pct = (n: number | null) => (n === null ? "  n/a" : (n * 100).toFixed(1).padStart(5));
const num = (n: number | null) => (n === null ? "  n/a" : n.toFixed(2).padStart(5));

function confusionLines<L extends string>({ labels, matrix }: Confusion<L>, corner: string): string[] {
  const width = Math.max(...labels.map((l) => l.length), 6);
  return [
    `  ${corner.padEnd(width)} ${labels.map((l) => l.padStart(width)).join(" ")}`,
    ...labels.map((l, i) => `  ${l.padEnd(width)} ${matrix[i]!.map((n) => String(n).padStart(width)).join(" ")}`),
  ];
}

function classLines<L extends string>(score: MulticlassScore<L>): string[] {
  return score.confusion.labels.map((l) => {
    const c = score.perClass[l];
    return `  ${l.padEnd(12)} ${pct(c.precision)}%    ${pct(c.recall)}%  ${pct(c.f1)}%  ${String(c.support).padStart(7)}`;
  });
}

/** A plain-text summary table: one row per dimension with macro-F1 and per-status F1, then heat, intent, injection. */
export function formatReport(report: EvalReport, title: string): string {
  const statusHeads = BANT_STATUSES.map((s) => `F1 ${s}`.padStart(16)).join("");
  const { injection: inj, heat } = report;
  return [
    `${title} (${report.count} messages)`,
    `dimension   macro-F1  accuracy  value-acc${statusHeads}`,
    ...BANT_DIMENSIONS.map((d) => {
      const s = report.dimensions[d];
      const perStatus = BANT_STATUSES.map((st) =>
        `${pct(s.perClass[st].f1)}% (${String(s.perClass[st].support).padStart(3)})`.padStart(16),
      ).join("");
      return `${d.padEnd(10)}  ${pct(s.macroF1)}%   ${pct(s.accuracy)}%    ${pct(s.valueAccuracy)}%${perStatus}`;
    }),
    `heat        macro-F1 ${pct(heat.macroF1)}%  exact ${pct(heat.accuracy)}%  Spearman ${num(heat.spearman)}`,
    `intent      accuracy ${pct(report.intentAccuracy)}%`,
    `injection   precision ${pct(inj.precision)}%  recall ${pct(inj.recall)}%  (support ${inj.support})  hostile texts that raised heat above the label: ${inj.hostileRaised}${inj.hostileRaised ? ` (${inj.hostileRaisedIds.join(", ")})` : ""}`,
  ].join("\n");
}

/** Per status precision/recall/F1/support and the confusion matrix of every dimension and of heat. */
export function formatDetails(report: EvalReport): string {
  const head = `  ${"status".padEnd(12)} precision   recall      F1  support`;
  const lines: string[] = [];
  for (const d of BANT_DIMENSIONS) {
    const s = report.dimensions[d];
    lines.push(`${d} (rows expected, columns got)`, head, ...classLines(s), ...confusionLines(s.confusion, "exp\\got"));
  }
  lines.push(
    "heat (rows expected, columns got)",
    head,
    ...classLines(report.heat),
    ...confusionLines(report.heat.confusion, "exp\\got"),
  );
  return lines.join("\n");
}

export type CalibrationScore = {
  findings: number;
  /** Expected calibration error over 10 confidence bins: how far "70 % sure" is from "right 70 % of the time". */
  ece: number | null;
  /** Findings at or above the threshold (they update BANT) and how often their status was right. */
  applied: number;
  appliedPrecision: number | null;
  suggestionPrecision: number | null;
};

/** How well findings' confidences match how often their status is right, and what the threshold lets through. */
export function calibration(
  points: readonly { confidence: number; correct: boolean }[],
  threshold: number,
): CalibrationScore {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, right: 0 }));
  for (const { confidence, correct } of points) {
    const bin = bins[Math.min(9, Math.floor(confidence * 10))]!;
    bin.n++;
    bin.confidence += confidence;
    bin.right += correct ? 1 : 0;
  }
  const ece = points.length
    ? bins.reduce((sum, b) => sum + (b.n ? (b.n / points.length) * Math.abs(b.confidence / b.n - b.right / b.n) : 0), 0)
    : null;
  const applied = points.filter((p) => p.confidence >= threshold);
  const suggested = points.filter((p) => p.confidence < threshold);
  return {
    findings: points.length,
    ece,
    applied: applied.length,
    appliedPrecision: ratio(applied.filter((p) => p.correct).length, applied.length),
    suggestionPrecision: ratio(suggested.filter((p) => p.correct).length, suggested.length),
  };
}

/** The report without the mistake list, for the JSON summary. */
export function summarize(report: EvalReport) {
  return { ...report, mistakes: report.mistakes.length };
}
