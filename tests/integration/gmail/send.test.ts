import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { AGENT_TEMPLATES } from "@/lib/agents/templates";
import { withService } from "@/lib/db";
import { env } from "@/lib/env";
import { deliverMessage } from "@/lib/inbox/outbound";
import { googleAccessToken } from "@/lib/integrations/google/connection";
import { GMAIL_SEND_SCOPE } from "@/lib/integrations/google/gmail-send";
import type { Person } from "../api/http";
import { drained, one, outbound, type Mailroom } from "../email/mail";
import type { FakeGmail } from "../google/fake-gmail";
import { gmailSuite, leadAndGmail, rawMail, syncMailbox, uniqueMessageId } from "./harness";

/**
 * Replies in a conversation that came in through a member's Gmail leave through the Gmail API
 * from that mailbox (`users.messages.send` at the Gmail stand-in, over real HTTP with Google's
 * official client), in the Gmail thread and threaded by their headers, signed, with their files;
 * the sent copy is known to the next sync. Google's refusals land on the message as failure kinds
 * with a retry, like an SMS's; without Google credentials the thread sends as before.
 */

let fake: FakeGmail;
let room: Mailroom;
gmailSuite((gmail, mailroom) => {
  fake = gmail;
  room = mailroom;
});

const REP_SIGNATURE = "Ada Lovelace\nNorthwind Solar";
const MANAGER_SIGNATURE = "Dana Levi · Sales lead";

let rep: Person;
let account: string;
let lead: { id: string; email: string };

type Row = Record<string, unknown>;
const rows = (sql: string, params: unknown[]) => withService(async (tx) => (await tx.query<Row>(sql, params)).rows);
const normalized = (text: string | undefined) => (text ?? "").replace(/\r\n/g, "\n").trim();

/** The lead writes to the member's Gmail in a Gmail thread; the sync files it; its conversation. */
async function leadWrites(subject: string, threadId: string, text = "Can you send an offer?") {
  const messageId = uniqueMessageId("alpenglas.test");
  fake.deliver(account, rawMail({ from: `Greta Gruber <${lead.email}>`, to: account, subject, messageId, text }), {
    threadId,
  });
  await syncMailbox(rep);
  const [stored] = await rows("select conversation_id from public.email_messages where rfc_message_id = $1", [
    messageId,
  ]);
  expect(stored, "the lead's mail was filed").toBeTruthy();
  return { messageId, conversationId: stored!.conversation_id as string };
}

const reply = (person: Person, conversationId: string, body: string, attachmentIds?: string[]) =>
  person.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
    body,
    ...(attachmentIds ? { attachmentIds } : {}),
  });

const sendsTo = () => fake.calls.filter((call) => call.startsWith("POST /gmail/v1/users/me/messages/send")).length;

beforeAll(async () => {
  rep = room.t.rep;
  ({ account, lead } = await leadAndGmail(fake, rep));
  for (const [person, signature] of [
    [rep, REP_SIGNATURE],
    [room.t.manager, MANAGER_SIGNATURE],
  ] as const) {
    const saved = await person.browser.patch("/api/v1/preferences", { integrations: { emailSignature: signature } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }
});

describe("a reply in a thread that came through a member's Gmail", () => {
  it("leaves through Gmail from that mailbox, in its Gmail thread, threaded, signed and with the file; the next sync does not file it again", async () => {
    const thread = "18c0send0001";
    const asked = await leadWrites("Angebot Solaranlage", thread);
    const detail = await rep.browser.get(`/api/v1/conversations/${asked.conversationId}`);
    expect(detail.body.conversation.channel.sandbox, "Gmail is live without SMTP_URL").toBe(false);

    const form = new FormData();
    form.append("conversationId", asked.conversationId);
    form.append(
      "file",
      new Blob([new TextEncoder().encode("module;count\nsouth;40\n")], { type: "text/csv" }),
      "panels.csv",
    );
    const uploaded = await rep.browser.post("/api/v1/attachments", undefined, { rawBody: form });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);

    const before = fake.sent.length;
    const sent = await reply(rep, asked.conversationId, "Gern, das Angebot folgt morgen.", [
      uploaded.body.attachment.id,
    ]);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await drained();

    expect(fake.sent).toHaveLength(before + 1);
    const gmail = fake.sent.at(-1)!;
    expect([gmail.account, gmail.threadId]).toEqual([account, thread]);
    const mail = await simpleParser(gmail.raw);
    expect(mail.from?.value).toEqual([{ address: account, name: "" }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([lead.email]);
    expect(mail.replyTo, "answers belong in the member's mailbox").toBeUndefined();
    expect(mail.subject).toBe("Re: Angebot Solaranlage");
    expect(mail.inReplyTo).toBe(`<${asked.messageId}>`);
    expect([mail.references].flat()).toEqual([`<${asked.messageId}>`]);
    const rfcId = `kiln.${sent.body.message.id}@northwind-mail.test`;
    expect(mail.messageId).toBe(`<${rfcId}>`);
    expect(normalized(mail.text)).toBe(`Gern, das Angebot folgt morgen.\n\n-- \n${REP_SIGNATURE}`);
    expect(mail.html).toContain("-- <br>Ada Lovelace<br>Northwind Solar</div>");
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.contentDisposition])).toEqual([
      ["panels.csv", "text/csv", "attachment"],
    ]);
    expect(mail.attachments[0]!.content.toString()).toBe("module;count\nsouth;40\n");

    expect(await outbound(sent.body.message.id)).toMatchObject({
      status: "sent",
      sandbox: false,
      provider: "email",
      error_code: null,
      from_address: account,
      rfc_message_id: rfcId,
      in_reply_to: asked.messageId,
    });
    const link = await rows(
      "select gmail_message_id, gmail_thread_id, message_id, conversation_id from public.gmail_messages where message_id = $1",
      [sent.body.message.id],
    );
    expect(link).toEqual([
      {
        gmail_message_id: gmail.id,
        gmail_thread_id: thread,
        message_id: sent.body.message.id,
        conversation_id: asked.conversationId,
      },
    ]);

    // Gmail keeps the sent copy (SENT) and names it in the history: the next sync knows it as ours.
    await syncMailbox(rep);
    expect(
      await rows("select direction from public.messages where conversation_id = $1 order by created_at", [
        asked.conversationId,
      ]),
    ).toEqual([{ direction: "inbound" }, { direction: "outbound" }]);
    expect(await rows("select 1 from public.email_messages where rfc_message_id = $1", [rfcId])).toHaveLength(1);
    expect(
      fake.calls.some((call) => call.includes(`/messages/${gmail.id}?`)),
      "the sent copy was not fetched",
    ).toBe(false);
  });

  it("a 429 keeps the reply queued with the kind, and the retry sends it once", async () => {
    const asked = await leadWrites("Speicher", "18c0send0002");
    fake.failSends({ code: 429, status: "RESOURCE_EXHAUSTED", reason: "rateLimitExceeded", message: "Too many" });
    const before = fake.sent.length;
    const sent = await reply(rep, asked.conversationId, "Ja, mit Speicher.");
    expect(sent.status).toBe(201);
    await drained();
    expect(await outbound(sent.body.message.id)).toMatchObject({ status: "queued", error_code: "gmail_rate_limited" });
    expect(fake.sent).toHaveLength(before);

    // The retry job's turn.
    expect(await deliverMessage(sent.body.message.id)).toBe("sent");
    expect(await outbound(sent.body.message.id)).toMatchObject({ status: "sent", error_code: null });
    expect(fake.sent).toHaveLength(before + 1);
    expect(fake.sent.at(-1)!.threadId).toBe("18c0send0002");
  });

  it("a send whose answer never came, though Gmail took it, is found by its Message-ID on retry: linked and marked sent, not sent twice", async () => {
    const asked = await leadWrites("Lieferung", "18c0send0008");
    fake.loseSendAnswers(1);
    const before = fake.sent.length;
    const sent = await reply(rep, asked.conversationId, "Lieferung am Freitag.");
    expect(sent.status).toBe(201);
    const id = sent.body.message.id as string;
    await drained();
    // Gmail has it; Kiln heard nothing, so it keeps the reply queued for the retry.
    expect(fake.sent).toHaveLength(before + 1);
    const copy = fake.sent.at(-1)!;
    expect(await outbound(id)).toMatchObject({ status: "queued", error_code: "gmail_unavailable" });

    const sends = sendsTo();
    expect(await deliverMessage(id)).toBe("sent");
    expect(sendsTo(), "nothing was sent again").toBe(sends);
    expect(fake.sent).toHaveLength(before + 1);
    const rfcId = `kiln.${id}@${account.split("@")[1]}`;
    expect(
      fake.calls.some(
        (call) =>
          call.startsWith("GET /gmail/v1/users/me/messages?") &&
          decodeURIComponent(call).includes(`rfc822msgid:${rfcId}`),
      ),
    ).toBe(true);
    expect(await outbound(id)).toMatchObject({ status: "sent", error_code: null, rfc_message_id: rfcId });
    expect(
      await rows("select gmail_message_id, gmail_thread_id from public.gmail_messages where message_id = $1", [id]),
    ).toEqual([{ gmail_message_id: copy.id, gmail_thread_id: "18c0send0008" }]);

    // The next sync knows Gmail's copy as this reply: one email, stored once.
    await syncMailbox(rep);
    expect(await rows("select 1 from public.email_messages where rfc_message_id = $1", [rfcId])).toHaveLength(1);
    // A stray retry afterwards finds the message sent: nothing happens.
    expect(await deliverMessage(id)).toBe("skipped");
  });

  it("a grant without gmail.send (Google's 403) fails the reply with the kind that says to turn sending on; retry sends once it is", async () => {
    const asked = await leadWrites("Wallbox", "18c0send0003");
    const token = await googleAccessToken(room.t.orgId, rep.userId);
    const scopes = fake.google.grantOf(token)!.scopes as Set<string>;
    scopes.delete(GMAIL_SEND_SCOPE);
    try {
      const before = fake.sent.length;
      const sent = await reply(rep, asked.conversationId, "Die Wallbox passt.");
      expect(sent.status).toBe(201);
      await drained();
      expect(await outbound(sent.body.message.id)).toMatchObject({ status: "failed", error_code: "gmail_send_off" });
      expect(fake.sent).toHaveLength(before);
      // The thread shows the failure as a kind in the reader's language, with its retry.
      const page = await rep.browser.get(`/api/v1/conversations/${asked.conversationId}/messages`);
      expect(page.body.messages.find((m: { id: string }) => m.id === sent.body.message.id)).toMatchObject({
        status: "failed",
        errorCode: "gmail_send_off",
      });

      scopes.add(GMAIL_SEND_SCOPE);
      const retried = await rep.browser.post(`/api/v1/messages/${sent.body.message.id}/retry`, {});
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      await drained();
      expect(await outbound(sent.body.message.id)).toMatchObject({ status: "sent", error_code: null });
      expect(fake.sent).toHaveLength(before + 1);
    } finally {
      scopes.add(GMAIL_SEND_SCOPE);
    }
  });

  it("a stored grant without the send scope fails the reply before Gmail is asked", async () => {
    const asked = await leadWrites("Dachfläche", "18c0send0004");
    const remove =
      "update public.google_connections set scopes = array_remove(scopes, $2) where org_id = $1 and user_id = $3";
    await rows(remove, [room.t.orgId, GMAIL_SEND_SCOPE, rep.userId]);
    try {
      const calls = sendsTo();
      const sent = await reply(rep, asked.conversationId, "62 m² reichen.");
      await drained();
      expect(await outbound(sent.body.message.id)).toMatchObject({
        status: "failed",
        error_code: "gmail_send_off",
        rfc_message_id: null,
      });
      expect(sendsTo()).toBe(calls);
    } finally {
      await rows(
        "update public.google_connections set scopes = array_append(scopes, $2) where org_id = $1 and user_id = $3",
        [room.t.orgId, GMAIL_SEND_SCOPE, rep.userId],
      );
    }
  });

  it("an approved AI draft goes out from the Gmail mailbox, with the approver's signature", async () => {
    const agent = await room.t.manager.browser.post("/api/v1/agents", {
      ...AGENT_TEMPLATES.find((template) => template.role === "sales")!,
      name: "Sunny",
      language: "en",
    });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
    // Arriving in an incremental sync, the lead's mail is answered by a draft.
    const asked = await leadWrites(
      "Heat pump",
      "18c0send0005",
      "We have about CHF 20k for a heat pump and want it before winter. I am the owner.",
    );
    const queue = await room.t.manager.browser.get("/api/v1/approvals?status=pending");
    const task = queue.body.tasks.find(
      (candidate: { conversation: { id: string } | null }) => candidate.conversation?.id === asked.conversationId,
    );
    expect(task, JSON.stringify(queue.body.tasks)).toBeTruthy();
    const before = fake.sent.length;
    const approved = await room.t.manager.browser.post(`/api/v1/approvals/${task.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await drained();

    expect(fake.sent).toHaveLength(before + 1);
    const gmail = fake.sent.at(-1)!;
    expect([gmail.account, gmail.threadId]).toEqual([account, "18c0send0005"]);
    const mail = await simpleParser(gmail.raw);
    expect(mail.subject).toBe("Re: Heat pump");
    expect(normalized(mail.text)).toBe(`${task.payload.draft}\n\n-- \n${MANAGER_SIGNATURE}`);
    expect(await outbound(approved.body.messageId)).toMatchObject({ status: "sent", from_address: account });
  });

  it("without Google credentials the thread sends as before: the sandbox outbox, nothing to Gmail", async () => {
    const asked = await leadWrites("Sandbox", "18c0send0006");
    const saved = { GOOGLE_CLIENT_ID: env().GOOGLE_CLIENT_ID };
    Object.assign(env(), { GOOGLE_CLIENT_ID: undefined });
    try {
      const calls = sendsTo();
      const sent = await reply(rep, asked.conversationId, "Test.");
      await drained();
      expect(await outbound(sent.body.message.id)).toMatchObject({
        status: "sent",
        sandbox: true,
        provider: "sandbox",
        from_address: room.mailbox,
      });
      expect(sendsTo()).toBe(calls);
    } finally {
      Object.assign(env(), saved);
    }
  });

  it("a grant revoked at Google fails the reply with 'reconnect Google', a disconnected mailbox with 'no longer connected'; neither is sent from another address", async () => {
    const asked = await leadWrites("Zuletzt", "18c0send0007");
    const unsent = async (id: string) =>
      (await one<{ n: number }>("select count(*)::int as n from public.email_messages where message_id = $1", [id]))!.n;
    const calls = fake.sent.length;

    // The user removed Kiln at myaccount.google.com: Gmail answers 401, the refresh invalid_grant.
    fake.google.revokeAll(fake.google.account.sub);
    const revoked = await reply(rep, asked.conversationId, "Noch da?");
    await drained();
    expect(await outbound(revoked.body.message.id)).toMatchObject({ status: "failed", error_code: "gmail_reconnect" });
    expect(
      await one("select status from public.google_connections where org_id = $1 and user_id = $2", [
        room.t.orgId,
        rep.userId,
      ]),
    ).toEqual({ status: "needs_reauth" });
    // Checked before composing now: the connection says it needs re-auth.
    const again = await reply(rep, asked.conversationId, "Hallo?");
    await drained();
    expect(await outbound(again.body.message.id)).toMatchObject({
      status: "failed",
      error_code: "gmail_reconnect",
      rfc_message_id: null,
    });

    const disconnected = await rep.browser.delete("/api/v1/integrations/google");
    expect(disconnected.status, JSON.stringify(disconnected.body)).toBeLessThan(300);
    const gone = await reply(rep, asked.conversationId, "Noch jemand da?");
    await drained();
    expect(await outbound(gone.body.message.id)).toMatchObject({
      status: "failed",
      error_code: "gmail_disconnected",
      rfc_message_id: null,
    });
    expect(await unsent(gone.body.message.id)).toBe(0);
    expect(fake.sent).toHaveLength(calls);
  });
});
