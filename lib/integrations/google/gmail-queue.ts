import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/**
 * Members' Gmail into the inbox (gmail-workers.ts): every minute a Gmail sync job (a sync_jobs
 * row) for each connection with the gmail part on, joining one already waiting or running, each
 * handed to `sync.gmail.job`. A job that could not finish a mailbox's full read in its minute
 * leaves a cursor and queues the next job, handed to `sync.gmail.job` at once, which resumes there.
 */
export const gmailSyncQueue = defineQueue({
  name: "sync.gmail",
  // Older entries carried an optional orgId/userId; the schedule now covers every mailbox.
  input: z.object({}).passthrough(),
  // Not retried: the next minute's run queues the same jobs anyway.
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

/**
 * One Gmail sync job of one user's connection: run right after "sync now" (syncGmailSoon), when
 * the schedule queued it, or when the job before it ran out of time in a full read. A failure ends in the job's row, which the user sees, and the next
 * minute tries again; the queue itself does not retry.
 */
export const gmailSyncJobQueue = defineQueue({
  name: "sync.gmail.job",
  input: z.object({ orgId: z.uuid(), userId: z.uuid(), jobId: z.uuid() }),
  queue: { retryLimit: 0, expireInSeconds: 900 },
  // Mailboxes one worker reads side by side: each message is a Gmail call and a transaction.
  concurrency: 4,
  orgOf: (input) => input.orgId,
});

/** Runs a just-queued job right after the response (the user pressed "sync now"). */
export function syncGmailSoon(job: { orgId: string; userId: string; jobId: string }): void {
  runJobSoon(gmailSyncJobQueue, job);
}
