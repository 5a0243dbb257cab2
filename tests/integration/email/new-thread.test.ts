/**
 * Starting an email thread from Kiln (the lead page's "Write an email", POST
 * /api/v1/conversations with medium email): the first email leaves through the same queue as
 * a reply, with the subject the rep gave, a fresh Message-ID and nothing it answers; the
 * lead's answer threads back into that conversation, and later emails read as replies. The
 * relay is a local SMTP server (./relay.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { problemTexts } from "@/lib/http/problem";
import { markEmailUndeliverable } from "@/lib/leads/email-status";
import { drained, leadSends, mailroom, one, outbound, rfc822, threadOf, uniqueAddress, type Mailroom } from "./mail";
import { startRelay } from "./relay";

const relay = await startRelay();
let room: Mailroom;
let mailboxId: string;

beforeAll(async () => {
  expect(env().SMTP_URL).toBeUndefined();
  room = await mailroom();
  Object.assign(env(), { SMTP_URL: relay.url });
  mailboxId = (await one<{ id: string }>("select id from public.channels where address = $1", [room.mailbox]))!.id;
});

afterAll(async () => {
  await closeDatabase();
  await relay.close();
});

async function newLead(fields: { name: string; email?: string }): Promise<string> {
  const created = await room.t.rep.browser.post("/api/v1/leads", fields);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.lead.id;
}

const start = (body: Record<string, unknown>) =>
  room.t.rep.browser.post("/api/v1/conversations", { medium: "email", channelId: mailboxId, ...body });

const outboundCount = async (leadId: string) =>
  (await one<{ n: number }>(
    `select count(*)::int as n from public.messages m join public.conversations c on c.id = m.conversation_id
      where c.lead_id = $1`,
    [leadId],
  ))!.n;

describe("a rep starts an email thread from the lead page", () => {
  const address = uniqueAddress("nora");
  let leadId: string;
  let conversationId: string;
  let firstId: string;

  it("the first email leaves from the mailbox with the rep's subject, a fresh Message-ID and no In-Reply-To or References", async () => {
    leadId = await newLead({ name: "Nora Brunner", email: address });
    const started = await start({
      leadId,
      subject: "Your solar roof in Zug",
      body: "Hello Nora,\n\nthanks for your interest. When may I call you?",
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.conversation).toMatchObject({
      medium: "email",
      leadId,
      channel: { id: mailboxId, provider: "email", address: room.mailbox },
      email: { subject: "Your solar roof in Zug", undeliverable: false },
    });
    expect(started.body.message).toMatchObject({ direction: "outbound", status: "queued" });
    conversationId = started.body.conversation.id;
    firstId = `kiln.${started.body.message.id}@acme.example`;
    await drained();

    const [mail] = await relay.mailsTo(address);
    expect(mail!.envelopeFrom).toBe(room.mailbox);
    expect(mail!.from?.value).toEqual([expect.objectContaining({ address: room.mailbox })]);
    expect(mail!.subject).toBe("Your solar roof in Zug");
    expect(mail!.messageId).toBe(`<${firstId}>`);
    expect(mail!.inReplyTo).toBeUndefined();
    expect(mail!.references).toBeUndefined();
    expect(mail!.text?.replace(/\r\n/g, "\n").trim()).toBe(
      "Hello Nora,\n\nthanks for your interest. When may I call you?",
    );
    expect(await outbound(started.body.message.id)).toMatchObject({
      status: "sent",
      sandbox: false,
      subject: "Your solar roof in Zug",
      rfc_message_id: firstId,
      in_reply_to: null,
      references: [],
      to_addresses: [address],
    });
  });

  it("a follow-up before the lead answers replies to Kiln's own first email, so it stays one thread for the lead", async () => {
    const detail = await room.t.rep.browser.get(`/api/v1/conversations/${conversationId}`);
    expect(detail.body.conversation.email).toMatchObject({ subject: "Re: Your solar roof in Zug" });
    const sent = await room.t.rep.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "Just following up.",
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await drained();
    const [, followUp] = await relay.mailsTo(address, 2);
    expect(followUp!.subject).toBe("Re: Your solar roof in Zug");
    expect(followUp!.inReplyTo).toBe(`<${firstId}>`);
    expect(followUp!.references).toBe(`<${firstId}>`);
  });

  it("the lead's answer threads back into the conversation, and the next reply answers it", async () => {
    const answer = `answer-${address}`;
    await leadSends(
      room,
      rfc822(
        {
          From: `Nora Brunner <${address}>`,
          To: room.mailbox,
          Subject: "Re: Your solar roof in Zug",
          "Message-ID": `<${answer}>`,
          "In-Reply-To": `<${firstId}>`,
          References: `<${firstId}>`,
        },
        "Tomorrow after 2 pm works.",
      ),
    );
    expect((await threadOf(room, answer))!.conversation_id).toBe(conversationId);
    const conversations = await one<{ n: number }>(
      "select count(*)::int as n from public.conversations where lead_id = $1",
      [leadId],
    );
    expect(conversations!.n).toBe(1);
    const page = await room.t.rep.browser.get(`/api/v1/conversations/${conversationId}/messages`);
    expect(page.body.messages.at(-1)).toMatchObject({ direction: "inbound", body: "Tomorrow after 2 pm works." });

    const reply = await room.t.rep.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "I will call you at 2.",
    });
    expect(reply.status).toBe(201);
    await drained();
    const mails = await relay.mailsTo(address, 3);
    expect(mails[2]!.subject).toBe("Re: Your solar roof in Zug");
    expect(mails[2]!.inReplyTo).toBe(`<${answer}>`);
    expect(mails[2]!.references).toEqual([`<${firstId}>`, `<${answer}>`]);
  });

  it("a second email to the same lead is a thread of its own", async () => {
    const again = await start({ leadId, subject: "Invitation: open house", body: "Join us on Saturday." });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.conversation.id).not.toBe(conversationId);
    await drained();
    const mails = await relay.mailsTo(address, 4);
    expect(mails[3]!.subject).toBe("Invitation: open house");
    expect(mails[3]!.inReplyTo).toBeUndefined();
  });
});

describe("what starting an email thread refuses", () => {
  const english = problemTexts("en");

  it("a missing subject or text: 422 with field errors, nothing stored", async () => {
    const leadId = await newLead({ name: "Pia Frei", email: uniqueAddress("pia") });
    const response = await start({ leadId, subject: "  ", body: "" });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body.errorCodes).toMatchObject({ subject: ["emailSubjectRequired"], body: ["messageRequired"] });
    expect(response.body.errors.subject).toEqual([english.validation("emailSubjectRequired")]);
    expect(await outboundCount(leadId)).toBe(0);
  });

  it("a lead without an email address: 422 problem+json, code no_email, a field error on the lead", async () => {
    const leadId = await newLead({ name: "Ueli Phone" });
    const response = await start({ leadId, subject: "Hello", body: "Hi." });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: "no_email",
      detail: english.problems("leadHasNoEmail"),
      errors: { leadId: [english.validation("leadHasNoEmailField")] },
      errorCodes: { leadId: ["leadHasNoEmailField"] },
    });
    const conversations = await one<{ n: number }>(
      "select count(*)::int as n from public.conversations where lead_id = $1",
      [leadId],
    );
    expect(conversations!.n).toBe(0);
  });

  it("a lead whose address hard-bounced: 422 problem+json, code email_undeliverable, nothing stored or mailed", async () => {
    const address = uniqueAddress("bounced");
    const leadId = await newLead({ name: "Bea Bounce", email: address });
    await withService((tx) =>
      markEmailUndeliverable(tx, room.t.orgId, { emails: [address], status: "5.1.1", at: new Date() }),
    );
    const response = await start({ leadId, subject: "Hello", body: "Hi." });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: "email_undeliverable",
      detail: english.problems("leadEmailUndeliverable"),
      errorCodes: { leadId: ["leadEmailUndeliverableField"] },
    });
    expect(await outboundCount(leadId)).toBe(0);
    expect(relay.mailed(address)).toBe(false);
  });

  it("a channel that is not a mailbox: 422 on the channel", async () => {
    const phone = await room.t.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: "+41445550177",
      capabilities: ["sms"],
      label: "Office line",
    });
    expect(phone.status, JSON.stringify(phone.body)).toBe(201);
    const leadId = await newLead({ name: "Sam Wrongline", email: uniqueAddress("sam") });
    const response = await start({ leadId, channelId: phone.body.channel.id, subject: "Hello", body: "Hi." });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      detail: english.problems("mailboxCannotSend"),
      errorCodes: { channelId: ["notOnThisChannel"] },
    });
  });
});
