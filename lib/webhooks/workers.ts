import "server-only";
import { defineJob } from "@/lib/jobs/define";
import { attemptDelivery, deliverDue, pruneWebhookEvents } from "./delivery";
import { deliverWebhookQueue, webhooksSweepQueue } from "./queue";

/** One delivery attempt (its retries are new pending rows the sweep takes when due). */
export const deliverWebhookJob = defineJob({
  ...deliverWebhookQueue,
  run: async (input) => {
    await attemptDelivery(input.deliveryId);
  },
  soon: async (input) => {
    await attemptDelivery(input.deliveryId);
  },
});

/** Every minute: due retries and lost first attempts; events past the log's 30 days. */
export const webhooksSweepJob = defineJob({
  ...webhooksSweepQueue,
  run: async () => {
    const now = new Date();
    await deliverDue({ now });
    await pruneWebhookEvents(now);
  },
});
