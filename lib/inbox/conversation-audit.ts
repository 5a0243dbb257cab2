import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db";

/**
 * The audit entry of a change to one conversation (`conversation.<action>`), written in the
 * change's transaction: by its single-thread button (updated, take_over, return_to_ai) or once per
 * conversation by a bulk action (bulk_<action>).
 */
export function auditConversationChange(
  tx: Tx,
  entry: { orgId: string; actorId: string; conversationId: string; action: string; metadata: Record<string, unknown> },
): Promise<void> {
  return recordAudit(tx, {
    orgId: entry.orgId,
    actorId: entry.actorId,
    action: `conversation.${entry.action}`,
    targetType: "conversation",
    targetId: entry.conversationId,
    metadata: entry.metadata,
  });
}
