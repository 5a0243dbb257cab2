import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";
import { settled } from "@/lib/jobs/soon";
import { createLead } from "@/lib/leads/mutations";
import { createManualMeeting, updateManualMeeting } from "@/lib/meetings/manual";
import { createManualMeetingSchema, updateManualMeetingSchema } from "@/lib/meetings/schema";
import {
  attemptDelivery,
  deliverDue,
  DISABLE_AFTER_MS,
  RETRY_WINDOW_MS,
  retryDelaySeconds,
} from "@/lib/webhooks/delivery";
import {
  createWebhookEndpoint,
  listDeliveries,
  resendDelivery,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhookEndpoint,
} from "@/lib/webhooks/endpoints";
import { WEBHOOK_ENVELOPES } from "@/lib/webhooks/events";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { addMember, createTestOrg, createTestUser, type TestUser } from "../helpers";

/**
 * Outbound webhooks end to end against a real database and a real HTTP receiver on this
 * machine: signed per Standard Webhooks (verified with the `standardwebhooks` library a
 * customer would use), retried with backoff, given up after 24 hours, the endpoint turned off
 * after 3 days of failures (its admins told), and refused destinations in production mode.
 * Time is the test's: every delivery function takes `now`; nothing sleeps.
 */

type Received = { headers: IncomingHttpHeaders; body: string };

let server: Server;
let base: string;
const received: Received[] = [];
/** The statuses the receiver answers with, in order; 200 once they run out. */
let answers: number[] = [];

let owner: TestUser;
let admin: TestUser;
let rep: TestUser;
let orgId: string;

const local = { allowPrivate: true };

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answers.shift() ?? 200;
      response.writeHead(status, { "content-type": "text/plain" });
      response.end(status < 300 ? "thanks" : `receiver says ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  owner = await createTestUser({ fullName: "Mira Owner" });
  admin = await createTestUser({ fullName: "Jonas Admin" });
  rep = await createTestUser({ fullName: "Lea Rep" });
  orgId = await createTestOrg(owner);
  await addMember(orgId, admin, "admin");
  await addMember(orgId, rep, "rep");
});

afterAll(async () => {
  await settled();
  await new Promise((resolve) => server.close(resolve));
  await closeDatabase();
});

beforeEach(() => {
  received.length = 0;
  answers = [];
});

const adminActor = () => admin.id;

async function newEndpoint(eventTypes: WebhookEventType[], path = "/hook") {
  return withRls(admin.claims, (tx) =>
    createWebhookEndpoint(tx, adminActor(), orgId, { url: `${base}${path}`, eventTypes }, local),
  );
}

async function deliveriesOf(endpointId: string) {
  return withService(
    async (tx) =>
      (
        await tx.query<{
          attempt: number;
          status: string;
          status_code: number | null;
          next_attempt_at: Date | null;
          error_kind: string | null;
          gave_up: boolean;
          response_excerpt: string | null;
        }>(
          `select attempt, status, status_code, next_attempt_at, error_kind, gave_up, response_excerpt
             from public.webhook_deliveries where endpoint_id = $1 order by created_at, attempt`,
          [endpointId],
        )
      ).rows,
  );
}

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    "webhook-id": String(r.headers["webhook-id"]),
    "webhook-timestamp": String(r.headers["webhook-timestamp"]),
    "webhook-signature": String(r.headers["webhook-signature"]),
  });

describe("outbound webhooks", () => {
  it("delivers a lead.created event a receiver verifies with the Standard Webhooks library", async () => {
    const { endpoint, secret } = await newEndpoint(["lead.created"]);
    expect(secret).toMatch(/^whsec_/);
    const leadId = await withRls(rep.claims, (tx) =>
      createLead(tx, { type: "user", id: rep.id, name: "Lea Rep" }, orgId, {
        name: "Nora Castell",
        email: "nora@castell-bakery.test",
      }),
    );
    // The first attempt runs right after the transaction, as after a request.
    await settled();
    expect(received).toHaveLength(1);
    const payload = verify(secret, received[0]!) as { id: string; type: string; data: { lead: { id: string } } };
    expect(payload.type).toBe("lead.created");
    expect(payload.data.lead.id).toBe(leadId);
    expect(WEBHOOK_ENVELOPES["lead.created"].parse(payload)).toBeTruthy();
    expect(received[0]!.headers["webhook-id"]).toBe(payload.id);
    expect(String(received[0]!.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    // A forged body does not verify.
    expect(() => verify(secret, { ...received[0]!, body: received[0]!.body.replace("Nora", "Eve") })).toThrow();

    const log = await withRls(admin.claims, (tx) => listDeliveries(tx, orgId, endpoint.id, { limit: 10 }));
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({
      status: "succeeded",
      statusCode: 200,
      attempt: 1,
      responseExcerpt: "thanks",
    });
    expect(log.deliveries[0]!.durationMs).toBeGreaterThanOrEqual(0);
    await withRls(admin.claims, (tx) => updateWebhookEndpoint(tx, admin.id, orgId, endpoint.id, { enabled: false }));
  });

  it("tells a meeting booked and then moved apart: meeting.booked, then meeting.rescheduled at the new time", async () => {
    const { endpoint, secret } = await newEndpoint(["meeting.booked", "meeting.rescheduled"], "/meetings");
    const actor = { type: "user" as const, id: rep.id, name: "Lea Rep" };
    const leadId = await withRls(rep.claims, (tx) => createLead(tx, actor, orgId, { name: "Jana Vogt" }));
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const booked = await withRls(rep.claims, (tx) =>
      createManualMeeting(
        tx,
        orgId,
        actor,
        createManualMeetingSchema.parse({ leadId, title: "Roof survey", startsAt: startsAt.toISOString() }),
      ),
    );
    const later = new Date(startsAt.getTime() + 86_400_000);
    const moved = await withRls(rep.claims, (tx) =>
      updateManualMeeting(
        tx,
        orgId,
        booked.id,
        actor,
        updateManualMeetingSchema.parse({ startsAt: later.toISOString() }),
      ),
    );
    await settled();
    const payloads = received.map(
      (r) => verify(secret, r) as { type: string; data: { meeting: { id: string; startsAt: string } } },
    );
    // Deliveries run in parallel: a receiver cannot count on their order, so neither does this test.
    const seen = payloads.map((p) => [p.type, p.data.meeting.id, new Date(p.data.meeting.startsAt).getTime()]);
    expect(seen.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ["meeting.booked", booked.id, startsAt.getTime()],
      ["meeting.rescheduled", moved.id, later.getTime()],
    ]);
    for (const p of payloads) expect(WEBHOOK_ENVELOPES[p.type as WebhookEventType].parse(p)).toBeTruthy();
    await withRls(admin.claims, (tx) => updateWebhookEndpoint(tx, admin.id, orgId, endpoint.id, { enabled: false }));
  });

  it("stores no event nobody subscribes to", async () => {
    const before = await withService(
      async (tx) =>
        (
          await tx.query<{ n: number }>("select count(*)::int as n from public.webhook_events where org_id = $1", [
            orgId,
          ])
        ).rows[0]!.n,
    );
    await withRls(rep.claims, (tx) =>
      createLead(tx, { type: "user", id: rep.id, name: "Lea Rep" }, orgId, { name: "Otto Quiet" }),
    );
    await settled();
    const after = await withService(
      async (tx) =>
        (
          await tx.query<{ n: number }>("select count(*)::int as n from public.webhook_events where org_id = $1", [
            orgId,
          ])
        ).rows[0]!.n,
    );
    expect(after).toBe(before);
    expect(received).toHaveLength(0);
  });

  it("retries a 500 with growing pauses and stops retrying once delivered", async () => {
    const { endpoint } = await newEndpoint(["lead.updated"], "/flaky");
    const t0 = new Date();
    await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: t0 }));
    answers = [500, 503];

    expect(await deliverDue({ now: t0, ...local })).toMatchObject({ retry: 1 });
    let rows = await deliveriesOf(endpoint.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      attempt: 1,
      status: "failed",
      status_code: 500,
      error_kind: "http_status",
      gave_up: false,
    });
    expect(rows[0]!.response_excerpt).toBe("receiver says 500");
    expect(rows[1]).toMatchObject({ attempt: 2, status: "pending" });
    expect(new Date(rows[1]!.next_attempt_at!).getTime()).toBe(t0.getTime() + retryDelaySeconds(1) * 1000);

    // Not due yet: nothing is sent.
    const early = new Date(t0.getTime() + 10_000);
    expect(await deliverDue({ now: early, ...local })).toMatchObject({ succeeded: 0, retry: 0, failed: 0 });
    expect(received).toHaveLength(1);

    const t1 = new Date(rows[1]!.next_attempt_at!);
    expect(await deliverDue({ now: t1, ...local })).toMatchObject({ retry: 1 });
    rows = await deliveriesOf(endpoint.id);
    expect(rows[2]).toMatchObject({ attempt: 3, status: "pending" });
    // Exponential: the second pause is twice the first.
    expect(new Date(rows[2]!.next_attempt_at!).getTime() - t1.getTime()).toBe(2 * retryDelaySeconds(1) * 1000);

    expect(await deliverDue({ now: new Date(rows[2]!.next_attempt_at!), ...local })).toMatchObject({ succeeded: 1 });
    rows = await deliveriesOf(endpoint.id);
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed", "succeeded"]);
    expect(received).toHaveLength(3);
    // Every attempt carries the same event id, so a receiver deduplicates.
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const failing = await withService(
      async (tx) =>
        (await tx.query("select failing_since from public.webhook_endpoints where id = $1", [endpoint.id])).rows[0],
    );
    expect(failing).toMatchObject({ failing_since: null });
  });

  it("gives up after 24 hours, and turns an endpoint off after 3 days of failures, telling its admins", async () => {
    const { endpoint } = await newEndpoint(["lead.updated"], "/down");
    const t0 = new Date();
    answers = Array.from({ length: 100 }, () => 500);
    await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: t0 }));

    let now = t0;
    for (let i = 0; i < 50; i++) {
      await deliverDue({ now, ...local });
      const pending = (await deliveriesOf(endpoint.id)).find((r) => r.status === "pending");
      if (!pending) break;
      now = new Date(pending.next_attempt_at!);
    }
    const rows = await deliveriesOf(endpoint.id);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.status === "failed")).toBe(true);
    expect(rows.at(-1)!.gave_up).toBe(true);
    expect(now.getTime() - t0.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(received).toHaveLength(rows.length);

    // Still failing three days later: the endpoint goes off and the admins hear of it.
    const later = new Date(t0.getTime() + DISABLE_AFTER_MS + 60_000);
    await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: later }));
    await deliverDue({ now: later, ...local });
    const state = await withService(
      async (tx) =>
        (
          await tx.query<{ enabled: boolean; disabled_reason: string | null }>(
            "select enabled, disabled_reason from public.webhook_endpoints where id = $1",
            [endpoint.id],
          )
        ).rows[0]!,
    );
    expect(state).toEqual({ enabled: false, disabled_reason: "failing" });
    const told = await withService(
      async (tx) =>
        (
          await tx.query<{ user_id: string; action_url: string }>(
            `select user_id, action_url from public.notifications
              where org_id = $1 and kind = 'integration_failing' and metadata ->> 'provider' = 'webhooks'`,
            [orgId],
          )
        ).rows,
    );
    expect(told.map((n) => n.user_id).sort()).toEqual([owner.id, admin.id].sort());
    expect(told[0]!.action_url).toBe("/settings/webhooks");

    // An event for a disabled endpoint is not sent at all.
    await withService((tx) =>
      tx.query(
        `insert into public.webhook_deliveries (org_id, endpoint_id, event_id, next_attempt_at)
         select org_id, endpoint_id, event_id, $2 from public.webhook_deliveries where endpoint_id = $1 limit 1`,
        [endpoint.id, later],
      ),
    );
    const sent = received.length;
    expect(await deliverDue({ now: later, ...local })).toMatchObject({ failed: 1 });
    expect(received).toHaveLength(sent);
  });

  it("signs with both secrets during a rotation's overlap, then with the new one only", async () => {
    const { endpoint, secret: oldSecret } = await newEndpoint(["lead.updated"], "/rotate");
    const t0 = new Date();
    const { secret: newSecret } = await withRls(admin.claims, (tx) =>
      rotateWebhookSecret(tx, admin.id, orgId, endpoint.id, t0),
    );
    expect(newSecret).not.toBe(oldSecret);

    await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: t0 }));
    await deliverDue({ now: t0, ...local });
    expect(received).toHaveLength(1);
    expect(String(received[0]!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verify(oldSecret, received[0]!)).toBeTruthy();
    expect(verify(newSecret, received[0]!)).toBeTruthy();

    const after = new Date(t0.getTime() + 25 * 3_600_000);
    await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: after }));
    await deliverDue({ now: after, ...local });
    expect(received).toHaveLength(2);
    expect(String(received[1]!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verify(newSecret, received[1]!)).toBeTruthy();
    expect(() => verify(oldSecret, received[1]!)).toThrow();
  });

  it("resends a logged delivery as a new chain", async () => {
    const { endpoint } = await newEndpoint(["lead.updated"], "/resend");
    const t0 = new Date();
    const { deliveryId } = await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: t0 }));
    await attemptDelivery(deliveryId, { now: t0, ...local });
    const resent = await withRls(admin.claims, (tx) => resendDelivery(tx, orgId, deliveryId));
    await settled();
    await attemptDelivery(resent.deliveryId, { ...local });
    expect(received).toHaveLength(2);
    expect(received[0]!.headers["webhook-id"]).toBe(received[1]!.headers["webhook-id"]);
    const log = await withRls(admin.claims, (tx) => listDeliveries(tx, orgId, endpoint.id, { limit: 1 }));
    expect(log.deliveries[0]).toMatchObject({ trigger: "resend", status: "succeeded" });
    expect(log.nextCursor).not.toBeNull();
    const next = await withRls(admin.claims, (tx) =>
      listDeliveries(tx, orgId, endpoint.id, { limit: 1, cursor: log.nextCursor! }),
    );
    expect(next.deliveries[0]).toMatchObject({ trigger: "test", id: deliveryId });
  });

  it("a rep can neither see nor create endpoints, nor resend another's deliveries", async () => {
    const { endpoint } = await newEndpoint(["lead.created"], "/rls");
    const seen = await withRls(
      rep.claims,
      async (tx) => (await tx.query("select id from public.webhook_endpoints")).rows,
    );
    expect(seen).toEqual([]);
    await expect(
      withRls(rep.claims, (tx) =>
        createWebhookEndpoint(tx, rep.id, orgId, { url: `${base}/rep`, eventTypes: ["lead.created"] }, local),
      ),
    ).rejects.toMatchObject({ code: "42501" });
    await expect(withRls(rep.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id))).rejects.toBeInstanceOf(HttpError);
  });
});

describe("outbound webhooks in production mode (SSRF)", () => {
  const production = { allowPrivate: false };
  // A name that resolves to a private address, as an attacker's DNS would answer.
  const resolve = async (hostname: string) =>
    hostname === "hooks.rebind.test"
      ? [{ address: "10.20.30.40", family: 4 as const }]
      : [{ address: "93.184.215.14", family: 4 as const }];

  const refused = [
    ["loopback", "https://127.0.0.1/hook"],
    ["a 10.x address", "https://10.0.0.7/hook"],
    ["the cloud metadata address", "https://169.254.169.254/latest/meta-data/"],
    ["a DNS name resolving to a private address", "https://hooks.rebind.test/hook"],
    ["plain http", "http://hooks.example.test/hook"],
    ["IPv6 loopback", "https://[::1]/hook"],
    ["an IPv4-mapped private address", "https://[::ffff:192.168.1.10]/hook"],
  ] as const;

  it.each(refused)("refuses to save an endpoint at %s with a 422 on url", async (_label, url) => {
    const error = await withRls(admin.claims, (tx) =>
      createWebhookEndpoint(tx, admin.id, orgId, { url, eventTypes: ["lead.created"] }, { ...production, resolve }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(422);
  });

  it.each(refused)("refuses to deliver to %s, without a request and without retrying", async (_label, url) => {
    // Saved while allowed (say, before a DNS change), delivered in production mode.
    const { endpoint } = await withRls(admin.claims, (tx) =>
      createWebhookEndpoint(
        tx,
        admin.id,
        orgId,
        { url, eventTypes: ["lead.created"] },
        { allowPrivate: true, resolve },
      ),
    );
    const t0 = new Date();
    const { deliveryId } = await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: t0 }));
    expect(await attemptDelivery(deliveryId, { now: t0, ...production, resolve })).toBe("failed");
    const rows = await deliveriesOf(endpoint.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "failed",
      error_kind: "refused_address",
      gave_up: true,
      status_code: null,
    });
    await withRls(admin.claims, (tx) => updateWebhookEndpoint(tx, admin.id, orgId, endpoint.id, { enabled: false }));
  });

  it("refuses the local receiver itself in production mode, though it answers in development", async () => {
    const { endpoint } = await newEndpoint(["lead.created"], "/prod");
    const t0 = new Date();
    const { deliveryId } = await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: t0 }));
    expect(await attemptDelivery(deliveryId, { now: t0, ...production })).toBe("failed");
    expect(received).toHaveLength(0);
  });

  it("does not follow a redirect", async () => {
    const redirecting = createServer((_request, response) => {
      response.writeHead(302, { location: `${base}/hook` });
      response.end();
    });
    await new Promise<void>((r) => redirecting.listen(0, "127.0.0.1", r));
    try {
      const port = (redirecting.address() as AddressInfo).port;
      const { endpoint } = await withRls(admin.claims, (tx) =>
        createWebhookEndpoint(
          tx,
          admin.id,
          orgId,
          { url: `http://127.0.0.1:${port}/moved`, eventTypes: ["lead.created"] },
          local,
        ),
      );
      const t0 = new Date();
      const { deliveryId } = await withRls(admin.claims, (tx) => sendTestEvent(tx, orgId, endpoint.id, { now: t0 }));
      expect(await attemptDelivery(deliveryId, { now: t0, ...local })).toBe("retry");
      expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status_code: 302, status: "failed" });
      expect(received).toHaveLength(0);
    } finally {
      await new Promise((r) => redirecting.close(r));
    }
  });
});
