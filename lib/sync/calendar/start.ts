/**
 * Where Calendar sync jobs come from: a user's "sync now" and the five-minute sweep over every
 * connection with Calendar on (lib/sync/start.ts, shared with Gmail).
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { queueDueSyncs, requestSync, type QueuedSync } from "../start";

/**
 * "Sync now" for the signed-in user: a queued job (or the one already waiting or running).
 * 409 when Calendar is not connected and on: there is nothing to sync.
 */
export const requestCalendarSync = (
  rls: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  orgId: string,
  userId: string,
): Promise<QueuedSync> => requestSync(rls, orgId, userId, "calendar");

/** The sweep: a job per connection with Calendar on (joining one already waiting). */
export const queueDueCalendarSyncs = (): Promise<QueuedSync[]> => queueDueSyncs("calendar");
