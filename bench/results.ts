/**
 * Where a benchmark run goes. The full dump (every sample, plan and profile) lands in
 * bench/results/raw/, which git ignores; the headline numbers of the run are appended to
 * bench/results/<bench>.json, which is committed, so the history of a benchmark stays a
 * page long and a regression is one diff away.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Stats } from "./measure";

const RESULTS = path.join(process.cwd(), "bench", "results");

/** Milliseconds to two decimals, enough to compare runs. */
export const ms = (value: number) => Math.round(value * 100) / 100;
export const headlineStats = (s: Stats) => ({ median: ms(s.median), p95: ms(s.p95) });

/** Writes the run's full dump to raw/ and appends `summary` to the benchmark's summary file; returns both paths. */
export function saveRun(
  bench: string,
  at: Date,
  label: string | null,
  dump: unknown,
  summary: Record<string, unknown>,
): { raw: string; summary: string } {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, "-");
  const suffix = label ? `-${label.replace(/[^a-z0-9_-]/gi, "_")}` : "";
  mkdirSync(path.join(RESULTS, "raw"), { recursive: true });
  const raw = path.join(RESULTS, "raw", `${bench}-${stamp}${suffix}.json`);
  writeFileSync(raw, `${JSON.stringify(dump, null, 2)}\n`);
  const file = path.join(RESULTS, `${bench}.json`);
  const history: { runs: unknown[] } = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : { runs: [] };
  history.runs.push({ at: at.toISOString(), label, ...summary });
  writeFileSync(file, `${JSON.stringify(history, null, 2)}\n`);
  return { raw: path.relative(process.cwd(), raw), summary: path.relative(process.cwd(), file) };
}

type Timed = { rls: Stats; ratio: number; ok: boolean };

/** bench:leads: each query's RLS median/p95 against the owner baseline, and the verdicts. */
export function leadsSummary(dump: {
  size: unknown;
  postgres: { version: string };
  results: (Timed & { key: string; kind: string; baseline: Stats })[];
  plans: Record<string, { seqScanOnLeads: boolean }>;
}) {
  return {
    size: dump.size,
    postgres: dump.postgres.version.split(" on ")[0],
    queries: dump.results.map((r) => ({
      key: r.key,
      kind: r.kind,
      rls: headlineStats(r.rls),
      baseline: headlineStats(r.baseline),
      ratio: ms(r.ratio),
      ok: r.ok,
    })),
    seqScansOnLeads: Object.entries(dump.plans)
      .filter(([, plan]) => plan.seqScanOnLeads)
      .map(([key]) => key),
  };
}

type Load = {
  generator: string;
  rate: number;
  achievedRps: number;
  non2xx: number;
  errors: number;
  latency: { p50: number; p99: number };
};

/** bench:webhooks: acknowledgement latency per rate, integrity, the inbox list's timings, and the verdicts. */
export function webhooksSummary(dump: {
  totalSeconds: number;
  postgres: { version: string };
  verdict: unknown;
  load: Load[];
  integrity: { lost: number; duplicated: number; equal: boolean } | null;
  list: (Timed & { key: string; service: Stats })[];
}) {
  return {
    totalSeconds: dump.totalSeconds,
    postgres: dump.postgres.version.split(" on ")[0],
    verdict: dump.verdict,
    load: dump.load.map((l) => ({
      generator: l.generator,
      rate: l.rate,
      achievedRps: l.achievedRps,
      p50: ms(l.latency.p50),
      p99: ms(l.latency.p99),
      non2xx: l.non2xx,
      errors: l.errors,
    })),
    integrity: dump.integrity && {
      lost: dump.integrity.lost,
      duplicated: dump.integrity.duplicated,
      equal: dump.integrity.equal,
    },
    inboxList: dump.list.map((q) => ({
      key: q.key,
      rls: headlineStats(q.rls),
      service: headlineStats(q.service),
      ratio: ms(q.ratio),
      ok: q.ok,
    })),
  };
}

/** bench:dashboard: each widget's rollup vs direct timings and agreement, the API, the rebuild, the write overhead. */
export function dashboardSummary(dump: {
  totalSeconds: number;
  postgres: { version: string };
  size: unknown;
  widgets: {
    key: string;
    who: string;
    rollup: Stats;
    direct: Stats | null;
    ratio: number | null;
    equal: boolean | null;
    ok: boolean;
  }[];
  http: { results: { who: string; stats: Stats; ok: boolean }[] } | null;
  rebuild: {
    full: { ms: number; orgs: number } | null;
    bigOrg: { ms: number } | null;
    smallOrg: { leads: number; stats: Stats };
  };
  signals: { enabled: Stats; disabled: Stats; ratio: number };
}) {
  return {
    totalSeconds: dump.totalSeconds,
    postgres: dump.postgres.version.split(" on ")[0],
    size: dump.size,
    widgets: dump.widgets.map((w) => ({
      key: w.key,
      who: w.who,
      rollup: headlineStats(w.rollup),
      direct: w.direct && headlineStats(w.direct),
      ratio: w.ratio === null ? null : ms(w.ratio),
      equal: w.equal,
      ok: w.ok,
    })),
    api: dump.http?.results.map((h) => ({ who: h.who, ...headlineStats(h.stats), ok: h.ok })) ?? null,
    rebuild: {
      allOrgsMs: dump.rebuild.full ? ms(dump.rebuild.full.ms) : null,
      orgs: dump.rebuild.full?.orgs ?? null,
      bigOrgMs: dump.rebuild.bigOrg ? ms(dump.rebuild.bigOrg.ms) : null,
      smallOrg: { leads: dump.rebuild.smallOrg.leads, ...headlineStats(dump.rebuild.smallOrg.stats) },
    },
    applySignals: {
      enabled: headlineStats(dump.signals.enabled),
      disabled: headlineStats(dump.signals.disabled),
      ratio: ms(dump.signals.ratio),
    },
  };
}

type Latency = { p50: number; p95: number; p99: number };

/** bench:email: Gmail initial sync vs the ingest path per message, and webhook → inbox latency of email vs SMS. */
export function emailSummary(dump: {
  totalSeconds: number;
  settings: unknown;
  sync: {
    driver: string;
    messages: number;
    rounds: unknown[];
    gmail: { perMessageMs: number; messagesPerSecond: number };
    filing: { perMessageMs: number; messagesPerSecond: number };
    ingest: { perMessageMs: number; messagesPerSecond: number };
    ratio: number;
    ratioToFiling: number;
  } | null;
  latency: {
    rate: number;
    email: { toVisible: Latency; lost: number; non2xx: number };
    sms: { toVisible: Latency; lost: number; non2xx: number };
    ratio: Latency;
  } | null;
}) {
  const visible = (k: { toVisible: Latency; lost: number; non2xx: number }) => ({
    p50: ms(k.toVisible.p50),
    p95: ms(k.toVisible.p95),
    p99: ms(k.toVisible.p99),
    lost: k.lost,
    non2xx: k.non2xx,
  });
  return {
    totalSeconds: dump.totalSeconds,
    settings: dump.settings,
    initialSync: dump.sync && {
      driver: dump.sync.driver,
      messages: dump.sync.messages,
      rounds: dump.sync.rounds.length,
      gmail: { msPerMessage: dump.sync.gmail.perMessageMs, messagesPerSecond: dump.sync.gmail.messagesPerSecond },
      filingOnly: {
        msPerMessage: dump.sync.filing.perMessageMs,
        messagesPerSecond: dump.sync.filing.messagesPerSecond,
      },
      ingest: { msPerMessage: dump.sync.ingest.perMessageMs, messagesPerSecond: dump.sync.ingest.messagesPerSecond },
      ratio: dump.sync.ratio,
      ratioToFiling: dump.sync.ratioToFiling,
    },
    inboundToVisible: dump.latency && {
      rate: dump.latency.rate,
      email: visible(dump.latency.email),
      sms: visible(dump.latency.sms),
      ratio: dump.latency.ratio,
    },
  };
}
