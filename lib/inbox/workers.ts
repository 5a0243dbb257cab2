import { defineJob } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { removeAbandonedUploads, stalePendingDownloads } from "./attachments";
import { downloadInboundMedia, MAX_DOWNLOAD_ATTEMPTS } from "./media-download";
import { deliverMessage, staleQueuedMessageIds } from "./outbound";
import { downloadMediaQueue, inboxSweepQueue, sendMessageQueue, slaSweepQueue } from "./queue";
import { sweepResponseSlas } from "./sla";

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
 * mid-request), inbound files whose first copy was lost, and uploads never sent. Inbound events have the pipeline's own sweeper (lib/inbound/workers.ts).
 */
export const inboxSweepJob = defineJob({
  ...inboxSweepQueue,
  async run() {
    const messages = await staleQueuedMessageIds(60);
    for (const message of messages)
      await enqueue(sendMessageQueue, { messageId: message.id, orgId: message.orgId }, { singletonKey: message.id });
    const downloads = await stalePendingDownloads(120, MAX_DOWNLOAD_ATTEMPTS);
    for (const download of downloads)
      await enqueue(downloadMediaQueue, download, { singletonKey: download.attachmentId });
    const abandoned = await removeAbandonedUploads();
    if (messages.length || downloads.length || abandoned)
      logger.info({ messages: messages.length, downloads: downloads.length, abandoned }, "inbox sweep");
  },
});

/** Every minute: reports each wait past its response-time SLA once (lib/inbox/sla.ts). */
export const slaSweepJob = defineJob({
  ...slaSweepQueue,
  async run() {
    await sweepResponseSlas();
  },
});

/** Copies one inbound file into storage; a passing provider failure is retried with backoff. */
export const downloadMediaJob = defineJob({
  ...downloadMediaQueue,
  async run({ attachmentId, messageId }) {
    if ((await downloadInboundMedia(attachmentId, messageId)) === "retry")
      throw new TryAgain("The provider could not hand over the file yet.");
  },
  async soon(input) {
    if ((await downloadInboundMedia(input.attachmentId, input.messageId)) === "retry")
      await enqueue(downloadMediaQueue, input, { singletonKey: input.attachmentId, startAfterSeconds: 5 });
  },
});
