/**
 * Demo data for the platform side: one background job that used up its retries, so the
 * admins' Settings → Background jobs and the platform admin console's error log show what a
 * dead letter looks like. Retrying it is harmless (it rebuilds the organization's analytics).
 * On the seed's one transaction, as the service role.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { actAs, type Tx } from "@/lib/db";
import { recordJobFailureIn } from "@/lib/jobs/failures";

export async function seedDemoDeadLetter(tx: Tx, options: { orgId: string }): Promise<void> {
  await actAs(tx, "service_role");
  await recordJobFailureIn(tx, {
    orgId: options.orgId,
    queue: "analytics.rebuild",
    jobId: randomUUID(),
    data: { orgId: options.orgId },
    error: "Demo: statement timeout while rebuilding the analytics rollups",
    attempts: 3,
  });
}
