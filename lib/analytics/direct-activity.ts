/**
 * The activity widgets computed directly from the source tables (messages, conversations,
 * meetings, hil_tasks, lead_events) with explicit filters: the ground truth the rollups
 * (activity-rollups.ts) must agree with, and the benchmark's baseline. Run in a service
 * transaction; never used by requests. Every measure is defined next to its field in types.ts.
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

export type DirectScope = { orgId: string; restrictedTo: string | null };

/** $1 organization, $2 project (null: all), $3 the restricted rep (null: everyone's leads); live leads only. */
const LEADS = `l.org_id = $1 and l.deleted_at is null and ($2::uuid is null or l.project_id = $2::uuid)
  and ($3::uuid is null or l.owner_id is null or l.owner_id = $3::uuid)`;
const scopeParams = (scope: DirectScope, q: AnalyticsQuery) => [scope.orgId, q.projectId, scope.restrictedTo];
/** Both periods: $4 previousFrom, $5 from, $6 previousTo, $7 to. */
const bothParams = (scope: DirectScope, q: AnalyticsQuery) => [
  ...scopeParams(scope, q),
  q.previousFrom,
  q.from,
  q.previousTo,
  q.to,
];
const current = (at: string) => `${at} >= $5 and ${at} < $7`;
const previous = (at: string) => `${at} >= $4 and ${at} < $6`;
/** The current period alone: $4 from, $5 to. */
const currentParams = (scope: DirectScope, q: AnalyticsQuery) => [...scopeParams(scope, q), q.from, q.to];
const onlyCurrent = (at: string) => `${at} >= $4 and ${at} < $5`;

const countIn = (condition: string, alias: string) => `count(*) filter (where ${condition})::int as ${alias}`;

type Counts = { [key: string]: number };

/** A booking: a meeting not replaced by a reschedule, at its booking time. */
const BOOKED_AT = "coalesce(m.booked_at, m.created_at)";
const HELD = "m.status = 'completed' and not m.no_show";

export async function meetingsWidget(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<MeetingsWidget> {
  const params = bothParams(scope, q);
  const period = (p: "c" | "p", within: (at: string) => string) =>
    [
      countIn(within(BOOKED_AT), `${p}_booked`),
      countIn(`${within(BOOKED_AT)} and ${HELD}`, `${p}_held`),
      countIn(`${within(BOOKED_AT)} and m.no_show`, `${p}_no_show`),
      countIn(`${within(BOOKED_AT)} and m.status = 'canceled'`, `${p}_canceled`),
      countIn(`${within(BOOKED_AT)} and m.agent_id is not null`, `${p}_agent`),
    ].join(", ");
  const { rows } = await tx.query<Counts>(
    `select b.*, e.* from
       (select ${period("c", current)}, ${period("p", previous)}
          from public.meetings m join public.leads l on l.id = m.lead_id
         where m.org_id = $1 and m.rescheduled_to_id is null and ${LEADS}) b,
       (select ${countIn(current("e.created_at"), "c_qualified")}, ${countIn(previous("e.created_at"), "p_qualified")}
          from public.lead_events e join public.leads l on l.id = e.lead_id
         where e.org_id = $1 and e.type = 'bant_qualified' and ${LEADS}) e`,
    params,
  );
  return meetingsShape(rows[0]!);
}

/**
 * An automatic message on the lead's side (an out-of-office, a bounce: author `system`) is no
 * message from the lead: not counted, and skipped when a reply looks for the message before it.
 */
const NOT_AUTOMATIC = "not (m.direction = 'inbound' and m.author_type = 'system')";

/**
 * First responses: an outbound message (by an agent or a person) right after one or more of
 * the lead's messages, timed from the first of them; threads ordered by (created_at, id).
 */
const FIRST_RESPONSES = `
  with ordered as (
    select m.conversation_id, m.direction, m.author_type, m.created_at,
           lag(m.direction) over w as prev_direction,
           count(*) filter (where m.direction = 'outbound') over w as outbound_seen
      from public.messages m
      join public.conversations c on c.id = m.conversation_id
      join public.leads l on l.id = c.lead_id
     where m.org_id = $1 and ${LEADS} and m.created_at < $7 and ${NOT_AUTOMATIC}
    window w as (partition by m.conversation_id order by m.created_at, m.id rows between unbounded preceding and current row)
  ), timed as (
    select o.*, min(o.created_at) filter (where o.direction = 'inbound')
             over (partition by o.conversation_id, o.outbound_seen - (o.direction = 'outbound')::int) as started
      from ordered o
  )
  select o.created_at, case o.author_type when 'agent' then 'ai' else 'human' end as responder,
         private.analytics_response_bin(extract(epoch from o.created_at - o.started)::double precision) as bin
    from timed o
   where o.direction = 'outbound' and o.prev_direction = 'inbound' and o.author_type in ('agent', 'user')`;

export async function conversationsWidget(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<ConversationsWidget> {
  const params = bothParams(scope, q);
  const totals = await tx.query<Counts>(
    `select m.*, t.* from
       (select ${countIn(`${current("m.created_at")} and m.direction = 'inbound'`, "c_in")},
               ${countIn(`${current("m.created_at")} and m.direction = 'outbound'`, "c_out")},
               ${countIn(`${previous("m.created_at")} and m.direction = 'inbound'`, "p_in")},
               ${countIn(`${previous("m.created_at")} and m.direction = 'outbound'`, "p_out")}
          from public.messages m
          join public.conversations c on c.id = m.conversation_id
          join public.leads l on l.id = c.lead_id
         where m.org_id = $1 and ${LEADS} and ${NOT_AUTOMATIC}) m,
       (select ${countIn(`${current("h.created_at")} and h.handled`, "c_handled")},
               ${countIn(`${current("h.created_at")} and h.handled and h.mode = 'human'`, "c_taken")},
               ${countIn(`${previous("h.created_at")} and h.handled`, "p_handled")},
               ${countIn(`${previous("h.created_at")} and h.handled and h.mode = 'human'`, "p_taken")}
          from (select c.created_at, c.mode,
                       exists (select 1 from public.hil_tasks t where t.conversation_id = c.id and t.kind = 'message_approval') as handled
                  from public.conversations c join public.leads l on l.id = c.lead_id
                 where c.org_id = $1 and ${LEADS}) h) t`,
    params,
  );
  const days = await tx.query<{ day: string; medium: string; direction: "inbound" | "outbound"; n: number }>(
    `select to_char((m.created_at at time zone $6)::date, 'YYYY-MM-DD') as day, c.medium, m.direction, count(*)::int as n
       from public.messages m
       join public.conversations c on c.id = m.conversation_id
       join public.leads l on l.id = c.lead_id
      where m.org_id = $1 and ${LEADS} and ${onlyCurrent("m.created_at")} and ${NOT_AUTOMATIC}
      group by 1, 2, 3`,
    [...currentParams(scope, q), q.timeZone],
  );
  const bins = await tx.query<Bin & { period: "c" | "p"; responder: "ai" | "human" }>(
    `select case when ${current("f.created_at")} then 'c' else 'p' end as period, f.responder, f.bin, count(*)::int as n
       from (${FIRST_RESPONSES}) f
      where (${current("f.created_at")}) or (${previous("f.created_at")})
      group by 1, 2, 3`,
    params,
  );
  const status = await tx.query<{ status: "open" | "pending" | "closed"; n: number }>(
    `select c.status, count(*)::int as n
       from public.conversations c join public.leads l on l.id = c.lead_id
      where c.org_id = $1 and ${LEADS} group by c.status`,
    scopeParams(scope, q),
  );
  return conversationsShape(q, { totals: totals.rows[0]!, days: days.rows, bins: bins.rows, status: status.rows });
}

export async function agentsWidget(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<AgentsWidget> {
  const params = currentParams(scope, q);
  const drafts = await tx.query<{
    agentId: string;
    drafts: number;
    approved: number;
    edited: number;
    rejected: number;
    editDistance: number;
  }>(
    `select t.agent_id as "agentId",
            ${countIn(onlyCurrent("t.created_at"), "drafts")},
            ${countIn(`${onlyCurrent("t.decided_at")} and t.status = 'approved'`, "approved")},
            ${countIn(`${onlyCurrent("t.decided_at")} and t.status = 'approved' and coalesce(t.edit_distance, 0) > 0`, "edited")},
            ${countIn(`${onlyCurrent("t.decided_at")} and t.status = 'rejected'`, "rejected")},
            coalesce(sum(t.edit_distance) filter (where ${onlyCurrent("t.decided_at")} and t.status = 'approved'), 0)::float8 as "editDistance"
       from public.hil_tasks t join public.leads l on l.id = t.lead_id
      where t.org_id = $1 and t.kind = 'message_approval' and t.agent_id is not null and ${LEADS}
      group by t.agent_id`,
    params,
  );
  const meetings = await tx.query<{ agentId: string; meetingsBooked: number }>(
    `select m.agent_id as "agentId", count(*)::int as "meetingsBooked"
       from public.meetings m join public.leads l on l.id = m.lead_id
      where m.org_id = $1 and m.agent_id is not null and m.rescheduled_to_id is null and ${LEADS}
        and ${onlyCurrent(BOOKED_AT)}
      group by m.agent_id`,
    params,
  );
  // The qualifying agent: the draft written in the same transaction (same timestamp) as the event.
  const qualified = await tx.query<{ agentId: string; leadsQualified: number }>(
    `select a.agent_id as "agentId", count(*)::int as "leadsQualified"
       from public.lead_events e join public.leads l on l.id = e.lead_id
       cross join lateral (
         select t.agent_id from public.hil_tasks t
          where t.lead_id = e.lead_id and t.created_at = e.created_at and t.agent_id is not null
          order by t.id limit 1) a
      where e.org_id = $1 and e.type = 'bant_qualified' and e.actor_type = 'agent' and ${LEADS}
        and ${onlyCurrent("e.created_at")}
      group by a.agent_id`,
    params,
  );
  const agents = await tx.query<{ id: string; name: string; active: boolean }>(
    "select id, name, active from public.ai_agents where org_id = $1",
    [scope.orgId],
  );
  return { rows: agentRows(agents.rows, mergeAgentCounts(drafts.rows, meetings.rows, qualified.rows)) };
}

export async function teamActivity(tx: Tx, q: AnalyticsQuery, scope: DirectScope): Promise<TeamActivity> {
  const params = currentParams(scope, q);
  const replies = await tx.query<{ userId: string; n: number }>(
    `select r.user_id as "userId", count(*)::int as n from (
       select m.author_id as user_id
         from public.messages m
         join public.conversations c on c.id = m.conversation_id
         join public.leads l on l.id = c.lead_id
        where m.org_id = $1 and m.direction = 'outbound' and m.author_type = 'user' and m.author_id is not null
          and ${LEADS} and ${onlyCurrent("m.created_at")}
       union all
       select t.decided_by
         from public.hil_tasks t join public.leads l on l.id = t.lead_id
        where t.org_id = $1 and t.kind = 'message_approval' and t.status = 'approved' and t.decided_by is not null
          and ${LEADS} and ${onlyCurrent("t.decided_at")}) r
     group by r.user_id`,
    params,
  );
  const held = await tx.query<{ userId: string; n: number }>(
    `select l.owner_id as "userId", count(*)::int as n
       from public.meetings m join public.leads l on l.id = m.lead_id
      where m.org_id = $1 and m.rescheduled_to_id is null and ${HELD} and l.owner_id is not null
        and ${LEADS} and ${onlyCurrent("m.starts_at")}
      group by l.owner_id`,
    params,
  );
  return teamActivityMap(replies.rows, held.rows);
}
