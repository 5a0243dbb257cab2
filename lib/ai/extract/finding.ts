import type { BantFinding } from "@/lib/ai/types";
import { clip } from "./text";
import { heWord, re, sentenceAt } from "./rx";

/** How strongly a status outranks another when two rules disagree about one dimension. */
const RANK = { confirmed: 3, disqualified: 2, partial: 1, unknown: 0 } as const;

/**
 * A finding in the lead's words. A statement the writer hedges ("maybe", "not sure", "אולי") is
 * evidence, but not enough to update BANT on its own: its confidence drops by HEDGE_FACTOR, so it
 * becomes a suggestion. This is the only place a hedge lowers confidence; the extractors use the
 * same words only to choose a status (an estimate rather than a confirmed amount).
 */
export function finding(
  status: BantFinding["status"],
  value: string | null,
  text: string,
  index: number,
  confidence: number,
): BantFinding {
  const quote = clip(sentenceAt(text, index), 500);
  const sure = Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100;
  return {
    status,
    value: value === null ? null : clip(value, 200),
    quote,
    confidence: UNSURE.test(quote) ? Math.round(sure * HEDGE_FACTOR * 100) / 100 : sure,
  };
}

/** The strongest of several findings: higher confidence first, then the more decisive status. */
export function strongest(findings: (BantFinding | null)[]): BantFinding | null {
  let best: BantFinding | null = null;
  for (const f of findings) {
    if (!f) continue;
    if (
      !best ||
      f.confidence > best.confidence ||
      (f.confidence === best.confidence && RANK[f.status] > RANK[best.status])
    )
      best = f;
  }
  return best;
}

/** Hedges ("maybe", "vielleicht") make a confirmed reading less certain. */
export const HEDGE = String.raw`\b(?:maybe|perhaps|probably|possibly|might|vielleicht|eventuell|wahrscheinlich|möglicherweise|mal sehen|unter umständen)\b`;
/** Words that say the writer is unsure of what they state. */
const UNSURE = re(
  String.raw`${HEDGE}|\bnot (?:sure|certain)\b|\bno idea\b|\bnicht sicher\b|\bkeine ahnung\b|\bweiss nicht\b|\bweiß nicht\b|${heWord(["לא בטוח", "לא בטוחה", "לא בטוחים", "אולי", "כנראה"], false)}`,
);
const HEDGE_FACTOR = 0.8;
