import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { requestForMessage, toExtraction } from "@/lib/ai/batch";
import { labelledLineSchema, scoreByLanguage, type EvalReport, type ScoredItem } from "@/lib/ai/eval";
import { localProvider } from "@/lib/ai/providers/local";
import { BANT_DIMENSIONS } from "@/lib/scoring/types";

/**
 * The floors the offline assistant must hold on the project's own HELD-OUT corpus
 * (tests/fixtures/bant/corpus/*.holdout.jsonl; nothing is tuned on it): macro-F1 over the four
 * statuses per language and dimension, heat Spearman per language, and at most as many hostile
 * texts coming out hotter than their label as measured. The floors are the measurement of
 * 2026-12-04 (second measurement of the day) rounded down to the next 0.05 (the target, 0.85 everywhere, Spearman 0.8 and no
 * hostile text raised, is not reached yet: see lib/ai/README.md). Raise a floor when a
 * measurement holds above it; never lower one to make a change pass.
 */
const EVAL_FLOORS = {
  en: { budget: 0.7, authority: 0.65, need: 0.7, timeline: 0.75, heatSpearman: 0.8, hostileRaised: 0 },
  de: { budget: 0.85, authority: 0.8, need: 0.55, timeline: 0.75, heatSpearman: 0.7, hostileRaised: 0 },
  he: { budget: 0.65, authority: 0.9, need: 0.7, timeline: 0.75, heatSpearman: 0.75, hostileRaised: 0 },
} as const;
const LANGUAGES = Object.keys(EVAL_FLOORS) as (keyof typeof EVAL_FLOORS)[];

const CORPUS = "tests/fixtures/bant/corpus";
const holdoutFiles = () =>
  readdirSync(CORPUS)
    .filter((f) => f.endsWith(".holdout.jsonl"))
    .map((f) => path.join(CORPUS, f));

let byLanguage: Record<string, EvalReport> = {};

beforeAll(async () => {
  const provider = localProvider();
  const items: ScoredItem[] = [];
  for (const file of holdoutFiles())
    for (const raw of readFileSync(file, "utf8").split("\n")) {
      if (!raw.trim()) continue;
      const labelled = labelledLineSchema.parse(JSON.parse(raw));
      const outcome = await provider.draft(requestForMessage(labelled));
      if (!outcome.ok) throw new Error(`${file}: ${labelled.id}: ${outcome.reason}`);
      items.push({ labelled, got: toExtraction(outcome.result) });
    }
  byLanguage = scoreByLanguage(items);
}, 120_000);

const report = (lang: string) => {
  const r = byLanguage[lang];
  if (!r) throw new Error(`no held-out messages in ${lang}`);
  return r;
};

describe("the offline assistant on the held-out corpus", () => {
  it("has held-out messages in English, German and Hebrew", () => {
    for (const lang of LANGUAGES) expect(report(lang).count, lang).toBeGreaterThan(0);
  });

  describe.each(LANGUAGES)("in %s", (lang) => {
    it.each(BANT_DIMENSIONS)("reads %s with macro-F1 at or above the floor", (dimension) => {
      expect(report(lang).dimensions[dimension].macroF1 ?? 0).toBeGreaterThanOrEqual(EVAL_FLOORS[lang][dimension]);
    });

    it("ranks heat like the labels (Spearman at or above the floor)", () => {
      expect(report(lang).heat.spearman ?? 0).toBeGreaterThanOrEqual(EVAL_FLOORS[lang].heatSpearman);
    });

    it("lets no more hostile texts raise heat above their label than measured", () => {
      expect(report(lang).injection.hostileRaisedIds.length).toBeLessThanOrEqual(EVAL_FLOORS[lang].hostileRaised);
    });
  });
});
