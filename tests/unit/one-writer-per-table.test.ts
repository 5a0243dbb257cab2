import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * One writer per table: each table is written by one module's functions (a module is a
 * top-level folder of lib/, e.g. lib/leads); another module changes it by calling those.
 * This reads the SQL in lib/**\/*.ts (string and template literals only, never comments),
 * finds every write (insert into, update … set, delete from, merge into, truncate; an upsert
 * is an insert), and counts a call of a private.* database function as a write of the
 * tables that function writes (its latest definition in supabase/migrations).
 * It fails when a table gains a second writer module, naming the table and the modules.
 */
const root = path.resolve(__dirname, "../..");

/**
 * Writes that are deliberate, each with its reason. Keep this short: a new entry needs a
 * reason a reviewer accepts, not a convenience.
 */
const ALLOWED: Record<string, { also: string[]; why: string }> = {
  // The demo is a composition layer above the domains: it seeds through their functions and
  // then backdates rows (created_at, last activity, read and delivery states) and fills a
  // history no domain function writes in the past, which production code must never do.
  "public.leads": { also: ["demo"], why: "lib/demo backdates seeded leads (created_at, last_activity_at)" },
  "public.lead_events": { also: ["demo"], why: "lib/demo backdates the seeded timeline (created_at)" },
  "public.conversations": { also: ["demo"], why: "lib/demo writes seeded threads with a past history" },
  "public.messages": {
    also: ["demo"],
    why: "lib/demo writes a seeded message history with past timestamps and states",
  },
  "public.channels": { also: ["demo"], why: "lib/demo creates the sandbox numbers of the demo organizations" },
  "public.notifications": { also: ["demo"], why: "lib/demo marks seeded notifications read in the past" },
  "public.notification_deliveries": { also: ["demo"], why: "lib/demo settles the deliveries of seeded notifications" },
  "public.ai_agents": { also: ["demo"], why: "lib/demo creates the demo organizations' agents" },
  // An approved draft becomes a message and the task's link to it in one security-definer
  // step (private.queue_approved_draft checks the approval), which lib/inbox calls when it
  // queues the message: the task's sent_message_id is that function's to set.
  "public.hil_tasks": {
    also: ["inbox", "demo"],
    why: "private.queue_approved_draft links the task to the message lib/inbox queues; lib/demo writes the decided drafts of a past history",
  },
};

// --------------------------------------------------------------------------------------
// Finding writes

const WRITE = [
  /\binsert\s+into\s+([a-z_]+\.)?([a-z_]+)/gi,
  /\bmerge\s+into\s+([a-z_]+\.)?([a-z_]+)/gi,
  /\bdelete\s+from\s+(?:only\s+)?([a-z_]+\.)?([a-z_]+)/gi,
  /\btruncate\s+(?:table\s+)?([a-z_]+\.)?([a-z_]+)/gi,
  // `update t set`, `update t as x set`, `update t x set`; not `for update` or `do update set`.
  /(?<!\bfor\s+|\bdo\s+|\bno\s+key\s+)\bupdate\s+(?:only\s+)?([a-z_]+\.)?([a-z_]+)(?:\s+(?:as\s+)?[a-z_]+)?\s+set\b/gi,
];
const PRIVATE_CALL = /\bprivate\.([a-z_]+)\s*\(/gi;

/** Tables written by a piece of SQL, schema-qualified (unqualified names are public). */
function tablesWritten(sql: string): string[] {
  const found = new Set<string>();
  for (const pattern of WRITE) {
    for (const match of sql.matchAll(pattern)) {
      const schema = (match[1] ?? "public.").toLowerCase();
      const table = match[2]!.toLowerCase();
      if (table === "set" || table === "only") continue;
      found.add(`${schema}${table}`);
    }
  }
  return [...found];
}

/** The SQL a file could send: its string and template literals (comments are not SQL). */
function literals(source: string, fileName: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      // `${…}` pieces become a placeholder, so `update public.leads set ${sets}` still reads as SQL.
      out.push([node.head.text, ...node.templateSpans.map((span) => ` $x ${span.literal.text}`)].join(""));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** The latest definition of every private.* function and the tables its body writes. */
function privateFunctionWrites(): Map<string, string[]> {
  const dir = path.join(root, "supabase/migrations");
  const writes = new Map<string, string[]>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const sql = readFileSync(path.join(dir, name), "utf8");
    const definition =
      /create\s+(?:or\s+replace\s+)?function\s+private\.([a-z_]+)\s*\([\s\S]*?\bas\s+(\$[a-z_]*\$)([\s\S]*?)\2/gi;
    for (const match of sql.matchAll(definition)) writes.set(match[1]!.toLowerCase(), tablesWritten(match[3]!));
  }
  return writes;
}

function libFiles(dir = path.join(root, "lib")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : libFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** lib/leads/csv.ts → "leads"; a file directly in lib/ is its own module (lib/env.ts → "env"). */
const moduleOf = (file: string) =>
  path
    .relative(path.join(root, "lib"), file)
    .split(path.sep)[0]!
    .replace(/\.tsx?$/, "");

type Writer = { module: string; file: string; via?: string };

/** table → the modules that write it, with one file (and private function) each as evidence. */
function writersByTable(): Map<string, Map<string, Writer>> {
  const functions = privateFunctionWrites();
  const byTable = new Map<string, Map<string, Writer>>();
  const add = (table: string, writer: Writer) => {
    const writers = byTable.get(table) ?? new Map<string, Writer>();
    if (!writers.has(writer.module)) writers.set(writer.module, writer);
    byTable.set(table, writers);
  };
  for (const full of libFiles()) {
    const file = path.relative(root, full);
    const owner = moduleOf(full);
    for (const sql of literals(readFileSync(full, "utf8"), full)) {
      for (const table of tablesWritten(sql)) add(table, { module: owner, file });
      for (const call of sql.matchAll(PRIVATE_CALL)) {
        const fn = call[1]!.toLowerCase();
        for (const table of functions.get(fn) ?? []) add(table, { module: owner, file, via: `private.${fn}` });
      }
    }
  }
  return byTable;
}

const describeWriter = (w: Writer) => `lib/${w.module} (${w.file}${w.via ? ` via ${w.via}` : ""})`;

// --------------------------------------------------------------------------------------

describe("one writer per table", () => {
  const byTable = writersByTable();

  it("every table in lib/ is written by one module, apart from the listed exceptions", () => {
    const problems: string[] = [];
    for (const [table, writers] of [...byTable].sort(([a], [b]) => a.localeCompare(b))) {
      const allowed = new Set(ALLOWED[table]?.also ?? []);
      const extra = [...writers.values()].filter((w) => !allowed.has(w.module));
      if (extra.length > 1)
        problems.push(`${table} is written by ${extra.length} modules: ${extra.map(describeWriter).join(" and ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("every exception still names a table with a second writer (a fixed one leaves the list)", () => {
    const stale = Object.entries(ALLOWED).flatMap(([table, { also }]) =>
      also.filter((module) => !byTable.get(table)?.has(module)).map((module) => `${table}: lib/${module}`),
    );
    expect(stale).toEqual([]);
  });

  it("reads writes out of SQL and not out of locks, upsert clauses or comments", () => {
    expect(
      tablesWritten("insert into public.leads (a) values (1) on conflict (a) do update set a = excluded.a"),
    ).toEqual(["public.leads"]);
    expect(tablesWritten("select id from public.leads where id = $1 for update")).toEqual([]);
    expect(tablesWritten("select 1 from public.conversations for no key update")).toEqual([]);
    expect(tablesWritten("update public.leads l set status = 'x' from (select 1) old where l.id = $1")).toEqual([
      "public.leads",
    ]);
    expect(tablesWritten("update public.hil_tasks as t set status = 'x'")).toEqual(["public.hil_tasks"]);
    expect(tablesWritten("delete from public.sessions where id = $1")).toEqual(["public.sessions"]);
    expect(
      literals(
        "// insert into public.leads\nconst sql = `update public.leads set ${x} where id = $1`;",
        "x.ts",
      ).flatMap(tablesWritten),
    ).toEqual(["public.leads"]);
  });

  it("counts a private function's writes for the module that calls it", () => {
    const functions = privateFunctionWrites();
    expect(functions.get("record_outbound_message")).toEqual(["public.conversations"]);
    expect(byTable.get("public.conversations")?.get("inbox")).toBeDefined();
  });

  it("routes, pages, components and scripts write no table themselves: they call a module in lib/", () => {
    const outside = ["app", "components", "scripts"].flatMap((dir) => libFiles(path.join(root, dir)));
    // Class names such as "truncate text-xs" are not SQL: only statements that change rows count here.
    const statement = /\b(insert\s+into|delete\s+from|merge\s+into|update\s+[\w.]+(\s+(as\s+)?\w+)?\s+set)\b/i;
    const writes = outside.flatMap((full) =>
      literals(readFileSync(full, "utf8"), full)
        .filter((sql) => statement.test(sql))
        .flatMap((sql) => tablesWritten(sql).map((table) => `${path.relative(root, full)} writes ${table}`)),
    );
    expect(outside.length).toBeGreaterThan(50);
    expect(writes).toEqual([]);
  });

  it("the lead's status and owner, the timeline and outbound messages have their one owner", () => {
    const modules = (table: string) => [...(byTable.get(table)?.keys() ?? [])].filter((m) => m !== "demo").sort();
    expect(modules("public.leads")).toEqual(["leads"]);
    expect(modules("public.lead_events")).toEqual(["leads"]);
    expect(modules("public.messages")).toEqual(["inbox"]);
  });
});
