/**
 * Without provider credentials every organization has its own sandbox webhook URL and
 * secrets. What one organization's admin reads in Settings → Channels must open nothing in
 * another organization: a delivery signed with it and aimed at another organization's URL
 * or number is refused, and leaves no lead, conversation, notification or AI draft there.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { salesTemplate, drained } from "../approvals/harness";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { team } from "../api/http";
import {
  cloudEnvelope,
  cloudText,
  metaSignature,
  mobile,
  provider,
  sid,
  twilioInbound,
  twilioSignature,
} from "./webhook-client";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
type Overview = {
  webhooks: { twilioMessaging: string; twilioStatus: string; whatsapp: string };
  sandbox: {
    twilio: boolean;
    whatsapp: boolean;
    twilioSigningSecret?: string;
    whatsappAppSecret?: string;
    whatsappVerifyToken?: string;
  };
};

let a: Team;
let b: Team;
let aNumber: string;
let bNumber: string;
let bCloudId: string;
let aOverview: Overview;

const MESSAGING = "/api/webhooks/twilio/messaging";

/** Everything an inbound message leaves behind in an organization. */
const footprint = (orgId: string) =>
  withService(async (tx) => {
    const { rows } = await tx.query<{
      leads: number;
      conversations: number;
      messages: number;
      notifications: number;
      drafts: number;
      events: number;
    }>(
      `select (select count(*)::int from public.leads where org_id = $1) as leads,
              (select count(*)::int from public.conversations where org_id = $1) as conversations,
              (select count(*)::int from public.messages where org_id = $1) as messages,
              (select count(*)::int from public.notifications where org_id = $1) as notifications,
              (select count(*)::int from public.hil_tasks where org_id = $1) as drafts,
              (select count(*)::int from public.inbound_events where org_id = $1) as events`,
      [orgId],
    );
    return rows[0]!;
  });

/** A Twilio delivery to any URL (absolute, as shown in Settings → Channels, or a path). */
function postTwilioTo(url: string, params: Record<string, string>, secret: string) {
  const target = new URL(url, "http://localhost:3000");
  const signature = twilioSignature(target.pathname + target.search, params, secret);
  return provider.post(target.pathname + target.search, undefined, {
    rawBody: new URLSearchParams(params).toString(),
    contentType: "application/x-www-form-urlencoded",
    origin: null,
    headers: { "x-twilio-signature": signature },
  });
}

function postWhatsappTo(url: string, envelope: unknown, secret: string) {
  const target = new URL(url, "http://localhost:3000");
  const raw = JSON.stringify(envelope);
  return provider.post(target.pathname + target.search, undefined, {
    rawBody: raw,
    contentType: "application/json",
    origin: null,
    headers: { "x-hub-signature-256": metaSignature(raw, secret) },
  });
}

async function addChannels(t: Team, number: string, cloudId: string) {
  const sms = await t.admin.browser.post("/api/v1/channels", {
    provider: "twilio",
    address: number,
    capabilities: ["sms", "whatsapp"],
    label: "Main line",
  });
  expect(sms.status, JSON.stringify(sms.body)).toBe(201);
  const cloud = await t.admin.browser.post("/api/v1/channels", {
    provider: "whatsapp_cloud",
    address: mobile(),
    phoneNumberId: cloudId,
    capabilities: ["whatsapp"],
    label: "WhatsApp",
  });
  expect(cloud.status, JSON.stringify(cloud.body)).toBe(201);
  // An agent, so that a message reaching this organization is drafted a reply.
  expect((await t.manager.browser.post("/api/v1/agents", { ...salesTemplate, name: "Sunny" })).status).toBe(201);
}

beforeAll(async () => {
  [a, b] = await Promise.all([team(), team()]);
  [aNumber, bNumber] = [mobile(), mobile()];
  bCloudId = String(randomInt(100_000_000, 999_999_999));
  await addChannels(a, aNumber, String(randomInt(100_000_000, 999_999_999)));
  await addChannels(b, bNumber, bCloudId);
  const overview = await a.admin.browser.get("/api/v1/channels");
  expect(overview.status).toBe(200);
  aOverview = overview.body;
});

describe("sandbox webhook secrets", () => {
  it("an admin reads their own organization's sandbox URLs and secrets, which differ from every other organization's", async () => {
    expect(aOverview.sandbox).toMatchObject({ twilio: true, whatsapp: true });
    for (const url of Object.values(aOverview.webhooks)) expect(new URL(url).searchParams.get("org")).toBe(a.orgId);
    const theirs: Overview = (await b.admin.browser.get("/api/v1/channels")).body;
    for (const url of Object.values(theirs.webhooks)) expect(new URL(url).searchParams.get("org")).toBe(b.orgId);
    for (const key of ["twilioSigningSecret", "whatsappAppSecret", "whatsappVerifyToken"] as const) {
      expect(aOverview.sandbox[key]).toMatch(/^[0-9a-f]{64}$/);
      expect(theirs.sandbox[key]).toMatch(/^[0-9a-f]{64}$/);
      expect(aOverview.sandbox[key]).not.toBe(theirs.sandbox[key]);
    }
    const rep: Overview = (await a.rep.browser.get("/api/v1/channels")).body;
    expect(rep.sandbox).toEqual({ twilio: true, whatsapp: true });
  });

  it("a sandbox webhook signed with another organization's secret is refused and creates nothing in that organization", async () => {
    const secret = aOverview.sandbox.twilioSigningSecret!;
    const before = await footprint(b.orgId);
    const attempts = [
      // B's URL with A's secret: the signature cannot match.
      { url: `${MESSAGING}?org=${b.orgId}`, status: 403 },
      // A's own URL and secret, but B's number: a sandbox delivery reaches only A's channels.
      { url: aOverview.webhooks.twilioMessaging, status: 403 },
      // The old installation-wide URL no longer exists in sandbox mode.
      { url: MESSAGING, status: 404 },
    ];
    for (const attempt of attempts) {
      const params = twilioInbound(bNumber, mobile(), "Please call me back, I want a quote");
      const response = await postTwilioTo(attempt.url, params, secret);
      expect(response.status, `${attempt.url}: ${response.text}`).toBe(attempt.status);
      expect(response.headers.get("content-type")).toMatch(/problem\+json/);
      expect(
        await withService(
          async (tx) =>
            (await tx.query("select 1 from public.inbound_events where event_id = $1", [params.MessageSid])).rowCount,
        ),
      ).toBe(0);
    }

    const whatsappSecret = aOverview.sandbox.whatsappAppSecret!;
    for (const url of [`/api/webhooks/whatsapp?org=${b.orgId}`, aOverview.webhooks.whatsapp]) {
      const message = cloudText(mobile(), "Forged into B");
      const response = await postWhatsappTo(url, cloudEnvelope(bCloudId, [{ messages: [message] }]), whatsappSecret);
      expect(response.status, `${url}: ${response.text}`).toBe(403);
      expect(
        await withService(
          async (tx) =>
            (await tx.query("select 1 from public.inbound_events where event_id = $1", [message.id])).rowCount,
        ),
      ).toBe(0);
    }
    // Nor does A's verify token answer Meta's handshake for B.
    const handshake = await provider.get(
      `/api/webhooks/whatsapp?org=${b.orgId}&hub.mode=subscribe&hub.verify_token=${aOverview.sandbox.whatsappVerifyToken}&hub.challenge=42`,
    );
    expect(handshake.status).toBe(403);

    await drained();
    expect(await footprint(b.orgId)).toEqual(before);
  });

  it("a delivery made with the organization's own sandbox URL and secret reaches its channel, with a lead, a conversation and a draft", async () => {
    const before = await footprint(a.orgId);
    const response = await postTwilioTo(
      aOverview.webhooks.twilioMessaging,
      twilioInbound(aNumber, mobile(), "Hi, do you install panels in Zug?"),
      aOverview.sandbox.twilioSigningSecret!,
    );
    expect(response.status, response.text).toBe(200);
    await drained();
    const after = await footprint(a.orgId);
    expect(after).toMatchObject({
      leads: before.leads + 1,
      conversations: before.conversations + 1,
      messages: before.messages + 1,
      drafts: before.drafts + 1,
      events: before.events + 1,
    });
  });

  it("a sandbox status callback cannot change another organization's message", async () => {
    const messageSid = sid();
    const conversation = await withService(async (tx) => {
      const lead = await tx.query<{ id: string }>(
        "insert into public.leads (org_id, name, phone) values ($1, 'Status lead', $2) returning id",
        [b.orgId, mobile()],
      );
      const channel = await tx.query<{ id: string }>(
        "select id from public.channels where org_id = $1 and provider = 'twilio'",
        [b.orgId],
      );
      const c = await tx.query<{ id: string }>(
        "insert into public.conversations (org_id, lead_id, channel_id, medium) values ($1, $2, $3, 'sms') returning id",
        [b.orgId, lead.rows[0]!.id, channel.rows[0]!.id],
      );
      await tx.query(
        `insert into public.messages (org_id, conversation_id, direction, body, status, provider, provider_message_id, author_type)
         values ($1, $2, 'outbound', 'Hello', 'sent', 'twilio', $3, 'system')`,
        [b.orgId, c.rows[0]!.id, messageSid],
      );
      return c.rows[0]!.id;
    });
    const response = await postTwilioTo(
      aOverview.webhooks.twilioStatus,
      { MessageSid: messageSid, MessageStatus: "failed", ErrorCode: "30007" },
      aOverview.sandbox.twilioSigningSecret!,
    );
    expect(response.status).toBe(200);
    await drained();
    const status = await withService(
      async (tx) =>
        (await tx.query("select status from public.messages where conversation_id = $1", [conversation])).rows[0],
    );
    expect(status).toMatchObject({ status: "sent" });
  });
});

describe("sandbox numbers", () => {
  it("two organizations can both use a number as a sandbox channel, with no conflict that reveals the other", async () => {
    const shared = mobile();
    for (const t of [a, b]) {
      const created = await t.admin.browser.post("/api/v1/channels", {
        provider: "twilio",
        address: shared,
        capabilities: ["sms"],
        label: "Shared",
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    // Twice in one organization is that organization's own conflict.
    const again = await a.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: shared,
      capabilities: ["sms"],
      label: "Again",
    });
    expect(again.status).toBe(409);
    expect(again.errors).toHaveProperty("address");

    // A delivery through A's URL reaches A's channel only, and so does A's simulate action.
    const before = await footprint(b.orgId);
    const from = mobile();
    expect(
      (
        await postTwilioTo(
          aOverview.webhooks.twilioMessaging,
          twilioInbound(shared, from, "Which of you is this?"),
          aOverview.sandbox.twilioSigningSecret!,
        )
      ).status,
    ).toBe(200);
    const channels = (await a.admin.browser.get("/api/v1/channels")).body.channels as {
      id: string;
      address: string;
      label: string;
    }[];
    const mine = channels.find((c) => c.address === shared)!;
    expect(
      (await a.admin.browser.post(`/api/v1/channels/${mine.id}/simulate`, { from: mobile(), body: "Simulated" }))
        .status,
    ).toBe(202);
    await drained();
    const conversations = await withService(
      async (tx) =>
        (
          await tx.query<{ org_id: string }>(
            "select c.org_id from public.conversations c join public.channels ch on ch.id = c.channel_id where ch.address = $1",
            [shared],
          )
        ).rows,
    );
    expect(conversations.map((c) => c.org_id)).toEqual([a.orgId, a.orgId]);
    expect(await footprint(b.orgId)).toEqual(before);
  });
});
