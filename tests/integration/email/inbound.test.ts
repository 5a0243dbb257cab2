import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDraftContext } from "@/lib/approvals/draft";
import { redraftMissed } from "@/lib/approvals/workers";
import { withService } from "@/lib/db";
import { closeDatabase, database } from "@/lib/db/client";
import { signEmailDelivery } from "@/lib/email/signature";
import { env } from "@/lib/env";
import { processInboundEvent } from "@/lib/inbound/events";
import { settled } from "@/lib/jobs/soon";
import { team } from "../api/http";
import { drained, salesTemplate } from "../approvals/harness";
import { provider } from "../inbox/webhook-client";

/**
 * Inbound email end to end: a mail provider posts raw RFC 822 to the organization's signed
 * URL (what Settings → Channels → Inbound email shows), the pipeline stores it once and the
 * email handler files it in the inbox: leads, threads, subject and bodies, attachments,
 * automatic replies and bounces. Real MIME fixtures from tests/fixtures/email.
 */

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let other: Team;
let secret: string;
let otherSecret: string;
const MAILBOX = "sales@acme.example";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../fixtures/email", name));
const now = () => Math.floor(Date.now() / 1000);

type PostOptions = {
  secret?: string;
  timestamp?: number;
  signature?: string | null;
  contentType?: string;
  org?: string;
};

function postEmail(raw: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>, options: PostOptions = {}) {
  const timestamp = options.timestamp ?? now();
  const signature =
    options.signature !== undefined
      ? options.signature
      : raw instanceof Uint8Array
        ? signEmailDelivery(options.secret ?? secret, timestamp, raw)
        : "v1=" + "0".repeat(64);
  return provider.post(`/api/webhooks/email/inbound?org=${options.org ?? t.orgId}`, undefined, {
    rawBody: raw,
    contentType: options.contentType ?? "message/rfc822",
    origin: null,
    headers: {
      "kiln-email-timestamp": String(timestamp),
      ...(signature === null ? {} : { "kiln-email-signature": signature }),
    },
  });
}

const bytes = (name: string) => new Uint8Array(fixture(name));

async function deliver(name: string) {
  const response = await postEmail(bytes(name));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  await settled();
  return response;
}

const one = async <T>(sql: string, params: unknown[]) =>
  withService(async (tx) => (await tx.query<T & Record<string, unknown>>(sql, params)).rows[0]);
const count = async (sql: string, params: unknown[]) =>
  (await one<{ n: number }>(`select count(*)::int as n from ${sql}`, params))!.n;

const leadByEmail = (email: string) =>
  one<{ id: string; name: string; source: string; email_undeliverable_status: string | null }>(
    "select id, name, source, email_undeliverable_status from public.leads where org_id = $1 and email = $2",
    [t.orgId, email],
  );
const emailOf = (rfcId: string) =>
  one<{
    message_id: string;
    conversation_id: string;
    subject: string;
    text_body: string;
    html_body: string | null;
    auto_reply: boolean;
    bounce: boolean;
    bounce_status: string | null;
    body: string;
  }>(
    `select e.*, m.body from public.email_messages e join public.messages m on m.id = e.message_id
      where e.org_id = $1 and e.rfc_message_id = $2`,
    [t.orgId, rfcId],
  );
const inboundReplies = (leadId: string) =>
  count("public.lead_events where lead_id = $1 and type = 'signal' and data ->> 'signal' = 'inbound_reply'", [leadId]);

beforeAll(async () => {
  [t, other] = await Promise.all([team(), team()]);
  const settings = await t.admin.browser.get("/api/v1/channels/email");
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  secret = settings.body.secret;
  expect(settings.body.url).toBe(`http://localhost:3000/api/webhooks/email/inbound?org=${t.orgId}`);
  const mailbox = await t.admin.browser.post("/api/v1/channels/email", {
    address: "Sales@Acme.example",
    label: "Sales",
  });
  expect(mailbox.status, JSON.stringify(mailbox.body)).toBe(201);
  expect(mailbox.body.mailbox.address).toBe(MAILBOX);
  otherSecret = (await other.admin.browser.get("/api/v1/channels/email")).body.secret;
  await other.admin.browser.post("/api/v1/channels/email", { address: MAILBOX, label: "Sales" });
});

describe("Settings → Channels → Inbound email", () => {
  it("admins see the URL, the secret and the headers; a rep and a manager are refused", async () => {
    const again = await t.admin.browser.get("/api/v1/channels/email");
    expect(again.body).toMatchObject({
      secret,
      headers: { signature: "kiln-email-signature", timestamp: "kiln-email-timestamp" },
      maxBytes: 20 * 1024 * 1024,
      mailboxes: [{ address: MAILBOX, label: "Sales", active: true }],
    });
    expect((await t.rep.browser.get("/api/v1/channels/email")).status).toBe(403);
    expect((await t.manager.browser.get("/api/v1/channels/email")).status).toBe(403);
    expect(otherSecret).not.toBe(secret);
  });

  it("the secret is stored sealed, never in plaintext", async () => {
    const row = await one<{ secret_sealed: string }>(
      "select secret_sealed from public.email_inbound_secrets where org_id = $1",
      [t.orgId],
    );
    expect(row!.secret_sealed).toMatch(/^v1\./);
    expect(row!.secret_sealed).not.toContain(secret);
  });

  it("a mailbox address is refused when it is not an address, or already a channel here", async () => {
    const bad = await t.admin.browser.post("/api/v1/channels/email", { address: "not-an-address", label: "X" });
    expect(bad.status).toBe(422);
    const twice = await t.admin.browser.post("/api/v1/channels/email", { address: MAILBOX, label: "Again" });
    expect(twice.status).toBe(409);
  });
});

describe("signed deliveries", () => {
  it("no signature, a wrong one, a stale or future timestamp, another organization's secret: 401 and nothing stored", async () => {
    const raw = bytes("multipart-alternative.eml");
    const before = await count("public.inbound_events where provider = 'email'", []);
    const refusals = [
      await postEmail(raw, { signature: null }),
      await postEmail(raw, { signature: "v1=" + "a".repeat(64) }),
      await postEmail(raw, { timestamp: now() - 301 }),
      await postEmail(raw, { timestamp: now() + 400 }), // well past the tolerance: a loaded machine takes seconds to get the request to the check
      await postEmail(raw, { secret: otherSecret }),
      // Signed correctly for the other organization, but posted to this one's URL.
      await postEmail(raw, { secret: otherSecret, org: t.orgId }),
      await postEmail(raw, { org: "00000000-0000-4000-8000-000000000000" }),
      await postEmail(raw, { org: "not-a-uuid" }),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    }
    expect(refusals[2]!.body.detail).toMatch(/five minutes/);
    expect(await count("public.inbound_events where provider = 'email'", [])).toBe(before);
  });

  it("another organization's delivery lands in that organization only", async () => {
    const raw = bytes("windows-1252.eml");
    const response = await postEmail(raw, { secret: otherSecret, org: other.orgId });
    expect(response.status).toBe(200);
    await settled();
    expect(await count("public.leads where org_id = $1 and email = 'claire.dubois@example.fr'", [other.orgId])).toBe(1);
    expect(await count("public.leads where org_id = $1 and email = 'claire.dubois@example.fr'", [t.orgId])).toBe(0);
  });

  it("a body that is not message/rfc822 is refused with 415", async () => {
    const raw = bytes("multipart-alternative.eml");
    expect((await postEmail(raw, { contentType: "application/json" })).status).toBe(415);
  });

  it("a message over 20 MB is refused with 413 problem+json, without reading on", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 64) return controller.close();
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const response = await postEmail(body);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(pulled).toBeLessThan(30);

    const declared = await provider.post(`/api/webhooks/email/inbound?org=${t.orgId}`, undefined, {
      rawBody: new Uint8Array(20 * 1024 * 1024 + 1),
      contentType: "message/rfc822",
      origin: null,
      headers: { "content-length": String(20 * 1024 * 1024 + 1) },
    });
    expect(declared.status).toBe(413);
  });
});

describe("emails in the inbox", () => {
  it("multipart/alternative from a new sender: a lead named from the From header, an email thread, subject, text and raw HTML; a reply's signal", async () => {
    await deliver("multipart-alternative.eml");
    const lead = await leadByEmail("miriam.keller@example.org");
    expect(lead).toMatchObject({ name: "Miriam Keller", source: "email" });
    const email = await emailOf("first.7f3a@mail.example.org");
    expect(email).toMatchObject({ subject: "Solar panels for our office in Zug", auto_reply: false, bounce: false });
    expect(email!.text_body).toContain("Miriam Keller\nCFO");
    expect(email!.html_body).toContain('<img src="https://tracker.example.net/pixel.gif"');
    // The message's text is the lead's own words: the signature below "-- " is cut.
    expect(email!.body).toContain("CHF 60'000 set aside");
    expect(email!.body).not.toContain("CFO");
    expect(await inboundReplies(lead!.id)).toBe(1);

    const list = await t.rep.browser.get("/api/v1/conversations?channel=email");
    expect(list.status).toBe(200);
    const row = list.body.conversations.find((c: { id: string }) => c.id === email!.conversation_id);
    expect(row).toMatchObject({ medium: "email", leadName: "Miriam Keller", unreadCount: 1 });
    expect(row.lastMessagePreview).toMatch(/^Solar panels for our office in Zug — Hello/);
    const sms = await t.rep.browser.get("/api/v1/conversations?channel=sms");
    expect(sms.body.conversations.some((c: { id: string }) => c.id === email!.conversation_id)).toBe(false);

    const thread = await t.rep.browser.get(`/api/v1/conversations/${email!.conversation_id}/messages`);
    expect(thread.body.messages).toHaveLength(1);
    expect(thread.body.messages[0]).toMatchObject({
      direction: "inbound",
      authorType: "lead",
      provider: "email",
      email: { subject: "Solar panels for our office in Zug", autoReply: false, bounce: false },
    });
  });

  it("the whole email (raw HTML, full text, ids) is read by members of the organization only", async () => {
    const stored = await emailOf("first.7f3a@mail.example.org");
    const email = await t.rep.browser.get(`/api/v1/messages/${stored!.message_id}/email`);
    expect(email.status).toBe(200);
    expect(email.body.email).toMatchObject({
      subject: "Solar panels for our office in Zug",
      from: "miriam.keller@example.org",
      fromName: "Miriam Keller",
      to: [MAILBOX],
      rfcMessageId: "first.7f3a@mail.example.org",
    });
    expect(email.body.email.html).toContain("tracker.example.net");
    expect(email.body.email.text).toContain("CFO");
    // How the viewer frames it, worked out here so the browser never parses the raw HTML.
    expect(email.body.display).toMatchObject({ blockedImages: 1, height: { imagesBlocked: expect.any(Number) } });
    expect((await other.owner.browser.get(`/api/v1/messages/${stored!.message_id}/email`)).status).toBe(404);
  });

  it("the same delivery again is stored once", async () => {
    const response = await postEmail(bytes("multipart-alternative.eml"));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, stored: false });
    await settled();
    expect(
      await count("public.email_messages where org_id = $1 and rfc_message_id = 'first.7f3a@mail.example.org'", [
        t.orgId,
      ]),
    ).toBe(1);
    expect(
      await count("public.inbound_events where provider = 'email' and org_id = $1 and event_id like '%first.7f3a%'", [
        t.orgId,
      ]),
    ).toBe(1);
  });

  it("a reply threads into the conversation holding the message it answers; the quote is not new words", async () => {
    await deliver("reply.eml");
    const first = await emailOf("first.7f3a@mail.example.org");
    const reply = await emailOf("second.91bc@mail.example.org");
    expect(reply!.conversation_id).toBe(first!.conversation_id);
    expect(reply!.body).toBe("One more thing: we would like the installation before the end of March.");
    expect(reply!.text_body).toContain("> Could you send an offer?");
    expect(
      await count(
        "public.conversations where org_id = $1 and medium = 'email' and lead_id = (select id from public.leads where org_id = $1 and email = 'miriam.keller@example.org')",
        [t.orgId],
      ),
    ).toBe(1);
    const lead = await leadByEmail("miriam.keller@example.org");
    expect(await inboundReplies(lead!.id)).toBe(2);
  });

  it("a new message without In-Reply-To from the same lead opens a new email conversation", async () => {
    const raw = Buffer.from(
      [
        "From: Miriam Keller <miriam.keller@example.org>",
        `To: ${MAILBOX}`,
        "Subject: Another topic: heat pump",
        "Message-ID: <third.aa01@mail.example.org>",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Separate question about a heat pump.",
      ].join("\r\n"),
    );
    await deliver2(raw);
    const first = await emailOf("first.7f3a@mail.example.org");
    const third = await emailOf("third.aa01@mail.example.org");
    expect(third!.conversation_id).not.toBe(first!.conversation_id);
  });

  it("an out-of-office is stored and flagged in its thread, but is no reply: no signal, no notification", async () => {
    const lead = await leadByEmail("miriam.keller@example.org");
    const signals = await inboundReplies(lead!.id);
    const notifications = await count("public.notifications where org_id = $1", [t.orgId]);
    await deliver("out-of-office.eml");
    const ooo = await emailOf("ooo-0001@mail.example.org");
    const first = await emailOf("first.7f3a@mail.example.org");
    expect(ooo).toMatchObject({ auto_reply: true, bounce: false, conversation_id: first!.conversation_id });
    expect(await inboundReplies(lead!.id)).toBe(signals);
    expect(await count("public.notifications where org_id = $1", [t.orgId])).toBe(notifications);
    const thread = await t.rep.browser.get(`/api/v1/conversations/${first!.conversation_id}/messages`);
    const flagged = thread.body.messages.find((m: { email?: { autoReply: boolean } }) => m.email?.autoReply);
    expect(flagged.email.subject).toMatch(/^Automatic reply/);
  });

  it("an automatic reply or a newsletter from an address no lead has adds no lead and no conversation", async () => {
    const leads = await count("public.leads where org_id = $1", [t.orgId]);
    const conversations = await count("public.conversations where org_id = $1", [t.orgId]);
    const automatic = (from: string, id: string, header: string) =>
      Buffer.from(
        [
          `From: ${from}`,
          `To: ${MAILBOX}`,
          "Subject: Spring offers on inverters",
          `Message-ID: <${id}>`,
          "Date: Fri, 04 Dec 2026 09:00:00 +0000",
          header,
          "Content-Type: text/plain; charset=utf-8",
          "",
          "Our spring catalogue is out.",
          "",
        ].join("\r\n"),
      );
    await deliver2(
      automatic("Solarteile Newsletter <news@solarteile.example>", "nl-0001@solarteile.example", "Precedence: bulk"),
    );
    await deliver2(
      automatic(
        "Jonas Brandt <jonas.brandt@nowhere.example>",
        "ar-0001@nowhere.example",
        "Auto-Submitted: auto-replied",
      ),
    );
    expect(await count("public.leads where org_id = $1", [t.orgId])).toBe(leads);
    expect(await count("public.conversations where org_id = $1", [t.orgId])).toBe(conversations);
    expect(await emailOf("nl-0001@solarteile.example")).toBeUndefined();
  });

  it("a DSN hard bounce marks the lead's address undeliverable and files the bounce with that lead; the mailer daemon is no lead", async () => {
    const created = await t.rep.browser.post("/api/v1/leads", { name: "Gone Lead", email: "gone.lead@example.org" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await deliver("bounce-dsn.eml");
    const lead = await leadByEmail("gone.lead@example.org");
    expect(lead!.email_undeliverable_status).toBe("5.1.1");
    const dsn = await emailOf("dsn-0001@mx.acme.example");
    expect(dsn).toMatchObject({ bounce: true, bounce_status: "5.1.1", auto_reply: true });
    const conversation = await one<{ lead_id: string }>("select lead_id from public.conversations where id = $1", [
      dsn!.conversation_id,
    ]);
    expect(conversation!.lead_id).toBe(lead!.id);
    expect(await inboundReplies(lead!.id)).toBe(0);
    expect(await count("public.leads where org_id = $1 and email ilike 'mailer-daemon%'", [t.orgId])).toBe(0);

    // A new address clears the mark.
    const changed = await t.rep.browser.patch(`/api/v1/leads/${lead!.id}`, { email: "new.address@example.org" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await leadByEmail("new.address@example.org"))!.email_undeliverable_status).toBeNull();
  });

  it("an attachment is stored and served to members", async () => {
    await deliver("attachment.eml");
    const email = await emailOf("plan-0001@brunner-holz.example");
    const thread = await t.rep.browser.get(`/api/v1/conversations/${email!.conversation_id}/messages`);
    const [message] = thread.body.messages;
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({
      fileName: "floor plan.pdf",
      contentType: "application/pdf",
      status: "stored",
    });
    const file = await t.rep.browser.get(`/api/v1/attachments/${message.attachments[0].id}/content`);
    expect(file.status).toBe(200);
    expect(file.text.startsWith("%PDF-")).toBe(true);
    const outsider = await other.owner.browser.get(`/api/v1/attachments/${message.attachments[0].id}/content`);
    expect(outsider.status).toBe(404);
  });

  it("ISO-8859-1 and windows-1252 messages are decoded, names and subjects included", async () => {
    await deliver("iso-8859-1.eml");
    expect(await leadByEmail("juerg.mueller@example.ch")).toMatchObject({ name: "Jürg Müller" });
    const latin = await emailOf("latin1-0001@example.ch");
    expect(latin!.subject).toBe("Offerte für Wärmepumpe");
    expect(latin!.body).toContain("Wir möchten eine Wärmepumpe für unser Haus in Zürich");
    await deliver("windows-1252.eml");
    const cp1252 = await emailOf("cp1252-0001@example.fr");
    expect(cp1252!.body).toBe("We have “about €18.000” for the project – is that enough?");
  });

  it("an HTML-only message keeps its HTML as received and gets a text body", async () => {
    await deliver("html-only.eml");
    const email = await emailOf("html-only-0001@example.co.il");
    expect(email!.html_body).toContain("<script>alert(1)</script>");
    expect(email!.body).toContain("home batteries");
    expect(await leadByEmail("noa.levi@example.co.il")).toMatchObject({ name: "Noa Levi" });
  });

  it("malformed headers are read as far as they go", async () => {
    await deliver("malformed-headers.eml");
    const email = await emailOf("no-brackets-0001@example.pt");
    expect(email!.body).toBe("Please call me about the offer.");
    expect(await leadByEmail("pedro.alves@example.pt")).toBeTruthy();
  });
});

describe("rotating the secret", () => {
  it("an admin rotates it; the old secret is refused from then on, the new one accepted", async () => {
    const rotated = await t.admin.browser.post("/api/v1/channels/email/secret", {});
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    expect((await t.rep.browser.post("/api/v1/channels/email/secret", {})).status).toBe(403);
    const raw = new Uint8Array(
      Buffer.from("From: a@rotation.example\r\nMessage-ID: <rot-1@rotation.example>\r\nSubject: hi\r\n\r\nhello"),
    );
    expect((await postEmail(raw)).status).toBe(401);
    expect((await postEmail(raw, { secret: rotated.body.secret })).status).toBe(200);
    secret = rotated.body.secret;
    expect((await t.admin.browser.get("/api/v1/channels/email")).body.secret).toBe(secret);
  });
});

/** A plain-text message to the mailbox, CRLF as on the wire. */
const mail = (headers: Record<string, string>, body: string, contentType = "text/plain; charset=utf-8") =>
  Buffer.from(
    [
      `To: ${MAILBOX}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      "MIME-Version: 1.0",
      `Content-Type: ${contentType}`,
      "",
      body,
    ].join("\r\n"),
  );

describe("automatic replies and bounces count as nothing", () => {
  beforeAll(async () => {
    // An agent drafts an answer to what a lead writes, so a draft that should not happen would.
    const agent = await t.manager.browser.post("/api/v1/agents", { ...salesTemplate, name: "Elena" });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
  });

  const conversation = (id: string) =>
    one<{
      unread_count: number;
      status: string;
      waiting_since: Date | null;
      last_message_at: Date;
      last_message_preview: string | null;
      last_message_direction: string | null;
      last_inbound_at: Date | null;
      mode: string;
    }>(
      `select unread_count, status, waiting_since, last_message_at, last_message_preview, last_message_direction,
              last_inbound_at, mode
         from public.conversations where id = $1`,
      [id],
    );
  const leadState = (leadId: string) =>
    one<{ heat_score: number; heat_level: string; events: number; suggestions: number }>(
      `select l.heat_score, l.heat_level,
              (select count(*)::int from public.lead_events e where e.lead_id = l.id) as events,
              (select count(*)::int from public.task_suggestions s where s.lead_id = l.id) as suggestions
         from public.leads l where l.id = $1`,
      [leadId],
    );
  const drafts = (conversationId: string) => count("public.hil_tasks where conversation_id = $1", [conversationId]);

  it("an out-of-office in a thread leaves its unread count, status, wait and summary alone, and no draft, heat, task or notification follows", async () => {
    await deliver2(
      mail(
        {
          From: "Inès Moreau <ines.moreau@example.fr>",
          Subject: "Battery storage for our winery",
          "Message-ID": "<winery-0001@example.fr>",
        },
        "We would like batteries for the winery's cooling. Budget around EUR 45'000.",
      ),
    );
    await drained();
    const first = await emailOf("winery-0001@example.fr");
    const lead = await leadByEmail("ines.moreau@example.fr");
    const id = first!.conversation_id;
    // The genuine email was drafted an answer (the agent works), and the lead waits.
    expect(await count("public.hil_tasks where inbound_message_id = $1", [first!.message_id])).toBe(1);
    // As after the rep read it, answered it and closed the thread (replying by email is reply.test.ts's).
    expect((await t.rep.browser.post(`/api/v1/conversations/${id}/read`, {})).status).toBeLessThan(300);
    expect((await t.rep.browser.patch(`/api/v1/conversations/${id}`, { status: "closed" })).status).toBe(200);
    await withService((tx) => tx.query("update public.conversations set waiting_since = null where id = $1", [id]));
    const before = (await conversation(id))!;
    expect(before).toMatchObject({ unread_count: 0, status: "closed", waiting_since: null, mode: "ai" });
    const leadBefore = await leadState(lead!.id);
    const tasksBefore = await drafts(id);
    const notifications = await count("public.notifications where org_id = $1", [t.orgId]);

    await deliver2(
      mail(
        {
          From: "Inès Moreau <ines.moreau@example.fr>",
          Subject: "Réponse automatique : Battery storage for our winery",
          "Message-ID": "<winery-ooo-0001@example.fr>",
          "In-Reply-To": "<winery-0001@example.fr>",
          "Auto-Submitted": "auto-replied",
        },
        "Je suis absente jusqu'au 14 décembre. I am away until 14 December; call me about the order next week.",
      ),
    );
    await drained();
    const ooo = await emailOf("winery-ooo-0001@example.fr");
    expect(ooo).toMatchObject({ auto_reply: true, conversation_id: id });
    expect(await conversation(id)).toEqual(before);
    expect(await leadState(lead!.id)).toEqual(leadBefore);
    expect(await drafts(id)).toBe(tasksBefore);
    expect(await count("public.notifications where org_id = $1", [t.orgId])).toBe(notifications);
    const thread = await t.rep.browser.get(`/api/v1/conversations/${id}/messages`);
    expect(thread.body.messages.find((m: { id: string }) => m.id === ooo!.message_id)).toMatchObject({
      direction: "inbound",
      authorType: "system",
      email: { autoReply: true },
    });

    // For the AI the lead's newest message is still their own, and its sweep for lead messages
    // whose draft never happened does not take the out-of-office for one.
    const context = await withService((tx) => loadDraftContext(tx, t.orgId, id));
    expect(context!.newestInboundId).toBe(first!.message_id);
    await withService((tx) =>
      tx.query("update public.conversations set last_inbound_at = now() - interval '2 minutes' where id = $1", [id]),
    );
    await redraftMissed();
    // Read from the queue itself (pg-boss's schema, outside the app's roles): the sweep scans every
    // organization in the database, so how many it queued says nothing about this thread.
    const queued = await (
      await database()
    ).transaction(async (tx) => {
      const { rows } = await tx.query<{ exists: boolean }>("select to_regclass('pgboss.job') is not null as exists");
      if (!rows[0]!.exists) return 0;
      const jobs = await tx.query<{ n: number }>(
        "select count(*)::int as n from pgboss.job where data ->> 'inboundMessageId' = $1",
        [ooo!.message_id],
      );
      return jobs.rows[0]!.n;
    });
    expect(queued).toBe(0);
  });

  it("a bounce that opens a lead's first email thread opens it read and waiting for nobody", async () => {
    const created = await t.rep.browser.post("/api/v1/leads", {
      name: "Tomás Ortega",
      email: "tomas.ortega@example.es",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dsn = fixture("bounce-dsn.eml")
      .toString("utf8")
      .replaceAll("gone.lead@example.org", "tomas.ortega@example.es")
      .replace("dsn-0001@mx.acme.example", "dsn-0002@mx.acme.example");
    await deliver2(Buffer.from(dsn));
    await drained();
    const bounce = await emailOf("dsn-0002@mx.acme.example");
    expect(bounce).toMatchObject({ bounce: true, bounce_status: "5.1.1" });
    expect(await conversation(bounce!.conversation_id)).toMatchObject({
      unread_count: 0,
      waiting_since: null,
      last_message_direction: null,
      last_inbound_at: null,
      status: "open",
    });
    expect(await drafts(bounce!.conversation_id)).toBe(0);
    const list = await t.rep.browser.get("/api/v1/conversations?channel=email&status=all&limit=100");
    expect(list.body.conversations.find((c: { id: string }) => c.id === bounce!.conversation_id)).toMatchObject({
      unreadCount: 0,
      leadName: "Tomás Ortega",
    });
  });
});

describe("attachments and a rolled-back ingest", () => {
  const filesDir = () => {
    const config = env();
    return path.resolve(
      config.STORAGE_DIR ?? path.join(config.KILN_DATA_DIR, config.NODE_ENV, "files"),
      t.orgId,
      "inbound",
    );
  };
  /** The organization's inbound files in the local store (the tests' store). */
  const storedFiles = () => (existsSync(filesDir()) ? readdirSync(filesDir()).sort() : []);
  /** DDL outside any role: test-only triggers that make the pipeline's work fail after the handler. */
  const ddl = async (sql: string) => (await database()).transaction((tx) => tx.exec(sql));
  const eventOf = (rfcId: string) =>
    one<{ id: string; state: string; attempts: number; error: string | null }>(
      "select id, state, attempts, error from public.inbound_events where provider = 'email' and org_id = $1 and event_id = $2",
      [t.orgId, `${t.orgId}:${rfcId}`],
    );
  const withPdf = (rfcId: string) =>
    mail(
      {
        From: "Lukas Brunner <lukas.brunner@brunner-holz.example>",
        Subject: "Roof plan",
        "Message-ID": `<${rfcId}>`,
      },
      [
        "--b1",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "The roof plan is attached.",
        "--b1",
        'Content-Type: application/pdf; name="roof plan.pdf"',
        'Content-Disposition: attachment; filename="roof plan.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        Buffer.from("%PDF-1.4\n% roof plan\n%%EOF\n").toString("base64"),
        "--b1--",
        "",
      ].join("\r\n"),
      'multipart/mixed; boundary="b1"',
    );

  async function thenItIsStoredOnRetry(rfcId: string, filesBefore: string[]) {
    const event = await eventOf(rfcId);
    expect(await processInboundEvent(event!.id)).toMatchObject({ result: "processed" });
    const email = await emailOf(rfcId);
    const thread = await t.rep.browser.get(`/api/v1/conversations/${email!.conversation_id}/messages`);
    const message = thread.body.messages.find((m: { id: string }) => m.id === email!.message_id);
    expect(message.attachments).toHaveLength(1);
    const file = await t.rep.browser.get(`/api/v1/attachments/${message.attachments[0].id}/content`);
    expect(file.status).toBe(200);
    expect(file.text.startsWith("%PDF-")).toBe(true);
    // Exactly the new file and its description: nothing left over from the rolled-back attempt.
    expect(storedFiles().filter((name) => !filesBefore.includes(name))).toHaveLength(2);
  }

  it("files written before the pipeline's own bookkeeping fails are deleted with the rolled-back rows; a retry stores them once", async () => {
    const rfcId = "rollback-savepoint-0001@brunner-holz.example";
    await ddl(`
      create function public.test_refuse_processed() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$;
      create trigger test_refuse_processed before update on public.inbound_events
        for each row when (new.state = 'processed' and new.event_id like '%rollback-savepoint-0001%')
        execute function public.test_refuse_processed();`);
    const filesBefore = storedFiles();
    try {
      await deliver2(withPdf(rfcId));
      expect(await eventOf(rfcId)).toMatchObject({ state: "pending", attempts: 1, error: "refused by the test" });
      expect(await emailOf(rfcId)).toBeUndefined();
      expect(
        await count("public.message_attachments where org_id = $1 and file_name = 'roof plan.pdf'", [t.orgId]),
      ).toBe(0);
      expect(storedFiles()).toEqual(filesBefore);
    } finally {
      await ddl(`drop trigger test_refuse_processed on public.inbound_events;
                 drop function public.test_refuse_processed();`);
    }
    await thenItIsStoredOnRetry(rfcId, filesBefore);
  });

  it("files written in a transaction that then fails to commit are deleted; a retry stores them once", async () => {
    const rfcId = "rollback-commit-0001@brunner-holz.example";
    // Deferred: the check runs at COMMIT, after the handler and the pipeline have finished.
    await ddl(`
      create function public.test_refuse_commit() returns trigger language plpgsql as $$
      begin raise exception 'refused at commit by the test'; end $$;
      create constraint trigger test_refuse_commit after update on public.inbound_events
        deferrable initially deferred
        for each row when (new.state = 'processed' and new.event_id like '%rollback-commit-0001%')
        execute function public.test_refuse_commit();`);
    const filesBefore = storedFiles();
    try {
      await deliver2(withPdf(rfcId));
      // The whole transaction went: not even the attempt was counted.
      expect(await eventOf(rfcId)).toMatchObject({ state: "pending", attempts: 0 });
      expect(await emailOf(rfcId)).toBeUndefined();
      expect(storedFiles()).toEqual(filesBefore);
    } finally {
      await ddl(`drop trigger test_refuse_commit on public.inbound_events;
                 drop function public.test_refuse_commit();`);
    }
    await thenItIsStoredOnRetry(rfcId, filesBefore);
  });
});

async function deliver2(raw: Buffer) {
  const response = await postEmail(new Uint8Array(raw));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  await settled();
}
