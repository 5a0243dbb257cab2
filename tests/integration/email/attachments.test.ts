/**
 * Files on email replies, over SMTP: a rep uploads them for an email thread (checked against
 * the email limits and sniffed as for the other channels), the reply carries them as MIME
 * attachments read from storage when it is sent, and the stored message lists them like a
 * WhatsApp or MMS message does. The relay is a local SMTP server (./relay.ts).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Each test file is its own process: its files go to a folder of its own (read once with the environment).
process.env.STORAGE_DIR = mkdtempSync(path.join(tmpdir(), "kiln-email-files-test-"));

const { closeDatabase } = await import("@/lib/db/client");
const { env } = await import("@/lib/env");
const { readOutbox } = await import("@/lib/email/outbox");
const { drained, leadSends, mailroom, one, outbound, rfc822, threadOf, uniqueAddress } = await import("./mail");
const { startRelay } = await import("./relay");

const MB = 1024 * 1024;
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const pdf = (bytes = 2_000) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(bytes, 0x20)]);
/** An Office document's first bytes (a ZIP's local file header) and some body. */
const docx = (bytes = 3_000) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(bytes - 4, 7)]);
const csv = Buffer.from("name;city;panels\r\nMiriam Keller;Zürich;40\r\n");

const relay = await startRelay();
type Room = Awaited<ReturnType<typeof mailroom>>;
let room: Room;

beforeAll(async () => {
  expect(env().SMTP_URL).toBeUndefined();
  room = await mailroom();
  Object.assign(env(), { SMTP_URL: relay.url });
});

afterAll(async () => {
  await closeDatabase();
  await relay.close();
});

function upload(conversationId: string, file: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append("conversationId", conversationId);
  form.append("file", new Blob([new Uint8Array(file)], { type }), name);
  return room.t.admin.browser.post("/api/v1/attachments", undefined, { rawBody: form });
}

/** An email thread the lead opened by writing to the mailbox; its conversation id. */
async function threadWith(lead: string): Promise<string> {
  const id = `asked-${lead}`;
  await leadSends(
    room,
    rfc822({ From: lead, To: room.mailbox, Subject: "Solar offer", "Message-ID": `<${id}>` }, "Please send the offer."),
  );
  return (await threadOf(room, id))!.conversation_id;
}

const attachmentCount = async () =>
  (await one<{ n: number }>("select count(*)::int as n from public.message_attachments", []))!.n;

describe("files on an email reply", () => {
  it("leave with the reply as attachments: each file's bytes, name and type, beside the text; the thread lists them", async () => {
    const lead = uniqueAddress("files");
    const conversationId = await threadWith(lead);
    const files = [
      { bytes: pdf(), name: "Offer 2026.pdf", type: "application/pdf" },
      { bytes: docx(), name: "Terms.docx", type: DOCX },
      // Windows declares a CSV as an Excel file; it is taken (and sent) as what it is.
      { bytes: csv, name: "panels.csv", type: "application/vnd.ms-excel" },
    ];
    const uploaded = [];
    for (const file of files) {
      const answer = await upload(conversationId, file.bytes, file.name, file.type);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      uploaded.push(answer.body.attachment);
    }
    expect(uploaded.map((a) => a.contentType)).toEqual(["application/pdf", DOCX, "text/csv"]);

    const sent = await room.t.admin.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "Here are the offer, the terms and the panel list.",
      attachmentIds: uploaded.map((a) => a.id),
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.message.attachments).toEqual(uploaded);
    await drained();

    const [mail] = await relay.mailsTo(lead);
    expect(mail!.subject).toBe("Re: Solar offer");
    expect(mail!.text?.trim()).toBe("Here are the offer, the terms and the panel list.");
    expect(
      mail!.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        disposition: a.contentDisposition,
      })),
    ).toEqual([
      { filename: "Offer 2026.pdf", contentType: "application/pdf", disposition: "attachment" },
      { filename: "Terms.docx", contentType: DOCX, disposition: "attachment" },
      { filename: "panels.csv", contentType: "text/csv", disposition: "attachment" },
    ]);
    mail!.attachments.forEach((attachment, i) =>
      expect(attachment.content.equals(files[i]!.bytes), files[i]!.name).toBe(true),
    );

    expect(await outbound(sent.body.message.id)).toMatchObject({ status: "sent", sandbox: false, provider: "email" });
    const page = await room.t.admin.browser.get(`/api/v1/conversations/${conversationId}/messages`);
    const shown = page.body.messages.find((m: { id: string }) => m.id === sent.body.message.id);
    expect(shown).toMatchObject({ direction: "outbound", status: "sent", attachments: uploaded });
  });

  it("a reply may be only files, with no text", async () => {
    const lead = uniqueAddress("only-files");
    const conversationId = await threadWith(lead);
    const file = (await upload(conversationId, pdf(), "offer.pdf", "application/pdf")).body.attachment;
    const sent = await room.t.admin.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      attachmentIds: [file.id],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await drained();
    const [mail] = await relay.mailsTo(lead);
    expect(mail!.attachments.map((a) => a.filename)).toEqual(["offer.pdf"]);
  });

  it("without SMTP_URL (sandbox) the files are in the development outbox's entry, and nothing leaves", async () => {
    const lead = uniqueAddress("sandbox-files");
    const conversationId = await threadWith(lead);
    const file = (await upload(conversationId, docx(), "Terms.docx", DOCX)).body.attachment;
    Object.assign(env(), { SMTP_URL: undefined });
    try {
      const sent = await room.t.admin.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
        body: "The terms",
        attachmentIds: [file.id],
      });
      expect(sent.status).toBe(201);
      await drained();
      expect(await outbound(sent.body.message.id)).toMatchObject({ status: "sent", sandbox: true });
    } finally {
      Object.assign(env(), { SMTP_URL: relay.url });
    }
    const [entry] = await readOutbox(1, lead);
    expect(entry!.attachments).toEqual([
      { filename: "Terms.docx", contentType: DOCX, size: 3_000, contentBase64: docx().toString("base64") },
    ]);
    expect(relay.mailed(lead)).toBe(false);
  });

  it("a file gone from storage by the time the reply is sent fails the message for good, and nothing is mailed", async () => {
    const lead = uniqueAddress("gone-file");
    const conversationId = await threadWith(lead);
    const file = (await upload(conversationId, pdf(), "offer.pdf", "application/pdf")).body.attachment;
    await one("update public.message_attachments set storage_key = $2 where id = $1 returning id", [
      file.id,
      `${room.t.orgId}/attachments/${randomUUID()}`,
    ]);
    const sent = await room.t.admin.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "The offer",
      attachmentIds: [file.id],
    });
    expect(sent.status).toBe(201);
    await drained();
    expect(await outbound(sent.body.message.id)).toMatchObject({ status: "failed", error_code: "attachment_missing" });
    expect(relay.mailed(lead)).toBe(false);
  });
});

describe("the email limits, checked on the server as for the other channels", () => {
  let conversationId: string;
  beforeAll(async () => {
    conversationId = await threadWith(uniqueAddress("limits"));
  });

  it("refuses a file over 10 MB with 413 and stores nothing", async () => {
    const before = await attachmentCount();
    const response = await upload(conversationId, docx(10 * MB + 1), "big.docx", DOCX);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: "attachmentTooLarge" });
    expect(response.body.detail).toBe("The file is too large: at most 10 MB on this channel.");
    expect(await attachmentCount()).toBe(before);
  });

  it("refuses files over 25 MB together with 422 when the reply is sent, and sends nothing", async () => {
    const ids = [];
    for (const name of ["a.pdf", "b.pdf", "c.pdf"]) {
      const answer = await upload(conversationId, pdf(9 * MB), name, "application/pdf");
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      ids.push(answer.body.attachment.id);
    }
    const response = await room.t.admin.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "All three",
      attachmentIds: ids,
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: "attachmentsTooLargeTogether" });
    expect(response.body.detail).toMatch(/25 MB/);
    const stored = await one<{ n: number }>(
      "select count(*)::int as n from public.messages where conversation_id = $1 and direction = 'outbound'",
      [conversationId],
    );
    expect(stored!.n).toBe(0);
  });

  it("refuses a type email does not carry, and a file whose bytes are not the type it claims, with 422", async () => {
    const page = await upload(conversationId, Buffer.from("<html><script></script></html>"), "offer.html", "text/html");
    expect(page.status).toBe(422);
    expect(page.body).toMatchObject({ code: "attachmentTypeRefused" });
    expect(page.body.detail).toContain("PDF, DOCX, XLSX");

    const program = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00", "latin1"), Buffer.alloc(500, 0)]);
    const disguised = await upload(conversationId, program, "terms.docx", DOCX);
    expect(disguised.status).toBe(422);
    expect(disguised.body).toMatchObject({ code: "attachmentTypeRefused" });
    const binaryText = await upload(conversationId, program, "notes.txt", "text/plain");
    expect(binaryText.status).toBe(422);
  });
});
