/**
 * npm run ai:train [-- --out <model.json>]
 * Trains the BANT/heat classifier (lib/ai/extract/classifier.ts) on the TRAINING lines only,
 * tests/fixtures/bant/corpus/*.train.jsonl (the held-out *.holdout.jsonl files are never read).
 * Deterministic (fixed seed, no clock in the output): the same
 * data and rules give the same file. Retrain after changing the rules: the model learns how far
 * to trust them.
 */
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { toExample, trainModel } from "@/lib/ai/extract/model/train";
import { readLabelled } from "./labelled-file";

const CORPUS = "tests/fixtures/bant/corpus";
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 && args[outAt + 1] ? args[outAt + 1]! : "lib/ai/extract/model/bant-model.json";

const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".train.jsonl"))
  .sort()
  .map((f) => path.join(CORPUS, f));
const lines = files.flatMap(readLabelled);

const { file, report } = trainModel(lines.map(toExample), files);
const json = JSON.stringify(file);
writeFileSync(out, `${json}\n`);
console.log(
  `Trained on ${lines.length} messages from ${files.length} files in ${report.seconds.toFixed(1)} s; ` +
    `temperatures ${Object.entries(report.temperatures)
      .map(([h, t]) => `${h} ${t}`)
      .join(", ")}; wrote ${out} (${(json.length / 1024).toFixed(0)} KiB).`,
);
