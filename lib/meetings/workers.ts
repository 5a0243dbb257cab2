import "server-only";
import { withService } from "@/lib/db";
import { enqueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { staleGoogleEventWrites, writeGoogleEvent } from "./google-write";
import { googleEventQueue, googleEventSweepQueue } from "./queue";

class TryAgain extends Error {}

/** One meeting's Google Calendar event; a passing failure is already on the meeting, and the queue tries again. */
export const googleEventJob = defineJob({
  ...googleEventQueue,
  async run({ eventId }) {
    if ((await writeGoogleEvent(eventId)) === "retry")
      throw new TryAgain("Google Calendar could not take the change yet.");
  },
  async soon(input) {
    if ((await writeGoogleEvent(input.eventId)) === "retry")
      await enqueue(googleEventQueue, input, { singletonKey: input.eventId, startAfterSeconds: 5 });
  },
});

/** A platform job over every organization's events, hence the service role inside. */
export const googleEventSweepJob = defineJob({
  ...googleEventSweepQueue,
  async run() {
    const due = await withService((tx) => staleGoogleEventWrites(tx));
    for (const input of due) await enqueue(googleEventQueue, input, { singletonKey: input.eventId });
    if (due.length) logger.info({ events: due.length }, "google calendar writes queued again");
  },
});
