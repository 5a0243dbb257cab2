import "server-only";
import type { Tx } from "@/lib/db";
import { decisionReason } from "./notes";
import { draftSoon } from "./queue";
import { supersedePendingDrafts } from "./supersede";

/**
 * Called by inbox ingestion inside its transaction when a lead's message lands. A pending
 * draft is now stale whoever answers next; in AI mode with an active agent (its own or the default) a
 * fresh one is drafted once the transaction commits (the advisory lock taken here makes
 * the drafting job wait for that commit).
 */
export async function draftAfterInbound(
  tx: Tx,
  input: { orgId: string; conversationId: string; messageId: string },
): Promise<void> {
  await supersedePendingDrafts(tx, input.orgId, input.conversationId, decisionReason("lead_wrote"));
  const { rows } = await tx.query<{ drafts: boolean }>(
    `select c.mode = 'ai' and exists (select 1 from public.ai_agents a where a.org_id = c.org_id and a.active and (a.is_default or a.id = c.agent_id)) as drafts
       from public.conversations c where c.id = $1`,
    [input.conversationId],
  );
  if (!rows[0]?.drafts) return;
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`ai-draft:${input.conversationId}`]);
  draftSoon({ orgId: input.orgId, conversationId: input.conversationId, inboundMessageId: input.messageId });
}
