import { readFileSync } from "node:fs";
import { labelledLineSchema, type LabelledLine } from "@/lib/ai/eval";

/** The labelled lines of a JSONL file; a malformed line is reported with its number and skipped. */
export function readLabelled(file: string): LabelledLine[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((raw, i) => {
      if (!raw.trim()) return [];
      const parsed = labelledLineSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return [parsed.data];
      console.error(
        `${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
      );
      return [];
    });
}
