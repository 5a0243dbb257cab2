import { z } from "zod";
import { enqueue } from "@/lib/jobs/boss";
import { defineJob, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { runSoon } from "@/lib/jobs/soon";
import { logger } from "@/lib/log";
import { deliverDigest, deliverNotification, gatherDigests, MAX_DELIVERY_ATTEMPTS, strandedWork, type DeliveryOutcome } from "./delivery";
import { sendMeetingReminders } from "./reminders";

class TryAgain extends Error {}

const deliverInput = z.union([z.object({ deliveryId: z.uuid() }), z.object({ digestId: z.uuid() })]);
type DeliverInput = z.infer<typeof deliverInput>;

/** The attempts after the first (which happens right after the notifying transaction commits). */
export const deliverJob = defineJob({
  name: "notifications.deliver",
  input: deliverInput,
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: MAX_DELIVERY_ATTEMPTS - 2 },
  concurrency: 4,
  async run(input) {
    const outcome = "deliveryId" in input ? await deliverNotification(input.deliveryId) : await deliverDigest(input.digestId);
    if (outcome === "retry" || outcome === "busy") throw new TryAgain("The notification could not be delivered yet.");
  },
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The first attempt, right after the caller's transaction. On PostgreSQL the work can start
 * before that transaction has committed (outside a request there is no "after response"),
 * so a delivery not visible yet is looked for again for a few seconds; one that never
 * appears was rolled back. A passing failure goes to the job queue with backoff.
 */
async function firstAttempt(input: DeliverInput): Promise<void> {
  const attempt = () => ("deliveryId" in input ? deliverNotification(input.deliveryId) : deliverDigest(input.digestId));
  let outcome: DeliveryOutcome = await attempt();
  for (let wait = 50; outcome === "missing" && wait <= 1600; wait *= 2) {
    await delay(wait);
    outcome = await attempt();
  }
  const key = "deliveryId" in input ? input.deliveryId : input.digestId;
  if (outcome === "retry" || outcome === "busy" || outcome === "missing")
    await enqueue(deliverJob, input, { singletonKey: key, startAfterSeconds: outcome === "missing" ? 10 : 5 });
}

export function deliverSoon(deliveryIds: string[]): void {
  if (!deliveryIds.length) return;
  runSoon("notifications.deliver", async () => {
    for (const deliveryId of deliveryIds) await firstAttempt({ deliveryId });
  });
}

/**
 * Every minute: deliveries held by quiet hours whose quiet period has ended go out as one
 * digest per user and channel; first attempts lost to a crash are made now.
 */
export const digestJob = defineJob({
  name: "notifications.digest",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
  async run() {
    const digests = await gatherDigests();
    for (const digestId of digests) await firstAttempt({ digestId });
    const stranded = await strandedWork(60);
    for (const deliveryId of stranded.deliveries) await firstAttempt({ deliveryId });
    for (const digestId of stranded.digests) await firstAttempt({ digestId });
    if (digests.length || stranded.deliveries.length) logger.info({ digests: digests.length, stranded: stranded.deliveries.length }, "notification digests");
  },
});

/** Every minute: reminders for meetings entering their owner's reminder window. */
export const meetingRemindersJob = defineJob({
  name: "notifications.meeting-reminders",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
  async run() {
    await sendMeetingReminders();
  },
});
