import { z } from "zod";
import type { Tx } from "@/lib/db";
import { afterCommit } from "@/lib/db/after-commit";
import { defineQueue } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/**
 * Delivering one pending attempt (a webhook_deliveries row) to its endpoint. The retry
 * schedule is lib/webhooks/delivery.ts's own (each retry is a new pending row with its due
 * time, up to 24 hours), so a job is one attempt and pg-boss only covers a crashed worker.
 */
export const deliverWebhookQueue = defineQueue({
  name: "webhooks.deliver",
  input: z.object({ deliveryId: z.uuid(), orgId: z.uuid() }),
  queue: { retryLimit: 2, retryDelay: 30, expireInSeconds: 120 },
  concurrency: 10,
  orgOf: (input) => input.orgId,
});

/** Every minute: pending attempts that are due (retries, and first attempts whose job was lost). */
export const webhooksSweepQueue = defineQueue({
  name: "webhooks.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

/**
 * Tries just-recorded deliveries once the producer's transaction `tx` has committed: before
 * that, the attempt (on another connection) would not see the rows and would skip them.
 */
export function deliverWebhooksSoon(tx: Tx, deliveries: { deliveryId: string; orgId: string }[]): void {
  afterCommit(tx, () => runJobSoon(deliverWebhookQueue, ...deliveries));
}
