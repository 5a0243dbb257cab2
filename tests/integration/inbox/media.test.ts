/**
 * Outbound media in sandbox mode (no provider credentials): uploads checked against the
 * channel's limits on the server, stored in the local folder, sent with a reply, listed in
 * the thread and served to members only; Kiln's signed file links and their expiry.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Each test file is its own process: its files go to a folder of its own (read once with the environment).
process.env.STORAGE_DIR = mkdtempSync(path.join(tmpdir(), "kiln-media-test-"));

const { withService } = await import("@/lib/db");
const { closeDatabase } = await import("@/lib/db/client");
const { settled } = await import("@/lib/jobs/soon");
const { signFileUrl, storage } = await import("@/lib/storage");
const { removeAbandonedUploads } = await import("@/lib/inbox/attachments");
const { Browser, team } = await import("../api/http");
const { mobile, postTwilio, twilioInbound } = await import("./webhook-client");

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
type Person = Team["rep"];

/** A PDF's first bytes and a little body: what the server's type check reads. */
const pdf = (bytes = 2_000) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(bytes, 0x20)]);
const jpeg = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4, 1)]);

function upload(person: Person, conversationId: string, file: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append("conversationId", conversationId);
  form.append("file", new Blob([new Uint8Array(file)], { type }), name);
  return person.browser.post("/api/v1/attachments", undefined, { rawBody: form });
}

/** A thread opened by the lead writing to one of the organization's sandbox numbers. */
async function thread(t: Team, medium: "sms" | "whatsapp", address: string): Promise<string> {
  const created = await t.admin.browser.post("/api/v1/channels", {
    provider: "twilio",
    address,
    capabilities: [medium],
    label: `Line ${address}`,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const from = mobile();
  const prefix = medium === "whatsapp" ? "whatsapp:" : "";
  expect(
    (await postTwilio(t.orgId, "/api/webhooks/twilio/messaging", twilioInbound(prefix + address, prefix + from, "Hi")))
      .status,
  ).toBe(200);
  await settled();
  return withService(
    async (tx) =>
      (
        await tx.query<{ id: string }>(
          "select c.id from public.conversations c join public.leads l on l.id = c.lead_id where l.phone = $1",
          [from],
        )
      ).rows[0]!.id,
  );
}

let t: Team;
let whatsapp: string;
let sms: string;
let mms: string;
beforeAll(async () => {
  t = await team();
  whatsapp = await thread(t, "whatsapp", mobile());
  sms = await thread(t, "sms", mobile());
  mms = await thread(t, "sms", `+1415523${String(Math.floor(1000 + Math.random() * 8999))}`);
});

describe("uploading a file for a reply", () => {
  it("a rep attaches a PDF to a WhatsApp reply in the sandbox: stored, sent, listed in the thread and downloadable by members", async () => {
    const file = pdf();
    const uploaded = await upload(t.rep, whatsapp, file, "Offer 2026.pdf", "application/pdf");
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body.attachment).toMatchObject({
      fileName: "Offer 2026.pdf",
      contentType: "application/pdf",
      sizeBytes: file.length,
      status: "stored",
    });
    const id = uploaded.body.attachment.id;

    const sent = await t.rep.browser.post(`/api/v1/conversations/${whatsapp}/messages`, {
      body: "Here is the offer",
      attachmentIds: [id],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.message.attachments).toEqual([uploaded.body.attachment]);
    await settled();

    const messages = (await t.manager.browser.get(`/api/v1/conversations/${whatsapp}/messages`)).body.messages;
    expect(messages.at(-1)).toMatchObject({ body: "Here is the offer", sandbox: true, status: "sent" });
    expect(messages.at(-1).attachments).toEqual([uploaded.body.attachment]);

    const download = await t.manager.browser.get(`/api/v1/attachments/${id}/content`);
    expect(download.status).toBe(200);
    expect(download.bytes.equals(file)).toBe(true);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-disposition")).toContain("filename*=UTF-8''Offer%202026.pdf");

    const row = await withService(
      async (tx) =>
        (await tx.query("select storage_key, sha256 from public.message_attachments where id = $1", [id])).rows[0]!,
    );
    expect(row.storage_key).toBe(`${t.orgId}/attachments/${id}`);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a reply may be only a file, with no text", async () => {
    const uploaded = await upload(t.rep, whatsapp, jpeg(4_000), "photo.jpg", "image/jpeg");
    const sent = await t.rep.browser.post(`/api/v1/conversations/${whatsapp}/messages`, {
      attachmentIds: [uploaded.body.attachment.id],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.message).toMatchObject({ body: "" });
  });

  it("an upload never sent is removed with its bytes after a day; one sent with a reply stays", async () => {
    const abandoned = (await upload(t.rep, whatsapp, pdf(), "draft.pdf", "application/pdf")).body.attachment;
    const kept = (await upload(t.rep, whatsapp, pdf(), "sent.pdf", "application/pdf")).body.attachment;
    expect(
      (await t.rep.browser.post(`/api/v1/conversations/${whatsapp}/messages`, { attachmentIds: [kept.id] })).status,
    ).toBe(201);
    const keys = await withService(async (tx) => {
      await tx.query(
        "update public.message_attachments set created_at = now() - interval '25 hours' where id = any($1::uuid[])",
        [[abandoned.id, kept.id]],
      );
      const { rows } = await tx.query<{ id: string; storage_key: string }>(
        "select id, storage_key from public.message_attachments where id = any($1::uuid[])",
        [[abandoned.id, kept.id]],
      );
      return new Map(rows.map((row) => [row.id, row.storage_key]));
    });
    expect(await removeAbandonedUploads()).toBeGreaterThanOrEqual(1);
    const left = await withService(async (tx) =>
      (
        await tx.query<{ id: string }>("select id from public.message_attachments where id = any($1::uuid[])", [
          [abandoned.id, kept.id],
        ])
      ).rows.map((row) => row.id),
    );
    expect(left).toEqual([kept.id]);
    expect(await storage().stat(keys.get(abandoned.id)!)).toBeNull();
    expect(await storage().stat(keys.get(kept.id)!)).not.toBeNull();
  });

  it("refuses a type the channel does not take before reading the file", async () => {
    const response = await upload(t.rep, whatsapp, Buffer.from("plain text"), "notes.txt", "text/plain");
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: "attachmentTypeRefused" });
    expect(response.body.detail).toBe("This channel takes only these file types: JPEG, PNG, PDF.");
  });

  it("refuses a file whose bytes are not the type it claims", async () => {
    const response = await upload(t.rep, whatsapp, pdf(), "picture.png", "image/png");
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: "attachmentTypeRefused" });
  });

  it("refuses an image over WhatsApp's 5 MB with 413 and stores nothing", async () => {
    const before = await withService(
      async (tx) => (await tx.query("select count(*)::int as n from public.message_attachments")).rows[0]!.n,
    );
    const response = await upload(t.rep, whatsapp, jpeg(5 * 1024 * 1024 + 1), "big.jpg", "image/jpeg");
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: "attachmentTooLarge" });
    expect(response.body.detail).toBe("The file is too large: at most 5 MB on this channel.");
    const after = await withService(
      async (tx) => (await tx.query("select count(*)::int as n from public.message_attachments")).rows[0]!.n,
    );
    expect(after).toBe(before);
  });

  it("an SMS number outside the US and Canada takes no files; a US number takes images (MMS) but no PDF", async () => {
    const none = await upload(t.rep, sms, jpeg(1_000), "photo.jpg", "image/jpeg");
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: "attachmentsNotSupported" });

    expect((await upload(t.rep, mms, jpeg(1_000), "photo.jpg", "image/jpeg")).status).toBe(201);
    const document = await upload(t.rep, mms, pdf(), "offer.pdf", "application/pdf");
    expect(document.status).toBe(422);
    expect(document.body).toMatchObject({ code: "attachmentTypeRefused" });
  });

  it("WhatsApp takes one file per message and a caption of at most 1024 characters", async () => {
    const a = (await upload(t.rep, whatsapp, pdf(), "a.pdf", "application/pdf")).body.attachment.id;
    const b = (await upload(t.rep, whatsapp, pdf(), "b.pdf", "application/pdf")).body.attachment.id;
    const two = await t.rep.browser.post(`/api/v1/conversations/${whatsapp}/messages`, {
      body: "Two files",
      attachmentIds: [a, b],
    });
    expect(two.status).toBe(422);
    expect(two.body).toMatchObject({ code: "attachmentsTooMany" });
    const long = await t.rep.browser.post(`/api/v1/conversations/${whatsapp}/messages`, {
      body: "x".repeat(1025),
      attachmentIds: [a],
    });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ code: "attachmentCaptionTooLong" });
  });

  it("a reply cannot carry a colleague's upload, nor a file already sent", async () => {
    const theirs = (await upload(t.manager, whatsapp, pdf(), "theirs.pdf", "application/pdf")).body.attachment.id;
    const taken = await t.rep.browser.post(`/api/v1/conversations/${whatsapp}/messages`, {
      body: "Not mine",
      attachmentIds: [theirs],
    });
    expect(taken.status).toBe(422);
    expect(taken.body).toMatchObject({ code: "attachment_unavailable" });

    const mine = (await upload(t.rep, whatsapp, pdf(), "once.pdf", "application/pdf")).body.attachment.id;
    expect(
      (await t.rep.browser.post(`/api/v1/conversations/${whatsapp}/messages`, { body: "1", attachmentIds: [mine] }))
        .status,
    ).toBe(201);
    const again = await t.rep.browser.post(`/api/v1/conversations/${whatsapp}/messages`, {
      body: "2",
      attachmentIds: [mine],
    });
    expect(again.status).toBe(422);
  });
});

describe("who can fetch a file", () => {
  it("another organization cannot fetch a file: the member route answers 404 and the rows stay invisible", async () => {
    const id = (await upload(t.rep, whatsapp, pdf(), "private.pdf", "application/pdf")).body.attachment.id;
    const outsider = await team();
    expect((await outsider.owner.browser.get(`/api/v1/attachments/${id}/content`)).status).toBe(404);
    const visible = await withService(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ sub: outsider.owner.userId, role: "authenticated" }),
      ]);
      await tx.query("set local role authenticated");
      return (await tx.query("select 1 from public.message_attachments where id = $1", [id])).rowCount;
    });
    expect(visible).toBe(0);
    // Nor can it upload into this organization's thread.
    expect((await upload(outsider.owner, whatsapp, pdf(), "x.pdf", "application/pdf")).status).toBe(404);
  });

  it("a signed-out visitor gets 401 from the member route", async () => {
    const id = (await upload(t.rep, whatsapp, pdf(), "members.pdf", "application/pdf")).body.attachment.id;
    expect((await new Browser().get(`/api/v1/attachments/${id}/content`)).status).toBe(401);
  });
});

describe("signed file links (what a provider fetches)", () => {
  it("serves the file until the link expires; a changed key, expiry or signature is refused", async () => {
    const file = pdf(500);
    const id = (await upload(t.rep, whatsapp, file, "linked.pdf", "application/pdf")).body.attachment.id;
    const key = `${t.orgId}/attachments/${id}`;
    const provider = new Browser();
    const pathOf = (url: string) => {
      const parsed = new URL(url);
      return `${parsed.pathname}${parsed.search}`;
    };

    const link = signFileUrl(key, 60);
    expect(new URL(link).pathname).toBe(`/api/files/${key}`);
    const fetched = await provider.get(pathOf(link));
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(file)).toBe(true);

    const expired = signFileUrl(key, 30, Date.now() - 60_000);
    expect((await provider.get(pathOf(expired))).status).toBe(410);

    const url = new URL(link);
    const later = new URL(link);
    later.searchParams.set("exp", String(Number(url.searchParams.get("exp")) + 3600));
    expect((await provider.get(pathOf(later.toString()))).status).toBe(403);

    const forged = new URL(link);
    forged.searchParams.set("sig", `${url.searchParams.get("sig")!.slice(0, -2)}AA`);
    expect((await provider.get(pathOf(forged.toString()))).status).toBe(403);

    const otherKey = pathOf(link).replace(id, "00000000-0000-4000-8000-000000000000");
    expect((await provider.get(otherKey)).status).toBe(403);

    expect((await provider.get(`/api/files/${key}`)).status).toBe(403);
  });
});
