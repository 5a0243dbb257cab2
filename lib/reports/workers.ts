import { enqueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { dispatchDueReports } from "./dispatch";
import { generateReport } from "./generate";
import { dispatchReportsQueue, generateReportQueue, type GenerateReportInput } from "./queue";

export const generateReportJob = defineJob({
  ...generateReportQueue,
  async run(input) {
    await generateReport(input);
  },
  /** "Send now": the first attempt right after the request; a failure is retried by the queue. */
  async soon(input: GenerateReportInput) {
    try {
      await generateReport(input);
    } catch (error) {
      logger.warn({ err: error, subscriptionId: input.subscriptionId }, "report failed; queued for another attempt");
      await enqueue(generateReportQueue, input, { singletonKey: input.runId, startAfterSeconds: 30 });
    }
  },
});

export const dispatchReportsJob = defineJob({
  ...dispatchReportsQueue,
  async run() {
    await dispatchDueReports();
  },
});
