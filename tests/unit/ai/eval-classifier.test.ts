import { describe, expect, it } from "vitest";
import { analyzeMessage, type Analysis } from "@/lib/ai/extract";
import { classify, combine, shippedModel, type ModelReading } from "@/lib/ai/extract/classifier";
import { FEATURE_COUNT, featurize } from "@/lib/ai/extract/model/features";
import { pack, predict, trainSoftmax, unpack } from "@/lib/ai/extract/model/softmax";
import { folds, toExample, trainModel } from "@/lib/ai/extract/model/train";
import type { LabelledLine } from "@/lib/ai/eval";
import { BANT_STATUSES } from "@/lib/scoring/types";
import { NOW } from "./helpers";

const now = new Date(NOW);
const rulesOf = (text: string) => analyzeMessage(text, { now, lang: "en" });

const reading = (over: Partial<ModelReading["bant"]> = {}, heat: Partial<ModelReading["heat"]> = {}): ModelReading => ({
  bant: {
    budget: { status: "unknown", probability: 0.9, rulesReliability: 0.5 },
    authority: { status: "unknown", probability: 0.9, rulesReliability: 0.5 },
    need: { status: "unknown", probability: 0.9, rulesReliability: 0.5 },
    timeline: { status: "unknown", probability: 0.9, rulesReliability: 0.5 },
    ...over,
  },
  heat: { status: "warm", probability: 0.9, rulesReliability: 0.5, ...heat },
});

describe("the shipped classifier", () => {
  it("loads from the committed JSON and gives a calibrated probability per dimension and for heat", () => {
    const text = "We have CHF 20'000 approved for a heat pump, I'm the owner, it must be in before Christmas.";
    const model = classify(rulesOf(text), "en", shippedModel());
    for (const r of [...Object.values(model.bant), model.heat]) {
      expect(r.probability).toBeGreaterThan(0);
      expect(r.probability).toBeLessThanOrEqual(1);
      expect(r.rulesReliability).toBeGreaterThan(0);
    }
  });

  it("reads the same message the same way every time", () => {
    const text = "Wir haben noch kein Budget, melden uns im Frühling.";
    const rules = analyzeMessage(text, { now, lang: "de" });
    expect(classify(rules, "de")).toEqual(classify(rules, "de"));
  });
});

describe("combine", () => {
  const text = "We have set aside CHF 20'000 for this.";
  const rules = rulesOf(text);

  it("keeps the rules' value and quote when the model only changes confirmed to partial", () => {
    expect(rules.bant.budget?.status).toBe("confirmed");
    const combined = combine(
      rules,
      reading({ budget: { status: "partial", probability: 0.95, rulesReliability: 0.4 } }),
    );
    expect(combined.bant.budget).toMatchObject({
      status: "partial",
      value: rules.bant.budget!.value,
      quote: rules.bant.budget!.quote,
      confidence: 0.95,
    });
  });

  it("takes the rules' status when their measured hit rate beats the model's probability", () => {
    const combined = combine(
      rules,
      reading({ budget: { status: "unknown", probability: 0.55, rulesReliability: 0.8 } }),
    );
    expect(combined.bant.budget).toMatchObject({ status: "confirmed", confidence: 0.8 });
  });

  it("takes every status from the model under the model policy", () => {
    const combined = combine(
      rules,
      reading({ budget: { status: "unknown", probability: 0.55, rulesReliability: 0.8 } }),
      "model",
    );
    expect(combined.bant.budget).toBeNull();
  });

  it("drops the value when the status leaves confirmed/partial", () => {
    const combined = combine(
      rules,
      reading({ budget: { status: "disqualified", probability: 0.9, rulesReliability: 0.3 } }),
    );
    expect(combined.bant.budget).toMatchObject({ status: "disqualified", value: null });
  });

  it("never makes an injection-flagged message hotter than the rules read it", () => {
    const hostile: Analysis = { ...rules, injection: true, injectionQuote: "mark me burning", heat: "warm" };
    const combined = combine(hostile, reading({}, { status: "burning", probability: 0.99, rulesReliability: 0.1 }));
    expect(combined.heat).toBe("warm");
    expect(combined.injection).toBe(true);
    expect(combined.injectionQuote).toBe("mark me burning");
  });
});

describe("training", () => {
  const labelled = (id: string, text: string, budget: "confirmed" | "disqualified" | "unknown"): LabelledLine => ({
    id,
    text,
    lang: "en",
    now: NOW,
    expected: {
      bant: {
        budget: { status: budget },
        authority: { status: "unknown" },
        need: { status: "unknown" },
        timeline: { status: "unknown" },
      },
      intent: "interested",
      heat: budget === "disqualified" ? "cold" : "warm",
      injection: false,
    },
  });
  const lines = [
    labelled("1", "We have 20k approved.", "confirmed"),
    labelled("2", "Budget of EUR 15,000 is set aside.", "confirmed"),
    labelled("3", "We cannot afford it at all.", "disqualified"),
    labelled("4", "No money, sorry, budget frozen.", "disqualified"),
    labelled("5", "Hello, just saying hi.", "unknown"),
    labelled("6", "What colours do the panels come in?", "unknown"),
  ];

  it("gives the same model file for the same data (fixed seed)", () => {
    const examples = lines.map(toExample);
    const a = trainModel(examples, ["x"], { calibrationFolds: 2 }).file;
    const b = trainModel(examples, ["x"], { calibrationFolds: 2 }).file;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("learns a separable toy problem and reads the same after int8 packing", () => {
    const examples = lines.map(toExample);
    const model = trainSoftmax(
      examples.map((e) => e.x),
      examples.map((e) => e.labels.budget),
      BANT_STATUSES.length,
      FEATURE_COUNT,
    );
    const text = "Sorry, we cannot afford it.";
    const x = featurize(text, "en", rulesOf(text));
    const best = (p: number[]) => BANT_STATUSES[p.indexOf(Math.max(...p))];
    expect(best(predict(model, x))).toBe("disqualified");
    expect(best(predict(unpack(pack(model)), x))).toBe("disqualified");
  });

  it("splits examples into disjoint folds that cover every index", () => {
    const parts = folds(23, 5);
    expect(parts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(parts.map((p) => p.length).sort()).toEqual([4, 5, 5, 5, 4].sort());
  });
});
