import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/**
 * One Calendar sync job (a sync_jobs row) of one user's connection: run right after "sync now"
 * (syncCalendarSoon) or when the sweep queued it. A failure ends in the job's row, which the
 * user sees, and the next sweep tries again; the queue itself does not retry.
 */
export const calendarSyncQueue = defineQueue({
  name: "sync.calendar",
  input: z.object({ orgId: z.uuid(), userId: z.uuid(), jobId: z.uuid() }),
  queue: { retryLimit: 0, expireInSeconds: 900 },
  orgOf: (input) => input.orgId,
});

/** Every five minutes: a Calendar sync job for each connection with Calendar on (lib/sync/workers.ts). */
export const calendarSweepQueue = defineQueue({
  name: "sync.calendar.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 240 },
  schedule: "*/5 * * * *",
});

/** Runs a just-queued job right after the response (the user pressed "sync now"). */
export function syncCalendarSoon(job: { orgId: string; userId: string; jobId: string }): void {
  runJobSoon(calendarSyncQueue, job);
}
