/**
 * The activity widgets from the rollups (supabase/migrations/20261203170100_analytics_activity_rollups.sql):
 * meeting conversion, conversations, agent performance and the team's replies and meetings.
 * Run under withRls: row-level security on the rollup tables scopes every row to the leads the
 * caller may list. Each query reads rollup rows of one organization's hours in the range, never
 * the messages or meetings themselves; direct-activity.ts computes the same answers from the
 * source tables (the ground truth the tests compare against).
 */
import "server-only";
import type { Tx } from "@/lib/db";
import {
  agentRows,
  conversationsShape,
  meetingsShape,
  mergeAgentCounts,
  teamActivityMap,
  type Bin,
  type TeamActivity,
} from "./activity-shape";
import type { AgentsWidget, AnalyticsQuery, ConversationsWidget, MeetingsWidget } from "./types";

export type { TeamActivity };

/**
 * Parameters every query here shares: $1 organization, $2 project (null: all), $3..$6 the
 * previous and current periods. `inRange` keeps an index range scan over both periods.
 */
const paramsOf = (orgId: string, q: AnalyticsQuery) => [orgId, q.projectId, q.previousFrom, q.from, q.previousTo, q.to];
const SCOPE = "org_id = $1 and ($2::uuid is null or project_id = $2::uuid)";
const RANGE =
  "bucket >= least($3::timestamptz, $4::timestamptz) and bucket < greatest($5::timestamptz, $6::timestamptz)";
const IN_RANGE = `${SCOPE} and ${RANGE}`;
const CURRENT = "bucket >= $4 and bucket < $6";
/** Queries of the current period only: $1 organization, $2 project, $3..$4 the period. */
const currentParamsOf = (orgId: string, q: AnalyticsQuery) => [orgId, q.projectId, q.from, q.to];
const IN_CURRENT = `${SCOPE} and bucket >= $3 and bucket < $4`;
const PREVIOUS = "bucket >= $3 and bucket < $5";
/** Whether the caller sees every lead of organization $1 (managers and above, or reps where reps are not restricted). */
const SEES_ALL = "$1::uuid = any ((select private.orgs_seeing_all_leads())::uuid[])";
const sumIn = (column: string, period: string, alias: string) =>
  `coalesce(sum(${column}) filter (where ${period}), 0)::int as ${alias}`;

type Counts = { [key: string]: number };

export async function meetingsWidget(tx: Tx, q: AnalyticsQuery, orgId: string): Promise<MeetingsWidget> {
  const params = paramsOf(orgId, q);
  const columns = (period: string, p: string) =>
    [
      sumIn("booked", period, `${p}_booked`),
      sumIn("held", period, `${p}_held`),
      sumIn("no_show", period, `${p}_no_show`),
      sumIn("canceled", period, `${p}_canceled`),
      sumIn("booked", `${period} and agent_id is not null`, `${p}_agent`),
    ].join(", ");
  const { rows } = await tx.query<Counts>(
    `select m.*, qq.* from
       (select ${columns(CURRENT, "c")}, ${columns(PREVIOUS, "p")} from public.analytics_meetings where ${IN_RANGE}) m,
       (select ${sumIn("qualified", CURRENT, "c_qualified")}, ${sumIn("qualified", PREVIOUS, "p_qualified")}
          from public.analytics_qualifications where ${IN_RANGE}) qq`,
    params,
  );
  return meetingsShape(rows[0]!);
}

export async function conversationsWidget(tx: Tx, q: AnalyticsQuery, orgId: string): Promise<ConversationsWidget> {
  const params = paramsOf(orgId, q);
  // The widget's largest read: one pass over both periods, for those who see every lead from
  // the owner-free rollup of the organization (or of the project), which RLS lets only them read;
  // the other branch is skipped by a one-time filter. Hours go to the viewer's local days by a
  // search in the days' starting instants (DST included), not a time-zone conversion per row;
  // the periods' totals are the sums of their days.
  const ownerFree = q.projectId
    ? `select bucket, medium, direction, messages from public.analytics_project_messages where ${IN_RANGE}`
    : `select bucket, medium, direction, messages from public.analytics_org_messages where org_id = $1 and ${RANGE}`;
  const messages = await tx.query<{
    period: "c" | "p";
    day: string;
    medium: string;
    direction: "inbound" | "outbound";
    n: number;
  }>(
    `with days as (
       select array_agg(d::date order by d) as local, array_agg(d at time zone $7 order by d) as starts
         from generate_series((least($3::timestamptz, $4::timestamptz) at time zone $7)::date::timestamp,
                              (greatest($5::timestamptz, $6::timestamptz) at time zone $7)::date::timestamp, interval '1 day') d)
     select period, to_char(days.local[i], 'YYYY-MM-DD') as day, medium, direction, n
       from (select case when ${CURRENT} then 'c' else 'p' end as period,
                    width_bucket(bucket, (select starts from days)) as i, medium, direction, sum(messages)::int as n
               from (${ownerFree} and ${SEES_ALL}
                     union all
                     select bucket, medium, direction, messages from public.analytics_messages
                      where ${IN_RANGE} and not ${SEES_ALL}) m
              where (${CURRENT}) or (${PREVIOUS})
              group by 1, 2, 3, 4 having sum(messages) <> 0) counted, days`,
    [...params, q.timeZone],
  );
  const conversations = await tx.query<Counts>(
    `select ${sumIn("ai_handled", CURRENT, "c_handled")}, ${sumIn("taken_over", CURRENT, "c_taken")},
            ${sumIn("ai_handled", PREVIOUS, "p_handled")}, ${sumIn("taken_over", PREVIOUS, "p_taken")}
       from public.analytics_conversations where ${IN_RANGE}`,
    params,
  );
  const totals: Counts = { ...conversations.rows[0]!, c_in: 0, c_out: 0, p_in: 0, p_out: 0 };
  for (const row of messages.rows) totals[`${row.period}_${row.direction === "inbound" ? "in" : "out"}`]! += row.n;
  const days = messages.rows.filter((row) => row.period === "c");
  const bins = await tx.query<Bin & { period: "c" | "p"; responder: "ai" | "human" }>(
    `select case when ${CURRENT} then 'c' else 'p' end as period, responder, bin, sum(replies)::int as n
       from public.analytics_first_responses
      where ${IN_RANGE} and ((${CURRENT}) or (${PREVIOUS}))
      group by 1, 2, 3`,
    params,
  );
  const status = await tx.query<{ status: "open" | "pending" | "closed"; n: number }>(
    `select status, sum(conversations)::int as n from public.analytics_conversation_status where ${SCOPE} group by status`,
    params.slice(0, 2),
  );
  return conversationsShape(q, { totals, days, bins: bins.rows, status: status.rows });
}

export async function agentsWidget(tx: Tx, q: AnalyticsQuery, orgId: string): Promise<AgentsWidget> {
  const params = currentParamsOf(orgId, q);
  const drafts = await tx.query<{
    agentId: string;
    drafts: number;
    approved: number;
    edited: number;
    rejected: number;
    editDistance: number;
  }>(
    `select agent_id as "agentId", sum(drafts)::int as drafts, sum(approved)::int as approved, sum(edited)::int as edited,
            sum(rejected)::int as rejected, sum(edit_distance)::float8 as "editDistance"
       from public.analytics_agent_drafts where ${IN_CURRENT} and agent_id is not null group by agent_id`,
    params,
  );
  const meetings = await tx.query<{ agentId: string; meetingsBooked: number }>(
    `select agent_id as "agentId", sum(booked)::int as "meetingsBooked"
       from public.analytics_meetings where ${IN_CURRENT} and agent_id is not null group by agent_id`,
    params,
  );
  const qualified = await tx.query<{ agentId: string; leadsQualified: number }>(
    `select agent_id as "agentId", sum(qualified)::int as "leadsQualified"
       from public.analytics_qualifications where ${IN_CURRENT} and agent_id is not null group by agent_id`,
    params,
  );
  const agents = await tx.query<{ id: string; name: string; active: boolean }>(
    "select id, name, active from public.ai_agents where org_id = $1",
    [orgId],
  );
  return { rows: agentRows(agents.rows, mergeAgentCounts(drafts.rows, meetings.rows, qualified.rows)) };
}

/** Per person: replies written or approved, and meetings held on the leads they own, in the current period. */
export async function teamActivity(tx: Tx, q: AnalyticsQuery, orgId: string): Promise<TeamActivity> {
  const params = currentParamsOf(orgId, q);
  const replies = await tx.query<{ userId: string; n: number }>(
    `select user_id as "userId", sum(replies)::int as n
       from public.analytics_replies where ${IN_CURRENT} group by user_id`,
    params,
  );
  const held = await tx.query<{ userId: string; n: number }>(
    `select owner_id as "userId", sum(held)::int as n
       from public.analytics_meetings_held where ${IN_CURRENT} and owner_id is not null group by owner_id`,
    params,
  );
  return teamActivityMap(replies.rows, held.rows);
}
