/**
 * With provider credentials set, replies leave through the official Twilio SDK and the
 * WhatsApp Cloud API over real HTTP. Here both providers are played by a local server
 * (the edge of the world we cannot reach), and webhooks are verified with the real
 * provider secrets instead of the sandbox ones.
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_SID, startFakeProviders, liveModeAgainst } from "./fake-providers";

const fake = await startFakeProviders();
const recorded = fake.recorded;
const PLATFORM_ADMIN = `platform-${randomUUID()}@kiln.test`;
liveModeAgainst(fake.base, PLATFORM_ADMIN);

const { withService } = await import("@/lib/db");
const { closeDatabase } = await import("@/lib/db/client");
const { settled } = await import("@/lib/jobs/soon");
const { signUpPerson, team } = await import("../api/http");
const {
  cloudEnvelope,
  cloudText,
  metaSignature,
  mobile,
  postTwilio,
  postWhatsapp,
  sid,
  twilioInbound,
  twilioSignature,
  wamid,
} = await import("./webhook-client");
const { sandboxSecret } = await import("@/lib/channels/secrets");

afterAll(async () => {
  await closeDatabase();
  fake.close();
});

let t: Awaited<ReturnType<typeof team>>;
let twilioNumber: string;
let cloudNumberId: string;

beforeAll(async () => {
  t = await team();
  twilioNumber = mobile();
  cloudNumberId = String(randomInt(100_000_000, 999_999_999));
  const cloudAddress = mobile();
  // The numbers are in the installation's accounts and a platform admin gave them to this organization.
  fake.twilioNumbers.add(twilioNumber);
  fake.cloudNumbers.set(cloudNumberId, cloudAddress.slice(1));
  const platform = await signUpPerson({ email: PLATFORM_ADMIN });
  for (const [provider, number] of [
    ["twilio", twilioNumber],
    ["whatsapp_cloud", cloudNumberId],
  ]) {
    const allocated = await platform.browser.post("/api/v1/platform/number-allocations", {
      orgId: t.orgId,
      provider,
      number,
    });
    expect(allocated.status, JSON.stringify(allocated.body)).toBe(201);
  }
  expect(
    (
      await t.admin.browser.post("/api/v1/channels", {
        provider: "twilio",
        address: twilioNumber,
        capabilities: ["sms"],
        label: "Live line",
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await t.admin.browser.post("/api/v1/channels", {
        provider: "whatsapp_cloud",
        address: cloudAddress,
        phoneNumberId: cloudNumberId,
        capabilities: ["whatsapp"],
        label: "Live WhatsApp",
      })
    ).status,
  ).toBe(201);
});

async function twilioConversation(): Promise<{ id: string; from: string }> {
  const from = mobile();
  const params = twilioInbound(twilioNumber, from, "Hello from a live number");
  const signature = twilioSignature("/api/webhooks/twilio/messaging", params, "live-twilio-auth-token");
  expect((await postTwilio(null, "/api/webhooks/twilio/messaging", params, { signature })).status).toBe(200);
  await settled();
  const id = await withService(
    async (tx) =>
      (
        await tx.query<{ id: string }>(
          "select c.id from public.conversations c join public.leads l on l.id = c.lead_id where l.phone = $1",
          [from],
        )
      ).rows[0]!.id,
  );
  return { id, from };
}

const lastMessage = async (browser: typeof t.rep.browser, conversationId: string) =>
  (await browser.get(`/api/v1/conversations/${conversationId}/messages`)).body.messages.at(-1);

describe("live Twilio", () => {
  it("verifies webhooks with the account's auth token, not a sandbox secret, and takes no sandbox URL", async () => {
    const params = twilioInbound(twilioNumber, mobile(), "Signed with the sandbox secret");
    const sandboxSigned = twilioSignature("/api/webhooks/twilio/messaging", params, sandboxSecret(t.orgId, "twilio"));
    expect(
      (await postTwilio(null, "/api/webhooks/twilio/messaging", params, { signature: sandboxSigned })).status,
    ).toBe(403);
    expect((await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", params)).status).toBe(404);
  });

  it("a message to a number nobody here was allocated is kept as unroutable and answered 200", async () => {
    const params = twilioInbound(mobile(), mobile(), "Hello?");
    const signature = twilioSignature("/api/webhooks/twilio/messaging", params, "live-twilio-auth-token");
    expect((await postTwilio(null, "/api/webhooks/twilio/messaging", params, { signature })).status).toBe(200);
    await settled();
    const event = await withService(
      async (tx) =>
        (await tx.query("select state, org_id from public.inbound_events where event_id = $1", [params.MessageSid]))
          .rows[0],
    );
    expect(event).toMatchObject({ state: "unroutable", org_id: null });
    expect(
      await withService(
        async (tx) =>
          (await tx.query("select 1 from public.messages where provider_message_id = $1", [params.MessageSid]))
            .rowCount,
      ),
    ).toBe(0);
  });

  it("sends a reply through the Twilio SDK with a status callback, and records Twilio's sid", async () => {
    const conversation = await twilioConversation();
    const twilioSid = sid();
    fake.reply = () => ({ status: 201, body: { sid: twilioSid, status: "queued", account_sid: ACCOUNT_SID } });
    const response = await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, {
      body: "Thanks, we'll call you.",
    });
    expect(response.status).toBe(201);
    await settled();
    const call = recorded.at(-1)!;
    expect(call.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(call.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:live-twilio-auth-token`).toString("base64")}`,
    );
    const form = new URLSearchParams(call.body);
    expect(Object.fromEntries(form)).toMatchObject({
      To: conversation.from,
      From: twilioNumber,
      Body: "Thanks, we'll call you.",
      StatusCallback: "http://localhost:3000/api/webhooks/twilio/status",
    });
    expect(await lastMessage(t.rep.browser, conversation.id)).toMatchObject({
      status: "queued",
      provider: "twilio",
      sandbox: false,
    });

    // Twilio then calls back, signed with the auth token.
    const status = { MessageSid: twilioSid, MessageStatus: "delivered", AccountSid: ACCOUNT_SID };
    const signature = twilioSignature("/api/webhooks/twilio/status", status, "live-twilio-auth-token");
    expect((await postTwilio(null, "/api/webhooks/twilio/status", status, { signature })).status).toBe(200);
    await settled();
    expect(await lastMessage(t.rep.browser, conversation.id)).toMatchObject({ status: "delivered" });
  });

  it("a message Twilio refuses is failed with Twilio's code and reason; a passing outage stays queued for the retry job", async () => {
    const conversation = await twilioConversation();
    fake.reply = () => ({
      status: 400,
      body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 },
    });
    await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, { body: "Refused" });
    await settled();
    expect(await lastMessage(t.rep.browser, conversation.id)).toMatchObject({
      status: "failed",
      errorCode: "21211",
      errorMessage: "The 'To' number is not a valid phone number.",
    });

    fake.reply = () => ({ status: 503, body: { code: 20503, message: "Service unavailable", status: 503 } });
    await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, { body: "Outage" });
    await settled();
    const queued = await lastMessage(t.rep.browser, conversation.id);
    expect(queued).toMatchObject({ status: "queued", errorCode: "20503" });
    const attempts = await withService(
      async (tx) => (await tx.query("select send_attempts from public.messages where id = $1", [queued.id])).rows[0],
    );
    expect(attempts).toMatchObject({ send_attempts: 1 });
  });
});

describe("live WhatsApp Cloud API", () => {
  it("verifies deliveries with the app secret and replies through /{phone-number-id}/messages", async () => {
    const from = mobile();
    const envelope = cloudEnvelope(cloudNumberId, [
      {
        contacts: [{ wa_id: from.slice(1), profile: { name: "Nora Baumann" } }],
        messages: [cloudText(from, "Price for 10 kWp?")],
      },
    ]);
    expect(
      (
        await postWhatsapp(null, envelope, {
          signature: metaSignature(JSON.stringify(envelope), sandboxSecret(t.orgId, "whatsapp")),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await postWhatsapp(null, envelope, {
          signature: metaSignature(JSON.stringify(envelope), "live-whatsapp-app-secret"),
        })
      ).status,
    ).toBe(200);
    await settled();
    const conversationId = await withService(
      async (tx) =>
        (
          await tx.query<{ id: string }>(
            "select c.id from public.conversations c join public.leads l on l.id = c.lead_id where l.phone = $1",
            [from],
          )
        ).rows[0]!.id,
    );

    const liveWamid = wamid();
    fake.reply = () => ({
      status: 200,
      body: { messaging_product: "whatsapp", contacts: [{ wa_id: from.slice(1) }], messages: [{ id: liveWamid }] },
    });
    expect(
      (await t.rep.browser.post(`/api/v1/conversations/${conversationId}/messages`, { body: "About CHF 18k." })).status,
    ).toBe(201);
    await settled();
    const call = recorded.at(-1)!;
    expect(call.url).toBe(`/v21.0/${cloudNumberId}/messages`);
    expect(call.headers.authorization).toBe("Bearer live-whatsapp-access-token");
    expect(JSON.parse(call.body)).toMatchObject({
      messaging_product: "whatsapp",
      to: from.slice(1),
      type: "text",
      text: { body: "About CHF 18k." },
    });
    expect(await lastMessage(t.rep.browser, conversationId)).toMatchObject({
      status: "sent",
      provider: "whatsapp_cloud",
      sandbox: false,
    });

    fake.reply = () => ({ status: 400, body: { error: { code: 131047, message: "Re-engagement message" } } });
    await t.rep.browser.post(`/api/v1/conversations/${conversationId}/messages`, { body: "Second" });
    await settled();
    expect(await lastMessage(t.rep.browser, conversationId)).toMatchObject({
      status: "failed",
      errorCode: "131047",
      errorMessage: "Re-engagement message",
    });
  });
});
