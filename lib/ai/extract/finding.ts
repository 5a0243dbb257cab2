import type { BantFinding } from "@/lib/ai/types";
import { clip } from "./text";
import { sentenceAt } from "./rx";

/** How strongly a status outranks another when two rules disagree about one dimension. */
const RANK = { confirmed: 3, disqualified: 2, partial: 1, unknown: 0 } as const;

export function finding(
  status: BantFinding["status"],
  value: string | null,
  text: string,
  index: number,
  confidence: number,
): BantFinding {
  return {
    status,
    value: value === null ? null : clip(value, 200),
    quote: clip(sentenceAt(text, index), 500),
    confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
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
