import { z } from "zod";
import { BANT_DIMENSIONS, bantStatusSchema, heatLevelSchema, type BantDimensionName } from "@/lib/scoring/types";
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

export type DimensionScore = {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  statusAccuracy: number;
  /** Exact matches of the normalised value, over labelled values ("CHF 20000", "2026-03-31"). */
  valueAccuracy: number | null;
  support: number;
};
export type EvalReport = {
  count: number;
  dimensions: Record<BantDimensionName, DimensionScore>;
  intentAccuracy: number;
  heatAccuracy: number;
  injection: { precision: number | null; recall: number | null; f1: number | null; support: number };
  mistakes: { id: string | number; field: string; expected: string; got: string }[];
};

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const f1 = (p: number | null, r: number | null) =>
  p === null || r === null || p + r === 0 ? null : (2 * p * r) / (p + r);

/**
 * Scores extractions against labels. Per dimension, "positive" means a status other than unknown;
 * a true positive needs the same status as the label (confirming a budget the lead called "too
 * expensive" is a false positive and a miss).
 */
export function score(items: { labelled: LabelledLine; got: Extraction }[]): EvalReport {
  const mistakes: EvalReport["mistakes"] = [];
  const dimensions = {} as Record<BantDimensionName, DimensionScore>;
  for (const d of BANT_DIMENSIONS) {
    let tp = 0,
      predicted = 0,
      actual = 0,
      same = 0,
      valueHits = 0,
      valueTotal = 0;
    for (const { labelled, got } of items) {
      const want = labelled.expected.bant[d];
      const have = got.bant[d];
      if (have.status !== "unknown") predicted++;
      if (want.status !== "unknown") actual++;
      if (want.status !== "unknown" && have.status === want.status) tp++;
      if (have.status === want.status) same++;
      else
        mistakes.push({
          id: labelled.id,
          field: d,
          expected: want.status,
          got: `${have.status}${have.value ? ` (${have.value})` : ""}`,
        });
      if (want.value !== undefined && want.status === have.status) {
        valueTotal++;
        if (have.value === want.value) valueHits++;
        else mistakes.push({ id: labelled.id, field: `${d}.value`, expected: want.value, got: String(have.value) });
      } else if (want.value !== undefined) valueTotal++;
    }
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, actual);
    dimensions[d] = {
      precision,
      recall,
      f1: f1(precision, recall),
      statusAccuracy: same / Math.max(1, items.length),
      valueAccuracy: ratio(valueHits, valueTotal),
      support: actual,
    };
  }
  let intentHits = 0,
    heatHits = 0,
    injTp = 0,
    injPred = 0,
    injActual = 0;
  for (const { labelled, got } of items) {
    if (got.intent === labelled.expected.intent) intentHits++;
    else mistakes.push({ id: labelled.id, field: "intent", expected: labelled.expected.intent, got: got.intent });
    if (got.heat === labelled.expected.heat) heatHits++;
    else mistakes.push({ id: labelled.id, field: "heat", expected: labelled.expected.heat, got: got.heat });
    if (got.injection) injPred++;
    if (labelled.expected.injection) injActual++;
    if (got.injection && labelled.expected.injection) injTp++;
    if (got.injection !== labelled.expected.injection)
      mistakes.push({
        id: labelled.id,
        field: "injection",
        expected: String(labelled.expected.injection),
        got: String(got.injection),
      });
  }
  const ip = ratio(injTp, injPred);
  const ir = ratio(injTp, injActual);
  return {
    count: items.length,
    dimensions,
    intentAccuracy: intentHits / Math.max(1, items.length),
    heatAccuracy: heatHits / Math.max(1, items.length),
    injection: { precision: ip, recall: ir, f1: f1(ip, ir), support: injActual },
    mistakes,
  };
}

const pct = (n: number | null) => (n === null ? "  n/a" : `${(n * 100).toFixed(1).padStart(5)}`);

/** A plain-text table of the report, for the terminal and the README. */
export function formatReport(report: EvalReport, title: string): string {
  const lines = [
    `${title} (${report.count} messages)`,
    "dimension  precision  recall     F1  status-acc  value-acc  support",
    ...BANT_DIMENSIONS.map((d) => {
      const s = report.dimensions[d];
      return `${d.padEnd(9)}  ${pct(s.precision)}%    ${pct(s.recall)}%  ${pct(s.f1)}%      ${pct(s.statusAccuracy)}%     ${pct(s.valueAccuracy)}%  ${String(s.support).padStart(7)}`;
    }),
    `intent accuracy  ${pct(report.intentAccuracy)}%`,
    `heat accuracy    ${pct(report.heatAccuracy)}%`,
    `injection        precision ${pct(report.injection.precision)}%  recall ${pct(report.injection.recall)}%  F1 ${pct(report.injection.f1)}%  (support ${report.injection.support})`,
  ];
  return lines.join("\n");
}
