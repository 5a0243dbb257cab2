import "server-only";
import type { Tx } from "@/lib/db";
import { PLAN_AGENT_LIMITS, type Agent, type AgentStats, type PlanName } from "./types";

const AGENT_COLUMNS = `
  a.id, a.name, a.role, a.personality, a.business, a.objectives, a.language, a.model, a.active,
  a.is_default as "isDefault", a.auto_send as "autoSend", a.scheduling_url as "schedulingUrl",
  a.created_at as "createdAt", a.updated_at as "updatedAt"`;

type AgentRow = Omit<Agent, "stats">;

const emptyStats = (): AgentStats => ({
  drafts: 0,
  approved: 0,
  rejected: 0,
  edited: 0,
  approvalRate: null,
  avgEditDistance: null,
  thumbsUp: 0,
  thumbsDown: 0,
  meetingsBooked: 0,
  conversations: 0,
});

/**
 * Drafts, decisions, edits, feedback and meetings per agent, over the tasks the caller can
 * see. Meetings count when public.meetings exists (the Calendly module): a meeting with a
 * lead created after this agent's first draft in a conversation with that lead.
 */
export async function agentStats(tx: Tx, orgId: string, agentIds: string[]): Promise<Map<string, AgentStats>> {
  const stats = new Map(agentIds.map((id) => [id, emptyStats()]));
  if (!agentIds.length) return stats;
  const { rows } = await tx.query<{
    agent_id: string;
    drafts: number;
    approved: number;
    rejected: number;
    edited: number;
    avg_edit: number | null;
    up: number;
    down: number;
  }>(
    `select t.agent_id,
            count(*)::int as drafts,
            count(*) filter (where t.status = 'approved')::int as approved,
            count(*) filter (where t.status = 'rejected')::int as rejected,
            count(*) filter (where t.status = 'approved' and t.edit_distance > 0)::int as edited,
            avg(t.edit_distance) filter (where t.status = 'approved')::float8 as avg_edit,
            coalesce(sum(f.up), 0)::int as up, coalesce(sum(f.down), 0)::int as down
       from public.hil_tasks t
       left join lateral (
         select count(*) filter (where rating = 'up') as up, count(*) filter (where rating = 'down') as down
           from public.ai_feedback where task_id = t.id) f on true
      where t.org_id = $1 and t.agent_id = any($2::uuid[]) and t.kind = 'message_approval'
      group by t.agent_id`,
    [orgId, agentIds],
  );
  for (const row of rows) {
    const decided = row.approved + row.rejected;
    stats.set(row.agent_id, {
      ...emptyStats(),
      drafts: row.drafts,
      approved: row.approved,
      rejected: row.rejected,
      edited: row.edited,
      approvalRate: decided ? row.approved / decided : null,
      avgEditDistance: row.avg_edit === null ? null : Math.round(row.avg_edit * 10) / 10,
      thumbsUp: row.up,
      thumbsDown: row.down,
    });
  }
  const { rows: assigned } = await tx.query<{ agent_id: string; n: number }>(
    `select agent_id, count(*)::int as n from public.conversations
      where org_id = $1 and agent_id = any($2::uuid[]) group by agent_id`,
    [orgId, agentIds],
  );
  for (const row of assigned) stats.get(row.agent_id)!.conversations = row.n;
  const { rows: hasMeetings } = await tx.query<{ exists: boolean }>(
    "select to_regclass('public.meetings') is not null as exists",
  );
  if (hasMeetings[0]?.exists) {
    const { rows: meetings } = await tx.query<{ agent_id: string; n: number }>(
      `select d.agent_id, count(distinct m.id)::int as n
         from (select agent_id, lead_id, min(created_at) as first_at from public.hil_tasks
                where org_id = $1 and agent_id = any($2::uuid[]) and kind = 'message_approval' and lead_id is not null
                group by agent_id, lead_id) d
         join public.meetings m on m.lead_id = d.lead_id and m.org_id = $1 and m.created_at > d.first_at
        group by d.agent_id`,
      [orgId, agentIds],
    );
    for (const row of meetings) stats.get(row.agent_id)!.meetingsBooked = row.n;
  }
  return stats;
}

export async function listAgents(tx: Tx, orgId: string): Promise<Agent[]> {
  const { rows } = await tx.query<AgentRow>(
    `select ${AGENT_COLUMNS} from public.ai_agents a where a.org_id = $1 order by a.is_default desc, a.active desc, a.created_at, a.id`,
    [orgId],
  );
  const stats = await agentStats(
    tx,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, stats: stats.get(row.id)! }));
}

export async function getAgent(tx: Tx, orgId: string, id: string): Promise<Agent | null> {
  const { rows } = await tx.query<AgentRow>(
    `select ${AGENT_COLUMNS} from public.ai_agents a where a.id = $1 and a.org_id = $2`,
    [id, orgId],
  );
  if (!rows[0]) return null;
  const stats = await agentStats(tx, orgId, [id]);
  return { ...rows[0], stats: stats.get(id)! };
}

export async function planOf(
  tx: Tx,
  orgId: string,
): Promise<{ name: PlanName; activeLimit: number; activeCount: number }> {
  const { rows } = await tx.query<{ plan: PlanName; active: number }>(
    `select o.plan, (select count(*)::int from public.ai_agents a where a.org_id = o.id and a.active) as active
       from public.organizations o where o.id = $1`,
    [orgId],
  );
  const plan = rows[0]?.plan ?? "basic";
  return { name: plan, activeLimit: PLAN_AGENT_LIMITS[plan], activeCount: rows[0]?.active ?? 0 };
}

export { agentBrief } from "./types";

export type ResolvedAgent = AgentRow;

/**
 * The agent that answers a conversation: its own agent (conversations.agent_id) while that
 * is active, otherwise the organization's default agent while that is active. An agent
 * deactivated after it was chosen is skipped, not an error: the thread keeps being answered.
 * Without a conversation id, the default agent.
 */
export async function agentForConversation(
  tx: Tx,
  orgId: string,
  conversationId?: string | null,
): Promise<ResolvedAgent | null> {
  const { rows } = await tx.query<AgentRow>(
    `with chosen as (select c.agent_id from public.conversations c where c.id = $2::uuid and c.org_id = $1)
     select ${AGENT_COLUMNS} from public.ai_agents a
      where a.org_id = $1 and a.active and (a.is_default or a.id = (select agent_id from chosen))
      order by (a.id = (select agent_id from chosen)) is true desc
      limit 1`,
    [orgId, conversationId ?? null],
  );
  return rows[0] ?? null;
}
