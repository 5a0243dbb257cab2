/**
 * Training and cross-validation of the BANT/heat classifier (`npm run ai:train`, `npm run ai:eval
 * -- --cv`). Not imported by the app: the app only loads the committed model (../classifier.ts).
 */
import { requestForMessage, toExtraction, type Extraction } from "@/lib/ai/batch";
import { lineLanguage, type LabelledLine, type ScoredItem } from "@/lib/ai/eval";
import { latestInbound } from "@/lib/ai/conversation";
import { analyzeRequest } from "@/lib/ai/providers/local";
import { BANT_DIMENSIONS } from "@/lib/scoring/types";
import type { Analysis } from "../index";
import {
  HEADS,
  classify,
  combine,
  headClasses,
  type BantModel,
  type BantModelFile,
  type Head,
  type Reliability,
} from "../classifier";
import { FEATURE_COUNT, HASH_BITS, RULE_FEATURES, featurize, type SparseVector } from "./features";
import {
  DEFAULT_TRAINING,
  fitTemperature,
  logits,
  pack,
  seededRandom,
  shuffled,
  trainSoftmax,
  unpack,
  type SoftmaxWeights,
  type TrainOptions,
} from "./softmax";

/** A labelled message, read once by the rules and turned into features (both are reused across folds). */
export type Example = {
  line: LabelledLine;
  /** The lead's latest inbound text, as the provider would read it. */
  text: string;
  lang: string;
  rules: Analysis;
  x: SparseVector;
  labels: Record<Head, number>;
};

export function toExample(line: LabelledLine): Example {
  const request = requestForMessage(line);
  const rules = analyzeRequest(request);
  const lang = lineLanguage(line) === "und" ? rules.language : lineLanguage(line);
  const labels = Object.fromEntries(
    HEADS.map((h) => {
      const label = h === "heat" ? line.expected.heat : line.expected.bant[h].status;
      return [h, headClasses(h).indexOf(label)];
    }),
  ) as Record<Head, number>;
  const text = latestInbound(request.history);
  return { line, text, lang, rules, x: featurize(rules.ownText, lang, rules), labels };
}

/** `k` folds of indices from a seeded shuffle: fold membership never depends on file order changes elsewhere. */
export function folds(count: number, k: number, seed = DEFAULT_TRAINING.seed): number[][] {
  const order = shuffled(
    Array.from({ length: count }, (_, i) => i),
    seededRandom(seed),
  );
  return Array.from({ length: k }, (_, f) => order.filter((_, i) => i % k === f));
}

/** Rare statuses count more (macro-F1 weighs every status equally); `balance` 0.5 does so without drowning the common ones. */
function classWeights(ys: number[], classes: number, balance: number): number[] {
  const counts = Array.from({ length: classes }, (_, c) => ys.filter((y) => y === c).length);
  return counts.map((n) => (n === 0 ? 0 : (ys.length / (classes * n)) ** balance));
}

function trainHead(examples: readonly Example[], head: Head, options: TrainOptions): SoftmaxWeights {
  const ys = examples.map((e) => e.labels[head]);
  const classes = headClasses(head).length;
  return trainSoftmax(
    examples.map((e) => e.x),
    ys,
    classes,
    FEATURE_COUNT,
    { ...options, classWeights: classWeights(ys, classes, options.classBalance ?? 0.5) },
  );
}

/** Counts per head, language and status of how often the rules' status matched the label. */
export function measureReliability(examples: readonly Example[]): Reliability {
  const table = Object.fromEntries(HEADS.map((h) => [h, {}])) as Reliability;
  for (const e of examples)
    for (const h of HEADS) {
      const said = h === "heat" ? e.rules.heat : (e.rules.bant[h]?.status ?? "unknown");
      const hit = headClasses(h).indexOf(said) === e.labels[h] ? 1 : 0;
      for (const lang of [e.lang, "*"]) {
        const cell = ((table[h][lang] ??= {})[said] ??= { said: 0, right: 0 });
        cell.said += 1;
        cell.right += hit;
      }
    }
  return table;
}

export type TrainReport = { seconds: number; temperatures: Record<Head, number> };

/**
 * One model per head: temperatures fitted on out-of-fold logits (`calibrationFolds`-fold CV inside
 * the training set), then the final weights trained on everything.
 */
export function trainModel(
  examples: readonly Example[],
  files: readonly string[],
  { calibrationFolds = 5, options = DEFAULT_TRAINING }: { calibrationFolds?: number; options?: TrainOptions } = {},
): { file: BantModelFile; report: TrainReport } {
  const started = Date.now();
  const heads = {} as BantModelFile["heads"];
  const temperatures = {} as Record<Head, number>;
  const parts = folds(examples.length, calibrationFolds);
  for (const head of HEADS) {
    const heldOut: { z: Float64Array; y: number }[] = [];
    if (calibrationFolds > 1)
      for (const part of parts) {
        const inPart = new Set(part);
        const model = trainHead(
          examples.filter((_, i) => !inPart.has(i)),
          head,
          options,
        );
        for (const i of part) heldOut.push({ z: logits(model, examples[i]!.x), y: examples[i]!.labels[head] });
      }
    const model = trainHead(examples, head, options);
    model.temperature = fitTemperature(heldOut);
    temperatures[head] = model.temperature;
    heads[head] = pack(model);
  }
  return {
    file: {
      version: 1,
      hashBits: HASH_BITS,
      ruleFeatures: RULE_FEATURES,
      trainedOn: { messages: examples.length, files },
      heads,
      reliability: measureReliability(examples),
    },
    report: { seconds: (Date.now() - started) / 1000, temperatures },
  };
}

/** The model as the app would load it (int8 weights included), for cross-validation. */
export function asLoaded(file: BantModelFile): BantModel {
  return {
    heads: Object.fromEntries(HEADS.map((h) => [h, unpack(file.heads[h])])) as BantModel["heads"],
    reliability: file.reliability,
    trainedOn: file.trainedOn,
  };
}

/** How a message's statuses are decided: the rules alone, the model alone, or `combine`'s policy. */
export const ENGINES = ["rules", "model", "hybrid"] as const;
export type Engine = (typeof ENGINES)[number];

/** The analysis an engine gives for a prepared example (the rules' reading is already in it). */
export function analyzeExample(example: Example, engine: Engine, model: BantModel): Analysis {
  return engine === "rules"
    ? example.rules
    : combine(example.rules, classify(example.rules, example.lang, model), engine);
}

export function readExample(example: Example, engine: Engine, model: BantModel): Extraction {
  return toExtraction({ ...analyzeExample(example, engine, model), reply: "" });
}

export type CrossValidationRun = {
  engine: Engine;
  folds: ScoredItem[][];
  /** Every finding's confidence and whether its status matched the label, over all folds. */
  confidences: { confidence: number; correct: boolean }[];
};

/**
 * k-fold cross-validation: each fold is read by every engine with a model trained on the other
 * folds plus `alsoTrain` (lines that only ever train, e.g. a set labelled under older definitions).
 */
export function crossValidate(
  examples: readonly Example[],
  k: number,
  engines: readonly Engine[],
  alsoTrain: readonly Example[] = [],
  options: TrainOptions = DEFAULT_TRAINING,
): CrossValidationRun[] {
  const out: CrossValidationRun[] = engines.map((engine) => ({ engine, folds: [], confidences: [] }));
  for (const part of folds(examples.length, k)) {
    const inPart = new Set(part);
    const needsModel = engines.some((e) => e !== "rules");
    const model = needsModel
      ? asLoaded(trainModel([...examples.filter((_, i) => !inPart.has(i)), ...alsoTrain], [], { options }).file)
      : { heads: {} as BantModel["heads"], reliability: {} as Reliability, trainedOn: { messages: 0, files: [] } };
    for (const run of out) {
      const items: ScoredItem[] = [];
      for (const i of part) {
        const example = examples[i]!;
        const analysis = analyzeExample(example, run.engine, model);
        items.push({ labelled: example.line, got: toExtraction({ ...analysis, reply: "" }) });
        for (const d of BANT_DIMENSIONS) {
          const finding = analysis.bant[d];
          if (finding)
            run.confidences.push({
              confidence: finding.confidence,
              correct: finding.status === example.line.expected.bant[d].status,
            });
        }
      }
      run.folds.push(items);
    }
  }
  return out;
}
