/**
 * npm run ai:eval -- <labelled.jsonl> [more.jsonl …] [--local] [--engine rules|model|hybrid]
 *                    [--cv <k> [--also-train <file.jsonl>]] [--details] [--json] [--mistakes]
 *                    [--replies <drafts.jsonl>]
 * Scores readings of labelled messages: per BANT dimension macro-F1 over unknown / partial /
 * confirmed / disqualified with each status's precision, recall, F1 and support and the confusion
 * matrix (--details prints them); heat exact accuracy, Spearman's rho and confusion; intent
 * accuracy; injection precision/recall and the hostile texts that came out hotter than their
 * label. A table per file, then per language (each line's `lang`) over all files, then JSON.
 *
 * --engine: rules (default) = the provider as configured (the offline assistant with --local);
 * model / hybrid = the trained classifier (lib/ai/extract/classifier.ts) alone or combined with
 * the rules, always offline. --cv k: k-fold cross-validation over the given files for each engine
 * (or the one named), training on the other folds plus --also-train; prints pooled out-of-fold
 * tables and the fold-mean macro-F1 per language. Use it on *.train.jsonl files only.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { aiProvider } from "@/lib/ai";
import { requestForMessage, toExtraction } from "@/lib/ai/batch";
import {
  calibration,
  formatDetails,
  formatReport,
  score,
  scoreByLanguage,
  summarize,
  type EvalReport,
  type LabelledLine,
  type ScoredItem,
} from "@/lib/ai/eval";
import { evaluateReplies, formatReplyReport, parseReplyFixtures } from "@/lib/ai/eval-replies";
import { shippedModel } from "@/lib/ai/extract/classifier";
import { ENGINES, crossValidate, readExample, toExample, type Engine } from "@/lib/ai/extract/model/train";
import { localProvider } from "@/lib/ai/providers/local";
import { readLabelled } from "./labelled-file";
import { BANT_FINDING_CONFIDENCE_THRESHOLD } from "@/lib/ai/types";
import { BANT_DIMENSIONS } from "@/lib/scoring/types";

loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
const args = process.argv.slice(2);
const USAGE =
  "Usage: npm run ai:eval -- <labelled.jsonl> [more.jsonl …] [--local] [--engine rules|model|hybrid] [--cv <k> [--also-train <file>]] [--details] [--json] [--mistakes] [--replies <drafts.jsonl>]";
/** Options that take a value; the value is not a file to score. */
const valueOf = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const VALUE_FLAGS = ["--replies", "--engine", "--cv", "--also-train"];
const valueSlots = new Set(
  VALUE_FLAGS.map((f) => args.indexOf(f))
    .filter((i) => i >= 0)
    .map((i) => i + 1),
);
// --replies <drafts.jsonl>: also score drafted replies against conversation fixtures (evalReplies below).
const repliesFile = valueOf("--replies");
const files = args.filter((a, i) => !a.startsWith("--") && !valueSlots.has(i));
const engineArg = valueOf("--engine");
const cvArg = valueOf("--cv");
if (
  (files.length === 0 && !repliesFile) ||
  (engineArg !== undefined && !ENGINES.includes(engineArg as Engine)) ||
  (cvArg !== undefined && !(Number(cvArg) >= 2))
) {
  console.error(USAGE);
  process.exit(2);
}
const engine = (engineArg ?? "rules") as Engine;
const provider = args.includes("--local") || engine !== "rules" ? localProvider() : aiProvider();
const show = (report: EvalReport, title: string) => {
  console.log(formatReport(report, title));
  if (args.includes("--details")) console.log(formatDetails(report));
  if (args.includes("--mistakes"))
    for (const m of report.mistakes) console.log(`  ${m.id} ${m.field}: expected ${m.expected}, got ${m.got}`);
  console.log("");
};

/** Drafts each conversation fixture and prints the must / must-not pass rates per language. */
async function evalReplies(file: string) {
  const fixtures = parseReplyFixtures(readFileSync(file, "utf8"), file);
  const report = await evaluateReplies(fixtures, (request) => provider.draft(request));
  console.log(formatReplyReport(report, `${file} · replies · ${provider.name} ${provider.model}`));
  if (args.includes("--mistakes"))
    for (const f of report.failures)
      console.log(`  ${f.id} ${f.kind} ${f.pattern}\n    ${f.reply.replace(/\n+/g, " ⏎ ")}`);
  console.log(JSON.stringify({ replies: { ...report, failures: report.failures.length } }));
  console.log("");
}

async function readAll(lines: LabelledLine[], file: string): Promise<ScoredItem[]> {
  if (engine !== "rules") {
    const model = shippedModel();
    return lines.map((line) => ({ labelled: line, got: readExample(toExample(line), engine, model) }));
  }
  const items: ScoredItem[] = [];
  for (const line of lines) {
    const outcome = await provider.draft(requestForMessage(line));
    if (outcome.ok) items.push({ labelled: line, got: toExtraction(outcome.result) });
    else console.error(`${file}: ${line.id}: ${outcome.reason}: ${outcome.detail.kind}`);
  }
  return items;
}

async function evaluate() {
  const label = `${provider.name} ${engine === "rules" ? provider.model : `${provider.model} + ${engine}`}`;
  const reports: Record<string, EvalReport> = {};
  const all: ScoredItem[] = [];
  for (const file of files) {
    if (engine !== "rules" && shippedModel().trainedOn.files.includes(path.normalize(file)))
      console.log(`${file}: the model was trained on this file, so these numbers are in-sample (use --cv).`);
    const items = await readAll(readLabelled(file), file);
    all.push(...items);
    reports[file] = score(items);
    show(reports[file], `${file} · ${label}`);
  }
  const languages = scoreByLanguage(all);
  if (files.length > 1 || Object.keys(languages).length > 1)
    for (const [lang, report] of Object.entries(languages)) show(report, `language ${lang} · all files · ${label}`);
  const json = {
    provider: provider.name,
    model: provider.model,
    engine,
    reports: Object.fromEntries(Object.entries(reports).map(([f, r]) => [f, summarize(r)])),
    languages: Object.fromEntries(Object.entries(languages).map(([l, r]) => [l, summarize(r)])),
  };
  console.log(JSON.stringify(json, null, args.includes("--json") ? 2 : 0));
}

const mean = (xs: (number | null)[]) => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? known.reduce((s, x) => s + x, 0) / known.length : null;
};
const cell = (n: number | null) => (n === null ? "   n/a" : n.toFixed(3).padStart(6));

/** k-fold cross-validation of each engine on the given (training) files. */
function crossValidation(k: number) {
  const examples = files.flatMap(readLabelled).map(toExample);
  const alsoFile = valueOf("--also-train");
  const alsoTrain = alsoFile ? readLabelled(alsoFile).map(toExample) : [];
  const engines = engineArg ? [engine] : ENGINES;
  const runs = crossValidate(examples, k, engines, alsoTrain);
  const summary: Record<string, unknown> = {};
  const table = [
    `${k}-fold cross-validation on ${examples.length} messages${alsoTrain.length ? ` (+${alsoTrain.length} always in training from ${alsoFile})` : ""}: mean over folds`,
    `engine  lang  ${BANT_DIMENSIONS.map((d) => d.padStart(9)).join(" ")}  heat-rho  heat-acc`,
  ];
  const calibrationLines = [
    `confidence of BANT findings, out-of-fold (applied = confidence >= ${BANT_FINDING_CONFIDENCE_THRESHOLD}, the rest are suggestions)`,
    "engine  findings     ECE  applied  applied precision  suggestion precision",
  ];
  for (const run of runs) {
    const pooled = scoreByLanguage(run.folds.flat());
    for (const [lang, report] of Object.entries(pooled))
      show(report, `${run.engine} · language ${lang} · out-of-fold, pooled`);
    const perFold = run.folds.map((items) => scoreByLanguage(items));
    const langs = Object.keys(pooled);
    const means: Record<string, Record<string, number | null>> = {};
    for (const lang of langs) {
      const reports = perFold.map((f) => f[lang]).filter((r): r is EvalReport => r !== undefined);
      means[lang] = {
        ...Object.fromEntries(BANT_DIMENSIONS.map((d) => [d, mean(reports.map((r) => r.dimensions[d].macroF1))])),
        heatSpearman: mean(reports.map((r) => r.heat.spearman)),
        heatAccuracy: mean(reports.map((r) => r.heat.accuracy)),
      };
      const m = means[lang]!;
      table.push(
        `${run.engine.padEnd(6)}  ${lang.padEnd(4)}  ${BANT_DIMENSIONS.map((d) => cell(m[d] ?? null).padStart(9)).join(" ")}  ${cell(m.heatSpearman ?? null).padStart(8)}  ${cell(m.heatAccuracy ?? null).padStart(8)}`,
      );
    }
    const calibrated = calibration(run.confidences, BANT_FINDING_CONFIDENCE_THRESHOLD);
    calibrationLines.push(
      `${run.engine.padEnd(6)}  ${String(calibrated.findings).padStart(8)}  ${cell(calibrated.ece)}  ${String(calibrated.applied).padStart(7)}  ${cell(calibrated.appliedPrecision).padStart(17)}  ${cell(calibrated.suggestionPrecision).padStart(20)}`,
    );
    summary[run.engine] = {
      foldMeans: means,
      calibration: calibrated,
      pooled: Object.fromEntries(Object.entries(pooled).map(([l, r]) => [l, summarize(r)])),
    };
  }
  console.log(table.join("\n"));
  console.log(calibrationLines.join("\n"));
  console.log(
    JSON.stringify(
      { crossValidation: { k, messages: examples.length, engines: summary } },
      null,
      args.includes("--json") ? 2 : 0,
    ),
  );
}

async function main() {
  if (repliesFile) await evalReplies(repliesFile);
  if (files.length === 0) return;
  if (cvArg) crossValidation(Number(cvArg));
  else await evaluate();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
