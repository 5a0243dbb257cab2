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
const IN_RANGE = `${SCOPE} and bucket >= least($3::timestamptz, $4::timestamptz) and bucket < greatest($5::timestamptz, $6::timestamptz)`;
const CURRENT = "bucket >= $4 and bucket < $6";
/** Queries of the current period only: $1 organization, $2 project, $3..$4 the period. */
const currentParamsOf = (orgId: string, q: AnalyticsQuery) => [orgId, q.projectId, q.from, q.to];
const IN_CURRENT = `${SCOPE} and bucket >= $3 and bucket < $4`;
const PREVIOUS = "bucket >= $3 and bucket < $5";
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
  const totals = await tx.query<Counts>(
    `select m.*, c.* from
       (select ${sumIn("messages", `${CURRENT} and direction = 'inbound'`, "c_in")},
               ${sumIn("messages", `${CURRENT} and direction = 'outbound'`, "c_out")},
               ${sumIn("messages", `${PREVIOUS} and direction = 'inbound'`, "p_in")},
               ${sumIn("messages", `${PREVIOUS} and direction = 'outbound'`, "p_out")}
          from public.analytics_messages where ${IN_RANGE}) m,
       (select ${sumIn("ai_handled", CURRENT, "c_handled")}, ${sumIn("taken_over", CURRENT, "c_taken")},
               ${sumIn("ai_handled", PREVIOUS, "p_handled")}, ${sumIn("taken_over", PREVIOUS, "p_taken")}
          from public.analytics_conversations where ${IN_RANGE}) c`,
    params,
  );
  const days = await tx.query<{ day: string; medium: string; direction: "inbound" | "outbound"; n: number }>(
    // Summed per hour first, so only one row per hour and channel (not per owner and project) becomes a local day.
    `select to_char((bucket at time zone $5)::date, 'YYYY-MM-DD') as day, medium, direction, sum(n)::int as n
       from (select bucket, medium, direction, sum(messages) as n
               from public.analytics_messages where ${IN_CURRENT}
              group by bucket, medium, direction) hourly
      group by 1, 2, 3 having sum(n) <> 0`,
    [...currentParamsOf(orgId, q), q.timeZone],
  );
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
  return conversationsShape(q, { totals: totals.rows[0]!, days: days.rows, bins: bins.rows, status: status.rows });
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
