import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/** One step of a bulk template send: a batch of recipients, then the next step after the run's pace allows. */
export const bulkStepQueue = defineQueue({
  name: "outreach.bulk-step",
  input: z.object({ runId: z.uuid(), orgId: z.uuid() }),
  queue: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 },
  orgOf: (input) => input.orgId,
});

/** Every hour: each WhatsApp-capable channel's templates and their approval status from the provider. */
export const templateSyncQueue = defineQueue({
  name: "outreach.sync-templates",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 600 },
  schedule: "17 * * * *",
});

/** Daily: agents propose a re-engagement template for cooling leads (lib/approvals/reengage.ts). */
export const reengageQueue = defineQueue({
  name: "outreach.reengage",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 600 },
  schedule: "40 8 * * *",
});

/** The first step runs right after the request that started the run. */
export function bulkStepSoon(input: { runId: string; orgId: string }): void {
  runJobSoon(bulkStepQueue, input);
}
