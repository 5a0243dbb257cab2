import "server-only";
import { withService } from "@/lib/db";
import { jobQueue } from "./boss";

export type QueueHealth = {
  queue: string;
  /** Runnable now. */
  ready: number;
  /** Waiting for a later start (retries with backoff, scheduled work). */
  deferred: number;
  active: number;
  /** Failed jobs pg-boss still keeps (its retention bounds this: a rolling count). */
  failed: number;
  /** failed / (failed + completed) over what pg-boss still keeps; null with nothing finished. */
  failureRate: number | null;
  /** Dead letters recorded in the last 24 hours (public.job_failures). */
  deadLetters24h: number;
};

/**
 * Backlog and failures per queue, for the platform admin console: pg-boss's own counts
 * (getQueues) plus the dead letters Kiln recorded (read as the service role: they span
 * organizations). One after the other, never inside a transaction: on PGlite pg-boss shares the
 * one connection.
 */
export async function queueHealth(): Promise<QueueHealth[]> {
  const queues = await (await jobQueue()).getQueues();
  const dead = await withService((tx) =>
    tx.query<{ queue: string; count: number }>(
      `select queue, count(*)::int as count from public.job_failures
        where failed_at > now() - interval '24 hours' group by queue`,
    ),
  );
  const deadByQueue = new Map(dead.rows.map((r) => [r.queue, r.count]));
  const rows = queues.map((q) => {
    const completed = Math.max(0, q.totalCount - q.queuedCount - q.activeCount - q.failedCount);
    const finished = completed + q.failedCount;
    return {
      queue: q.name,
      ready: q.readyCount,
      deferred: q.deferredCount,
      active: q.activeCount,
      failed: q.failedCount,
      failureRate: finished ? q.failedCount / finished : null,
      deadLetters24h: deadByQueue.get(q.name) ?? 0,
    };
  });
  // Dead letters of a queue pg-boss no longer lists (renamed or removed) still show.
  for (const [queue, count] of deadByQueue) {
    if (!rows.some((r) => r.queue === queue)) {
      rows.push({ queue, ready: 0, deferred: 0, active: 0, failed: 0, failureRate: null, deadLetters24h: count });
    }
  }
  return rows.sort((a, b) => b.ready + b.deferred - (a.ready + a.deferred) || a.queue.localeCompare(b.queue));
}
