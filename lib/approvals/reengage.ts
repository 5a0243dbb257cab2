/**
 * The agent's proposal for a cooling lead: a re-engagement template as a draft in the approval
 * queue (a message_approval task whose payload carries the template), decided like any AI
 * message. A small, daily hook (lib/outreach/workers.ts): leads silent for a while in an
 * AI-handled WhatsApp thread whose window closed, with no draft waiting and none proposed lately.
 */
import "server-only";
import { withService, type Tx } from "@/lib/db";
import { BANT_DIMENSIONS } from "@/lib/scoring";
import { consentStatus } from "@/lib/outreach/consent";
import { leadFacts } from "@/lib/outreach/facts";
import { listTemplates } from "@/lib/outreach/templates";
import type { SentTemplate } from "@/lib/outreach/types";
import { fillParameters, renderTemplate } from "@/lib/outreach/variables";
import { DRAFT_TTL_HOURS } from "./draft";
import type { MessageApprovalPayload } from "./schema";

/** Silent this long, a lead counts as cooling. */
export const COOLING_AFTER_DAYS = 7;

type Candidate = {
  org_id: string;
  conversation_id: string;
  lead_id: string;
  channel_id: string;
  medium: string;
  heat_level: MessageApprovalPayload["heat"];
  agent_id: string;
};

/** Proposes a template for each cooling lead (as service); answers how many were proposed. */
export async function proposeReengagements(now = new Date(), limit = 200): Promise<number> {
  return withService(async (tx) => {
    const { rows } = await tx.query<Candidate>(
      `select c.org_id, c.id as conversation_id, c.lead_id, c.channel_id, c.medium, l.heat_level,
              (select a.id from public.ai_agents a where a.org_id = c.org_id and a.active and (a.is_default or a.id = c.agent_id)
                order by (a.id = c.agent_id) is true desc limit 1) as agent_id
         from public.conversations c join public.leads l on l.id = c.lead_id
        where c.medium = 'whatsapp' and c.mode = 'ai' and c.status <> 'closed' and l.deleted_at is null
          and l.heat_level in ('warm', 'hot', 'burning')
          and l.last_activity_at < $1 and (c.last_inbound_at is null or c.last_inbound_at < $2)
          and not exists (select 1 from public.hil_tasks t where t.conversation_id = c.id
                           and ((t.kind = 'message_approval' and t.status = 'pending') or (t.payload ? 'template' and t.created_at > $1)))
        order by l.last_activity_at limit $3`,
      [new Date(now.getTime() - COOLING_AFTER_DAYS * 86_400_000), new Date(now.getTime() - 86_400_000), limit],
    );
    let proposed = 0;
    for (const candidate of rows) if (candidate.agent_id && (await proposeFor(tx, candidate, now))) proposed++;
    return proposed;
  });
}

async function proposeFor(tx: Tx, c: Candidate, now: Date): Promise<boolean> {
  const consent = await consentStatus(tx, c.lead_id, c.medium);
  if (consent === "opted_out") return false;
  const facts = await leadFacts(tx, c.org_id, c.lead_id, { conversationId: c.conversation_id, senderName: "" });
  if (!facts) return false;
  // The first approved template Kiln can fill completely; marketing only with an opt-in.
  const templates = await listTemplates(tx, c.org_id, c.channel_id, { approvedOnly: true });
  for (const template of templates) {
    if (template.category === "authentication" || (template.category === "marketing" && consent !== "opted_in"))
      continue;
    const parameters = fillParameters(template.body, template.variables, facts);
    if (parameters.some((p) => !p.trim())) continue;
    const sent: SentTemplate = {
      templateId: template.id,
      name: template.name,
      language: template.language,
      providerTemplateId: template.providerTemplateId,
      parameters,
    };
    const payload: MessageApprovalPayload = {
      draft: renderTemplate(template.body, parameters),
      bant: Object.fromEntries(BANT_DIMENSIONS.map((d) => [d, null])) as MessageApprovalPayload["bant"],
      intent: "other",
      heat: c.heat_level,
      confidence: 1,
      injection: false,
      provider: "local",
      model: "reengagement-template",
      inboundMessageId: null,
      usage: null,
      template: sent,
    };
    await tx.query(
      `insert into public.hil_tasks (org_id, kind, status, payload, lead_id, conversation_id, agent_id, expires_at)
       values ($1, 'message_approval', 'pending', $2, $3, $4, $5, $6)`,
      [
        c.org_id,
        payload,
        c.lead_id,
        c.conversation_id,
        c.agent_id,
        new Date(now.getTime() + DRAFT_TTL_HOURS * 3_600_000),
      ],
    );
    return true;
  }
  return false;
}
