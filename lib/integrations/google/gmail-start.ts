/**
 * Where Gmail sync jobs come from: a user's "sync now" and the every-minute schedule over every
 * connection with Gmail on (lib/sync/start.ts, shared with Calendar). Both queue through the sync
 * bookkeeping, which keeps one waiting or running job per connection and target, so two workers
 * never read one mailbox at once.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { queueDueSyncs, requestSync, type QueuedSync } from "@/lib/sync/start";

/**
 * "Sync now" for the signed-in user: a queued job (or the one already waiting or running).
 * 409 when Gmail is not connected and on: there is nothing to sync.
 */
export const requestGmailSync = (
  rls: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  orgId: string,
  userId: string,
): Promise<QueuedSync> => requestSync(rls, orgId, userId, "gmail");

/** The schedule: a job per connection with Gmail on (joining one already waiting or running). */
export const queueDueGmailSyncs = (): Promise<QueuedSync[]> => queueDueSyncs("gmail");
