import "server-only";
import { agentForConversation } from "@/lib/agents/queries";
import type { Tx } from "@/lib/db";
import { getLead } from "@/lib/leads/queries";
import type { LeadFacts } from "./variables";

/**
 * What fills a template's variables for a lead: name, company, owner (the person sending
 * while the lead has none), and the answering agent's booking link.
 */
export async function leadFacts(
  tx: Tx,
  orgId: string,
  leadId: string,
  opts: { conversationId?: string | null; senderName: string },
): Promise<(LeadFacts & { phone: string | null }) | null> {
  const [lead, agent] = await Promise.all([
    getLead(tx, orgId, leadId),
    agentForConversation(tx, orgId, opts.conversationId),
  ]);
  if (!lead) return null;
  return {
    name: lead.name,
    company: lead.company ?? null,
    owner: lead.ownerName || opts.senderName || null,
    meetingLink: agent?.schedulingUrl ?? null,
    phone: lead.phone ?? null,
  };
}
