/**
 * The lead widgets computed straight from `leads` and `lead_events`, with the scope as explicit
 * filters: the ground truth lead-rollups.ts must agree with (tests, benchmark baseline). Run
 * in a service transaction; never used by requests. Definitions (lib/analytics/README.md):
 * - a lead counts while it is not soft-deleted, under its current project and owner;
 * - periods are matched by UTC hour (the hour a lead was created in, an event happened in);
 * - the level at an instant is the level now minus the heat_changed events from then on, and a
 *   lead created after the instant is not counted; its initial level is its first heat_changed's
 *   `from`, else its level now;
 * - time to hot: from creation to the first heat_changed to hot or burning (ties broken by
 *   event id, as the rollups do), for leads that started cold or warm; the lower median (the
 *   value of rank ceil(n / 2)), exact here.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import type { TeamLeads } from "./lead-rollups";
import {
  HEAT_LEVELS,
  type AnalyticsQuery,
  type HeatCounts,
  type HeatWidget,
  type PipelineSteps,
  type PipelineWidget,
  type ProgressionWidget,
} from "./types";

/** index.ts's DirectScope, restated here because index.ts imports this module. */
type DirectScope = { orgId: string; restrictedTo: string | null };

/** The live leads in scope, as a CTE named `l`. Params from $1. */
function leadsInScope(q: AnalyticsQuery, scope: DirectScope): { cte: string; params: unknown[] } {
  const params: unknown[] = [scope.orgId];
  const where = ["x.org_id = $1", "x.deleted_at is null"];
  if (scope.restrictedTo) {
    params.push(scope.restrictedTo);
    where.push(`(x.owner_id is null or x.owner_id = $${params.length})`);
  }
  if (q.projectId) {
    params.push(q.projectId);
    where.push(`x.project_id = $${params.length}`);
  }
  return { cte: `l as (select x.* from public.leads x where ${where.join(" and ")})`, params };
}

/**
 * Every lead's and event's heat delta in scope, as CTEs ending in `d(bucket, plus, minus)`:
 * +1 at the initial level in the creation hour, and +to/-from at each heat change.
 */
const DELTAS = `
  first_change as (
    select distinct on (e.lead_id) e.lead_id, e.data ->> 'from' as level
      from public.lead_events e join l on l.id = e.lead_id
     where e.type = 'heat_changed'
     order by e.lead_id, e.created_at, e.id),
  d as (
    select date_trunc('hour', l.created_at) as bucket, coalesce(f.level, l.heat_level) as plus, null::text as minus
      from l left join first_change f on f.lead_id = l.id
    union all
    select date_trunc('hour', e.created_at), e.data ->> 'to', e.data ->> 'from'
      from public.lead_events e join l on l.id = e.lead_id
     where e.type = 'heat_changed')`;

const levelCounts = (column: string) =>
  HEAT_LEVELS.map((level) => `count(*) filter (where ${column} = '${level}')::int as ${level}`).join(", ");
/** Net change of each level over the rows of `d` matching `condition`. */
const deltaSums = (condition: string) =>
  HEAT_LEVELS.map(
    (level) =>
      `(count(*) filter (where (${condition}) and d.plus = '${level}') - count(*) filter (where (${condition}) and d.minus = '${level}'))::int as ${level}`,
  ).join(", ");

const minus = (a: HeatCounts, b: HeatCounts): HeatCounts => ({
  cold: a.cold - b.cold,
  warm: a.warm - b.warm,
  hot: a.hot - b.hot,
  burning: a.burning - b.burning,
});

async function heatNow(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<HeatCounts> {
  const { cte, params } = leadsInScope(q, scope);
  const { rows } = await tx.query<HeatCounts>(`with ${cte} select ${levelCounts("l.heat_level")} from l`, params);
  return rows[0]!;
}

export async function heatWidget(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<HeatWidget> {
  const { cte, params } = leadsInScope(q, scope);
  const now = await heatNow(tx, q, scope);
  const { rows } = await tx.query<HeatCounts>(
    `with ${cte}, ${DELTAS} select ${deltaSums(`d.bucket >= $${params.length + 1}`)} from d`,
    [...params, q.from],
  );
  return { now, atStart: minus(now, rows[0]!) };
}

export async function pipelineWidget(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<PipelineWidget> {
  const { cte, params } = leadsInScope(q, scope);
  const n = params.length;
  const steps = async (from: Date, to: Date): Promise<PipelineSteps> => {
    const { rows } = await tx.query<PipelineSteps>(
      `with ${cte}
       select count(*)::int as created,
              count(*) filter (where l.bant -> 'budget' ->> 'status' = 'confirmed')::int as budget,
              count(*) filter (where l.bant -> 'authority' ->> 'status' = 'confirmed')::int as authority,
              count(*) filter (where l.bant -> 'need' ->> 'status' = 'confirmed')::int as need,
              count(*) filter (where l.bant -> 'timeline' ->> 'status' = 'confirmed')::int as timeline,
              count(*) filter (where l.bant_qualified)::int as qualified,
              count(*) filter (where l.status in ('meeting_scheduled', 'won')
                                  or (jsonb_typeof(l.engagement -> 'meetingsBooked') = 'number'
                                      and (l.engagement ->> 'meetingsBooked')::numeric > 0))::int as "meetingScheduled",
              count(*) filter (where jsonb_typeof(l.engagement -> 'meetingsHeld') = 'number'
                                 and (l.engagement ->> 'meetingsHeld')::numeric > 0)::int as "meetingHeld",
              count(*) filter (where l.status = 'won')::int as won
         from l
        where date_trunc('hour', l.created_at) >= $${n + 1} and date_trunc('hour', l.created_at) < $${n + 2}`,
      [...params, from, to],
    );
    return rows[0]!;
  };
  return { current: await steps(q.from, q.to), previous: await steps(q.previousFrom, q.previousTo) };
}

export async function progressionWidget(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<ProgressionWidget> {
  const { cte, params } = leadsInScope(q, scope);
  const n = params.length;
  const now = await heatNow(tx, q, scope);
  // The end of each local day is the next local midnight, as an instant.
  const { rows } = await tx.query<{ day: string } & HeatCounts>(
    `with ${cte}, ${DELTAS}
     select to_char(days.day, 'YYYY-MM-DD') as day, later.*
       from unnest($${n + 1}::date[]) as days(day)
       cross join lateral (
         select ${deltaSums(`d.bucket >= ((days.day + 1)::timestamp at time zone $${n + 2})`)} from d) later
      order by days.day`,
    [...params, q.days, q.timeZone],
  );
  const median = async (from: Date, to: Date): Promise<number | null> => {
    const { rows: m } = await tx.query<{ median: number | null }>(
      `with ${cte},
       changes as (
         select e.lead_id, e.created_at, e.data ->> 'from' as from_level, e.data ->> 'to' as to_level,
                row_number() over (partition by e.lead_id order by e.created_at, e.id) as nth
           from public.lead_events e join l on l.id = e.lead_id
          where e.type = 'heat_changed'),
       first_hot as (
         select distinct on (c.lead_id) c.lead_id, c.created_at
           from changes c where c.to_level in ('hot', 'burning')
          order by c.lead_id, c.created_at, c.nth)
       select percentile_disc(0.5) within group (
                order by greatest(0, extract(epoch from h.created_at - l.created_at)))::float8 as median
         from first_hot h
         join l on l.id = h.lead_id
         join changes c on c.lead_id = h.lead_id and c.nth = 1
        where c.from_level in ('cold', 'warm')
          and date_trunc('hour', h.created_at) >= $${n + 1} and date_trunc('hour', h.created_at) < $${n + 2}`,
      [...params, from, to],
    );
    return m[0]?.median ?? null;
  };
  return {
    days: rows.map(({ day, ...later }) => ({ day, ...minus(now, later) })),
    medianSecondsToHot: { current: await median(q.from, q.to), previous: await median(q.previousFrom, q.previousTo) },
  };
}

export async function teamLeads(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<TeamLeads> {
  const { cte, params } = leadsInScope(q, scope);
  const { rows } = await tx.query<{ owner: string } & HeatCounts & { total: number }>(
    `with ${cte}
     select coalesce(l.owner_id::text, 'unassigned') as owner, ${levelCounts("l.heat_level")}, count(*)::int as total
       from l group by 1`,
    params,
  );
  return new Map(rows.map(({ owner, ...counts }) => [owner, counts]));
}
