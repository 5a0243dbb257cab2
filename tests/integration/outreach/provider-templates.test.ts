/**
 * With provider credentials, templates come from the providers over real HTTP: the WhatsApp
 * Cloud API's /{WABA-ID}/message_templates through fetch, Twilio's Content API through the
 * official SDK, both played by a local stand-in. A template written in Kiln is submitted to
 * the Cloud API; its status follows the signed template-status webhook; a template message
 * leaves as `type: template` (Cloud API) or ContentSid + ContentVariables (Twilio).
 */
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProviders, liveModeAgainst, ACCOUNT_SID, type Recorded } from "../inbox/fake-providers";

const fake = await startFakeProviders();
const PLATFORM_ADMIN = `platform-${randomUUID()}@kiln.test`;
liveModeAgainst(fake.base, PLATFORM_ADMIN);
const WABA = "102290129340398";
process.env.WHATSAPP_BUSINESS_ACCOUNT_ID = WABA;

const { withService } = await import("@/lib/db");
const { closeDatabase } = await import("@/lib/db/client");
const { settled } = await import("@/lib/jobs/soon");
const { signUpPerson, team } = await import("../api/http");
const { cloudEnvelope, cloudText, metaSignature, mobile, postWhatsapp } = await import("../inbox/webhook-client");

afterAll(async () => {
  await closeDatabase();
  fake.close();
});

const CLOUD_TEMPLATES = [
  {
    id: "1627019861106475",
    name: "order_update",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    components: [
      {
        type: "BODY",
        text: "Hi {{1}}, your order {{2}} is on its way.",
        example: { body_text: [["Pablo", "860198"]] },
      },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Thanks" }] },
    ],
  },
  {
    id: "1627019861106476",
    name: "spring_offer",
    language: "de",
    status: "REJECTED",
    category: "MARKETING",
    rejected_reason: "PROMOTIONAL",
    components: [{ type: "BODY", text: "Hallo {{1}}, unser Frühlingsangebot!" }],
  },
];

const CONTENT = {
  sid: `HX${"b2".repeat(16)}`,
  account_sid: ACCOUNT_SID,
  friendly_name: "appointment_reminder",
  language: "en",
  variables: { "1": "Ana", "2": "Tuesday" },
  types: { "twilio/text": { body: "Hi {{1}}, see you on {{2}}." } },
  approval_requests: { name: "appointment_reminder", category: "UTILITY", status: "approved", rejection_reason: "" },
  date_created: "2026-11-01T10:00:00Z",
  date_updated: "2026-11-01T10:00:00Z",
  url: "",
};

function reply(request: Recorded): { status: number; body: unknown } {
  const url = new URL(request.url, "http://fake");
  if (url.pathname === `/v21.0/${WABA}/message_templates` && request.method === "GET") {
    // Two pages, as the Graph API pages them: a cursor `after` while `next` is given.
    if (!url.searchParams.get("after"))
      return {
        status: 200,
        body: { data: [CLOUD_TEMPLATES[0]], paging: { cursors: { after: "MQ" }, next: "https://graph/next" } },
      };
    return { status: 200, body: { data: CLOUD_TEMPLATES.slice(1), paging: { cursors: { before: "MQ" } } } };
  }
  if (url.pathname === `/v21.0/${WABA}/message_templates` && request.method === "POST")
    return { status: 200, body: { id: "1627019861109999", status: "PENDING", category: "UTILITY" } };
  if (url.pathname === "/v1/ContentAndApprovals")
    return {
      status: 200,
      body: {
        contents: [CONTENT],
        meta: {
          page: 0,
          page_size: 100,
          first_page_url: "",
          previous_page_url: null,
          url: "",
          next_page_url: null,
          key: "contents",
        },
      },
    };
  if (/\/v21\.0\/\d+\/messages$/.test(url.pathname))
    return { status: 200, body: { messaging_product: "whatsapp", messages: [{ id: `wamid.${randomUUID()}` }] } };
  if (url.pathname.endsWith("/Messages.json"))
    return {
      status: 201,
      body: { sid: `SM${randomUUID().replace(/-/g, "")}`, status: "queued", account_sid: ACCOUNT_SID },
    };
  return { status: 404, body: {} };
}
fake.reply = reply;

let t: Awaited<ReturnType<typeof team>>;
let cloudChannel: string;
let cloudNumberId: string;
let twilioChannel: string;

beforeAll(async () => {
  t = await team();
  const twilioNumber = mobile();
  cloudNumberId = String(randomInt(100_000_000, 999_999_999));
  fake.twilioNumbers.add(twilioNumber);
  fake.cloudNumbers.set(cloudNumberId, mobile().slice(1));
  const platform = await signUpPerson({ email: PLATFORM_ADMIN });
  for (const [provider, number] of [
    ["twilio", twilioNumber],
    ["whatsapp_cloud", cloudNumberId],
  ])
    expect(
      (await platform.browser.post("/api/v1/platform/number-allocations", { orgId: t.orgId, provider, number })).status,
    ).toBe(201);
  const tw = await t.admin.browser.post("/api/v1/channels", {
    provider: "twilio",
    address: twilioNumber,
    capabilities: ["sms", "whatsapp"],
    label: "Twilio WhatsApp",
  });
  expect(tw.status, JSON.stringify(tw.body)).toBe(201);
  twilioChannel = tw.body.channel.id;
  const cloud = await t.admin.browser.post("/api/v1/channels", {
    provider: "whatsapp_cloud",
    address: `+${fake.cloudNumbers.get(cloudNumberId)}`,
    phoneNumberId: cloudNumberId,
    capabilities: ["whatsapp"],
    label: "Cloud WhatsApp",
  });
  expect(cloud.status, JSON.stringify(cloud.body)).toBe(201);
  cloudChannel = cloud.body.channel.id;
});

describe("syncing from the providers", () => {
  it("reads every page of the Cloud API's message_templates with the access token and stores name, language, category, body, buttons and status", async () => {
    const synced = await t.admin.browser.post(`/api/v1/channels/${cloudChannel}/templates/sync`);
    expect(synced.status, JSON.stringify(synced.body)).toBe(200);
    expect(synced.body.result).toMatchObject({ sandbox: false, stored: 2 });
    const calls = fake.recorded.filter((r) => r.url.startsWith(`/v21.0/${WABA}/message_templates`));
    expect(calls).toHaveLength(2);
    expect(calls[0]!.headers.authorization).toBe("Bearer live-whatsapp-access-token");
    expect(new URL(calls[1]!.url, "http://x").searchParams.get("after")).toBe("MQ");
    const library = await t.rep.browser.get(`/api/v1/channels/${cloudChannel}/templates`);
    expect(library.body.sandbox).toBe(false);
    expect(library.body.templates).toEqual([
      expect.objectContaining({
        name: "order_update",
        language: "en_US",
        category: "utility",
        status: "approved",
        body: "Hi {{1}}, your order {{2}} is on its way.",
        providerTemplateId: "1627019861106475",
        buttons: [{ type: "quick_reply", text: "Thanks" }],
        variables: [
          { source: null, example: "Pablo" },
          { source: null, example: "860198" },
        ],
        sample: false,
      }),
      expect.objectContaining({
        name: "spring_offer",
        status: "rejected",
        category: "marketing",
        rejectedReason: "PROMOTIONAL",
      }),
    ]);
  });

  it("reads Twilio's Content API (ContentAndApprovals) through the SDK", async () => {
    const synced = await t.admin.browser.post(`/api/v1/channels/${twilioChannel}/templates/sync`);
    expect(synced.status, JSON.stringify(synced.body)).toBe(200);
    expect(fake.recorded.some((r) => r.url.startsWith("/v1/ContentAndApprovals"))).toBe(true);
    const library = await t.rep.browser.get(`/api/v1/channels/${twilioChannel}/templates`);
    expect(library.body.templates).toEqual([
      expect.objectContaining({
        name: "appointment_reminder",
        providerTemplateId: CONTENT.sid,
        status: "approved",
        category: "utility",
        body: "Hi {{1}}, see you on {{2}}.",
        variables: [
          { source: null, example: "Ana" },
          { source: null, example: "Tuesday" },
        ],
      }),
    ]);
  });

  it("a template gone from the provider is marked disabled on the next sync", async () => {
    const saved = CLOUD_TEMPLATES.splice(1, 1);
    await t.admin.browser.post(`/api/v1/channels/${cloudChannel}/templates/sync`);
    CLOUD_TEMPLATES.push(...saved);
    const library = await t.rep.browser.get(`/api/v1/channels/${cloudChannel}/templates`);
    expect(library.body.templates.find((x: { name: string }) => x.name === "spring_offer").status).toBe("disabled");
    await t.admin.browser.post(`/api/v1/channels/${cloudChannel}/templates/sync`);
  });
});

describe("creating a template and following its status", () => {
  it("submits a template written in Kiln to the Cloud API and follows the signed status webhook", async () => {
    const created = await t.admin.browser.post(`/api/v1/channels/${cloudChannel}/templates`, {
      name: "demo_follow_up",
      language: "en",
      category: "utility",
      body: "Hi {{1}}, this is {{2}} following up.",
      variables: [
        { source: "firstName", example: "Ana" },
        { source: "owner", example: "Sam" },
      ],
      buttons: [{ type: "quick_reply", text: "Call me" }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.template).toMatchObject({ status: "pending", providerTemplateId: "1627019861109999" });
    const submitted = fake.recorded.find((r) => r.method === "POST" && r.url === `/v21.0/${WABA}/message_templates`)!;
    expect(JSON.parse(submitted.body)).toEqual({
      name: "demo_follow_up",
      language: "en",
      category: "UTILITY",
      components: [
        { type: "BODY", text: "Hi {{1}}, this is {{2}} following up.", example: { body_text: [["Ana", "Sam"]] } },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Call me" }] },
      ],
    });

    const notification = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: WABA,
          time: 1764840000,
          changes: [
            {
              field: "message_template_status_update",
              value: {
                event: "APPROVED",
                message_template_id: 1627019861109999,
                message_template_name: "demo_follow_up",
                message_template_language: "en",
                reason: "NONE",
              },
            },
          ],
        },
      ],
    };
    const raw = JSON.stringify(notification);
    const unsigned = await postWhatsapp(null, notification, { raw, signature: metaSignature(raw, "wrong-secret") });
    expect(unsigned.status).toBe(403);
    const response = await postWhatsapp(null, notification, {
      raw,
      signature: metaSignature(raw, "live-whatsapp-app-secret"),
    });
    expect(response.status).toBe(200);
    await settled();
    const library = await t.rep.browser.get(`/api/v1/channels/${cloudChannel}/templates`);
    expect(library.body.templates.find((x: { name: string }) => x.name === "demo_follow_up")).toMatchObject({
      status: "approved",
    });
  });

  it("a template the Cloud API refused to take is not kept as pending, and can be written again", async () => {
    const input = {
      name: "refused_at_submission",
      language: "en",
      category: "utility",
      body: "Hi {{1}}, a quick follow-up.",
      variables: [{ source: "firstName", example: "Ana" }],
      buttons: [],
    };
    fake.reply = (request) =>
      new URL(request.url, "http://fake").pathname === `/v21.0/${WABA}/message_templates` && request.method === "POST"
        ? { status: 500, body: { error: { message: "Service temporarily unavailable", code: 2 } } }
        : reply(request);
    try {
      const refused = await t.admin.browser.post(`/api/v1/channels/${cloudChannel}/templates`, input);
      expect(refused.status, JSON.stringify(refused.body)).toBe(502);
    } finally {
      fake.reply = reply;
    }
    const library = await t.admin.browser.get(`/api/v1/channels/${cloudChannel}/templates`);
    expect(library.body.templates.map((x: { name: string }) => x.name)).not.toContain("refused_at_submission");
    const again = await t.admin.browser.post(`/api/v1/channels/${cloudChannel}/templates`, input);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });
});

describe("sending template messages", () => {
  async function closedThread(channel: "cloud" | "twilio") {
    const from = mobile();
    const at = new Date(Date.now() - 3 * 86_400_000);
    if (channel === "cloud") {
      const envelope = cloudEnvelope(cloudNumberId, [{ messages: [cloudText(from, "Hi", undefined, at)] }]);
      const raw = JSON.stringify(envelope);
      expect(
        (await postWhatsapp(null, envelope, { raw, signature: metaSignature(raw, "live-whatsapp-app-secret") })).status,
      ).toBe(200);
      await settled();
    }
    return withService(async (tx) => {
      if (channel === "twilio") {
        const { rows } = await tx.query<{ id: string }>(
          "insert into public.leads (org_id, name, phone, source) values ($1, 'Tia Test', $2, 'manual') returning id",
          [t.orgId, from],
        );
        const { rows: c } = await tx.query<{ id: string }>(
          `insert into public.conversations (org_id, lead_id, channel_id, medium, last_inbound_at) values ($1, $2, $3, 'whatsapp', $4) returning id`,
          [t.orgId, rows[0]!.id, twilioChannel, at],
        );
        return { from, conversationId: c[0]!.id };
      }
      const { rows } = await tx.query<{ id: string }>(
        "select c.id from public.conversations c join public.leads l on l.id = c.lead_id where l.phone = $1",
        [from],
      );
      return { from, conversationId: rows[0]!.id };
    });
  }

  it("the Cloud API gets type template with the name, language and body parameters in order", async () => {
    const thread = await closedThread("cloud");
    const choices = await t.rep.browser.get(`/api/v1/conversations/${thread.conversationId}/templates`);
    const template = choices.body.templates.find((x: { name: string }) => x.name === "order_update");
    const sent = await t.rep.browser.post(`/api/v1/conversations/${thread.conversationId}/templates`, {
      templateId: template.id,
      parameters: ["Ana", "A-17"],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await settled();
    const call = fake.recorded.filter((r) => r.url === `/v21.0/${cloudNumberId}/messages`).at(-1)!;
    expect(JSON.parse(call.body)).toMatchObject({
      messaging_product: "whatsapp",
      to: thread.from.slice(1),
      type: "template",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Ana" },
              { type: "text", text: "A-17" },
            ],
          },
        ],
      },
    });
  });

  it("Twilio gets the content sid and the variables keyed from 1", async () => {
    const thread = await closedThread("twilio");
    const choices = await t.rep.browser.get(`/api/v1/conversations/${thread.conversationId}/templates`);
    const template = choices.body.templates.find((x: { name: string }) => x.name === "appointment_reminder");
    const sent = await t.rep.browser.post(`/api/v1/conversations/${thread.conversationId}/templates`, {
      templateId: template.id,
      parameters: ["Tia", "Friday"],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await settled();
    const call = fake.recorded.filter((r) => r.url.endsWith("/Messages.json")).at(-1)!;
    const form = new URLSearchParams(call.body);
    expect(form.get("ContentSid")).toBe(CONTENT.sid);
    expect(JSON.parse(form.get("ContentVariables")!)).toEqual({ "1": "Tia", "2": "Friday" });
    expect(form.get("Body")).toBeNull();
    expect(form.get("To")).toBe(`whatsapp:${thread.from}`);
  });
});
