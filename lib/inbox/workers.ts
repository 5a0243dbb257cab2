import { defineJob } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { pendingInboundEventIds, processInboundEvent } from "./ingest";
import { deliverMessage, staleQueuedMessageIds } from "./outbound";
import { inboxSweepQueue, processInboundEventQueue, sendMessageQueue } from "./queue";

class TryAgain extends Error {}

export const processInboundEventJob = defineJob({
  ...processInboundEventQueue,
  async run({ eventId }) {
    const result = await processInboundEvent(eventId);
    if (result === "retry") throw new TryAgain("The event could not be processed yet.");
  },
  async soon({ eventId }) {
    if ((await processInboundEvent(eventId)) === "retry") await enqueue(processInboundEventQueue, { eventId }, { startAfterSeconds: 5 });
  },
});

export const sendMessageJob = defineJob({
  ...sendMessageQueue,
  async run({ messageId }) {
    const result = await deliverMessage(messageId);
    if (result === "retry") throw new TryAgain("The provider could not take the message yet.");
    // Recorded as a dead letter for the organization's admins; the message already shows "failed".
    if (result === "gave_up") throw new Error("The provider kept failing; the message was marked failed.");
  },
  async soon(input) {
    if ((await deliverMessage(input.messageId)) === "retry") await enqueue(sendMessageQueue, input, { singletonKey: input.messageId, startAfterSeconds: 5 });
  },
});

/**
 * Every minute: events whose after-response processing never finished (a crash, a
 * restart mid-request) and outbound messages whose first send attempt was lost.
 */
export const inboxSweepJob = defineJob({
  ...inboxSweepQueue,
  async run() {
    const events = await pendingInboundEventIds(20);
    for (const eventId of events) await processInboundEvent(eventId);
    const messages = await staleQueuedMessageIds(60);
    for (const message of messages) await enqueue(sendMessageQueue, { messageId: message.id, orgId: message.orgId }, { singletonKey: message.id });
    if (events.length || messages.length) logger.info({ events: events.length, messages: messages.length }, "inbox sweep");
  },
});
