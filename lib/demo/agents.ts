/**
 * Demo agents for the embedded database: a default sales agent and a support agent for
 * the organization, and a few drafts waiting in the approvals queue. The drafts are made
 * the way the drafting job makes them (the conversation's thread through the provider,
 * recorded by recordDraftOutcome), only inside the seed's one transaction.
 */
import "server-only";
import { actAs, type Tx } from "@/lib/db";
import type { AiProvider } from "@/lib/ai/types";
import { loadDraftContext, recordDraftOutcome } from "@/lib/approvals/draft";
import { AGENT_TEMPLATES } from "@/lib/agents/templates";
import type { PlanName } from "@/lib/agents/types";
import { setOrganizationPlan } from "@/lib/orgs/organization";

export type DemoAgentsOptions = {
  orgId: string;
  createdBy: string;
  plan: PlanName;
  /** How many pending drafts to create on conversations where the lead spoke last. */
  drafts: number;
  /** The offline provider: demo data must not depend on a configured AI service. */
  provider: AiProvider;
  schedulingUrl?: string;
  now?: Date;
};

export async function seedDemoAgents(
  tx: Tx,
  options: DemoAgentsOptions,
): Promise<{ agentIds: string[]; taskIds: string[] }> {
  const now = options.now ?? new Date();
  await actAs(tx, "service_role");
  await setOrganizationPlan(tx, options.orgId, options.plan);
  const sales = AGENT_TEMPLATES.find((t) => t.role === "sales")!;
  const support = AGENT_TEMPLATES.find((t) => t.role === "support")!;
  const { rows: agents } = await tx.query<{ id: string }>(
    `insert into public.ai_agents (org_id, name, role, personality, business, objectives, language, active, is_default, scheduling_url, created_by)
     values ($1, 'Sunny', 'sales', $2, $3, $4, 'en', true, true, $5, $6),
            ($1, 'Support desk', 'support', $7, $8, $9, 'en', true, false, null, $6)
     returning id`,
    [
      options.orgId,
      sales.personality,
      sales.business,
      sales.objectives,
      options.schedulingUrl ?? null,
      options.createdBy,
      support.personality,
      support.business,
      support.objectives,
    ],
  );

  // Threads in AI mode where the lead is waiting for an answer, newest first.
  const { rows: waiting } = await tx.query<{ id: string }>(
    `select c.id from public.conversations c
      where c.org_id = $1 and c.mode = 'ai' and c.status <> 'closed' and c.last_message_direction = 'inbound'
      order by c.last_message_at desc limit $2`,
    [options.orgId, options.drafts],
  );
  const taskIds: string[] = [];
  for (const conversation of waiting) {
    const context = await loadDraftContext(tx, options.orgId, conversation.id, now);
    if (!context?.request || !context.newestInboundId) continue;
    const outcome = await options.provider.draft(context.request);
    const run = await recordDraftOutcome(
      tx,
      { orgId: options.orgId, conversationId: conversation.id, inboundMessageId: context.newestInboundId, attempt: 1 },
      context,
      outcome,
      now,
    );
    if ("taskId" in run) taskIds.push(run.taskId);
  }
  return { agentIds: agents.map((a) => a.id), taskIds };
}
