import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxSecret } from "@/lib/channels/secrets";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { problemTexts } from "@/lib/http/problem";
import { settled } from "@/lib/jobs/soon";
import { team } from "../api/http";
import {
  cloudEnvelope,
  cloudText,
  metaSignature,
  mobile,
  postTwilio,
  postWhatsapp,
  provider,
  sandboxPath,
  sid,
  twilioInbound,
  twilioSignature,
  wamid,
} from "./webhook-client";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let twilioNumber: string;
let cloudNumberId: string;

const count = async (sql: string, params: unknown[]) =>
  withService(
    async (tx) => (await tx.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n,
  );

async function conversationsOf(leadPhone: string) {
  return withService(
    async (tx) =>
      (
        await tx.query<{
          id: string;
          medium: string;
          status: string;
          unread_count: number;
          lead_id: string;
          last_message_preview: string;
        }>(
          `select c.* from public.conversations c join public.leads l on l.id = c.lead_id where l.phone = $1 and c.org_id = $2`,
          [leadPhone, t.orgId],
        )
      ).rows,
  );
}

beforeAll(async () => {
  t = await team();
  twilioNumber = mobile();
  cloudNumberId = String(randomInt(100_000_000, 999_999_999));
  const twilioChannel = await t.admin.browser.post("/api/v1/channels", {
    provider: "twilio",
    address: twilioNumber,
    capabilities: ["sms", "whatsapp"],
    label: "Main line",
  });
  expect(twilioChannel.status, JSON.stringify(twilioChannel.body)).toBe(201);
  const cloud = await t.admin.browser.post("/api/v1/channels", {
    provider: "whatsapp_cloud",
    address: mobile(),
    phoneNumberId: cloudNumberId,
    capabilities: ["whatsapp"],
    label: "WhatsApp Business",
  });
  expect(cloud.status, JSON.stringify(cloud.body)).toBe(201);
});

describe("Twilio inbound messages", () => {
  it("a signed SMS from a new number creates a cold SMS lead, an open unread conversation and the message, answered with empty TwiML", async () => {
    const from = mobile();
    const response = await postTwilio(
      t.orgId,
      "/api/webhooks/twilio/messaging",
      twilioInbound(twilioNumber, from, "Hi, do you install panels in Zug?"),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/xml/);
    expect(response.text).toContain("<Response/>");
    await settled();

    const [conversation] = await conversationsOf(from);
    expect(conversation).toMatchObject({
      medium: "sms",
      status: "open",
      unread_count: 1,
      last_message_preview: "Hi, do you install panels in Zug?",
    });
    const lead = await withService(
      async (tx) =>
        (await tx.query("select source, name from public.leads where id = $1", [conversation!.lead_id])).rows[0],
    );
    expect(lead).toMatchObject({ source: "sms", name: from });

    const list = await t.rep.browser.get(`/api/v1/conversations?q=${encodeURIComponent("panels in Zug")}`);
    expect(list.status).toBe(200);
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toEqual([conversation!.id]);
    const thread = await t.rep.browser.get(`/api/v1/conversations/${conversation!.id}/messages`);
    expect(thread.body.messages).toHaveLength(1);
    expect(thread.body.messages[0]).toMatchObject({
      direction: "inbound",
      status: "received",
      authorType: "lead",
      body: "Hi, do you install panels in Zug?",
    });
  });

  it("a WhatsApp message through Twilio attaches to the existing lead with that number and feeds the scoring engine", async () => {
    const phone = mobile();
    const created = await t.rep.browser.post("/api/v1/leads", { name: "Lena Vogt", phone });
    expect(created.status).toBe(201);
    const response = await postTwilio(
      t.orgId,
      "/api/webhooks/twilio/messaging",
      twilioInbound(`whatsapp:${twilioNumber}`, `whatsapp:${phone}`, "Can we talk tomorrow?", { ProfileName: "Lena" }),
    );
    expect(response.status).toBe(200);
    await settled();
    const [conversation] = await conversationsOf(phone);
    expect(conversation).toMatchObject({ medium: "whatsapp", lead_id: created.body.lead.id });
    const events = await t.rep.browser.get(`/api/v1/leads/${created.body.lead.id}/events`);
    expect(events.body.events.map((e: { type: string }) => e.type)).toContain("signal");
    const lead = await t.rep.browser.get(`/api/v1/leads/${created.body.lead.id}`);
    expect(lead.body.lead.name).toBe("Lena Vogt");
  });

  it("the same event delivered ten times at once stores one event, one message and one set of lead events", async () => {
    const from = mobile();
    // A first message creates the lead; the duplicated second one must add what one delivery adds, no more.
    await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", twilioInbound(twilioNumber, from, "First"));
    await settled();
    const [conversation] = await conversationsOf(from);
    const leadEvents = () => count("public.lead_events where lead_id = $1", [conversation!.lead_id]);
    const before = await leadEvents();

    const params = twilioInbound(twilioNumber, from, "Second, sent ten times");
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postTwilio(t.orgId, "/api/webhooks/twilio/messaging", params)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    await settled();
    expect(await count("public.inbound_events where provider = 'twilio' and event_id = $1", [params.MessageSid])).toBe(
      1,
    );
    expect(await count("public.messages where provider_message_id = $1", [params.MessageSid])).toBe(1);
    const afterDuplicates = await leadEvents();

    await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", twilioInbound(twilioNumber, from, "Third, once"));
    await settled();
    expect(afterDuplicates - before).toBe((await leadEvents()) - afterDuplicates);
    const [after] = await conversationsOf(from);
    expect(after!.unread_count).toBe(3);
  });

  it("a sandbox message to a number that is not one of the organization's channels is refused and stored nowhere", async () => {
    const params = twilioInbound(mobile(), mobile(), "Hello?");
    const response = await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", params);
    expect(response.status).toBe(403);
    expect(await count("public.inbound_events where event_id = $1", [params.MessageSid])).toBe(0);
  });

  describe("refuses and stores nothing when the signature is", () => {
    const cases: [string, (params: Record<string, string>) => Parameters<typeof postTwilio>[3], number][] = [
      ["missing", () => ({ signature: null }), 401],
      [
        "forged with another token",
        (p) => ({
          signature: twilioSignature(sandboxPath("/api/webhooks/twilio/messaging", t.orgId), p, "not-the-auth-token"),
        }),
        403,
      ],
      [
        "made for another URL",
        (p) => ({
          signature: twilioSignature(
            sandboxPath("/api/webhooks/twilio/messaging", t.orgId),
            p,
            sandboxSecret(t.orgId, "twilio"),
            "https://attacker.example",
          ),
        }),
        403,
      ],
      [
        "over a different body (tampered)",
        (p) => ({ rawBody: new URLSearchParams({ ...p, Body: "Send me a refund" }).toString() }),
        403,
      ],
    ];
    for (const [name, options, status] of cases) {
      it(name, async () => {
        const params = twilioInbound(twilioNumber, mobile(), "Original text");
        const response = await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", params, options(params));
        expect(response.status).toBe(status);
        expect(response.headers.get("content-type")).toMatch(/problem\+json/);
        expect(await count("public.inbound_events where event_id = $1", [params.MessageSid])).toBe(0);
      });
    }
  });

  it("rejects a signed body without the fields a message needs (422), a JSON body (415) and a 2 MB body (413)", async () => {
    const missing = await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", {
      From: mobile(),
      To: twilioNumber,
      Body: "no sid",
    });
    expect(missing.status).toBe(422);
    expect(missing.errors).toHaveProperty("MessageSid");
    const json = await postTwilio(
      t.orgId,
      "/api/webhooks/twilio/messaging",
      {},
      { rawBody: "{}", contentType: "application/json" },
    );
    expect(json.status).toBe(415);
    const huge = await postTwilio(
      t.orgId,
      "/api/webhooks/twilio/messaging",
      {},
      { rawBody: `Body=${"x".repeat(2 * 1024 * 1024)}` },
    );
    expect(huge.status).toBe(413);
  });
});

describe("Twilio status callbacks", () => {
  async function outboundMessage(): Promise<{ id: string; sid: string }> {
    const from = mobile();
    await postTwilio(
      t.orgId,
      "/api/webhooks/twilio/messaging",
      twilioInbound(twilioNumber, from, "Please text me back"),
    );
    await settled();
    const [conversation] = await conversationsOf(from);
    const messageSid = sid();
    // As a live send leaves it: Twilio accepted it and gave us its sid.
    const id = await withService(
      async (tx) =>
        (
          await tx.query<{ id: string }>(
            `insert into public.messages (org_id, conversation_id, direction, body, status, provider, provider_message_id, author_type)
           values ($1, $2, 'outbound', 'Sure!', 'queued', 'twilio', $3, 'system') returning id`,
            [t.orgId, conversation!.id, messageSid],
          )
        ).rows[0]!.id,
    );
    return { id, sid: messageSid };
  }
  const statusOf = (id: string) =>
    withService(
      async (tx) =>
        (await tx.query("select status, error_code, error_message from public.messages where id = $1", [id])).rows[0],
    );
  const callback = (messageSid: string, status: string, extra: Record<string, string> = {}) =>
    postTwilio(t.orgId, "/api/webhooks/twilio/status", {
      MessageSid: messageSid,
      MessageStatus: status,
      AccountSid: `AC${"0".repeat(32)}`,
      ...extra,
    });

  it("only move forward: a late 'sent' never hides 'delivered' or 'read'", async () => {
    const message = await outboundMessage();
    for (const status of ["delivered", "sent", "read", "delivered", "sent"]) {
      expect((await callback(message.sid, status)).status).toBe(200);
      await settled();
    }
    expect(await statusOf(message.id)).toMatchObject({ status: "read" });
  });

  it("'failed' keeps Twilio's error code", async () => {
    const message = await outboundMessage();
    await callback(message.sid, "sent");
    await callback(message.sid, "undelivered", { ErrorCode: "30003" });
    await settled();
    expect(await statusOf(message.id)).toMatchObject({
      status: "failed",
      error_code: "30003",
      error_message: "Twilio error 30003",
    });
  });

  it("a callback that overtakes our own send is kept and retried, not lost", async () => {
    const early = sid();
    expect((await callback(early, "delivered")).status).toBe(200);
    await settled();
    const event = await withService(
      async (tx) =>
        (
          await tx.query("select state, attempts from public.inbound_events where event_id = $1", [
            `${early}:delivered`,
          ])
        ).rows[0],
    );
    expect(event).toMatchObject({ state: "pending", attempts: 1 });
  });
});

describe("WhatsApp Cloud API webhook", () => {
  it("answers Meta's verification challenge only with the right verify token", async () => {
    const token = sandboxSecret(t.orgId, "whatsapp-verify");
    const ok = await provider.get(
      `/api/webhooks/whatsapp?org=${t.orgId}&hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toBe("1158201444");
    const wrong = await provider.get(
      `/api/webhooks/whatsapp?org=${t.orgId}&hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`,
    );
    expect(wrong.status).toBe(403);
  });

  it("handles several entries with messages (text and media) and statuses in one delivery", async () => {
    const [a, b] = [mobile(), mobile()];
    const image = {
      from: b.slice(1),
      id: wamid(),
      timestamp: String(Math.floor(Date.now() / 1000)),
      type: "image",
      image: { id: "MEDIA-1", mime_type: "image/jpeg", caption: "Our roof" },
    };
    const envelope = cloudEnvelope(cloudNumberId, [
      {
        contacts: [{ wa_id: a.slice(1), profile: { name: "Jonas Meier" } }],
        messages: [cloudText(a, "Is there a subsidy?")],
      },
      { contacts: [{ wa_id: b.slice(1), profile: { name: "Sara Keller" } }], messages: [image] },
    ]);
    const response = await postWhatsapp(t.orgId, envelope);
    expect(response.status).toBe(200);
    await settled();
    const [first] = await conversationsOf(a);
    const [second] = await conversationsOf(b);
    expect(first).toMatchObject({ medium: "whatsapp", last_message_preview: "Is there a subsidy?" });
    const lead = await withService(
      async (tx) => (await tx.query("select name, source from public.leads where id = $1", [first!.lead_id])).rows[0],
    );
    expect(lead).toMatchObject({ name: "Jonas Meier", source: "whatsapp" });
    const media = await withService(
      async (tx) =>
        (await tx.query("select body, media from public.messages where conversation_id = $1", [second!.id])).rows[0],
    );
    expect(media).toMatchObject({
      body: "Our roof",
      media: [{ id: "MEDIA-1", contentType: "image/jpeg", caption: "Our roof" }],
    });

    // The same delivery again adds nothing.
    expect((await postWhatsapp(t.orgId, envelope)).status).toBe(200);
    await settled();
    expect(await count("public.messages where conversation_id = any($1::uuid[])", [[first!.id, second!.id]])).toBe(2);

    // A status for a message we sent rides in the same kind of envelope.
    const outboundId = wamid();
    await withService((tx) =>
      tx.query(
        `insert into public.messages (org_id, conversation_id, direction, body, status, provider, provider_message_id, author_type)
         values ($1, $2, 'outbound', 'Yes, up to 30%.', 'sent', 'whatsapp_cloud', $3, 'system')`,
        [t.orgId, first!.id, outboundId],
      ),
    );
    const statuses = cloudEnvelope(cloudNumberId, [
      {
        statuses: [
          {
            id: outboundId,
            status: "read",
            timestamp: String(Math.floor(Date.now() / 1000)),
            recipient_id: a.slice(1),
          },
        ],
      },
      {
        statuses: [
          {
            id: outboundId,
            status: "delivered",
            timestamp: String(Math.floor(Date.now() / 1000) - 5),
            recipient_id: a.slice(1),
          },
        ],
      },
    ]);
    expect((await postWhatsapp(t.orgId, statuses)).status).toBe(200);
    await settled();
    const status = await withService(
      async (tx) =>
        (await tx.query("select status from public.messages where provider_message_id = $1", [outboundId])).rows[0],
    );
    expect(status).toMatchObject({ status: "read" });
  });

  it("refuses a missing (401) or wrong (403) signature and a tampered body, storing nothing", async () => {
    const message = cloudText(mobile(), "Hello");
    const envelope = cloudEnvelope(cloudNumberId, [{ messages: [message] }]);
    expect((await postWhatsapp(t.orgId, envelope, { signature: null })).status).toBe(401);
    expect(
      (await postWhatsapp(t.orgId, envelope, { signature: metaSignature(JSON.stringify(envelope), "wrong-secret") }))
        .status,
    ).toBe(403);
    const tampered = JSON.stringify(envelope).replace("Hello", "Hellp");
    expect(
      (
        await postWhatsapp(t.orgId, undefined, {
          raw: tampered,
          signature: metaSignature(JSON.stringify(envelope), sandboxSecret(t.orgId, "whatsapp")),
        })
      ).status,
    ).toBe(403);
    expect(await count("public.inbound_events where event_id = $1", [message.id])).toBe(0);
  });

  it("answers 400 to signed invalid JSON and 422 to a signed body that is not a WhatsApp notification", async () => {
    expect((await postWhatsapp(t.orgId, undefined, { raw: "{not json" })).status).toBe(400);
    const other = await postWhatsapp(t.orgId, { object: "page", entry: [] });
    expect(other.status).toBe(422);
  });
});

describe("replies", () => {
  async function inboundConversation(medium: "sms" | "whatsapp") {
    const from = mobile();
    const prefix = medium === "whatsapp" ? "whatsapp:" : "";
    await postTwilio(
      t.orgId,
      "/api/webhooks/twilio/messaging",
      twilioInbound(`${prefix}${twilioNumber}`, `${prefix}${from}`, "Hello there"),
    );
    await settled();
    return (await conversationsOf(from))[0]!;
  }

  it("a rep's reply is queued, sent in sandbox right after the response, and takes the thread into human mode", async () => {
    const conversation = await inboundConversation("sms");
    const response = await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, {
      body: "Yes, we do! When suits you?",
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.message).toMatchObject({ status: "queued", direction: "outbound", authorType: "user" });
    await settled();
    const thread = await t.rep.browser.get(`/api/v1/conversations/${conversation.id}/messages`);
    expect(thread.body.messages.at(-1)).toMatchObject({ status: "sent", sandbox: true, provider: "sandbox" });
    const detail = await t.rep.browser.get(`/api/v1/conversations/${conversation.id}`);
    expect(detail.body.conversation).toMatchObject({
      mode: "human",
      unreadCount: 0,
      lastMessageDirection: "outbound",
      assigneeId: t.rep.userId,
    });
    expect(detail.body.conversation.channel.sandbox).toBe(true);
  });

  it("refuses free text on WhatsApp outside the 24-hour window with an explanation", async () => {
    const conversation = await inboundConversation("whatsapp");
    expect(
      (await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, { body: "Within the window" }))
        .status,
    ).toBe(201);
    await withService((tx) =>
      tx.query("update public.conversations set last_inbound_at = now() - interval '25 hours' where id = $1", [
        conversation.id,
      ]),
    );
    const late = await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, { body: "Too late" });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: "whatsapp_window_closed" });
    expect(late.body.detail).toMatch(/24 hours/);
    expect(await count("public.messages where conversation_id = $1 and body = 'Too late'", [conversation.id])).toBe(0);

    // A German rep reads why, and the field's message, in German (the code stays the same).
    const german = problemTexts("de");
    expect((await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "de" } })).status).toBe(200);
    try {
      const refused = await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, {
        body: "Zu spät",
      });
      expect(refused.body).toMatchObject({
        code: "whatsapp_window_closed",
        detail: german.problems("whatsappWindowClosed"),
        errors: { body: [german.validation("whatsappWindowClosedField")] },
        errorCodes: { body: ["whatsappWindowClosedField"] },
      });
    } finally {
      await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
    }
  });

  it("rejects an empty reply with a field error and a reply in someone else's conversation with 404", async () => {
    const conversation = await inboundConversation("sms");
    const empty = await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, { body: "   " });
    expect(empty.status).toBe(422);
    expect(empty.errors).toHaveProperty("body");
    const outsider = await team();
    expect(
      (await outsider.owner.browser.post(`/api/v1/conversations/${conversation.id}/messages`, { body: "Hi" })).status,
    ).toBe(404);
    expect((await outsider.owner.browser.get(`/api/v1/conversations/${conversation.id}`)).status).toBe(404);
  });

  it("a failed message shows the provider's reason and can be retried", async () => {
    const conversation = await inboundConversation("sms");
    const sent = await t.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, {
      body: "Our offer is attached.",
    });
    await settled();
    await withService((tx) =>
      tx.query(
        "update public.messages set status = 'failed', error_code = '30007', error_message = 'Message filtered by the carrier' where id = $1",
        [sent.body.message.id],
      ),
    );
    const failed = (await t.rep.browser.get(`/api/v1/conversations/${conversation.id}/messages`)).body.messages.at(-1);
    expect(failed).toMatchObject({
      status: "failed",
      errorCode: "30007",
      errorMessage: "Message filtered by the carrier",
    });
    const retry = await t.rep.browser.post(`/api/v1/messages/${sent.body.message.id}/retry`);
    expect(retry.status).toBe(200);
    await settled();
    const again = (await t.rep.browser.get(`/api/v1/conversations/${conversation.id}/messages`)).body.messages.at(-1);
    expect(again).toMatchObject({ status: "sent", errorCode: null });
    expect((await t.rep.browser.post(`/api/v1/messages/${sent.body.message.id}/retry`)).status).toBe(409);
  });
});

describe("the inbox list", () => {
  it("pages with a keyset cursor that moves both ways and filters by unread, status and assignment", async () => {
    for (let i = 0; i < 7; i++)
      await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", twilioInbound(twilioNumber, mobile(), `Paging ${i}`));
    await settled();
    const first = await t.manager.browser.get("/api/v1/conversations?status=all&limit=3");
    expect(first.body.conversations).toHaveLength(3);
    expect(first.body.prevCursor).toBeNull();
    const second = await t.manager.browser.get(
      `/api/v1/conversations?status=all&limit=3&cursor=${first.body.nextCursor}`,
    );
    const firstIds = first.body.conversations.map((c: { id: string }) => c.id);
    const secondIds = second.body.conversations.map((c: { id: string }) => c.id);
    expect(secondIds.some((id: string) => firstIds.includes(id))).toBe(false);
    const back = await t.manager.browser.get(
      `/api/v1/conversations?status=all&limit=3&direction=prev&cursor=${second.body.prevCursor}`,
    );
    expect(back.body.conversations.map((c: { id: string }) => c.id)).toEqual(firstIds);

    const unread = await t.manager.browser.get("/api/v1/conversations?status=all&unread=true&limit=100");
    const badge = await t.manager.browser.get("/api/v1/conversations/unread-count");
    expect(badge.body.count).toBe(
      unread.body.conversations.filter((c: { status: string }) => c.status !== "closed").length,
    );
    expect(unread.body.conversations.every((c: { unreadCount: number }) => c.unreadCount > 0)).toBe(true);
    const target = unread.body.conversations[0];
    expect(
      (
        await t.manager.browser.patch(`/api/v1/conversations/${target.id}`, {
          status: "closed",
          assigneeId: t.rep.userId,
        })
      ).status,
    ).toBe(200);
    const mine = await t.rep.browser.get("/api/v1/conversations?status=closed&assigned=me");
    expect(mine.body.conversations.map((c: { id: string }) => c.id)).toContain(target.id);
    expect(
      (await t.rep.browser.patch(`/api/v1/conversations/${target.id}`, { assigneeId: t.manager.userId })).status,
    ).toBe(403);
    expect((await t.manager.browser.get("/api/v1/conversations?heat=lukewarm")).status).toBe(422);
    expect((await t.manager.browser.get("/api/v1/conversations?cursor=forged.cursor")).status).toBe(400);
  });
});
