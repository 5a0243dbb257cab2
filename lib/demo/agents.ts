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
import { editDistance } from "@/lib/approvals/draft";
import { seededRandom } from "@/lib/random/seeded";

export type DemoAgentsOptions = {
  orgId: string;
  createdBy: string;
  plan: PlanName;
  /** How many pending drafts to create on conversations where the lead spoke last. */
  drafts: number;
  /**
   * Decided drafts in the threads' history: most replies that answered the lead become the
   * agent's approved drafts (some edited before sending), a few are preceded by a rejected draft,
   * so the dashboard's agent, first-response and takeover numbers have a past.
   */
  history?: boolean;
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

  if (options.history) await seedDraftHistory(tx, { orgId: options.orgId, agentId: agents[0]!.id, now });

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

const DRAFT_SIGN_OFF = " Let me know if you have any other questions!";

/**
 * History, written directly as the service role like the inbox's past threads: the replies of
 * AI-mode threads that answered the lead become the agent's drafts, approved by a manager when
 * they went out (a third of them edited: the draft had a sign-off the manager cut), and some
 * replies were preceded by a draft the manager rejected. In threads a person answers now, only
 * the first reply may have been the agent's: those were taken over.
 */
async function seedDraftHistory(tx: Tx, input: { orgId: string; agentId: string; now: Date }): Promise<void> {
  const rnd = seededRandom(1313);
  const { rows: deciders } = await tx.query<{ user_id: string }>(
    "select user_id from public.memberships where org_id = $1 and role in ('owner', 'admin', 'manager') order by role, user_id",
    [input.orgId],
  );
  const { rows: replies } = await tx.query<{
    id: string;
    conversation_id: string;
    lead_id: string;
    body: string;
    created_at: Date;
    inbound_id: string;
    inbound_at: Date;
    mode: "ai" | "human";
    first: boolean;
  }>(
    `select o.id, o.conversation_id, o.lead_id, o.body, o.created_at, o.inbound_id, o.inbound_at, o.mode,
            row_number() over (partition by o.conversation_id order by o.created_at, o.id) = 1 as first
       from (
       select m.id, m.conversation_id, c.lead_id, c.mode, m.body, m.created_at, m.direction, m.status,
              lag(m.direction) over w as prev_direction, lag(m.id) over w as inbound_id, lag(m.created_at) over w as inbound_at
         from public.messages m join public.conversations c on c.id = m.conversation_id
        where c.org_id = $1
       window w as (partition by m.conversation_id order by m.created_at, m.id)) o
      where o.direction = 'outbound' and o.prev_direction = 'inbound' and o.status <> 'failed' and o.created_at < $2
      order by o.created_at, o.id`,
    [input.orgId, input.now],
  );
  if (!deciders.length || !replies.length) return;
  const tasks: Record<string, unknown>[] = [];
  const byAgent: string[] = [];
  for (const reply of replies) {
    // A thread a person answers now was the agent's at first, until someone took it over.
    if (reply.mode === "human" && !reply.first) continue;
    const roll = rnd.int(0, 99);
    const inboundAt = new Date(reply.inbound_at).getTime();
    const sentAt = new Date(reply.created_at).getTime();
    // The draft was ready a minute or two after the lead wrote (never after the reply went out).
    const draftedAt = new Date(Math.min(sentAt, inboundAt + rnd.int(20, 120) * 1000)).toISOString();
    const decidedBy = rnd.pick(deciders).user_id;
    const base = {
      lead_id: reply.lead_id,
      conversation_id: reply.conversation_id,
      inbound_message_id: reply.inbound_id,
      decided_by: decidedBy,
      created_at: draftedAt,
    };
    const payload = (draft: string) => ({
      draft,
      bant: {},
      intent: "question",
      heat: "warm",
      confidence: 0.8,
      injection: false,
      provider: "local",
      model: "demo",
      inboundMessageId: reply.inbound_id,
      usage: null,
    });
    if (roll < 70) {
      const edited = roll < 25;
      const draft = edited ? `${reply.body}${DRAFT_SIGN_OFF}` : reply.body;
      byAgent.push(reply.id);
      tasks.push({
        ...base,
        status: "approved",
        payload: payload(draft),
        decided_at: new Date(sentAt).toISOString(),
        sent_message_id: reply.id,
        final_body: reply.body,
        edit_distance: editDistance(draft, reply.body),
        decision_note: null,
      });
    } else if (roll < 85) {
      tasks.push({
        ...base,
        status: "rejected",
        payload: payload("Thanks for your message! A colleague will get back to you shortly."),
        decided_at: new Date(Math.max(new Date(draftedAt).getTime(), sentAt - 60_000)).toISOString(),
        sent_message_id: null,
        final_body: null,
        edit_distance: null,
        decision_note: "Too generic: answer the question.",
      });
    }
  }
  await tx.query("update public.messages set author_type = 'agent', author_id = null where id = any($1::uuid[])", [
    byAgent,
  ]);
  await tx.query(
    `insert into public.hil_tasks (org_id, kind, status, payload, lead_id, conversation_id, agent_id, decided_by, decided_at,
                                   decision_note, inbound_message_id, sent_message_id, final_body, edit_distance, created_at, updated_at)
     select $1, 'message_approval', r.status, r.payload, r.lead_id, r.conversation_id, $2, r.decided_by, r.decided_at,
            r.decision_note, r.inbound_message_id, r.sent_message_id, r.final_body, r.edit_distance, r.created_at, r.decided_at
       from jsonb_to_recordset($3::jsonb) as r(status text, payload jsonb, lead_id uuid, conversation_id uuid, decided_by uuid,
            decided_at timestamptz, decision_note text, inbound_message_id uuid, sent_message_id uuid, final_body text,
            edit_distance int, created_at timestamptz)`,
    [input.orgId, input.agentId, JSON.stringify(tasks)],
  );
}
