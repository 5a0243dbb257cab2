import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db";

/**
 * An integration connected or disconnected, in the organization's audit log: which provider and
 * who, never to which account (a member's mailbox is theirs).
 */
export function auditIntegration(
  tx: Tx,
  entry: { orgId: string; actorId: string; provider: "calendly" | "google"; event: "connected" | "disconnected" },
): Promise<void> {
  return recordAudit(tx, {
    orgId: entry.orgId,
    actorId: entry.actorId,
    action: `integration.${entry.event}`,
    targetType: "integration",
    metadata: { provider: entry.provider },
  });
}
