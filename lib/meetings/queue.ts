import { z } from "zod";
import { defineQueue, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/** Processing a stored Calendly delivery again after a passing failure (or a missing booking). */
export const processCalendlyEventQueue = defineQueue({
  name: "meetings.process-calendly-event",
  input: z.object({ eventId: z.uuid() }),
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: 6 },
});

/** Every minute: Calendly deliveries whose after-response processing never finished (lib/meetings/workers.ts). */
export const calendlySweepQueue = defineQueue({
  name: "meetings.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

/**
 * Processes new deliveries right after Calendly has been answered. A booking also processes the
 * no-shows that were waiting for it; anything that cannot be processed yet goes to the retry queue.
 */
export function processCalendlySoon(eventIds: string[]): void {
  for (const eventId of eventIds) runJobSoon(processCalendlyEventQueue, { eventId });
}
