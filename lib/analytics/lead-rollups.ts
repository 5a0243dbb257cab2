/**
 * The lead widgets from the rollups (supabase/migrations/20261203170000_analytics_lead_rollups.sql):
 * HEAT distribution, BANT pipeline, temperature progression and the team's leads by heat.
 * Run under withRls: row-level security on the rollup tables scopes every row to what the
 * caller may list, so a restricted rep's numbers are those of their own and unassigned leads.
 * Each reads a few hundred rollup rows at most, never the leads; direct-leads.ts computes the
 * same answers from the source tables (the ground truth the tests compare against).
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { medianFromHistogram, type Bin } from "./histogram";
import {
  HEAT_LEVELS,
  type AnalyticsQuery,
  type HeatCounts,
  type HeatWidget,
  type Period,
  type PipelineSteps,
  type PipelineWidget,
  type ProgressionDay,
  type ProgressionWidget,
} from "./types";

/** Keys of `teamLeads`: an owner's user id, or "unassigned". */
export type TeamLeads = Map<string, HeatCounts & { total: number }>;

/**
 * The time-to-first-hot histogram's bins (the migration's formula): bin b holds durations s
 * with floor(ln(1 + s/60) / ln(1.02)) = b: 2% wide relative to s + 60 s.
 */
export const HOT_BIN_BASE = 1.02;
const binEdge = (bin: number) => 60 * (HOT_BIN_BASE ** bin - 1);

/** The median time to hot from its histogram (see histogram.ts for the precision). */
export const medianFromBins = (bins: Bin[]): number | null => medianFromHistogram(bins, binEdge);

const zeroHeat = (): HeatCounts => ({ cold: 0, warm: 0, hot: 0, burning: 0 });

/** `where` for one organization and, when the query names one, one project. Params from $1. */
function scopeOf(orgId: string, q: AnalyticsQuery): { where: string; params: unknown[] } {
  return q.projectId
    ? { where: "org_id = $1 and project_id = $2", params: [orgId, q.projectId] }
    : { where: "org_id = $1", params: [orgId] };
}

const HEAT_SUMS = HEAT_LEVELS.map((l) => `coalesce(sum(${l}), 0)::int as ${l}`).join(", ");
const DELTA_SUMS = HEAT_LEVELS.map((l) => `coalesce(sum(d_${l}), 0)::int as ${l}`).join(", ");

const minus = (a: HeatCounts, b: HeatCounts): HeatCounts => ({
  cold: a.cold - b.cold,
  warm: a.warm - b.warm,
  hot: a.hot - b.hot,
  burning: a.burning - b.burning,
});

/** The heat distribution now, and at `from` (now minus every change from then on). */
export async function heatWidget(tx: Tx, q: AnalyticsQuery, orgId: string): Promise<HeatWidget> {
  const { where, params } = scopeOf(orgId, q);
  const n = params.length;
  const { rows } = await tx.query<{ now: HeatCounts; since: HeatCounts }>(
    `select (select row_to_json(t) from (select ${HEAT_SUMS} from public.analytics_lead_totals where ${where}) t) as now,
            (select row_to_json(h) from (
               select ${DELTA_SUMS} from public.analytics_heat_history
                where ${where} and bin = -1 and bucket >= $${n + 1}) h) as since`,
    [...params, q.from],
  );
  const now = rows[0]?.now ?? zeroHeat();
  return { now, atStart: minus(now, rows[0]?.since ?? zeroHeat()) };
}

type StepRow = { period: "current" | "previous" } & PipelineSteps;

const noSteps = (): PipelineSteps => ({
  created: 0,
  budget: 0,
  authority: 0,
  need: 0,
  timeline: 0,
  qualified: 0,
  meetingScheduled: 0,
  meetingHeld: 0,
  won: 0,
});

/**
 * The funnel of the leads created in each period (by the UTC hour they were created in, so a
 * period boundary inside an hour counts that whole hour) and how far they have come now.
 */
export async function pipelineWidget(tx: Tx, q: AnalyticsQuery, orgId: string): Promise<PipelineWidget> {
  const { where, params } = scopeOf(orgId, q);
  const n = params.length;
  const { rows } = await tx.query<StepRow>(
    `select case when bucket >= $${n + 1} then 'current' else 'previous' end as period,
            sum(leads)::int as created, sum(budget)::int as budget, sum(authority)::int as authority,
            sum(need)::int as need, sum(timeline)::int as timeline, sum(qualified)::int as qualified,
            sum(meeting_scheduled)::int as "meetingScheduled", sum(meeting_held)::int as "meetingHeld",
            sum(won)::int as won
       from public.analytics_lead_cohorts
      where ${where}
        and ((bucket >= $${n + 1} and bucket < $${n + 2}) or (bucket >= $${n + 3} and bucket < $${n + 4}))
      group by 1`,
    [...params, q.from, q.to, q.previousFrom, q.previousTo],
  );
  const pick = (period: StepRow["period"]): PipelineSteps => {
    const row = rows.find((r) => r.period === period);
    if (!row) return noSteps();
    const { period: _, ...steps } = row;
    return steps;
  };
  return { current: pick("current"), previous: pick("previous") };
}

/**
 * Leads at each level at the end of each local day of the range: the distribution now minus
 * the changes after that day. Changes are grouped into the user's local days in SQL; with
 * whole-hour zones an hour bucket falls entirely inside one local day.
 */
export async function progressionWidget(tx: Tx, q: AnalyticsQuery, orgId: string): Promise<ProgressionWidget> {
  const { where, params } = scopeOf(orgId, q);
  const n = params.length;
  const [totals, byDay, bins] = [
    await tx.query<HeatCounts>(`select ${HEAT_SUMS} from public.analytics_lead_totals where ${where}`, params),
    await tx.query<{ day: string } & HeatCounts>(
      // Summed per hour first, so only one row per hour (not per owner and project) is turned into a local day.
      `select to_char((bucket at time zone $${n + 2})::date, 'YYYY-MM-DD') as day, ${DELTA_SUMS}
         from (select bucket, ${HEAT_LEVELS.map((l) => `sum(d_${l}) as d_${l}`).join(", ")}
                 from public.analytics_heat_history
                where ${where} and bin = -1 and bucket >= $${n + 1}
                group by bucket) hourly
        group by 1`,
      [...params, q.from, q.timeZone],
    ),
    await tx.query<{ period: "current" | "previous"; bin: number; n: number }>(
      `select case when bucket >= $${n + 1} then 'current' else 'previous' end as period, bin, sum(first_hot)::int as n
         from public.analytics_heat_history
        where ${where} and bin >= 0
          and ((bucket >= $${n + 1} and bucket < $${n + 2}) or (bucket >= $${n + 3} and bucket < $${n + 4}))
        group by 1, 2`,
      [...params, q.from, q.to, q.previousFrom, q.previousTo],
    ),
  ];
  const changes = new Map(byDay.rows.map(({ day, ...counts }) => [day, counts]));
  // Walk back from now: the end of a day is the start of the next one, minus that day's changes.
  let level = totals.rows[0] ?? zeroHeat();
  const later = [...changes.keys()].filter((day) => day > q.days[q.days.length - 1]!);
  for (const day of later) level = minus(level, changes.get(day)!);
  const days: ProgressionDay[] = [];
  for (let i = q.days.length - 1; i >= 0; i--) {
    const day = q.days[i]!;
    days.unshift({ day, ...level });
    level = minus(level, changes.get(day) ?? zeroHeat());
  }
  const medianSecondsToHot: Period<number | null> = {
    current: medianFromBins(bins.rows.filter((b) => b.period === "current")),
    previous: medianFromBins(bins.rows.filter((b) => b.period === "previous")),
  };
  return { days, medianSecondsToHot };
}

/** Live leads by owner ("unassigned" for none) and heat, now. */
export async function teamLeads(tx: Tx, q: AnalyticsQuery, orgId: string): Promise<TeamLeads> {
  const { where, params } = scopeOf(orgId, q);
  const { rows } = await tx.query<{ owner: string } & HeatCounts & { total: number }>(
    `select coalesce(owner_id::text, 'unassigned') as owner, ${HEAT_SUMS}, coalesce(sum(leads), 0)::int as total
       from public.analytics_lead_totals where ${where}
      group by 1
     having sum(leads) > 0`,
    params,
  );
  return new Map(rows.map(({ owner, ...counts }) => [owner, counts]));
}
