import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { readOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { drained, leadSends, mailroom, outbound, rfc822, threadOf, uniqueAddress, type Mailroom } from "./mail";

/**
 * Replying by email without SMTP_URL: the email channel's sandbox. Nothing leaves the
 * machine; the reply is marked sandbox like an SMS without Twilio credentials, lands in the
 * development outbox (/dev/outbox) where a person can read it, and still carries Kiln's
 * Message-ID, so an answer (simulated here) threads back. A data folder of this file's own,
 * set before the first env() read, so the outbox holds only what this file wrote.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "kiln-email-reply-"));
process.env.KILN_DATA_DIR = dataDir;

let room: Mailroom;

beforeAll(async () => {
  expect(env().SMTP_URL).toBeUndefined();
  room = await mailroom();
});

afterAll(async () => {
  await closeDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("replying by email in the sandbox (no SMTP_URL)", () => {
  it("the reply is marked sandbox, lands in the development outbox with its Re: subject, and an answer to it threads back", async () => {
    const lead = uniqueAddress("sandra");
    const asked = `asked-${lead}`;
    await leadSends(
      room,
      rfc822(
        { From: `Sandra <${lead}>`, To: room.mailbox, Subject: "Re: Re: Battery storage", "Message-ID": `<${asked}>` },
        "Is a battery worth it for us?",
      ),
    );
    const thread = await threadOf(room, asked);
    const detail = await room.t.admin.browser.get(`/api/v1/conversations/${thread!.conversation_id}`);
    expect(detail.body.conversation).toMatchObject({
      channel: { provider: "email", sandbox: true },
      email: { subject: "Re: Battery storage", undeliverable: false },
    });

    const body = "Yes, with your consumption it pays back in about eight years.";
    const sent = await room.t.admin.browser.post(`/api/v1/conversations/${thread!.conversation_id}/messages`, {
      body,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const messageId: string = sent.body.message.id;
    await drained();

    const kilnId = `kiln.${messageId}@acme.example`;
    expect(await outbound(messageId)).toMatchObject({
      status: "sent",
      sandbox: true,
      provider: "sandbox",
      subject: "Re: Battery storage",
      rfc_message_id: kilnId,
      in_reply_to: asked,
      references: [asked],
      to_addresses: [lead],
      sent_at: expect.any(Date),
    });
    const outbox = (await readOutbox(100)).filter((mail) => mail.to === lead);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ subject: "Re: Battery storage", text: body });

    const page = await room.t.admin.browser.get(`/api/v1/conversations/${thread!.conversation_id}/messages`);
    expect(page.body.messages.find((m: { id: string }) => m.id === messageId)).toMatchObject({
      sandbox: true,
      email: { subject: "Re: Battery storage" },
    });

    const answer = `answer-${lead}`;
    await leadSends(
      room,
      rfc822(
        {
          From: `Sandra <${lead}>`,
          To: room.mailbox,
          Subject: "Re: Battery storage",
          "Message-ID": `<${answer}>`,
          "In-Reply-To": `<${kilnId}>`,
        },
        "Great, let's talk.",
      ),
    );
    expect((await threadOf(room, answer))!.conversation_id).toBe(thread!.conversation_id);
  });
});
