import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `import "server-only"` makes the build fail when a client component reaches a server module.
 * These tests keep the marker where it belongs: on every lib module that opens the database,
 * reads the environment (secrets) or uses a Node API, and on none that a client component imports.
 */
const root = path.resolve(__dirname, "../..");
const MARKER = /^import "server-only";$/m;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [relative] : [];
  });
}

/** Specifiers of the imports that load code at run time (`import type` and `export type` load nothing). */
function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(type\s)?[^;]*?["']([^"']+)["'];?$/gms))
    if (!match[1]) specifiers.push(match[2]!);
  return specifiers;
}

function resolve(from: string, specifier: string, files: Set<string>): string | null {
  const base = specifier.startsWith("@/")
    ? specifier.slice(2)
    : specifier.startsWith(".")
      ? path.join(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  return (
    [".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => base + ext).find((candidate) => files.has(candidate)) ??
    null
  );
}

const files = new Set(["app", "components", "lib"].flatMap(sourceFiles));
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

function reachedFromClientComponents(): Set<string> {
  const seen = new Set<string>();
  const pending = [...files].filter((file) => /^\s*["']use client["']/.test(read(file)));
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of valueImports(read(file))) {
      const target = resolve(file, specifier, files);
      if (target) pending.push(target);
    }
  }
  return seen;
}

const SERVER_FACING = (specifier: string) =>
  specifier.startsWith("node:") ||
  specifier === "@/lib/db" ||
  specifier === "@/lib/env" ||
  specifier === "next/headers";

describe("server-only modules", () => {
  it("no module a client component imports is marked server-only", () => {
    const marked = [...reachedFromClientComponents()].filter((file) => MARKER.test(read(file)));
    expect(marked).toEqual([]);
  });

  it("every lib module that opens the database, reads the environment or uses a Node API is marked server-only", () => {
    const unmarked = [...files]
      .filter((file) => file.startsWith("lib/") && !file.startsWith("lib/db/schema.generated"))
      .filter((file) =>
        file.startsWith("lib/db/")
          ? /^lib\/db\/(client|index|pglite|postgres|migrate|lock|shutdown)\.ts$/.test(file)
          : valueImports(read(file)).some(SERVER_FACING),
      )
      .filter((file) => !MARKER.test(read(file)));
    expect(unmarked).toEqual([]);
  });
});
