import { enqueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { pendingCalendlyEventIds, processCalendlyEvent } from "./ingest";
import { calendlySweepQueue, processCalendlyEventQueue, processCalendlySoon } from "./queue";

class TryAgain extends Error {}

export const processCalendlyEventJob = defineJob({
  ...processCalendlyEventQueue,
  async run({ eventId }) {
    const { result, followUps } = await processCalendlyEvent(eventId);
    processCalendlySoon(followUps);
    if (result === "retry") throw new TryAgain("The Calendly event could not be processed yet.");
  },
  async soon({ eventId }) {
    const { result, followUps } = await processCalendlyEvent(eventId);
    for (const id of followUps) {
      const next = await processCalendlyEvent(id);
      if (next.result === "retry") await enqueue(processCalendlyEventQueue, { eventId: id }, { startAfterSeconds: 5 });
    }
    if (result === "retry") await enqueue(processCalendlyEventQueue, { eventId }, { startAfterSeconds: 5 });
  },
});

export const calendlySweepJob = defineJob({
  ...calendlySweepQueue,
  async run() {
    const events = await pendingCalendlyEventIds(20);
    for (const eventId of events) {
      const { followUps } = await processCalendlyEvent(eventId);
      for (const id of followUps) await processCalendlyEvent(id);
    }
    if (events.length) logger.info({ events: events.length }, "calendly sweep");
  },
});
