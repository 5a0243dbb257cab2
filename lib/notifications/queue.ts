import { z } from "zod";
import { defineQueue, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/** Attempts before a delivery is marked failed (the first one and the queue's retries). */
export const MAX_DELIVERY_ATTEMPTS = 5;

const deliverInput = z.union([z.object({ deliveryId: z.uuid() }), z.object({ digestId: z.uuid() })]);
export type DeliverInput = z.infer<typeof deliverInput>;

/** The attempts after the first (which happens right after the notifying transaction commits). */
export const deliverQueue = defineQueue({
  name: "notifications.deliver",
  input: deliverInput,
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: MAX_DELIVERY_ATTEMPTS - 2 },
  concurrency: 4,
});

/** Every minute: quiet-hours digests and lost first attempts (lib/notifications/workers.ts). */
export const digestQueue = defineQueue({
  name: "notifications.digest",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

/** Every minute: reminders for meetings entering their owner's reminder window. */
export const meetingRemindersQueue = defineQueue({
  name: "notifications.meeting-reminders",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

export function deliverSoon(deliveryIds: string[]): void {
  runJobSoon(deliverQueue, ...deliveryIds.map((deliveryId) => ({ deliveryId })));
}
