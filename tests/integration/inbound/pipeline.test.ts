import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import {
  MAX_PROCESSING_ATTEMPTS,
  processInboundEvent,
  pruneInboundEvents,
  recordInboundEvents,
} from "@/lib/inbound/events";
import {
  defineInboundHandler,
  registeredInboundHandlers,
  registerInboundHandlers,
  RetryLater,
} from "@/lib/inbound/handlers";
import { processInboundEventQueue, processInboundSoon } from "@/lib/inbound/queue";
import { inboundSweepJob } from "@/lib/inbound/workers";
import { INBOUND_HANDLERS } from "@/lib/jobs/catalog";
import { jobQueue, stopJobQueue } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { settled } from "@/lib/jobs/soon";

afterAll(async () => {
  await stopJobQueue();
  await closeDatabase();
});

/**
 * A provider the app does not handle yet plugs in the way Stripe, voice or email will: one
 * handler registered with the pipeline. The payload tells this one what to do.
 */
type Script = { fail?: "always" | "not_yet_once"; followUps?: string[] };
const calls = new Map<string, number>();
const stripe = defineInboundHandler({
  provider: "stripe",
  async process(tx, event) {
    const seen = (calls.get(event.id) ?? 0) + 1;
    calls.set(event.id, seen);
    const script = event.payload as Script;
    if (script.fail === "always") {
      // Work done before a failure is rolled back with it (the savepoint).
      await tx.query("update public.inbound_events set kind = 'changed by a failing handler' where id = $1", [
        event.id,
      ]);
      throw new Error(`Stripe handler failed on attempt ${seen}`);
    }
    if (script.fail === "not_yet_once" && seen === 1) throw new RetryLater("The subscription is not there yet.");
    return { state: "processed", orgId: event.orgId, followUps: script.followUps ?? [] };
  },
});

let unregister: () => void;
beforeEach(() => {
  unregister = registerInboundHandlers([stripe]);
});
afterEach(() => unregister());

const record = async (script: Script = {}) => {
  const ids = await recordInboundEvents(
    [{ provider: "stripe", eventId: `evt_${randomUUID()}`, kind: "invoice.paid", payload: script }],
    { headers: {} },
  );
  return ids[0]!;
};
const stored = (id: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<{ state: string; attempts: number; error: string | null; kind: string }>(
          "select state, attempts, error, kind from public.inbound_events where id = $1",
          [id],
        )
      ).rows[0]!,
  );
const backdate = (id: string, seconds: number) =>
  withService((tx) =>
    tx.query("update public.inbound_events set received_at = now() - make_interval(secs => $2) where id = $1", [
      id,
      seconds,
    ]),
  );

describe("the inbound-event pipeline", () => {
  it("the job catalogue registers one handler per webhook provider (Twilio, WhatsApp Cloud API, Calendly, email, Stripe)", () => {
    expect(INBOUND_HANDLERS.map((h) => h.provider).sort()).toEqual([
      "calendly",
      "email",
      "stripe",
      "twilio",
      "whatsapp_cloud",
    ]);
    expect(registeredInboundHandlers().map((h) => h.provider)).toEqual(
      expect.arrayContaining(["calendly", "twilio", "whatsapp_cloud", "stripe"]),
    );
  });

  it("records a delivery once: the same provider event id again is a no-op", async () => {
    const eventId = `evt_${randomUUID()}`;
    const draft = { provider: "stripe" as const, eventId, kind: "invoice.paid", payload: {} };
    const first = await recordInboundEvents([draft], { headers: { "user-agent": "Stripe/1.0" } });
    expect(first).toHaveLength(1);
    expect(await recordInboundEvents([draft], { headers: {} })).toEqual([]);
    expect(await stored(first[0]!)).toMatchObject({ state: "pending", attempts: 0 });
  });

  it("a provider's handler registered with the pipeline processes its events once, retries a failure and parks it after the last attempt", async () => {
    const good = await record();
    expect(await processInboundEvent(good)).toEqual({ result: "processed", followUps: [] });
    expect(await processInboundEvent(good)).toEqual({ result: "skipped", followUps: [] });
    expect(calls.get(good)).toBe(1);
    expect(await stored(good)).toMatchObject({ state: "processed", attempts: 1, error: null });

    const bad = await record({ fail: "always" });
    for (let attempt = 1; attempt < MAX_PROCESSING_ATTEMPTS; attempt++) {
      expect((await processInboundEvent(bad)).result).toBe("retry");
      // The failed attempt's own writes are rolled back; the attempt and its error are kept.
      expect(await stored(bad)).toMatchObject({
        state: "pending",
        attempts: attempt,
        error: `Stripe handler failed on attempt ${attempt}`,
        kind: "invoice.paid",
      });
    }
    expect((await processInboundEvent(bad)).result).toBe("failed");
    expect(await stored(bad)).toMatchObject({ state: "failed", attempts: MAX_PROCESSING_ATTEMPTS });
    // Parked: nothing picks it up again.
    expect((await processInboundEvent(bad)).result).toBe("skipped");
    expect(calls.get(bad)).toBe(MAX_PROCESSING_ATTEMPTS);
  });

  it("processes a just-recorded delivery right after the response; a condition that clears up by itself goes to the retry queue with backoff", async () => {
    const ok = await record();
    const notYet = await record({ fail: "not_yet_once" });
    processInboundSoon([ok, notYet]);
    await settled();
    expect(await stored(ok)).toMatchObject({ state: "processed", attempts: 1 });
    expect(await stored(notYet)).toMatchObject({
      state: "pending",
      attempts: 1,
      error: "The subscription is not there yet.",
    });
    const queued = await (
      await jobQueue()
    ).findJobs(processInboundEventQueue.name, { data: { eventId: notYet }, queued: true });
    expect(queued).toHaveLength(1);
    expect(processInboundEventQueue.queue).toMatchObject({ retryBackoff: true, retryLimit: 6 });
    // The retry (the queue's job, or the sweeper) then succeeds.
    expect((await processInboundEvent(notYet)).result).toBe("processed");
  });

  it("processes the events a handler names as waiting for the one it just processed", async () => {
    const waiting = await record();
    const first = await record({ followUps: [waiting] });
    processInboundSoon([first]);
    await settled();
    expect(await stored(first)).toMatchObject({ state: "processed" });
    expect(await stored(waiting)).toMatchObject({ state: "processed" });
  });

  it("the sweeper picks up an event whose in-request processing never ran, and leaves a fresh one to its own run", async () => {
    const lost = await record();
    await backdate(lost, 60);
    const fresh = await record();
    await inboundSweepJob.run({}, { id: "test", attempt: 1 });
    expect(await stored(lost)).toMatchObject({ state: "processed", attempts: 1 });
    expect(await stored(fresh)).toMatchObject({ state: "pending", attempts: 0 });
  });

  it("leaves the events of a provider with no handler in this process pending", async () => {
    const id = await record();
    await backdate(id, 60);
    unregister();
    expect((await processInboundEvent(id)).result).toBe("skipped");
    await inboundSweepJob.run({}, { id: "test", attempt: 1 });
    expect(await stored(id)).toMatchObject({ state: "pending", attempts: 0 });
    expect(calls.get(id)).toBeUndefined();
  });

  it("forgets processed and unroutable deliveries after 30 days and keeps pending and failed ones", async () => {
    const old = await record();
    await processInboundEvent(old);
    const unroutable = (
      await recordInboundEvents(
        [{ provider: "stripe", eventId: `evt_${randomUUID()}`, kind: "invoice.paid", payload: {} }],
        { headers: {}, state: "unroutable" },
      )
    )[0]!;
    const pending = await record();
    const recent = await record();
    await processInboundEvent(recent);
    for (const id of [old, unroutable, pending]) await backdate(id, 31 * 86_400);
    await withService((tx) => pruneInboundEvents(tx));
    const left = await withService(async (tx) =>
      (
        await tx.query<{ id: string }>("select id from public.inbound_events where id = any($1::uuid[])", [
          [old, unroutable, pending, recent],
        ])
      ).rows.map((r) => r.id),
    );
    expect(left.sort()).toEqual([pending, recent].sort());
  });

  it("starting the workers removes the queues and schedules of the job kinds the pipeline replaced", async () => {
    const boss = await jobQueue();
    for (const name of ["inbox.process-event", "meetings.process-calendly-event", "meetings.sweep"]) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name);
    }
    await boss.schedule("meetings.sweep", "* * * * *", {}, { tz: "UTC" });
    await boss.send("inbox.process-event", { eventId: randomUUID() });
    await startWorkers([]);
    expect(await boss.getQueues(["inbox.process-event", "meetings.process-calendly-event", "meetings.sweep"])).toEqual(
      [],
    );
    expect(await boss.getSchedules("meetings.sweep")).toEqual([]);
  });
});
