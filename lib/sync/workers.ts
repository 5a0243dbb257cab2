import "server-only";
import { enqueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { runCalendarSync } from "./calendar/run";
import { queueDueCalendarSyncs } from "./calendar/start";
import { calendarSweepQueue, calendarSyncQueue } from "./queue";

/** One user's Calendar sync job; its outcome is in sync_jobs, so nothing is thrown to the queue. */
export const calendarSyncJob = defineJob({
  ...calendarSyncQueue,
  run: (input) => runCalendarSync(input.jobId),
  soon: (input) => runCalendarSync(input.jobId),
});

/** A platform job over every organization's connections, hence the service role inside. */
export const calendarSweepJob = defineJob({
  ...calendarSweepQueue,
  async run() {
    const jobs = await queueDueCalendarSyncs();
    // One queue entry per job: connections sync side by side, and a slow calendar holds up no other.
    for (const job of jobs)
      await enqueue(calendarSyncQueue, { orgId: job.orgId, userId: job.userId, jobId: job.jobId });
    if (jobs.length) logger.info({ jobs: jobs.length }, "calendar syncs queued");
  },
});
