import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layers point down: the database handle knows nothing of the domains, and a job producer
 * (`queue.ts`) knows nothing of its workers. Lint forbids cycles; these tests forbid the reach.
 */
const root = path.resolve(__dirname, "../..");
const extensions = [".ts", ".tsx", "/index.ts", "/index.tsx"];
// What every layer may lean on: configuration (with its key-format check) and the logger.
const foundation = new Set(["lib/env.ts", "lib/log.ts", "lib/crypto/key.ts"]);

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package: outside the graph we police
  if (existsSync(base) && !readdirSafe(base)) return base;
  for (const extension of extensions) if (existsSync(base + extension)) return base + extension;
  return null;
}

function readdirSafe(candidate: string): boolean {
  try {
    readdirSync(candidate);
    return true;
  } catch {
    return false;
  }
}

/** Every project file reachable from `entry` through static imports and re-exports. */
function reach(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [path.join(root, entry)];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      const target = resolveImport(file, fileName);
      if (target) pending.push(target);
    }
  }
  return [...seen].map((file) => path.relative(root, file)).sort();
}

describe("module boundaries", () => {
  it("importing the database layer reaches only database files and the foundation (environment, logger)", () => {
    const reached = reach("lib/db/index.ts");
    expect(reached).toEqual(expect.arrayContaining(["lib/db/client.ts", "lib/db/migrate.ts", "lib/env.ts"]));
    const outside = reached.filter((file) => !file.startsWith("lib/db/") && !foundation.has(file));
    expect(outside).toEqual([]);
  });

  const queues = readdirSync(path.join(root, "lib"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, "lib", entry.name, "queue.ts")))
    .map((entry) => `lib/${entry.name}/queue.ts`);

  it.each(queues)("the job producer %s reaches only the job layer, never its workers", (queue) => {
    const reached = reach(queue).filter((file) => file !== queue);
    const outside = reached.filter((file) => !/^lib\/(jobs|db)\//.test(file) && !foundation.has(file));
    expect(outside).toEqual([]);
  });
});
