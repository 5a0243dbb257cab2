import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_TEMPLATES } from "@/lib/agents/templates";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { problemTexts } from "@/lib/http/problem";
import { deliverMessage } from "@/lib/inbox/outbound";
import { queueOutboundMessage } from "@/lib/inbox/mutations";
import {
  drained,
  hardBounce,
  leadSends,
  mailroom,
  one,
  outbound,
  rfc822,
  threadOf,
  uniqueAddress,
  type Mailroom,
} from "./mail";

/**
 * Replying by email with SMTP_URL set: replies leave through a real SMTP conversation with a
 * local server (smtp-server; the relay is the edge of the world we cannot reach), from the
 * mailbox to the lead, threaded as the lead's mail program expects, and the lead's answer to
 * Kiln's Message-ID threads back into the same conversation. The sandbox (no SMTP_URL) is
 * ./reply-sandbox.test.ts.
 */

type Received = { envelopeFrom: string; envelopeTo: string[]; raw: Buffer };
const received: Received[] = [];

const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  // A recipient the relay knows does not exist: refused for good, as a real relay does.
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith("nobody."))
      return callback(Object.assign(new Error("5.1.1 <" + address.address + ">: no such user"), { responseCode: 550 }));
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const mail = {
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks),
      };
      received.push(mail);
      callback();
    });
  },
});
relay.listen(0, "127.0.0.1");
await once(relay.server, "listening");
const SMTP_URL = `smtp://127.0.0.1:${(relay.server.address() as AddressInfo).port}`;

afterAll(async () => {
  await closeDatabase();
  await new Promise<void>((resolve) => relay.close(() => resolve()));
});

/** The one email the relay received for `to`, parsed. */
async function mailTo(to: string): Promise<ParsedMail & { envelopeFrom: string }> {
  const mails = received.filter((r) => r.envelopeTo.includes(to));
  expect(mails, `emails to ${to}`).toHaveLength(1);
  return Object.assign(await simpleParser(mails[0]!.raw), { envelopeFrom: mails[0]!.envelopeFrom });
}

let room: Mailroom;

beforeAll(async () => {
  // The team signs up first, its links read from the outbox as everywhere in these tests; from
  // then on this installation has a relay (the cached configuration is what every sender reads).
  expect(env().SMTP_URL).toBeUndefined();
  room = await mailroom();
  Object.assign(env(), { SMTP_URL });
});

const reply = (conversationId: string, body: string) =>
  room.t.admin.browser.post(`/api/v1/conversations/${conversationId}/messages`, { body });

describe("replying by email over SMTP", () => {
  const lead = uniqueAddress("miriam");
  const first = `first-${lead}`;
  const second = `second-${lead}`;
  let conversationId: string;
  let kilnId: string;

  it("a person's reply leaves from the mailbox to the lead: one Re:, In-Reply-To and References of the lead's latest email, Kiln's Message-ID, text and escaped HTML", async () => {
    await leadSends(
      room,
      rfc822(
        {
          From: `Miriam Keller <${lead}>`,
          To: room.mailbox,
          Subject: "Solar panels for Zug",
          "Message-ID": `<${first}>`,
        },
        "We need 40 panels. Could you send an offer?",
      ),
    );
    // The lead follows up; their program wrote "RE:" and chained the first email.
    await leadSends(
      room,
      rfc822(
        {
          From: `Miriam Keller <${lead}>`,
          To: room.mailbox,
          Subject: "RE: Solar panels for Zug",
          "Message-ID": `<${second}>`,
          "In-Reply-To": `<${first}>`,
          References: `<${first}>`,
        },
        "And installed before March, please.",
      ),
    );
    const thread = await threadOf(room, second);
    expect(thread!.conversation_id).toBe((await threadOf(room, first))!.conversation_id);
    conversationId = thread!.conversation_id;

    const detail = await room.t.admin.browser.get(`/api/v1/conversations/${conversationId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.conversation).toMatchObject({
      medium: "email",
      channel: { provider: "email", address: room.mailbox, sandbox: false },
      email: { subject: "Re: Solar panels for Zug", undeliverable: false },
    });

    const body = "Hello <Miriam> & team,\n\nan offer follows tomorrow.\nKind regards";
    const sent = await reply(conversationId, body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const messageId: string = sent.body.message.id;
    await drained();

    kilnId = `kiln.${messageId}@acme.example`;
    const mail = await mailTo(lead);
    expect(mail.envelopeFrom).toBe(room.mailbox);
    expect(mail.from?.value).toEqual([expect.objectContaining({ address: room.mailbox })]);
    expect(mail.replyTo?.value).toEqual([expect.objectContaining({ address: room.mailbox })]);
    expect(mail.subject).toBe("Re: Solar panels for Zug");
    expect(mail.messageId).toBe(`<${kilnId}>`);
    expect(mail.inReplyTo).toBe(`<${second}>`);
    expect(mail.references).toEqual([`<${first}>`, `<${second}>`]);
    expect(mail.text?.replace(/\r\n/g, "\n").trim()).toBe(body);
    expect(mail.html).toContain("Hello &lt;Miriam&gt; &amp; team,</p>");
    expect(mail.html).toContain("an offer follows tomorrow.<br>Kind regards");
    expect(mail.html).not.toContain("<Miriam>");

    expect(await outbound(messageId)).toMatchObject({
      status: "sent",
      sandbox: false,
      provider: "email",
      error_code: null,
      subject: "Re: Solar panels for Zug",
      rfc_message_id: kilnId,
      in_reply_to: second,
      references: [first, second],
      from_address: room.mailbox,
      to_addresses: [lead],
      sent_at: expect.any(Date),
    });
    const page = await room.t.admin.browser.get(`/api/v1/conversations/${conversationId}/messages`);
    const shown = page.body.messages.find((m: { id: string }) => m.id === messageId);
    expect(shown).toMatchObject({
      direction: "outbound",
      body,
      sandbox: false,
      email: { subject: "Re: Solar panels for Zug" },
    });
  });

  it("the lead's answer to Kiln's email threads into the same conversation, by In-Reply-To or by References alone", async () => {
    const third = `third-${lead}`;
    await leadSends(
      room,
      rfc822(
        {
          From: `Miriam Keller <${lead}>`,
          To: room.mailbox,
          Subject: "Re: Solar panels for Zug",
          "Message-ID": `<${third}>`,
          "In-Reply-To": `<${kilnId}>`,
          References: `<${first}> <${second}> <${kilnId}>`,
        },
        "Thanks, looking forward to it.",
      ),
    );
    expect((await threadOf(room, third))!.conversation_id).toBe(conversationId);

    const fourth = `fourth-${lead}`;
    await leadSends(
      room,
      rfc822(
        {
          From: `Miriam Keller <${lead}>`,
          To: room.mailbox,
          Subject: "Re: Solar panels for Zug",
          "Message-ID": `<${fourth}>`,
          References: `<${kilnId}>`,
        },
        "One more question.",
      ),
    );
    expect((await threadOf(room, fourth))!.conversation_id).toBe(conversationId);
    const conversations = await one<{ n: number }>(
      "select count(*)::int as n from public.conversations where lead_id = (select lead_id from public.conversations where id = $1)",
      [conversationId],
    );
    expect(conversations!.n).toBe(1);
  });

  it("an approved AI draft in an email thread goes out by email the same way", async () => {
    const agents = await room.t.manager.browser.post("/api/v1/agents", {
      ...AGENT_TEMPLATES.find((template) => template.role === "sales")!,
      name: "Sunny",
      language: "en",
    });
    expect(agents.status, JSON.stringify(agents.body)).toBe(201);
    const writer = uniqueAddress("draft");
    const asked = `asked-${writer}`;
    await leadSends(
      room,
      rfc822(
        { From: writer, To: room.mailbox, Subject: "Heat pump for our house", "Message-ID": `<${asked}>` },
        "Hi, we have about CHF 20k for a heat pump and want it before winter. I am the owner.",
      ),
    );
    const thread = await threadOf(room, asked);
    const queue = await room.t.manager.browser.get("/api/v1/approvals?status=pending");
    const task = queue.body.tasks.find(
      (candidate: { conversation: { id: string } | null }) => candidate.conversation?.id === thread!.conversation_id,
    );
    expect(task, JSON.stringify(queue.body.tasks)).toMatchObject({ conversation: { channel: "email" } });

    const approved = await room.t.manager.browser.post(`/api/v1/approvals/${task.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await drained();
    const mail = await mailTo(writer);
    expect(mail.subject).toBe("Re: Heat pump for our house");
    expect(mail.inReplyTo).toBe(`<${asked}>`);
    expect(mail.text?.trim()).toBe(task.payload.draft.trim());
    expect(await outbound(approved.body.messageId)).toMatchObject({
      status: "sent",
      sandbox: false,
      in_reply_to: asked,
    });
  });

  it("a recipient the relay refuses (550) fails the message for good, with the relay's words", async () => {
    const nobody = uniqueAddress("nobody");
    const asked = `asked-${nobody}`;
    await leadSends(room, rfc822({ From: nobody, To: room.mailbox, Subject: "Hi", "Message-ID": `<${asked}>` }, "Hi."));
    const thread = await threadOf(room, asked);
    const sent = await reply(thread!.conversation_id, "Thanks for writing.");
    expect(sent.status).toBe(201);
    await drained();
    const stored = await one<{ status: string; error_code: string; error_message: string }>(
      "select status, error_code, error_message from public.messages where id = $1",
      [sent.body.message.id],
    );
    expect(stored).toMatchObject({ status: "failed", error_code: "smtp_550" });
    expect(stored!.error_message).toMatch(/no such user/);
    expect(received.some((r) => r.envelopeTo.includes(nobody))).toBe(false);
  });
});

describe("a lead whose address hard-bounced", () => {
  it("is not emailed: the reply is refused with 422 problem+json and a field error, and the thread says why", async () => {
    const gone = uniqueAddress("gone");
    const asked = `asked-${gone}`;
    await leadSends(
      room,
      rfc822({ From: gone, To: room.mailbox, Subject: "Offer", "Message-ID": `<${asked}>` }, "Hi."),
    );
    await leadSends(room, hardBounce(room.mailbox, gone));
    const thread = await threadOf(room, asked);
    const lead = await one<{ email_undeliverable_status: string }>(
      "select email_undeliverable_status from public.leads where id = $1",
      [thread!.lead_id],
    );
    expect(lead!.email_undeliverable_status).toBe("5.1.1");

    const detail = await room.t.admin.browser.get(`/api/v1/conversations/${thread!.conversation_id}`);
    expect(detail.body.conversation.email).toMatchObject({ undeliverable: true });

    const refused = await reply(thread!.conversation_id, "Are you still there?");
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const english = problemTexts("en");
    expect(refused.body).toMatchObject({
      status: 422,
      code: "email_undeliverable",
      detail: english.problems("leadEmailUndeliverable"),
      errors: { body: [english.validation("leadEmailUndeliverableField")] },
      errorCodes: { body: ["leadEmailUndeliverableField"] },
    });
    const stored = await one<{ n: number }>(
      "select count(*)::int as n from public.messages where conversation_id = $1 and direction = 'outbound'",
      [thread!.conversation_id],
    );
    expect(stored!.n).toBe(0);
    expect(received.some((r) => r.envelopeTo.includes(gone))).toBe(false);
  });

  it("a bounce that arrives after the reply was queued stops the send: failed with the reason, nothing mailed", async () => {
    const late = uniqueAddress("late");
    const asked = `asked-${late}`;
    await leadSends(
      room,
      rfc822({ From: late, To: room.mailbox, Subject: "Offer", "Message-ID": `<${asked}>` }, "Hi."),
    );
    const thread = await threadOf(room, asked);
    // Queued as the route does, but not yet sent when the bounce lands.
    const { id } = await withService((tx) =>
      queueOutboundMessage(tx, {
        orgId: room.t.orgId,
        conversationId: thread!.conversation_id,
        body: "Here is the offer.",
        author: { kind: "person", actor: { type: "user", id: room.t.admin.userId, name: "Admin" } },
      }),
    );
    await leadSends(room, hardBounce(room.mailbox, late));
    expect(await deliverMessage(id)).toBe("failed");
    expect(await outbound(id)).toMatchObject({
      status: "failed",
      error_code: "email_undeliverable",
      rfc_message_id: null,
    });
    expect(received.some((r) => r.envelopeTo.includes(late))).toBe(false);
  });
});
