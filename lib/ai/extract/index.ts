import type { BantFinding, Intent } from "@/lib/ai/types";
import type { BantDimensionName, HeatLevel } from "@/lib/scoring/types";
import { extractAuthority } from "./authority";
import { extractBudget } from "./budget";
import { suggestHeat } from "./heat";
import { detectInjection } from "./injection";
import { classifyIntent } from "./intent";
import { extractNeed, type NeedContext } from "./need";
import { prep } from "./rx";
import { detectLanguage, type Lang } from "./text";
import { extractTimeline } from "./timeline";

export type Analysis = {
  bant: Record<BantDimensionName, BantFinding | null>;
  intent: Intent;
  heat: HeatLevel;
  injection: boolean;
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
export function analyzeMessage(raw: string, options: AnalyzeOptions): Analysis {
  const text = prep(raw);
  const language = options.lang ?? detectLanguage(text);
  const { injection } = detectInjection(text);
  const bant = {
    budget: extractBudget(text),
    authority: extractAuthority(text),
    need: extractNeed(text, options.need),
    timeline: extractTimeline(text, options.now, language),
  };
  const { intent, confidence: intentConfidence } = classifyIntent({ text, bant });
  const heat = suggestHeat({ intent, bant, injection });
  const found = Object.values(bant).filter((f): f is BantFinding => f !== null);
  const confidence = found.length ? found.reduce((s, f) => s + f.confidence, 0) / found.length : intentConfidence;
  return { bant, intent, heat, injection, language, confidence: Math.round(confidence * 100) / 100 };
}

export { detectInjection } from "./injection";
export { detectLanguage, templateLanguage, type Lang } from "./text";
export { findMoney, formatMoney, parseNumber } from "./money";
export { productWords } from "./products";
