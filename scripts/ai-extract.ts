/**
 * npm run ai:extract -- <file.jsonl> [--local]
 * Reads one JSON message per line ({"id","text","lang"?,"now"?}) and prints one JSON line per
 * message: {"id","bant":{…},"intent","heat","injection"}. Uses the configured provider (OpenAI when
 * OPENAI_API_KEY is set, the offline assistant otherwise; --local forces offline). Needs no
 * database and no AUTH_SECRET. Reads stdin when the file is "-" or missing.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { loadEnvConfig } from "@next/env";
import { aiProvider } from "@/lib/ai";
import { runExtract } from "@/lib/ai/batch";
import { localProvider } from "@/lib/ai/providers/local";

loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const provider = args.includes("--local") ? localProvider() : aiProvider();

const input = file && file !== "-" ? createReadStream(file, "utf8") : process.stdin;
input.on("error", (error: Error) => {
  console.error(`Cannot read ${file}: ${error.message}`);
  process.exit(2);
});
const lines = createInterface({ input, crlfDelay: Infinity });

runExtract(
  lines,
  provider,
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
)
  .then(({ failed }) => {
    process.exitCode = failed > 0 ? 1 : 0;
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
