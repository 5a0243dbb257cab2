import {
  BANT_DIMENSIONS,
  bantUpdateSchema,
  type Bant,
  type BantDimension,
  type BantDimensionName,
  type BantUpdate,
} from "./types";
import { heatLine, type HeatLine } from "./lines";
import type { z } from "zod";

/** Points each dimension is worth when confirmed. They add up to 100. */
export const BANT_WEIGHTS = { budget: 30, authority: 25, need: 25, timeline: 20 } as const satisfies Record<
  BantDimensionName,
  number
>;

/** Confirmed earns the full weight, partial half of it (rounded down), unknown and disqualified nothing. */
export function dimensionPoints(dimension: BantDimensionName, value: BantDimension): number {
  const weight = BANT_WEIGHTS[dimension];
  switch (value.status) {
    case "confirmed":
      return weight;
    case "partial":
      return Math.floor(weight / 2);
    case "unknown":
    case "disqualified":
      return 0;
  }
}

/** The BANT score, 0–100: the sum of the four dimensions' points. */
export function bantScore(bant: Bant): number {
  return BANT_DIMENSIONS.reduce((sum, d) => sum + dimensionPoints(d, bant[d]), 0);
}

/** Per-dimension points, for a breakdown next to the score. */
export function bantBreakdown(bant: Bant) {
  return BANT_DIMENSIONS.map((dimension) => ({
    dimension,
    status: bant[dimension].status,
    points: dimensionPoints(dimension, bant[dimension]),
    max: BANT_WEIGHTS[dimension],
  }));
}

/** BANT qualified: all four dimensions confirmed. */
export const isBantQualified = (bant: Bant) => BANT_DIMENSIONS.every((d) => bant[d].status === "confirmed");

export const disqualifiedDimensions = (bant: Bant): BantDimensionName[] =>
  BANT_DIMENSIONS.filter((d) => bant[d].status === "disqualified");

/** A lead is disqualified when any dimension is. */
export const isDisqualified = (bant: Bant) => disqualifiedDimensions(bant).length > 0;

export function emptyBant(): Bant {
  const unknown = (): BantDimension => ({ status: "unknown", value: null, evidence: null });
  return { budget: unknown(), authority: unknown(), need: unknown(), timeline: unknown() };
}

/**
 * Sets one dimension to exactly the given status, value and evidence. The update is validated
 * (value ≤ 200 characters, quote ≤ 500) and a ZodError is thrown when it is invalid.
 */
export function applyBantUpdate(bant: Bant, update: z.input<typeof bantUpdateSchema>): Bant {
  const { dimension, status, value, evidence }: BantUpdate = bantUpdateSchema.parse(update);
  return { ...bant, [dimension]: { status, value, evidence } };
}

export function sameDimension(a: BantDimension, b: BantDimension): boolean {
  return (
    a.status === b.status &&
    a.value === b.value &&
    (a.evidence?.kind ?? null) === (b.evidence?.kind ?? null) &&
    (a.evidence?.text ?? null) === (b.evidence?.text ?? null) &&
    (a.evidence?.ref ?? null) === (b.evidence?.ref ?? null) &&
    (a.evidence?.by ?? null) === (b.evidence?.by ?? null)
  );
}

/**
 * One dimension with its evidence, rendered as
 * `Budget confirmed (CHF 20k): "we have about CHF 20k set aside" — set by Maya Chen`.
 */
export function dimensionLine(dimension: BantDimensionName, value: BantDimension): HeatLine {
  return heatLine("bant_dimension", {
    dimension,
    status: value.status,
    value: value.value,
    evidence: value.evidence?.text ?? null,
    source: value.evidence?.kind ?? null,
    by: value.evidence?.by ?? null,
  });
}
