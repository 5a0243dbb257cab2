import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * lib/inbound owns `inbound_events` and the loop around it; providers plug in through
 * registered handlers. Two things keep it that way: no other module touches the table in
 * SQL, and the pipeline depends on no domain (the job catalogue hands it the handlers).
 */
const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const SQL_ON_INBOUND_EVENTS = /\b(?:from|into|update|join|table)\s+(?:public\.)?inbound_events\b/i;

describe("the inbound-event pipeline's boundaries", () => {
  it("only lib/inbound reads or writes inbound_events in SQL", () => {
    const files = ["lib", "app", "components", "scripts"].flatMap(sourceFiles);
    const outside = files.filter(
      (file) =>
        !file.startsWith("lib/inbound/") && SQL_ON_INBOUND_EVENTS.test(readFileSync(path.join(root, file), "utf8")),
    );
    expect(outside).toEqual([]);
    expect(
      sourceFiles("lib/inbound").some((file) =>
        SQL_ON_INBOUND_EVENTS.test(readFileSync(path.join(root, file), "utf8")),
      ),
    ).toBe(true);
  });

  it("the pipeline imports no domain: only the database, the job layer, the logger and itself", () => {
    const imports = sourceFiles("lib/inbound").flatMap((file) =>
      ts
        .preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true)
        .importedFiles.map(({ fileName }) => `${file}: ${fileName}`),
    );
    const allowed = /: (?:@\/lib\/db|@\/lib\/jobs\/[\w-]+|@\/lib\/log|\.\/[\w-]+|zod|server-only)$/;
    expect(imports.filter((entry) => !allowed.test(entry))).toEqual([]);
  });
});
