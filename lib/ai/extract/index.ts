import type { BantFinding, Intent } from "@/lib/ai/types";
import type { BantDimensionName, HeatLevel } from "@/lib/scoring/types";
import { extractAuthority } from "./authority";
import { extractBudget } from "./budget";
import { suggestHeat } from "./heat";
import { detectInjection } from "./injection";
import { classifyIntent } from "./intent";
import { extractNeed, type NeedContext } from "./need";
import { HEDGE } from "./finding";
import { heWord, prep, re } from "./rx";
import { detectLanguage, stripQuoted, type Lang } from "./text";
import { extractTimeline } from "./timeline";

export type Analysis = {
  bant: Record<BantDimensionName, BantFinding | null>;
  intent: Intent;
  heat: HeatLevel;
  injection: boolean;
  /** The instruction the lead's text tried to give, in their words (shown on the task), or null. */
  injectionQuote: string | null;
  language: Lang;
  /** How sure the rules are overall: the mean confidence of what was found, or the intent rule's. */
  confidence: number;
};

export type AnalyzeOptions = {
  now: Date;
  /** The language the lead wrote in, when known; otherwise detected. */
  lang?: Lang;
  need?: NeedContext;
};

/**
 * Reads one message (or several consecutive messages joined) with deterministic rules. Pure: the
 * same text, `now` and context always give the same analysis.
 */
/** Words that say the writer is unsure of what they state: the finding stays, its confidence drops. */
const UNSURE = re(
  String.raw`${HEDGE}|\bnot (?:sure|certain)\b|\bno idea\b|\bnicht sicher\b|\bkeine ahnung\b|\bweiss nicht\b|\bweiß nicht\b|${heWord(["לא בטוח", "לא בטוחה", "לא בטוחים", "אולי", "כנראה"], false)}`,
);
const HEDGE_FACTOR = 0.8;

/** A hedged statement is evidence, but not enough to update BANT on its own: it becomes a suggestion. */
function hedged(f: BantFinding | null): BantFinding | null {
  if (!f?.quote || !UNSURE.test(f.quote)) return f;
  return { ...f, confidence: Math.round(f.confidence * HEDGE_FACTOR * 100) / 100 };
}

export function analyzeMessage(raw: string, options: AnalyzeOptions): Analysis {
  // The lead's new words only: quoted history and legal footers are not what they just said, and
  // an instruction to the assistant is cut before reading, so it can never become evidence.
  const own = stripQuoted(raw);
  const injected = detectInjection(prep(own));
  const text = injected.cleaned;
  const language = options.lang ?? detectLanguage(text);
  const bant = {
    budget: hedged(extractBudget(text)),
    authority: hedged(extractAuthority(text)),
    need: hedged(extractNeed(text, options.need)),
    timeline: hedged(extractTimeline(text, options.now, language)),
  };
  const { intent, confidence: intentConfidence } = classifyIntent({ text, bant });
  const heat = suggestHeat({ text, intent, bant });
  const found = Object.values(bant).filter((f): f is BantFinding => f !== null);
  const confidence = found.length ? found.reduce((s, f) => s + f.confidence, 0) / found.length : intentConfidence;
  return {
    bant,
    intent,
    heat,
    injection: injected.injection,
    injectionQuote: injected.quote,
    language,
    confidence: Math.round(confidence * 100) / 100,
  };
}

export { detectInjection } from "./injection";
export { detectLanguage, templateLanguage, type Lang } from "./text";
export { findMoney, formatMoney, parseNumber } from "./money";
export { productWords } from "./products";
