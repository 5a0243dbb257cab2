import { defineJob } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { deliverMessage, staleQueuedMessageIds } from "./outbound";
import { inboxSweepQueue, sendMessageQueue } from "./queue";

class TryAgain extends Error {}

export const sendMessageJob = defineJob({
  ...sendMessageQueue,
  async run({ messageId }) {
    const result = await deliverMessage(messageId);
    if (result === "retry") throw new TryAgain("The provider could not take the message yet.");
    // Recorded as a dead letter for the organization's admins; the message already shows "failed".
    if (result === "gave_up") throw new Error("The provider kept failing; the message was marked failed.");
  },
  async soon(input) {
    if ((await deliverMessage(input.messageId)) === "retry")
      await enqueue(sendMessageQueue, input, { singletonKey: input.messageId, startAfterSeconds: 5 });
  },
});

/**
 * Every minute: outbound messages whose first send attempt was lost (a crash, a restart
 * mid-request). Inbound events have the pipeline's own sweeper (lib/inbound/workers.ts).
 */
export const inboxSweepJob = defineJob({
  ...inboxSweepQueue,
  async run() {
    const messages = await staleQueuedMessageIds(60);
    for (const message of messages)
      await enqueue(sendMessageQueue, { messageId: message.id, orgId: message.orgId }, { singletonKey: message.id });
    if (messages.length) logger.info({ messages: messages.length }, "inbox sweep");
  },
});
