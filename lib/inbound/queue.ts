import { z } from "zod";
import { defineQueue, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/** Processing a stored delivery again after a passing failure (or a delivery it depends on arriving). */
export const processInboundEventQueue = defineQueue({
  name: "inbound.process-event",
  input: z.object({ eventId: z.uuid() }),
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: 6 },
});

/** Every minute: deliveries whose after-response processing never finished (lib/inbound/workers.ts). */
export const inboundSweepQueue = defineQueue({
  name: "inbound.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
  schedule: "* * * * *",
});

/**
 * Processes just-recorded deliveries right after the provider has been answered (after() in a
 * request); the events they unblock come next, and anything that cannot be processed yet
 * goes to the retry queue.
 */
export function processInboundSoon(eventIds: string[]): void {
  for (const eventId of eventIds) runJobSoon(processInboundEventQueue, { eventId });
}
