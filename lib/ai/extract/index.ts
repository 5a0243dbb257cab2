import type { BantFinding, Intent } from "@/lib/ai/types";
import type { BantDimensionName, HeatLevel } from "@/lib/scoring/types";
import { extractAuthority } from "./authority";
import { extractBudget } from "./budget";
import { suggestHeat } from "./heat";
import { detectInjection, type InjectionFinding } from "./injection";
import { classifyIntent } from "./intent";
import { extractNeed, type NeedContext } from "./need";
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
  /** The lead's own new words as the rules read them: quoted history, footers and any instruction cut out. */
  ownText: string;
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
 * The lead's new words only, with any instruction to the assistant found and cut: quoted history
 * and legal footers are not what they just said, and an instruction cut before reading can never
 * become evidence. The one place the message is cleaned (analysis, classifier, provider guard).
 */
export function readInjection(raw: string): InjectionFinding {
  return detectInjection(stripQuoted(raw));
}

/**
 * Reads one message (or several consecutive messages joined) with deterministic rules. Pure: the
 * same text, `now` and context always give the same analysis.
 */
export function analyzeMessage(raw: string, options: AnalyzeOptions): Analysis {
  const injected = readInjection(raw);
  const text = injected.cleaned;
  const language = options.lang ?? detectLanguage(text);
  const bant = {
    budget: extractBudget(text),
    authority: extractAuthority(text),
    need: extractNeed(text, options.need),
    timeline: extractTimeline(text, options.now, language),
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
    ownText: text,
    confidence: Math.round(confidence * 100) / 100,
  };
}

export { detectInjection } from "./injection";
export { detectLanguage, templateLanguage, type Lang } from "./text";
export { findMoney, formatMoney, parseNumber } from "./money";
export { productWords } from "./products";
