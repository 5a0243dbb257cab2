import { enqueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { pendingInboundEventIds, processInboundEvent } from "./events";
import { inboundSweepQueue, processInboundEventQueue, processInboundSoon } from "./queue";

class TryAgain extends Error {}

export const processInboundEventJob = defineJob({
  ...processInboundEventQueue,
  async run({ eventId }) {
    const { result, followUps } = await processInboundEvent(eventId);
    processInboundSoon(followUps);
    if (result === "retry") throw new TryAgain("The event could not be processed yet.");
  },
  async soon({ eventId }) {
    const { result, followUps } = await processInboundEvent(eventId);
    for (const id of followUps) {
      const next = await processInboundEvent(id);
      if (next.result === "retry") await enqueue(processInboundEventQueue, { eventId: id }, { startAfterSeconds: 5 });
    }
    if (result === "retry") await enqueue(processInboundEventQueue, { eventId }, { startAfterSeconds: 5 });
  },
});

/** Every minute: events whose after-response processing never finished (a crash, a restart mid-request). */
export const inboundSweepJob = defineJob({
  ...inboundSweepQueue,
  async run() {
    const events = await pendingInboundEventIds(20);
    for (const eventId of events) {
      const { followUps } = await processInboundEvent(eventId);
      for (const id of followUps) await processInboundEvent(id);
    }
    if (events.length) logger.info({ events: events.length }, "inbound sweep");
  },
});
