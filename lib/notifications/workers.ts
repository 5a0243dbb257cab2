import { enqueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { deliverDigest, deliverNotification, gatherDigests, strandedWork, type DeliveryOutcome } from "./delivery";
import { deliverQueue, digestQueue, meetingRemindersQueue, type DeliverInput } from "./queue";
import { sendMeetingReminders } from "./reminders";

class TryAgain extends Error {}

export const deliverJob = defineJob({
  ...deliverQueue,
  async run(input) {
    const outcome =
      "deliveryId" in input ? await deliverNotification(input.deliveryId) : await deliverDigest(input.digestId);
    if (outcome === "retry" || outcome === "busy") throw new TryAgain("The notification could not be delivered yet.");
  },
  soon: firstAttempt,
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
    await enqueue(deliverQueue, input, { singletonKey: key, startAfterSeconds: outcome === "missing" ? 10 : 5 });
}

/**
 * Every minute: deliveries held by quiet hours whose quiet period has ended go out as one
 * digest per user and channel; first attempts lost to a crash are made now.
 */
export const digestJob = defineJob({
  ...digestQueue,
  async run() {
    const digests = await gatherDigests();
    for (const digestId of digests) await firstAttempt({ digestId });
    const stranded = await strandedWork(60);
    for (const deliveryId of stranded.deliveries) await firstAttempt({ deliveryId });
    for (const digestId of stranded.digests) await firstAttempt({ digestId });
    if (digests.length || stranded.deliveries.length)
      logger.info({ digests: digests.length, stranded: stranded.deliveries.length }, "notification digests");
  },
});

export const meetingRemindersJob = defineJob({
  ...meetingRemindersQueue,
  async run() {
    await sendMeetingReminders();
  },
});
