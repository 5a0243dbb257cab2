import { z } from "zod";
import { defineQueue, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/** Send attempts before an outbound message is marked failed (the first one and the queue's retries). */
export const MAX_SEND_ATTEMPTS = 6;

/** Sending an outbound message again after a passing provider failure. */
export const sendMessageQueue = defineQueue({
  name: "inbox.send-message",
  input: z.object({ messageId: z.uuid(), orgId: z.uuid() }),
  // The first attempt happens right after the request (sendSoon); these are the rest.
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: MAX_SEND_ATTEMPTS - 2 },
  orgOf: (input) => input.orgId,
});

/** Every minute: outbound messages whose first send attempt was lost (lib/inbox/workers.ts). */
export const inboxSweepQueue = defineQueue({
  name: "inbox.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

/** Sends a just-queued message right after the response; a passing failure goes to the retry queue. */
export function sendSoon(message: { id: string; orgId: string }): void {
  runJobSoon(sendMessageQueue, { messageId: message.id, orgId: message.orgId });
}

/** Every minute: conversations waiting longer than their channel's response-time SLA (lib/inbox/sla.ts). */
export const slaSweepQueue = defineQueue({
  name: "inbox.sla-sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

/** Copying a lead's media from the provider into storage (lib/inbox/media-download.ts). */
export const downloadMediaQueue = defineQueue({
  name: "inbox.download-media",
  input: z.object({ attachmentId: z.uuid(), messageId: z.uuid(), orgId: z.uuid() }),
  // The first attempt happens right after ingest (downloadMediaSoon); these are the rest.
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: 4 },
  orgOf: (input) => input.orgId,
});

/** Downloads just-recorded inbound media once the ingest transaction has committed. */
export function downloadMediaSoon(messageId: string, orgId: string, attachmentIds: string[]): void {
  runJobSoon(downloadMediaQueue, ...attachmentIds.map((attachmentId) => ({ attachmentId, messageId, orgId })));
}
