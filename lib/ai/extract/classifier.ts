/**
 * The trained alternative to the rules' statuses: one softmax model per BANT dimension and one
 * for heat (lib/ai/extract/model/, trained by `npm run ai:train`), reading hashed n-grams of the
 * message plus the rules' own reading. `combine` keeps what rules are good at (the value, the
 * quote, intent, injection) and takes each status from whichever source is more reliable, with a
 * calibrated probability as the confidence. Pure and synchronous: the model is a static JSON import.
 */
import type { BantFinding } from "@/lib/ai/types";
import {
  BANT_DIMENSIONS,
  BANT_STATUSES,
  HEAT_LEVELS,
  type BantDimensionName,
  type BantStatus,
  type HeatLevel,
} from "@/lib/scoring/types";
import type { Analysis } from "./index";
import shippedFile from "./model/bant-model.json";
import { FEATURE_COUNT, HASH_BITS, RULE_FEATURES, featurize } from "./model/features";
import { predict, unpack, type PackedSoftmax, type SoftmaxWeights } from "./model/softmax";

export const HEADS = [...BANT_DIMENSIONS, "heat"] as const;
export type Head = (typeof HEADS)[number];
export const headClasses = (head: Head): readonly string[] => (head === "heat" ? HEAT_LEVELS : BANT_STATUSES);

/**
 * How often the rules' status was the labelled one, per head, language ("*" = all) and status, as
 * counts on the training set: the rules' measured precision.
 */
export type Reliability = Record<Head, Record<string, Record<string, { said: number; right: number }>>>;

export type BantModelFile = {
  version: 1;
  hashBits: number;
  ruleFeatures: readonly string[];
  trainedOn: { messages: number; files: readonly string[] };
  heads: Record<Head, PackedSoftmax>;
  reliability: Reliability;
};

export type BantModel = {
  heads: Record<Head, SoftmaxWeights>;
  reliability: Reliability;
  trainedOn: BantModelFile["trainedOn"];
};

export type HeadReading<S extends string> = {
  status: S;
  /** Calibrated probability of `status`. */
  probability: number;
  /** Calibrated probability of the status the rules chose, as the rules' measured hit rate. */
  rulesReliability: number;
};
export type ModelReading = {
  bant: Record<BantDimensionName, HeadReading<BantStatus>>;
  heat: HeadReading<HeatLevel>;
};

export function loadModel(file: BantModelFile): BantModel {
  if (file.hashBits !== HASH_BITS || file.ruleFeatures.join() !== RULE_FEATURES.join())
    throw new Error("The BANT model was trained on other features: run npm run ai:train.");
  const heads = Object.fromEntries(HEADS.map((h) => [h, unpack(file.heads[h])])) as BantModel["heads"];
  for (const h of HEADS)
    if (heads[h].features !== FEATURE_COUNT) throw new Error(`BANT model head ${h} has the wrong size.`);
  return { heads, reliability: file.reliability, trainedOn: file.trainedOn };
}

let shipped: BantModel | null = null;
/** The committed model, decoded once per process (immutable, not request state). */
export function shippedModel(): BantModel {
  shipped ??= loadModel(shippedFile as BantModelFile);
  return shipped;
}

/** Fewer observations than this in one language fall back to all languages. */
const MIN_PER_LANGUAGE = 5;
/** Add-one smoothed precision: a status the rules said once and got right is not "certain". */
function reliabilityOf(table: Reliability, head: Head, lang: string, status: string): number {
  const own = table[head][lang]?.[status];
  const { said, right } =
    own && own.said >= MIN_PER_LANGUAGE ? own : (table[head]["*"]?.[status] ?? { said: 0, right: 0 });
  return (right + 1) / (said + 2);
}

const rulesStatus = (rules: Analysis, head: Head): string =>
  head === "heat" ? rules.heat : (rules.bant[head]?.status ?? "unknown");

/**
 * Per dimension and for heat: the model's status, its calibrated probability, and how reliable the
 * rules' status is. The model reads the words the rules read (`rules.ownText`: quoted history,
 * footers and any instruction to the assistant removed).
 */
export function classify(rules: Analysis, lang: string, model: BantModel = shippedModel()): ModelReading {
  const x = featurize(rules.ownText, lang, rules);
  const read = (head: Head) => {
    const p = predict(model.heads[head], x);
    const best = p.indexOf(Math.max(...p));
    return {
      status: headClasses(head)[best]!,
      probability: round(p[best]!),
      rulesReliability: round(reliabilityOf(model.reliability, head, lang, rulesStatus(rules, head))),
    };
  };
  return {
    bant: Object.fromEntries(BANT_DIMENSIONS.map((d) => [d, read(d)])) as ModelReading["bant"],
    heat: read("heat") as HeadReading<HeatLevel>,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
const AMOUNT_LIKE: readonly BantStatus[] = ["confirmed", "partial"];

/**
 * "model": every status from the model. "hybrid": the rules' status when they found something
 * and their measured hit rate for that status (in this language) is at least the model's
 * calibrated probability, else the model's.
 */
export type CombinePolicy = "hybrid" | "model";

function pick<S extends string>(
  ruled: S,
  reading: HeadReading<S>,
  policy: CombinePolicy,
  silent?: S,
): { status: S; confidence: number } {
  if (reading.status === ruled)
    return { status: ruled, confidence: Math.max(reading.probability, reading.rulesReliability) };
  // Rules that found nothing make no claim to weigh: only a positive finding can outvote the model.
  if (policy === "hybrid" && ruled !== silent && reading.rulesReliability >= reading.probability)
    return { status: ruled, confidence: reading.rulesReliability };
  return { status: reading.status, confidence: reading.probability };
}

/**
 * Rules give the value and the quote; the status comes from whichever source is more reliable;
 * the confidence is that source's calibrated probability (so the 0.7 threshold of
 * BANT_FINDING_CONFIDENCE_THRESHOLD splits updates from suggestions on a measured scale). A value
 * survives a changed status only between confirmed and partial ("CHF 20000" stays an amount);
 * intent, injection and its quote stay the rules'; an injection-flagged message never gets a
 * hotter heat than the rules gave it.
 */
export function combine(rules: Analysis, model: ModelReading, policy: CombinePolicy = "hybrid"): Analysis {
  const bant = {} as Analysis["bant"];
  const confidences: number[] = [];
  for (const d of BANT_DIMENSIONS) {
    const ruled = rules.bant[d];
    const { status, confidence } = pick(ruled?.status ?? "unknown", model.bant[d], policy, "unknown");
    if (status === "unknown") {
      bant[d] = null;
      continue;
    }
    confidences.push(confidence);
    const keepsValue =
      ruled && (ruled.status === status || (AMOUNT_LIKE.includes(ruled.status) && AMOUNT_LIKE.includes(status)));
    bant[d] = {
      status,
      value: keepsValue ? ruled.value : null,
      quote: ruled?.quote ?? null,
      confidence: round(confidence),
    } satisfies BantFinding;
  }
  let heat = pick(rules.heat, model.heat, policy).status;
  if (rules.injection && HEAT_LEVELS.indexOf(heat) > HEAT_LEVELS.indexOf(rules.heat)) heat = rules.heat;
  return {
    ...rules,
    bant,
    heat,
    confidence: confidences.length
      ? round(confidences.reduce((s, c) => s + c, 0) / confidences.length)
      : rules.confidence,
  };
}
