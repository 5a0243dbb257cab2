/**
 * npm run bench:leads [-- --regenerate] — the leads list at scale, with and without RLS.
 *
 * On PostgreSQL (BENCH_DATABASE_URL, default the local `kiln_bench` database, which this
 * script drops and recreates when it (re)generates data — never point it at a database
 * you care about): 1,000,000 leads across 100 organizations, one of them with 100,000
 * (bench/seed-leads.ts). Data already there is reused; --regenerate forces a fresh set.
 *
 * For the big organization it times the app's own query builders (listLeads,
 * countLeadsByHeat from lib/leads/queries.ts):
 *   rls:      as a rep, in a transaction shaped exactly like withRls() (actAs: JWT claims +
 *             role authenticated), so every policy on leads, profiles and projects applies;
 *   baseline: the same SQL in a plain transaction as the table owner (no policies), where
 *             the only tenant filter is the `org_id = $1` the builder writes by hand;
 *   +setup:   baseline plus the claims round trip withRls makes (role unchanged), so
 *             "rls - +setup" is what the policies themselves cost.
 * Variants alternate op by op so drift hits all alike. Then EXPLAIN (ANALYZE, BUFFERS) of
 * every RLS query, with a check that no list/filter/page query scans leads sequentially.
 *
 * Env: BENCH_N (iterations per list query, default 200), BENCH_N_COUNTS (default 50),
 * BENCH_LEADS / BENCH_ORGS / BENCH_BIG_ORG (data size, default 1,000,000 / 100 / 100,000),
 * BENCH_LABEL (tag for the results file, e.g. "after-index-fix").
 * Results: a table on stdout, the headline numbers appended to bench/results/leads.json (committed),
 * and everything (plans included) in bench/results/raw/leads-<date>.json (git-ignored).
 */
import os from "node:os";
import { type Claims, type Tx } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import type { Driver } from "@/lib/db/types";
import { sealCursor } from "@/lib/http/cursor";
import { countLeadsByHeat, listLeads } from "@/lib/leads/queries";
import { listLeadsQuerySchema } from "@/lib/leads/schema";
import { existingFixture, seedLeads, type Fixture, type SeedReport, type SeedSize } from "./seed-leads";
import { sampleInterleaved, type Stats } from "./measure";
import { adminUrl, recording, withClient, withRlsOn } from "./db";
import { leadsSummary, saveRun } from "./results";

// Cursors are HMAC-sealed with AUTH_SECRET; the bench seals and opens its own, so any fixed value will do.
// A fixed ENCRYPTION_KEY too, so lib/env does not write development secrets to disk.
process.env.AUTH_SECRET = "kiln-bench-cursor-secret-not-for-production-use";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");

const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/kiln_bench";
const REGENERATE = process.argv.includes("--regenerate");
const N = Number(process.env.BENCH_N ?? 200);
const N_COUNTS = Number(process.env.BENCH_N_COUNTS ?? 50);
const SIZE: SeedSize = {
  leads: Number(process.env.BENCH_LEADS ?? 1_000_000),
  orgs: Number(process.env.BENCH_ORGS ?? 100),
  bigOrg: Number(process.env.BENCH_BIG_ORG ?? 100_000),
};
const DEPTH = Math.min(50_000, Math.floor(SIZE.bigOrg / 2));
const TARGET = { ratio: 1.5, listMs: 5, countMs: 50 };

// ---------------------------------------------------------------------------
// Database: create or reuse kiln_bench.

async function prepareDatabase(): Promise<{ fixture: Fixture; seed: SeedReport | null }> {
  const { admin, database } = adminUrl(BENCH_URL);
  if (database === "kiln_test")
    throw new Error("Refusing to use kiln_test: the tests use it. Point BENCH_DATABASE_URL elsewhere.");
  const exists = await withClient(
    admin,
    async (c) => (await c.query("select 1 from pg_database where datname = $1", [database])).rowCount === 1,
  );

  if (exists && !REGENERATE) {
    const driver = openPostgres(BENCH_URL, 4);
    try {
      await migrate(driver);
    } finally {
      await driver.close();
    }
    const fixture = await withClient(BENCH_URL, (c) => existingFixture(c, SIZE));
    if (fixture) {
      console.log(`Reusing the data in ${database} (pass --regenerate to build it again).`);
      return { fixture, seed: null };
    }
  }

  console.log(`Generating ${SIZE.leads.toLocaleString("en")} leads across ${SIZE.orgs} organizations in ${database} …`);
  const ident = `"${database.replace(/"/g, '""')}"`;
  await withClient(admin, async (c) => {
    await c.query(`drop database if exists ${ident} with (force)`);
    await c.query(`create database ${ident}`);
  });
  const start = performance.now();
  const driver = openPostgres(BENCH_URL, 4);
  try {
    await migrate(driver);
  } finally {
    await driver.close();
  }
  const migrateMs = performance.now() - start;
  console.log(`  ${"migrations".padEnd(52)} ${(migrateMs / 1000).toFixed(1).padStart(7)} s`);
  const { fixture, report } = await withClient(BENCH_URL, (c) => seedLeads(c, SIZE));
  report.steps.unshift({ step: "migrations", ms: migrateMs });
  report.totalMs += migrateMs;
  console.log(`Generated in ${(report.totalMs / 1000).toFixed(1)} s.\n`);
  return { fixture, seed: report };
}

// ---------------------------------------------------------------------------
// Running the app's queries.

type Kind = "list" | "count";
type Case = { key: string; label: string; kind: Kind; run: (tx: Tx) => Promise<unknown> };

/** What a result is, for comparing the rep's answer with the owner's. */
function fingerprint(result: unknown): string {
  if (result && typeof result === "object" && "leads" in result) {
    return (result as Awaited<ReturnType<typeof listLeads>>).leads.map((l) => l.id).join(",");
  }
  return JSON.stringify(result);
}

async function buildCases(driver: Driver, fixture: Fixture): Promise<Case[]> {
  const org = fixture.bigOrgId;
  const rep = fixture.rep.id;
  const q = (input: Record<string, string>) => listLeadsQuerySchema.parse(input);

  // The cursor a client would hold after paging to row DEPTH, from the keyset values of that row.
  const { depthRow, nextRow, person } = await driver.transaction(async (tx) => {
    const at = (offset: number) =>
      tx.query<{ v: string; id: string; email: string | null }>(
        `select last_activity_at::text as v, id, email from public.leads
          where org_id = $1 and deleted_at is null order by last_activity_at desc, id desc offset $2 limit 1`,
        [org, offset],
      );
    const depthRow = (await at(DEPTH - 1)).rows[0];
    const nextRow = (await at(DEPTH)).rows[0];
    const { rows } = await tx.query<{ email: string }>(
      "select email from public.leads where org_id = $1 and deleted_at is null and email is not null order by id limit 1 offset 777",
      [org],
    );
    return { depthRow, nextRow, person: rows[0]?.email };
  });
  if (!depthRow || !nextRow || !person) throw new Error("The big organization has too few leads for this benchmark.");
  const cursor = sealCursor({ s: "last_activity", v: depthRow.v, id: depthRow.id });
  // A specific person, typed as a search for their email's local part (first.last.<n>).
  const personQuery = person.split("@")[0]!;

  const cases: Case[] = [
    {
      key: "first_page",
      label: "first list page (activity)",
      kind: "list",
      run: (tx) => listLeads(tx, org, rep, q({})),
    },
    {
      key: "page_depth_50k",
      label: `page at depth ${DEPTH.toLocaleString("en")} (cursor)`,
      kind: "list",
      run: (tx) => listLeads(tx, org, rep, q({ cursor })),
    },
    {
      key: "heat_filter_sort_heat",
      label: "heat=hot,burning sort=heat",
      kind: "list",
      run: (tx) => listLeads(tx, org, rep, q({ heat: "hot,burning", sort: "heat" })),
    },
    {
      key: "heat_filter_activity",
      label: "heat=hot sort=activity",
      kind: "list",
      run: (tx) => listLeads(tx, org, rep, q({ heat: "hot" })),
    },
    {
      key: "search_common",
      label: 'search q="garcia" (~2.5%)',
      kind: "list",
      run: (tx) => listLeads(tx, org, rep, q({ q: "garcia" })),
    },
    {
      key: "search_rare",
      label: `search q="${personQuery}" (1 row)`,
      kind: "list",
      run: (tx) => listLeads(tx, org, rep, q({ q: personQuery })),
    },
    {
      key: "counts_by_heat",
      label: "counts by heat (100k org)",
      kind: "count",
      run: (tx) => countLeadsByHeat(tx, org),
    },
  ];

  // Sanity: the rep's answers equal the owner's (reps see every lead by default), and the
  // depth cursor lands on row DEPTH + 1.
  const claims = repClaims(fixture);
  for (const c of cases) {
    const asRep = fingerprint(await withRlsOn(driver, claims, c.run));
    const asOwner = fingerprint(await driver.transaction(c.run));
    if (asRep !== asOwner) throw new Error(`${c.key}: the rep's result differs from the owner's.`);
  }
  const page = await withRlsOn(driver, claims, (tx) => listLeads(tx, org, rep, q({ cursor })));
  if (page.leads[0]?.id !== nextRow.id) throw new Error("The depth cursor does not land on the expected row.");
  return cases;
}

const repClaims = (fixture: Fixture): Claims => ({
  sub: fixture.rep.id,
  email: fixture.rep.email,
  role: "authenticated",
});

// ---------------------------------------------------------------------------
// Timing.

type Measured = { rls: Stats; baseline: Stats; setup: Stats };

async function measure(driver: Driver, claims: Claims, c: Case): Promise<Measured> {
  const rls = () => withRlsOn(driver, claims, c.run);
  const baseline = () => driver.transaction(c.run);
  const setup = () =>
    driver.transaction(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true), set_config('role', current_user, true)", [
        JSON.stringify(claims),
      ]);
      return c.run(tx);
    });
  const variants = [rls, baseline, setup];
  const n = c.kind === "count" ? N_COUNTS : N;
  const warmup = Math.max(5, Math.floor(n / 10));
  const [rlsStats, baselineStats, setupStats] = await sampleInterleaved(variants, n, warmup);
  return { rls: rlsStats!, baseline: baselineStats!, setup: setupStats! };
}

// ---------------------------------------------------------------------------
// EXPLAIN.

type Explained = {
  sql: string;
  params: unknown[];
  rls: string[];
  baseline: string[];
  seqScanOnLeads: boolean;
  keyLines: string[];
};

async function explain(driver: Driver, claims: Claims, c: Case): Promise<Explained> {
  const log: { sql: string; params: unknown[] }[] = [];
  await withRlsOn(driver, claims, (tx) => c.run(recording(tx, log)));
  const statement = log.at(-1)!;
  const plan = async (tx: Tx) =>
    (
      await tx.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${statement.sql}`, statement.params)
    ).rows.map((r) => r["QUERY PLAN"]);
  const rls = await withRlsOn(driver, claims, plan);
  const baseline = await driver.transaction(plan);
  return {
    sql: statement.sql.replace(/\s+/g, " ").trim(),
    params: statement.params,
    rls,
    baseline,
    seqScanOnLeads: rls.some((l) => /Seq Scan on leads\b/.test(l)),
    keyLines: keyLines(rls),
  };
}

/** The scans of leads with their conditions and buffers, plus the plan's top and timings. */
function keyLines(plan: string[]): string[] {
  const indent = (line: string) => line.length - line.trimStart().length;
  const out: string[] = [];
  for (let i = 0; i < plan.length; i++) {
    const line = plan[i]!;
    const isNode = i === 0 || line.trimStart().startsWith("->");
    if (i === 0 || /Execution Time|Planning Time/.test(line)) {
      out.push(line.trim());
    } else if (isNode && /(Scan|Aggregate).* on leads\b|Limit|Sort|Aggregate/.test(line)) {
      out.push(line);
      const depth = indent(line);
      for (let j = i + 1; j < plan.length; j++) {
        const detail = plan[j]!;
        if (detail.trimStart().startsWith("->") || indent(detail) <= depth) break;
        if (/Index Cond|Filter|Rows Removed|Recheck|Heap Fetches|Buffers|Sort Key|Sort Method|Heap Blocks/.test(detail))
          out.push(detail);
      }
    } else if (/InitPlan|SubPlan/.test(line)) {
      out.push(line);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Report.

function verdict(c: Case, m: Measured): { ratio: number; ratioP95: number; ok: boolean; why: string[] } {
  const ratio = m.rls.median / m.baseline.median;
  const ratioP95 = m.rls.p95 / m.baseline.p95;
  const limit = c.kind === "count" ? TARGET.countMs : TARGET.listMs;
  const why: string[] = [];
  if (ratio > TARGET.ratio) why.push(`ratio ${ratio.toFixed(2)} > ${TARGET.ratio}`);
  if (m.rls.median > limit) why.push(`median ${m.rls.median.toFixed(2)} ms > ${limit} ms`);
  if (m.rls.p95 > limit) why.push(`p95 ${m.rls.p95.toFixed(2)} ms > ${limit} ms`);
  return { ratio, ratioP95, ok: why.length === 0, why };
}

function printTable(rows: { c: Case; m: Measured }[]) {
  const header = [
    "query",
    "rls median",
    "rls p95",
    "baseline median",
    "baseline p95",
    "+setup median",
    "ratio",
    "ratio p95",
    "target",
    "ok",
  ];
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const cells = rows.map(({ c, m }) => {
    const v = verdict(c, m);
    return [
      c.label,
      ms(m.rls.median),
      ms(m.rls.p95),
      ms(m.baseline.median),
      ms(m.baseline.p95),
      ms(m.setup.median),
      `${v.ratio.toFixed(2)}x`,
      `${v.ratioP95.toFixed(2)}x`,
      `≤${TARGET.ratio}x, ≤${c.kind === "count" ? TARGET.countMs : TARGET.listMs} ms`,
      v.ok ? "yes" : `NO: ${v.why.join("; ")}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of cells) console.log(line(row));
}

async function main() {
  const { fixture, seed } = await prepareDatabase();
  const driver = openPostgres(BENCH_URL, 2);
  try {
    const claims = repClaims(fixture);
    const cases = await buildCases(driver, fixture);
    const env = await driver.transaction(async (tx) => {
      const { rows } = await tx.query<{
        version: string;
        settings: Record<string, string>;
        leads: number;
        big: number;
      }>(
        `select version(),
                (select jsonb_object_agg(name, setting || coalesce(unit, '')) from pg_settings
                  where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'max_parallel_workers_per_gather')) as settings,
                (select count(*) from public.leads)::int as leads,
                (select count(*) from public.leads where org_id = $1)::int as big`,
        [fixture.bigOrgId],
      );
      return rows[0]!;
    });

    console.log(
      `Timing: ${N} iterations per list query, ${N_COUNTS} for counts, after a warm-up; rep ${fixture.rep.email} in an org of ${env.big.toLocaleString("en")} leads (${env.leads.toLocaleString("en")} in all).`,
    );
    const measured: { c: Case; m: Measured }[] = [];
    for (const c of cases) {
      process.stdout.write(`  ${c.label} … `);
      const m = await measure(driver, claims, c);
      measured.push({ c, m });
      console.log(`rls ${m.rls.median.toFixed(2)} ms, baseline ${m.baseline.median.toFixed(2)} ms`);
    }

    console.log(
      "\nEXPLAIN (ANALYZE, BUFFERS) of each query as the rep (the lines that matter; full plans in the results file):",
    );
    const plans: Record<string, Explained> = {};
    let seqScanFailures = 0;
    for (const c of cases) {
      const e = await explain(driver, claims, c);
      plans[c.key] = e;
      const bad = c.kind === "list" && e.seqScanOnLeads;
      if (bad) seqScanFailures++;
      console.log(
        `\n## ${c.label}${c.kind === "list" ? (bad ? "  — FAIL: Seq Scan on leads" : "  — no Seq Scan on leads") : ""}`,
      );
      for (const l of e.keyLines) console.log(`  ${l}`);
    }

    console.log(
      `\nRLS vs owner baseline — ratio = rls median / baseline median; +setup = baseline plus withRls' claims round trip\n`,
    );
    printTable(measured);
    const failed = measured.filter(({ c, m }) => !verdict(c, m).ok);
    console.log(
      `\n${failed.length ? `${failed.length} of ${measured.length} queries miss the target` : "All queries meet the target"}; ` +
        `${seqScanFailures ? `${seqScanFailures} list queries scan leads sequentially` : "no list/filter/page query scans leads sequentially"}.`,
    );

    const now = new Date();
    const dump = {
      at: now.toISOString(),
      label: process.env.BENCH_LABEL ?? null,
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      postgres: env,
      size: SIZE,
      iterations: { list: N, counts: N_COUNTS },
      target: TARGET,
      generation: seed,
      results: measured.map(({ c, m }) => ({ key: c.key, label: c.label, kind: c.kind, ...m, ...verdict(c, m) })),
      plans,
    };
    const saved = saveRun("leads", now, dump.label, dump, leadsSummary(dump));
    console.log(`Results: ${saved.summary} (headline), ${saved.raw} (everything, not committed)`);
    if (seqScanFailures) process.exitCode = 1;
  } finally {
    await driver.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
