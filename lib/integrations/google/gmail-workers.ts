import "server-only";
import { enqueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { gmailSyncJobQueue, gmailSyncQueue } from "./gmail-queue";
import { queueDueGmailSyncs } from "./gmail-start";
import { runGmailSync } from "./gmail-sync";

/** One user's Gmail sync job; its outcome is in sync_jobs, so nothing is thrown to the queue. */
export const gmailSyncRunJob = defineJob({
  ...gmailSyncJobQueue,
  run: (input) => runGmailSync(input.jobId),
  soon: (input) => runGmailSync(input.jobId),
});

/** A platform job over every organization's connections, hence the service role inside. */
export const gmailSyncJob = defineJob({
  ...gmailSyncQueue,
  async run() {
    const jobs = await queueDueGmailSyncs();
    // One queue entry per job: mailboxes sync side by side, and a slow one holds up no other.
    // A job already running claims nothing when its entry comes up.
    for (const job of jobs)
      await enqueue(gmailSyncJobQueue, { orgId: job.orgId, userId: job.userId, jobId: job.jobId });
    const created = jobs.filter((job) => job.created).length;
    if (created) logger.info({ jobs: created }, "gmail syncs queued");
  },
});
