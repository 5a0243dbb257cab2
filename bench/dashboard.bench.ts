/**
 * npm run bench:dashboard [-- --regenerate] [-- --rebuild] [-- --build] [-- --skip-http] [-- --skip-widgets] — the
 * dashboard's numbers at scale (issue 13), on PostgreSQL.
 *
 * Data (bench/seed-dashboard.ts) in BENCH_DATABASE_URL (default the local `kiln_dash_bench`,
 * which this script drops and recreates when it (re)generates: never point it at a database you
 * care about): 1,000,000 leads in 100 organizations, the largest 100,000 (restricting reps to
 * their own leads), 5,000,000 lead events over a year, 1,000,000 messages, meetings, agents
 * and decided drafts. It is generated before the rollup migrations run, so no trigger slows the
 * load; a complete set is reused (marker bench.dashboard_seed), --regenerate builds it again.
 *
 * Measured, for the largest organization over the last 90 days in Europe/Zurich
 * (resolveRange), as a manager and as a restricted rep:
 * 1. Rollup rebuild (private.analytics_rebuild): the largest organization's when its rollups are
 *    first built for a seed, every organization's with --rebuild, the smallest one's every run
 *    (BENCH_N_REBUILD times).
 * 2. Every widget's rollup reader (lib/analytics/lead-rollups.ts, activity-rollups.ts) in a
 *    transaction shaped like withRls() with the user's claims, against the same answer from the
 *    direct aggregate (direct-leads.ts, direct-activity.ts) in a service-role transaction with
 *    the user's scope; samples interleaved; the two answers compared (medians from the rollups'
 *    histogram may differ by the bin width: 1% + 60 s). Plus the composed getAnalytics /
 *    getAnalyticsDirect. EXPLAIN (ANALYZE, BUFFERS) of every rollup statement as the rep.
 * 3. GET /api/v1/analytics?range=90d&tz=Europe/Zurich against `next start` (bench/server.ts;
 *    `next build` first when .next has no analytics route, or with --build), signed in through
 *    POST /api/auth/sign-in as the manager and as the rep.
 * 4. The write overhead of the rollups: applySignals (an inbound reply and a BANT update on a
 *    random live lead of the largest organization, as the manager) with the analytics triggers
 *    enabled vs disabled (ALTER TABLE … DISABLE TRIGGER inside the same transaction), every
 *    call rolled back so the data stays as seeded.
 * Targets (issue 13): every widget ≤ 50 ms median, the whole API ≤ 150 ms median; reported, not asserted.
 *
 * Env: BENCH_N (samples per widget and variant, default 20; a direct aggregate whose first call
 * takes over BENCH_DIRECT_ONCE_MS, default 5000, is timed once), BENCH_N_HTTP (30), BENCH_N_SIGNALS
 * (100), BENCH_N_REBUILD (1), BENCH_LEADS / BENCH_ORGS / BENCH_BIG_ORG / BENCH_EVENTS /
 * BENCH_MESSAGES (data size), BENCH_APP_DIR, BENCH_APP_LOCK (see bench/server.ts), BENCH_LABEL.
 * Results: tables on stdout, headline numbers appended to bench/results/dashboard.json
 * (committed), every sample and plan in bench/results/raw/dashboard-<date>.json (git-ignored).
 */
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { actAs, type Claims, type Tx } from "@/lib/db";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import type { Driver } from "@/lib/db/types";
import * as activityRollups from "@/lib/analytics/activity-rollups";
import * as directActivity from "@/lib/analytics/direct-activity";
import * as directLeads from "@/lib/analytics/direct-leads";
import { getAnalytics, getAnalyticsDirect, type DirectScope, type Viewer } from "@/lib/analytics";
import * as leadRollups from "@/lib/analytics/lead-rollups";
import { resolveRange } from "@/lib/analytics/range";
import type { AnalyticsQuery } from "@/lib/analytics/types";
import { applySignals } from "@/lib/leads/signals";
import { adminUrl, recording, withClient, withRlsOn } from "./db";
import { sampleInterleaved, stats, time, type Stats } from "./measure";
import { dashboardSummary, saveRun } from "./results";
import {
  attributeAgentBookings,
  existingDashboardFixture,
  seedDashboard,
  type DashboardFixture,
  type DashboardSeedSize,
} from "./seed-dashboard";
import type { SeedReport } from "./seed-leads";
import { benchAppEnv, signIn } from "./http";
import { ensureBuild, startServer } from "./server";

const SECRETS = {
  AUTH_SECRET: "kiln-bench-dashboard-auth-secret-not-for-production",
  ENCRYPTION_KEY: Buffer.alloc(32, 13).toString("base64"),
};
process.env.AUTH_SECRET = SECRETS.AUTH_SECRET;
process.env.ENCRYPTION_KEY = SECRETS.ENCRYPTION_KEY;

const BENCH_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/kiln_dash_bench";
const ARGS = new Set(process.argv.slice(2));
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SIZE: DashboardSeedSize = {
  leads: num("BENCH_LEADS", 1_000_000),
  orgs: num("BENCH_ORGS", 100),
  bigOrg: num("BENCH_BIG_ORG", 100_000),
  events: num("BENCH_EVENTS", 5_000_000),
  messages: num("BENCH_MESSAGES", 1_000_000),
};
const N = num("BENCH_N", 20);
const N_HTTP = num("BENCH_N_HTTP", 30);
const N_SIGNALS = num("BENCH_N_SIGNALS", 100);
const N_REBUILD = num("BENCH_N_REBUILD", 1);
/** Direct aggregates slower than this (first call) are sampled once. */
const DIRECT_ONCE_MS = num("BENCH_DIRECT_ONCE_MS", 5_000);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? process.cwd());
const TIME_ZONE = "Europe/Zurich";
const RANGE = "90d" as const;
const TARGET = { widgetMs: 50, apiMs: 150 };
/** The bench users sign in over HTTP with this password (set at every run; the seed stores none). */
const PASSWORD = "kiln-bench-dashboard-pass";
/** The first migration of issue 13's rollups: the data is generated before them, so no trigger slows the load. */
const ANALYTICS_FROM = "20261203170000";

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const fmt = (v: number) => `${v.toFixed(2)} ms`;

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------
// Database.

async function migrateWhere(keep: (version: string) => boolean): Promise<string[]> {
  const driver = openPostgres(BENCH_URL, 2);
  try {
    return await migrate(
      driver,
      listMigrations().filter((m) => keep(m.version)),
    );
  } finally {
    await driver.close();
  }
}

/** Reuses a complete seed of this size, or drops the database and generates one. */
async function prepareDatabase(): Promise<{ fixture: DashboardFixture; seed: SeedReport | null }> {
  const { admin, database } = adminUrl(BENCH_URL);
  if (["kiln_test", "kiln_bench", "kiln_bench_webhooks"].includes(database))
    throw new Error(`Refusing to use ${database}: other suites use it. Point BENCH_DATABASE_URL elsewhere.`);
  const ident = `"${database.replace(/"/g, '""')}"`;
  const exists = await withClient(
    admin,
    async (c) => (await c.query("select 1 from pg_database where datname = $1", [database])).rowCount === 1,
  );
  if (exists && !ARGS.has("--regenerate")) {
    const fixture = await withClient(BENCH_URL, (c) => existingDashboardFixture(c, SIZE));
    if (fixture) {
      console.log(`Reusing the data in ${database} (seeded ${fixture.seededAt}; --regenerate builds it again).`);
      return { fixture, seed: null };
    }
  }
  console.log(
    `Generating ${SIZE.leads.toLocaleString("en")} leads in ${SIZE.orgs} organizations, ${SIZE.events.toLocaleString("en")} lead events and ${SIZE.messages.toLocaleString("en")} messages in ${database} …`,
  );
  await withClient(admin, async (c) => {
    await c.query(`drop database if exists ${ident} with (force)`);
    await c.query(`create database ${ident}`);
  });
  const start = performance.now();
  await migrateWhere((v) => v < ANALYTICS_FROM);
  const migrateMs = performance.now() - start;
  const { fixture, report } = await withClient(BENCH_URL, (c) => seedDashboard(c, SIZE));
  report.steps.unshift({ step: "migrations (before the rollups)", ms: migrateMs });
  report.totalMs += migrateMs;
  console.log(`Generated in ${(report.totalMs / 1000).toFixed(1)} s.\n`);
  return { fixture, seed: report };
}

type Rebuild = {
  /** Every organization, one after another (--rebuild). */
  full: { ms: number; orgs: number; at: string; perOrgMs: { orgId: string; leads: number; ms: number }[] } | null;
  /** The largest organization: when its rollups were first built for this seed, or with --rebuild. */
  bigOrg: { ms: number; at: string } | null;
  /** The smallest organization, BENCH_N_REBUILD times in this run. */
  smallOrg: { orgId: string; leads: number; stats: Stats; samples: number[] };
  tables: { table: string; rows: number; mb: number }[];
};

/**
 * The rollups. The seed is loaded before the rollup migrations, so the largest organization's
 * rollups are built (and timed) on the first run over a seed; --rebuild rebuilds every
 * organization (the nightly job's work). Every run times the smallest organization's rebuild.
 */
async function rebuildRollups(fixture: DashboardFixture): Promise<Rebuild> {
  return withClient(BENCH_URL, async (c) => {
    await c.query("alter table bench.dashboard_seed add column if not exists rebuild jsonb not null default '{}'");
    const marker = (
      await c.query<{ rebuild: Pick<Rebuild, "full" | "bigOrg"> }>("select rebuild from bench.dashboard_seed")
    ).rows[0]!.rebuild;
    let { full = null, bigOrg = null } = marker;
    const timedRebuild = (orgId: string) => time(() => c.query("select private.analytics_rebuild($1)", [orgId]));
    const { rows: orgs } = await c.query<{ id: string; leads: number }>(
      "select o.id, (select count(*) from public.leads l where l.org_id = o.id)::int as leads from public.organizations o order by 2 desc, 1",
    );
    if (!bigOrg || ARGS.has("--rebuild")) {
      const attributed = await attributeAgentBookings(c);
      if (attributed)
        console.log(`Attributed ${attributed.toLocaleString("en")} bookings to the agents whose links they came from.`);
    }
    if (ARGS.has("--rebuild")) {
      console.log(`Rebuilding the rollups of all ${orgs.length} organizations …`);
      const perOrgMs: NonNullable<Rebuild["full"]>["perOrgMs"] = [];
      const start = performance.now();
      for (const org of orgs) perOrgMs.push({ orgId: org.id, leads: org.leads, ms: round(await timedRebuild(org.id)) });
      full = { ms: round(performance.now() - start), orgs: orgs.length, at: new Date().toISOString(), perOrgMs };
      bigOrg = { ms: perOrgMs.find((o) => o.orgId === fixture.bigOrgId)!.ms, at: full.at };
    } else if (!bigOrg) {
      console.log(`Building the largest organization's rollups (${fixture.bigOrgLeads.toLocaleString("en")} leads) …`);
      bigOrg = { ms: round(await timedRebuild(fixture.bigOrgId)), at: new Date().toISOString() };
    }
    await c.query("update bench.dashboard_seed set rebuild = $1", [JSON.stringify({ full, bigOrg })]);
    const smallest = orgs.at(-1)!;
    const samples: number[] = [];
    for (let i = 0; i < N_REBUILD; i++) samples.push(await timedRebuild(smallest.id));
    const { rows: tableNames } = await c.query<{ name: string }>(
      `select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relname like 'analytics\\_%' order by 1`,
    );
    const tables: Rebuild["tables"] = [];
    for (const t of tableNames) {
      await c.query(`vacuum (analyze) ${t.name}`);
      const { rows } = await c.query<{ rows: number; mb: number }>(
        `select (select count(*) from ${t.name})::int as rows, round(pg_total_relation_size($1::regclass) / 1048576.0, 1)::float as mb`,
        [t.name],
      );
      tables.push({ table: t.name, ...rows[0]! });
    }
    return {
      full,
      bigOrg,
      smallOrg: { orgId: smallest.id, leads: smallest.leads, stats: stats(samples), samples },
      tables,
    };
  });
}

// ---------------------------------------------------------------------------
// Widgets: rollup vs direct.

type Who = "manager" | "rep";
type Person = { who: Who; claims: Claims; viewer: Viewer; scope: DirectScope };

type Widget = {
  key: string;
  rollup: (tx: Tx, q: AnalyticsQuery, p: Person) => Promise<unknown>;
  direct: (tx: Tx, q: AnalyticsQuery, p: Person) => Promise<unknown>;
};

const WIDGETS: Widget[] = [
  {
    key: "heat",
    rollup: (tx, q, p) => leadRollups.heatWidget(tx, q, p.viewer.orgId),
    direct: (tx, q, p) => directLeads.heatWidget(tx, q, p.scope),
  },
  {
    key: "pipeline",
    rollup: (tx, q, p) => leadRollups.pipelineWidget(tx, q, p.viewer.orgId),
    direct: (tx, q, p) => directLeads.pipelineWidget(tx, q, p.scope),
  },
  {
    key: "progression",
    rollup: (tx, q, p) => leadRollups.progressionWidget(tx, q, p.viewer.orgId),
    direct: (tx, q, p) => directLeads.progressionWidget(tx, q, p.scope),
  },
  {
    key: "teamLeads",
    rollup: (tx, q, p) => leadRollups.teamLeads(tx, q, p.viewer.orgId),
    direct: (tx, q, p) => directLeads.teamLeads(tx, q, p.scope),
  },
  {
    key: "meetings",
    rollup: (tx, q, p) => activityRollups.meetingsWidget(tx, q, p.viewer.orgId),
    direct: (tx, q, p) => directActivity.meetingsWidget(tx, q, p.scope),
  },
  {
    key: "conversations",
    rollup: (tx, q, p) => activityRollups.conversationsWidget(tx, q, p.viewer.orgId),
    direct: (tx, q, p) => directActivity.conversationsWidget(tx, q, p.scope),
  },
  {
    key: "agents",
    rollup: (tx, q, p) => activityRollups.agentsWidget(tx, q, p.viewer.orgId),
    direct: (tx, q, p) => directActivity.agentsWidget(tx, q, p.scope),
  },
  {
    key: "teamActivity",
    rollup: (tx, q, p) => activityRollups.teamActivity(tx, q, p.viewer.orgId),
    direct: (tx, q, p) => directActivity.teamActivity(tx, q, p.scope),
  },
  {
    key: "all (getAnalytics)",
    rollup: (tx, q, p) => getAnalytics(tx, q, p.viewer),
    direct: (tx, q, p) => getAnalyticsDirect(tx, q, p.scope, p.viewer),
  },
];

/** Maps become sorted objects and volatile fields go, so two answers compare as JSON. */
function normalize(value: unknown): unknown {
  if (value instanceof Map)
    return Object.fromEntries([...value.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))));
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== "generatedAt") out[k] = normalize(v);
    return out;
  }
  return value;
}

/**
 * Where two answers differ. Medians of durations come from a histogram in the rollups, exact in
 * the direct aggregate: equal within the bins' width (1% + 60 s) counts as equal, and is noted.
 */
function compare(a: unknown, b: unknown, at = ""): { differences: string[]; approximate: string[] } {
  const differences: string[] = [];
  const approximate: string[] = [];
  const walk = (x: unknown, y: unknown, p: string) => {
    if (typeof x === "number" && typeof y === "number" && /median|firstResponse/i.test(p) && x !== y) {
      if (Math.abs(x - y) <= Math.abs(y) * 0.01 + 60) approximate.push(`${p}: ${round(x)} vs ${round(y)}`);
      else differences.push(`${p}: ${x} vs ${y}`);
      return;
    }
    if (x && y && typeof x === "object" && typeof y === "object") {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${p}.${k}`);
      return;
    }
    if (x !== y) differences.push(`${p}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  };
  walk(normalize(a), normalize(b), at);
  return { differences, approximate };
}

type WidgetResult = {
  key: string;
  who: Who;
  rollup: Stats;
  /** null: not measured (see measureWidgets). */
  direct: Stats | null;
  ratio: number | null;
  equal: boolean | null;
  differences: string[];
  approximate: string[];
  ok: boolean;
  plans?: { sql: string; params: unknown[]; plan: string[] }[];
};

const directTx = <T>(driver: Driver, fn: (tx: Tx) => Promise<T>) =>
  driver.transaction(async (tx) => {
    await actAs(tx, "service_role");
    return fn(tx);
  });

async function measureWidgets(driver: Driver, people: Person[], q: AnalyticsQuery): Promise<WidgetResult[]> {
  const results: WidgetResult[] = [];
  const slowDirect = new Set<Who>();
  for (const p of people) {
    for (const w of WIDGETS) {
      process.stdout.write(`  ${p.who.padEnd(7)} ${w.key.padEnd(20)} … `);
      const rollup = () => withRlsOn(driver, p.claims, (tx) => w.rollup(tx, q, p));
      const direct = () => directTx(driver, (tx) => w.direct(tx, q, p));
      const isWidget = !w.key.startsWith("all");
      // The composed direct answer repeats every direct aggregate: skipped once one of them took seconds.
      if (!isWidget && slowDirect.has(p.who)) {
        const [r] = await sampleInterleaved([rollup], N, 2);
        results.push({
          key: w.key,
          who: p.who,
          rollup: r!,
          direct: null,
          ratio: null,
          equal: null,
          differences: [],
          approximate: [],
          ok: true,
        });
        console.log(
          `rollup ${fmt(r!.median)}, direct skipped (a widget's direct aggregate took over ${DIRECT_ONCE_MS} ms)`,
        );
        continue;
      }
      let answers: [unknown, unknown] = [null, null];
      answers[0] = await rollup();
      const firstDirectMs = await time(async () => {
        answers[1] = await direct();
      });
      const { differences, approximate } = compare(...answers);
      answers = [null, null];
      // A direct aggregate that takes seconds is timed once (its first call): the ratio is clear, the run stays short.
      if (firstDirectMs > DIRECT_ONCE_MS) slowDirect.add(p.who);
      const [r, d] =
        firstDirectMs > DIRECT_ONCE_MS
          ? [(await sampleInterleaved([rollup], N, 2))[0], stats([firstDirectMs])]
          : await sampleInterleaved([rollup, direct], N, Math.max(2, Math.floor(N / 10)));
      const ratio = d!.median / r!.median;
      results.push({
        key: w.key,
        who: p.who,
        rollup: r!,
        direct: d!,
        ratio,
        equal: differences.length === 0,
        differences: differences.slice(0, 20),
        approximate: approximate.slice(0, 20),
        ok: !isWidget || r!.median <= TARGET.widgetMs,
      });
      console.log(
        `rollup ${fmt(r!.median)}, direct ${fmt(d!.median)} (${ratio.toFixed(1)}x), ${differences.length ? `DIFFERENT (${differences.length})` : "equal"}`,
      );
    }
  }
  return results;
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement a rollup reader runs, as that user. */
async function explainWidget(driver: Driver, p: Person, w: Widget, q: AnalyticsQuery) {
  const log: { sql: string; params: unknown[] }[] = [];
  await withRlsOn(driver, p.claims, (tx) => w.rollup(recording(tx, log), q, p));
  const plans: NonNullable<WidgetResult["plans"]> = [];
  for (const s of log) {
    if (!/^\s*(select|with)\b/i.test(s.sql)) continue;
    const plan = await withRlsOn(driver, p.claims, async (tx) =>
      (await tx.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${s.sql}`, s.params)).rows.map(
        (r) => r["QUERY PLAN"],
      ),
    );
    plans.push({ sql: s.sql.replace(/\s+/g, " ").trim(), params: s.params, plan });
  }
  return plans;
}

// ---------------------------------------------------------------------------
// The API over HTTP.

type HttpResult = { who: Who; stats: Stats; samples: number[]; bytes: number; ok: boolean };

async function measureHttp(fixture: DashboardFixture): Promise<{ results: HttpResult[]; build: unknown }> {
  const build = ensureBuild(APP_DIR, "api/v1/analytics/route.js", ARGS.has("--build"));
  const server = await startServer({
    name: "dashboard",
    appDir: APP_DIR,
    env: () => benchAppEnv(SECRETS, BENCH_URL, "dashboard"),
  });
  try {
    const url = `${server.appUrl}/api/v1/analytics?range=${RANGE}&tz=${encodeURIComponent(TIME_ZONE)}`;
    const people = [
      { who: "manager" as const, cookie: await signIn(server.appUrl, fixture.manager.email, PASSWORD) },
      { who: "rep" as const, cookie: await signIn(server.appUrl, fixture.rep.email, PASSWORD) },
    ];
    const bytes = [0, 0];
    const variants = people.map((p, i) => async () => {
      const res = await fetch(url, { headers: { cookie: p.cookie } });
      const body = await res.text();
      if (!res.ok) throw new Error(`GET ${url} as the ${p.who}: ${res.status} ${body.slice(0, 500)}`);
      bytes[i] = body.length;
    });
    const samples: number[][] = [[], []];
    for (let i = 0; i < 5; i++) for (const v of variants) await v();
    for (let i = 0; i < N_HTTP; i++)
      for (let k = 0; k < variants.length; k++) {
        const v = (i + k) % variants.length;
        samples[v]!.push(await time(variants[v]!));
      }
    return {
      build,
      results: people.map((p, i) => {
        const s = stats(samples[i]!);
        return { who: p.who, stats: s, samples: samples[i]!, bytes: bytes[i]!, ok: s.median <= TARGET.apiMs };
      }),
    };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------
// Write overhead: applySignals with and without the analytics triggers.

type SignalsResult = {
  triggers: string[];
  enabled: Stats;
  disabled: Stats;
  ratio: number;
  overheadMs: number;
  samples: { enabled: number[]; disabled: number[] };
};

class Rollback extends Error {}

async function measureSignals(driver: Driver, fixture: DashboardFixture, manager: Person): Promise<SignalsResult> {
  const { triggers, leadIds } = await driver.transaction(async (tx) => {
    const t = await tx.query<{ sql: string; name: string }>(
      `select format('alter table %s disable trigger %I', t.tgrelid::regclass, t.tgname) as sql,
              t.tgrelid::regclass || '.' || t.tgname as name
         from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where not t.tgisinternal and (p.proname like '%analytics%' or t.tgname like '%analytics%')
        order by 2`,
    );
    const l = await tx.query<{ id: string }>(
      `select id from public.leads where org_id = $1 and deleted_at is null order by random() limit $2`,
      [fixture.bigOrgId, 2 * (N_SIGNALS + 10)],
    );
    return { triggers: t.rows, leadIds: l.rows.map((r) => r.id) };
  });
  if (!triggers.length) throw new Error("No analytics triggers found: are the rollup migrations applied?");
  const actor = { type: "user" as const, id: fixture.manager.id, name: "Bench manager" };
  const dimensions = ["budget", "authority", "need", "timeline"] as const;
  let next = 0;
  /** One applySignals on the next lead, timed alone, then rolled back. */
  const call = (disable: boolean) => async () => {
    const leadId = leadIds[next++ % leadIds.length]!;
    let ms = 0;
    await driver
      .transaction(async (tx) => {
        if (disable) for (const t of triggers) await tx.query(t.sql);
        await actAs(tx, manager.claims);
        const now = new Date();
        ms = await time(() =>
          applySignals(tx, {
            orgId: fixture.bigOrgId,
            leadId,
            actor,
            now,
            signals: [
              { type: "inbound_reply", at: now.toISOString() },
              {
                type: "bant_update",
                dimension: dimensions[next % 4]!,
                status: "confirmed",
                value: "bench",
                evidence: { kind: "user", by: "Bench manager" },
              },
            ],
          }),
        );
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return ms;
  };
  const enabled: number[] = [];
  const disabled: number[] = [];
  for (let i = 0; i < 10; i++) {
    await call(true)();
    await call(false)();
  }
  for (let i = 0; i < N_SIGNALS; i++) {
    if (i % 2) {
      enabled.push(await call(false)());
      disabled.push(await call(true)());
    } else {
      disabled.push(await call(true)());
      enabled.push(await call(false)());
    }
  }
  const e = stats(enabled);
  const d = stats(disabled);
  return {
    triggers: triggers.map((t) => t.name),
    enabled: e,
    disabled: d,
    ratio: e.median / d.median,
    overheadMs: e.median - d.median,
    samples: { enabled, disabled },
  };
}

// ---------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const { fixture, seed } = await prepareDatabase();
  const applied = await migrateWhere(() => true);
  if (applied.length) console.log(`Applied ${applied.length} migrations (${applied.join(", ")}).`);

  // The bench users sign in over HTTP; the seed stores no password.
  const hash = await bcrypt.hash(PASSWORD, 10);
  await withClient(BENCH_URL, (c) =>
    c.query("update auth.users set encrypted_password = $1 where email = any($2)", [
      hash,
      [fixture.manager.email, fixture.rep.email],
    ]),
  );

  const rebuild = await rebuildRollups(fixture);
  console.log(
    `Rollup rebuild: the largest organization ${rebuild.bigOrg ? `${(rebuild.bigOrg.ms / 1000).toFixed(1)} s (${rebuild.bigOrg.at})` : "n/a"}; ` +
      `the smallest (${rebuild.smallOrg.leads.toLocaleString("en")} leads) median ${(rebuild.smallOrg.stats.median / 1000).toFixed(1)} s over ${N_REBUILD}.`,
  );

  const now = new Date();
  const q = resolveRange({ range: RANGE, timeZone: TIME_ZONE, now });
  const person = (who: Who, user: { id: string; email: string }, role: Viewer["role"]): Person => ({
    who,
    claims: { sub: user.id, email: user.email, role: "authenticated" },
    viewer: { userId: user.id, orgId: fixture.bigOrgId, role },
    scope: { orgId: fixture.bigOrgId, restrictedTo: role === "rep" ? user.id : null },
  });
  const people = [person("manager", fixture.manager, "manager"), person("rep", fixture.rep, "rep")];

  const driver = openPostgres(BENCH_URL, 2);
  let widgets: WidgetResult[] = [];
  let signals: SignalsResult;
  const env = await driver.transaction(async (tx) => {
    const { rows } = await tx.query<{
      version: string;
      settings: Record<string, string>;
      visible: { leads: number; rep: number };
    }>(
      `select version(),
              (select jsonb_object_agg(name, setting || coalesce(unit, '')) from pg_settings
                where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'max_parallel_workers_per_gather')) as settings,
              (select jsonb_build_object('leads', count(*), 'rep', count(*) filter (where owner_id is null or owner_id = $2))
                 from public.leads where org_id = $1 and deleted_at is null) as visible`,
      [fixture.bigOrgId, fixture.rep.id],
    );
    return rows[0]!;
  });
  try {
    console.log(
      `\nWidgets, ${RANGE} in ${TIME_ZONE} (${q.from.toISOString()} – ${q.to.toISOString()}), ${N} samples each; the manager sees ${env.visible.leads.toLocaleString("en")} live leads, the rep ${env.visible.rep.toLocaleString("en")}:`,
    );
    if (!ARGS.has("--skip-widgets")) widgets = await measureWidgets(driver, people, q);
    for (const r of widgets) {
      const w = WIDGETS.find((x) => x.key === r.key)!;
      if (!r.key.startsWith("all"))
        r.plans = await explainWidget(
          driver,
          people.find((p) => p.who === r.who)!,
          w,
          q,
        );
    }
    console.log(`\napplySignals with the analytics triggers enabled vs disabled, ${N_SIGNALS} calls each …`);
    signals = await measureSignals(driver, fixture, people[0]!);
  } finally {
    await driver.close();
  }

  let http: Awaited<ReturnType<typeof measureHttp>> | null = null;
  if (!ARGS.has("--skip-http")) {
    console.log(`\nGET /api/v1/analytics over HTTP, ${N_HTTP} requests per user …`);
    http = await measureHttp(fixture);
  }

  // Report.
  console.log(
    `\nWidgets: rollup (withRls) vs direct aggregate (service role); target ≤ ${TARGET.widgetMs} ms median\n`,
  );
  printTable(
    [
      "widget",
      "user",
      "rollup median",
      "rollup p95",
      "direct median",
      "direct p95",
      "direct/rollup",
      "answers",
      "target",
    ],
    widgets.map((r) => [
      r.key,
      r.who,
      fmt(r.rollup.median),
      fmt(r.rollup.p95),
      r.direct ? fmt(r.direct.median) : "skipped",
      r.direct ? `${fmt(r.direct.p95)} (n=${r.direct.n})` : "-",
      r.ratio === null ? "-" : `${r.ratio.toFixed(1)}x`,
      r.equal === null
        ? "-"
        : r.equal
          ? r.approximate.length
            ? "equal (medians within a bin)"
            : "equal"
          : `DIFFERENT (${r.differences.length})`,
      r.key.startsWith("all") ? "-" : r.ok ? "pass" : "FAIL",
    ]),
  );
  for (const r of widgets.filter((x) => x.equal === false))
    console.log(`  ${r.key} (${r.who}) differs: ${r.differences.slice(0, 5).join("; ")}`);
  for (const r of widgets.filter((x) => !x.ok)) {
    console.log(
      `\n## ${r.key} as the ${r.who}: ${fmt(r.rollup.median)} median — EXPLAIN (ANALYZE, BUFFERS) as the ${r.who}:`,
    );
    for (const p of r.plans ?? []) {
      console.log(`  ${p.sql.slice(0, 300)}`);
      for (const line of p.plan) console.log(`    ${line}`);
    }
  }

  console.log(`\nWhole API: GET /api/v1/analytics?range=${RANGE}; target ≤ ${TARGET.apiMs} ms median\n`);
  if (http)
    printTable(
      ["user", "median", "p95", "mean", "bytes", "target"],
      http.results.map((h) => [
        h.who,
        fmt(h.stats.median),
        fmt(h.stats.p95),
        fmt(h.stats.mean),
        String(h.bytes),
        h.ok ? "pass" : "FAIL",
      ]),
    );
  else console.log("  skipped (--skip-http)");

  console.log(`\nRollup rebuild (private.analytics_rebuild)\n`);
  const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;
  printTable(
    ["what", "time"],
    [
      [
        `all ${rebuild.full?.orgs ?? ""} organizations (--rebuild)`,
        rebuild.full ? `${seconds(rebuild.full.ms)} (${rebuild.full.at})` : "not run",
      ],
      [
        `largest organization (${fixture.bigOrgLeads.toLocaleString("en")} leads)`,
        rebuild.bigOrg ? `${seconds(rebuild.bigOrg.ms)} (${rebuild.bigOrg.at})` : "n/a",
      ],
      [
        `smallest organization (${rebuild.smallOrg.leads.toLocaleString("en")} leads), median of ${N_REBUILD}`,
        seconds(rebuild.smallOrg.stats.median),
      ],
    ],
  );
  printTable(
    ["rollup table", "rows", "MB"],
    rebuild.tables.map((t) => [t.table, t.rows.toLocaleString("en"), String(t.mb)]),
  );

  console.log(
    `\napplySignals write overhead (${signals!.triggers.length} analytics triggers: ${signals!.triggers.join(", ")})\n`,
  );
  printTable(
    ["triggers", "median", "p95"],
    [
      ["enabled", fmt(signals!.enabled.median), fmt(signals!.enabled.p95)],
      ["disabled", fmt(signals!.disabled.median), fmt(signals!.disabled.p95)],
      [
        "overhead",
        `${fmt(signals!.overheadMs)} (${signals!.ratio.toFixed(2)}x)`,
        fmt(signals!.enabled.p95 - signals!.disabled.p95),
      ],
    ],
  );

  const failures = [
    ...widgets.filter((r) => !r.ok).map((r) => `${r.key} (${r.who})`),
    ...(http?.results ?? []).filter((h) => !h.ok).map((h) => `API (${h.who})`),
  ];
  const unequal = widgets.filter((r) => r.equal === false).map((r) => `${r.key} (${r.who})`);
  console.log(
    `\n${failures.length ? `Missed the target: ${failures.join(", ")}` : "Every number meets its target"}; ` +
      `${unequal.length ? `rollup and direct answers differ for ${unequal.join(", ")}` : "rollup and direct answers agree"}.`,
  );

  const at = new Date();
  const dump = {
    at: at.toISOString(),
    label: process.env.BENCH_LABEL ?? null,
    totalSeconds: round((performance.now() - started) / 1000, 1),
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    postgres: env,
    size: SIZE,
    fixture,
    query: { range: RANGE, timeZone: TIME_ZONE, from: q.from, to: q.to },
    iterations: { widgets: N, http: N_HTTP, signals: N_SIGNALS, rebuild: N_REBUILD },
    target: TARGET,
    generation: seed,
    rebuild,
    widgets,
    http,
    signals: signals!,
  };
  const saved = saveRun("dashboard", at, dump.label, dump, dashboardSummary(dump));
  console.log(`Results: ${saved.summary} (headline), ${saved.raw} (everything, not committed)`);
}

// applySignals' notifications leave the in-process job queue's timers behind: exit once reported.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
