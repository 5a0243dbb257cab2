/**
 * Where sync jobs come from, the same for Calendar and Gmail: a user's "sync now" (their own
 * connection, checked through RLS) and the scheduled sweep over every connection with the target
 * on. Both queue through the sync bookkeeping, which keeps one waiting or running job per
 * connection and target, so two workers never read one calendar or mailbox at once.
 */
import "server-only";
import { withService, type Tx } from "@/lib/db";
import { conflict } from "@/lib/http/errors";
import { getGoogleConnection, googleConnectionsWithPart, partIsOn } from "@/lib/integrations/google/connection";
import { queueSyncJob, type SyncConnection } from "./jobs";
import type { SyncTarget } from "./kinds";

export type QueuedSync = SyncConnection & { jobId: string; created: boolean };

/** The 409 when the target is connected but not on (or not granted). */
const SYNC_OFF = { calendar: "calendarSyncOff", gmail: "gmailSyncOff" } as const satisfies Record<SyncTarget, string>;

/**
 * "Sync now" for the signed-in user: a queued job (or the one already waiting or running).
 * 409 when the target is not connected and on: there is nothing to sync.
 */
export async function requestSync(
  rls: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  orgId: string,
  userId: string,
  target: SyncTarget,
): Promise<QueuedSync> {
  const connection = await rls((tx) => getGoogleConnection(tx, orgId, userId));
  if (!connection || connection.status === "disconnected") throw conflict("googleNotConnected");
  if (!partIsOn(connection, target)) throw conflict(SYNC_OFF[target]);
  const c = { orgId, userId, connectionId: connection.id };
  // The bookkeeping is the sync's own (service role), after the user's own read above.
  const job = await withService((tx) => queueSyncJob(tx, c, target));
  return { ...c, jobId: job.id, created: job.created };
}

/** The sweep: a job per connection with the target on (joining one already waiting or running). */
export async function queueDueSyncs(target: SyncTarget): Promise<QueuedSync[]> {
  return withService(async (tx) => {
    const jobs: QueuedSync[] = [];
    for (const c of await googleConnectionsWithPart(tx, target)) {
      const job = await queueSyncJob(tx, c, target);
      jobs.push({ ...c, jobId: job.id, created: job.created });
    }
    return jobs;
  });
}
