/**
 * npm run ai:eval -- <labelled.jsonl> [more.jsonl …] [--local] [--json] [--mistakes]
 * Runs the configured provider over labelled messages and prints per-dimension precision, recall
 * and F1 (positive = status other than unknown; a true positive needs the labelled status), status
 * and value accuracy, intent and heat accuracy, and injection precision/recall: a table per file,
 * then the whole report as JSON.
 */
import { readFileSync } from "node:fs";
import { loadEnvConfig } from "@next/env";
import { aiProvider } from "@/lib/ai";
import { requestForMessage, toExtraction, type Extraction } from "@/lib/ai/batch";
import { formatReport, labelledLineSchema, score, type LabelledLine } from "@/lib/ai/eval";
import { localProvider } from "@/lib/ai/providers/local";

loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith("--"));
if (files.length === 0) {
  console.error("Usage: npm run ai:eval -- <labelled.jsonl> [more.jsonl …] [--local] [--json] [--mistakes]");
  process.exit(2);
}
const provider = args.includes("--local") ? localProvider() : aiProvider();

async function main() {
  const reports: Record<string, ReturnType<typeof score>> = {};
  for (const file of files) {
    const items: { labelled: LabelledLine; got: Extraction }[] = [];
    const lines = readFileSync(file, "utf8").split("\n");
    for (const [i, raw] of lines.entries()) {
      if (!raw.trim()) continue;
      const parsed = labelledLineSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) {
        console.error(
          `${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
        );
        continue;
      }
      const outcome = await provider.draft(requestForMessage(parsed.data));
      if (!outcome.ok) {
        console.error(`${file}:${i + 1}: ${outcome.reason}: ${outcome.detail.kind}`);
        continue;
      }
      items.push({ labelled: parsed.data, got: toExtraction(outcome.result) });
    }
    const report = score(items);
    reports[file] = report;
    console.log(formatReport(report, `${file} · ${provider.name} ${provider.model}`));
    if (args.includes("--mistakes"))
      for (const m of report.mistakes) console.log(`  ${m.id} ${m.field}: expected ${m.expected}, got ${m.got}`);
    console.log("");
  }
  const json = Object.fromEntries(Object.entries(reports).map(([f, r]) => [f, { ...r, mistakes: r.mistakes.length }]));
  console.log(
    JSON.stringify(
      { provider: provider.name, model: provider.model, reports: json },
      null,
      args.includes("--json") ? 2 : 0,
    ),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
