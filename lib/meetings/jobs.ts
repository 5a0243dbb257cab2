import { z } from "zod";
import { enqueue } from "@/lib/jobs/boss";
import { defineJob, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { runSoon } from "@/lib/jobs/soon";
import { logger } from "@/lib/log";
import { pendingCalendlyEventIds, processCalendlyEvent } from "./ingest";

class TryAgain extends Error {}

/** Processing a stored Calendly delivery again after a passing failure (or a missing booking). */
export const processCalendlyEventJob = defineJob({
  name: "meetings.process-calendly-event",
  input: z.object({ eventId: z.uuid() }),
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: 6 },
  async run({ eventId }) {
    const { result, followUps } = await processCalendlyEvent(eventId);
    processCalendlySoon(followUps);
    if (result === "retry") throw new TryAgain("The Calendly event could not be processed yet.");
  },
});

/** Every minute: Calendly deliveries whose after-response processing never finished. */
export const calendlySweepJob = defineJob({
  name: "meetings.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
  async run() {
    const events = await pendingCalendlyEventIds(20);
    for (const eventId of events) {
      const { followUps } = await processCalendlyEvent(eventId);
      for (const id of followUps) await processCalendlyEvent(id);
    }
    if (events.length) logger.info({ events: events.length }, "calendly sweep");
  },
});

/**
 * Processes new deliveries right after Calendly has been answered. A booking also processes the
 * no-shows that were waiting for it; anything that cannot be processed yet goes to the retry queue.
 */
export function processCalendlySoon(eventIds: string[]): void {
  for (const eventId of eventIds) {
    runSoon("meetings.process-calendly-event", async () => {
      const { result, followUps } = await processCalendlyEvent(eventId);
      for (const id of followUps) {
        const next = await processCalendlyEvent(id);
        if (next.result === "retry") await enqueue(processCalendlyEventJob, { eventId: id }, { startAfterSeconds: 5 });
      }
      if (result === "retry") await enqueue(processCalendlyEventJob, { eventId }, { startAfterSeconds: 5 });
    });
  }
}
