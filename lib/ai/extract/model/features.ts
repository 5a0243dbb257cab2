/**
 * What the trained classifier sees of a message: hashed word uni/bi-grams and character 3–5-grams
 * (no vocabulary, so English, German and Hebrew share one space and unseen words still land on
 * the n-grams of their stems and prefixes), plus the rules' reading of the same message, so the
 * model learns per status and language when the rules can be trusted.
 */
import { BANT_DIMENSIONS, BANT_STATUSES, HEAT_LEVELS } from "@/lib/scoring/types";
import { INTENTS } from "@/lib/ai/types";
import type { Analysis } from "../index";

/** 2^14 hashed text features: collisions stay rare for a few thousand messages and the model file small. */
export const HASH_BITS = 14;
const HASH_SIZE = 1 << HASH_BITS;
const LANGS = ["en", "de", "he"] as const;

/** The dense block after the hashed text features: the rules' reading, one named slot each. */
export const RULE_FEATURES: readonly string[] = [
  ...BANT_DIMENSIONS.flatMap((d) => [...BANT_STATUSES.map((s) => `${d}=${s}`), `${d}:confidence`]),
  ...HEAT_LEVELS.map((h) => `heat=${h}`),
  ...INTENTS.map((i) => `intent=${i}`),
  "injection",
  ...LANGS.map((l) => `lang=${l}`),
];
const RULE_INDEX = new Map(RULE_FEATURES.map((name, i) => [name, HASH_SIZE + i]));
export const FEATURE_COUNT = HASH_SIZE + RULE_FEATURES.length;

/** A sparse feature vector: parallel arrays of indices and values. */
export type SparseVector = { index: Int32Array; value: Float32Array };

/** 32-bit FNV-1a: stable across runs and platforms, which the committed model relies on. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-case, digits folded to 0 ("£14k" and "£18k" are one feature), Unicode letters kept. */
export function tokens(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/\p{N}/gu, "0")
      .match(/[\p{L}\p{N}€£$₪%]+/gu) ?? []
  );
}

function textCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  // The hash's top bit signs the feature, so colliding n-grams tend to cancel instead of adding up.
  const add = (key: string) => {
    const h = fnv1a(key);
    const slot = h & (HASH_SIZE - 1);
    const sign = h >>> 31 ? -1 : 1;
    counts.set(slot, (counts.get(slot) ?? 0) + sign);
  };
  const words = tokens(text);
  words.forEach((w, i) => {
    add(`w:${w}`);
    if (i > 0) add(`b:${words[i - 1]} ${w}`);
    const padded = ` ${w} `;
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`);
  });
  return counts;
}

/**
 * The feature vector of a message (the lead's own words, instruction already cut) and the rules'
 * reading of it. Text counts are log-scaled and L2-normalised so a long email weighs as much as an SMS.
 */
export function featurize(text: string, lang: string, rules: Analysis): SparseVector {
  const counts = textCounts(text);
  let norm = 0;
  const entries: [number, number][] = [];
  for (const [slot, count] of counts) {
    if (count === 0) continue;
    const v = Math.sign(count) * Math.log1p(Math.abs(count));
    entries.push([slot, v]);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const e of entries) e[1] /= norm;
  const rule = (name: string, v = 1) => {
    const i = RULE_INDEX.get(name);
    if (i !== undefined && v !== 0) entries.push([i, v]);
  };
  for (const d of BANT_DIMENSIONS) {
    const f = rules.bant[d];
    rule(`${d}=${f?.status ?? "unknown"}`);
    rule(`${d}:confidence`, f?.confidence ?? 0);
  }
  rule(`heat=${rules.heat}`);
  rule(`intent=${rules.intent}`);
  rule("injection", rules.injection ? 1 : 0);
  rule(`lang=${lang}`);
  entries.sort((a, b) => a[0] - b[0]);
  return { index: Int32Array.from(entries, (e) => e[0]), value: Float32Array.from(entries, (e) => e[1]) };
}
