import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { enqueue, stopJobQueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define";
import { retryJobFailure } from "@/lib/jobs/failures";
import { startWorkers } from "@/lib/jobs/worker";
import { settled } from "@/lib/jobs/soon";
import { subscribe, type LiveEvent } from "@/lib/realtime/hub";
import { APP_ORIGIN, team } from "../api/http";
import { mobile, postTwilio, twilioInbound } from "./webhook-client";

afterAll(async () => {
  await stopJobQueue();
  await closeDatabase();
});

let t: Awaited<ReturnType<typeof team>>;
const claimsOf = (person: { userId: string; email: string }) => ({
  sub: person.userId,
  email: person.email,
  role: "authenticated" as const,
});
beforeAll(async () => {
  t = await team();
});

const until = async <T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe("the job queue (pg-boss on the same database)", () => {
  const runs: string[] = [];
  const flaky = defineJob({
    name: "test.flaky",
    input: z.object({ orgId: z.uuid(), key: z.string(), failTimes: z.number() }),
    queue: { retryLimit: 2, retryDelay: 1, retryBackoff: false, expireInSeconds: 30 },
    orgOf: (input) => input.orgId,
    async run(input, job) {
      runs.push(`${input.key}#${job.attempt}`);
      if (job.attempt <= input.failTimes) throw new Error(`Attempt ${job.attempt} of ${input.key} failed`);
    },
  });

  beforeAll(async () => {
    await startWorkers([flaky]);
  });

  it("retries a failing job and completes it once it succeeds", async () => {
    await enqueue(flaky, { orgId: t.orgId, key: "recovers", failTimes: 1 });
    await until(async () => runs.includes("recovers#2"));
    expect(runs.filter((r) => r.startsWith("recovers#"))).toEqual(["recovers#1", "recovers#2"]);
  });

  it("records a job that used up its retries as a dead letter that the organization's admins see and can retry", async () => {
    await enqueue(flaky, { orgId: t.orgId, key: "hopeless", failTimes: 99 });
    const failure = await until(async () => {
      const list = await t.admin.browser.get("/api/v1/job-failures");
      return list.body.failures.find((f: { data: { key: string } }) => f.data.key === "hopeless");
    });
    expect(failure).toMatchObject({
      queue: "test.flaky",
      attempts: 3,
      error: "Attempt 3 of hopeless failed",
      retriedAt: null,
    });
    expect((await t.rep.browser.get("/api/v1/job-failures")).status).toBe(403);
    const outsider = await team();
    expect((await outsider.owner.browser.post(`/api/v1/job-failures/${failure.id}/retry`)).status).toBe(404);

    // Retry runs it again (and, still hopeless, it fails again).
    const before = runs.filter((r) => r.startsWith("hopeless#")).length;
    // (The API retries the app's own job kinds; this test kind is not one of them, so it is called directly.)
    expect((await t.admin.browser.post(`/api/v1/job-failures/${failure.id}/retry`)).status).toBe(404);
    await retryJobFailure(claimsOf(t.admin), failure.id, [flaky]);
    await until(async () => runs.filter((r) => r.startsWith("hopeless#")).length > before);
    await expect(retryJobFailure(claimsOf(t.admin), failure.id, [flaky])).rejects.toThrow(/already retried/);
  });
});

describe("live updates", () => {
  it("an inbound message announces its conversation and message to listeners, with ids only", async () => {
    const channel = await t.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: mobile(),
      capabilities: ["sms"],
      label: "Live test",
    });
    const events: LiveEvent[] = [];
    const unsubscribe = await subscribe((event) => events.push(event));
    try {
      await postTwilio(
        t.orgId,
        "/api/webhooks/twilio/messaging",
        twilioInbound(channel.body.channel.address, mobile(), "Are you there?"),
      );
      await settled();
      const message = await until(async () => events.find((e) => e.topic === "messages" && e.org_id === t.orgId));
      expect(message.conversation_id).toBeTruthy();
      expect(events.some((e) => e.topic === "conversations" && e.id === message.conversation_id)).toBe(true);
      expect(JSON.stringify(events)).not.toContain("Are you there?");
    } finally {
      unsubscribe();
    }
  });

  it("the event stream sends a signed-in member the events of their organization only", async () => {
    const { GET } = await import("@/app/api/v1/stream/route");
    const outsider = await team();
    const channel = await t.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: mobile(),
      capabilities: ["sms"],
      label: "Stream test",
    });
    const outsiderChannel = await outsider.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: mobile(),
      capabilities: ["sms"],
      label: "Other org",
    });

    const abort = new AbortController();
    const cookie = `kiln_session=${t.rep.browser.cookie("kiln_session")}`;
    const response = await GET(
      new Request(`${APP_ORIGIN}/api/v1/stream`, { headers: { cookie }, signal: abort.signal }),
    );
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let text = "";
    const read = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();

    await postTwilio(
      outsider.orgId,
      "/api/webhooks/twilio/messaging",
      twilioInbound(outsiderChannel.body.channel.address, mobile(), "Not yours"),
    );
    await postTwilio(
      t.orgId,
      "/api/webhooks/twilio/messaging",
      twilioInbound(channel.body.channel.address, mobile(), "Yours"),
    );
    await settled();
    const ours = await withService(
      async (tx) =>
        (
          await tx.query<{ id: string }>("select id from public.conversations where channel_id = $1", [
            channel.body.channel.id,
          ])
        ).rows[0]!.id,
    );
    const theirs = await withService(
      async (tx) =>
        (
          await tx.query<{ id: string }>("select id from public.conversations where channel_id = $1", [
            outsiderChannel.body.channel.id,
          ])
        ).rows[0]!.id,
    );
    await until(async () => text.includes(ours));
    expect(text).toContain("event: ready");
    expect(text).toContain("event: messages");
    expect(text).not.toContain(theirs);
    abort.abort();
    await reader.cancel().catch(() => {});
    await read.catch(() => {});
  });

  it("refuses the event stream without a session", async () => {
    const { GET } = await import("@/app/api/v1/stream/route");
    expect((await GET(new Request(`${APP_ORIGIN}/api/v1/stream`))).status).toBe(401);
  });
});
