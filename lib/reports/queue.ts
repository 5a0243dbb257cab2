import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineQueue, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/**
 * Scheduled reports' jobs (handlers in workers.ts): a dispatcher every few minutes finds due
 * subscriptions and puts one generation per report on the queue; "Send now" puts one there at
 * once. A generation renders the PDF as the subscriber, stores it and emails it.
 */
const generateInput = z.object({
  subscriptionId: z.uuid(),
  /** The run this job records (a retry records the same one). */
  runId: z.uuid(),
  /** The slot it is for (scheduled) or when it was asked for (send now): decides the period. */
  runAt: z.iso.datetime(),
  scheduled: z.boolean(),
});
export type GenerateReportInput = z.infer<typeof generateInput>;

export const generateReportQueue = defineQueue({
  name: "reports.generate",
  input: generateInput,
  // Rendering takes a while on a busy organization; a failed email is tried again with backoff.
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: 4, expireInSeconds: 600 },
  concurrency: 2,
});

/** Every five minutes (UTC): reports are scheduled on whole local hours, so they go out within minutes. */
export const dispatchReportsQueue = defineQueue({
  name: "reports.dispatch",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 240 },
  schedule: "*/5 * * * *",
});

/** "Send now": generates and emails the subscription's report right after the request. */
export function sendReportSoon(subscriptionId: string, now = new Date()): GenerateReportInput {
  const input = { subscriptionId, runId: randomUUID(), runAt: now.toISOString(), scheduled: false };
  runJobSoon(generateReportQueue, input);
  return input;
}
