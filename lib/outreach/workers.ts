import { defineJob } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/boss";
import { proposeReengagements } from "@/lib/approvals/reengage";
import { logger } from "@/lib/log";
import { bulkStep } from "./bulk";
import { bulkStepQueue, reengageQueue, templateSyncQueue } from "./queue";
import { syncAllTemplates } from "./sync";

/** A step of a bulk send; the next one is queued for when the run's pace allows. */
export const bulkStepJob = defineJob({
  ...bulkStepQueue,
  async run(input) {
    const { remaining, delaySeconds } = await bulkStep(input.runId);
    if (remaining) await enqueue(bulkStepQueue, input, { startAfterSeconds: delaySeconds });
  },
  async soon(input) {
    const { remaining, delaySeconds } = await bulkStep(input.runId);
    if (remaining) await enqueue(bulkStepQueue, input, { startAfterSeconds: delaySeconds });
  },
});

export const templateSyncJob = defineJob({
  ...templateSyncQueue,
  async run() {
    const result = await syncAllTemplates();
    if (result.channels) logger.info(result, "templates synced");
  },
});

/** Daily: the agents propose a re-engagement template for cooling leads, into the approval queue. */
export const reengageJob = defineJob({
  ...reengageQueue,
  async run() {
    const proposed = await proposeReengagements();
    if (proposed) logger.info({ proposed }, "re-engagement templates proposed");
  },
});
