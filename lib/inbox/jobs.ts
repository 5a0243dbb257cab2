import { z } from "zod";
import { defineJob, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/boss";
import { runSoon } from "@/lib/jobs/soon";
import { logger } from "@/lib/log";
import { pendingInboundEventIds, processInboundEvent } from "./ingest";
import { deliverMessage, MAX_SEND_ATTEMPTS, staleQueuedMessageIds } from "./outbound";

class TryAgain extends Error {}

/** Processing a stored webhook event again after a passing failure. */
export const processInboundEventJob = defineJob({
  name: "inbox.process-event",
  input: z.object({ eventId: z.uuid() }),
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: 6 },
  async run({ eventId }) {
    const result = await processInboundEvent(eventId);
    if (result === "retry") throw new TryAgain("The event could not be processed yet.");
  },
});

/** Sending an outbound message again after a passing provider failure. */
export const sendMessageJob = defineJob({
  name: "inbox.send-message",
  input: z.object({ messageId: z.uuid(), orgId: z.uuid() }),
  // The first attempt happens right after the request (sendSoon); these are the rest.
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: MAX_SEND_ATTEMPTS - 2 },
  orgOf: (input) => input.orgId,
  async run({ messageId }) {
    const result = await deliverMessage(messageId);
    if (result === "retry") throw new TryAgain("The provider could not take the message yet.");
    // Recorded as a dead letter for the organization's admins; the message already shows "failed".
    if (result === "gave_up") throw new Error("The provider kept failing; the message was marked failed.");
  },
});

/**
 * Every minute: events whose after-response processing never finished (a crash, a
 * restart mid-request) and outbound messages whose first send attempt was lost.
 */
export const inboxSweepJob = defineJob({
  name: "inbox.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
  async run() {
    const events = await pendingInboundEventIds(20);
    for (const eventId of events) await processInboundEvent(eventId);
    const messages = await staleQueuedMessageIds(60);
    for (const message of messages) await enqueue(sendMessageJob, { messageId: message.id, orgId: message.orgId }, { singletonKey: message.id });
    if (events.length || messages.length) logger.info({ events: events.length, messages: messages.length }, "inbox sweep");
  },
});

/** Processes new webhook events right after the provider has been answered; a failure goes to the retry queue. */
export function processSoon(eventIds: string[]): void {
  for (const eventId of eventIds) {
    runSoon("inbox.process-event", async () => {
      if ((await processInboundEvent(eventId)) === "retry") await enqueue(processInboundEventJob, { eventId }, { startAfterSeconds: 5 });
    });
  }
}

/** Sends a just-queued message right after the response; a passing failure goes to the retry queue. */
export function sendSoon(message: { id: string; orgId: string }): void {
  runSoon("inbox.send-message", async () => {
    if ((await deliverMessage(message.id)) === "retry")
      await enqueue(sendMessageJob, { messageId: message.id, orgId: message.orgId }, { singletonKey: message.id, startAfterSeconds: 5 });
  });
}
