import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

/**
 * Shared mailboxes read over IMAP (mailbox-workers.ts): every minute a bounded batch of the
 * least recently polled ones. With `channelId` the run polls that mailbox ("poll now", tests).
 */
export const mailboxPollQueue = defineQueue({
  name: "channels.mailbox-poll",
  input: z.object({ channelId: z.uuid().optional() }).passthrough(),
  // A failed run is not retried: the next minute's run starts from the same cursor anyway.
  queue: { retryLimit: 0, expireInSeconds: 600 },
  schedule: "* * * * *",
});
