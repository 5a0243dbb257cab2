/**
 * Media with provider credentials, against a local stand-in of Twilio and the WhatsApp Cloud
 * API over real HTTP: outbound files go out as short-lived signed links the provider fetches;
 * inbound media are downloaded by the job with the provider's own auth into storage.
 */
import { mkdtempSync } from "node:fs";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_SID, liveModeAgainst, startFakeProviders } from "./fake-providers";

const fake = await startFakeProviders();
const PLATFORM_ADMIN = `platform-${randomUUID()}@kiln.test`;
liveModeAgainst(fake.base, PLATFORM_ADMIN);
process.env.STORAGE_DIR = mkdtempSync(path.join(tmpdir(), "kiln-media-live-"));

const { withService } = await import("@/lib/db");
const { closeDatabase } = await import("@/lib/db/client");
const { settled } = await import("@/lib/jobs/soon");
const { Browser, signUpPerson, team } = await import("../api/http");
const { cloudEnvelope, metaSignature, mobile, postTwilio, postWhatsapp, sid, twilioInbound, twilioSignature, wamid } =
  await import("./webhook-client");

afterAll(async () => {
  await closeDatabase();
  fake.close();
});

const TWILIO_BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:live-twilio-auth-token`).toString("base64")}`;
const CLOUD_BEARER = "Bearer live-whatsapp-access-token";
const jpeg = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 4)]);
const pdf = () => Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(3_000)]);

let t: Awaited<ReturnType<typeof team>>;
let twilioNumber: string;
let cloudNumberId: string;

beforeAll(async () => {
  t = await team();
  // A US number: Twilio sends MMS from it.
  twilioNumber = `+1415523${String(randomInt(1000, 9999))}`;
  cloudNumberId = String(randomInt(100_000_000, 999_999_999));
  const cloudAddress = mobile();
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
  for (const channel of [
    { provider: "twilio", address: twilioNumber, capabilities: ["sms"], label: "US line" },
    {
      provider: "whatsapp_cloud",
      address: cloudAddress,
      phoneNumberId: cloudNumberId,
      capabilities: ["whatsapp"],
      label: "Live WhatsApp",
    },
  ])
    expect((await t.admin.browser.post("/api/v1/channels", channel)).status).toBe(201);
});

const conversationOf = (phone: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<{ id: string }>(
          "select c.id from public.conversations c join public.leads l on l.id = c.lead_id where l.phone = $1",
          [phone],
        )
      ).rows[0]!.id,
  );

async function postTwilioLive(params: Record<string, string>) {
  const signature = twilioSignature("/api/webhooks/twilio/messaging", params, "live-twilio-auth-token");
  expect((await postTwilio(null, "/api/webhooks/twilio/messaging", params, { signature })).status).toBe(200);
  await settled();
}

function upload(conversationId: string, file: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append("conversationId", conversationId);
  form.append("file", new Blob([new Uint8Array(file)], { type }), name);
  return t.rep.browser.post("/api/v1/attachments", undefined, { rawBody: form });
}

/** What a provider does with a signed link: fetch it, with no session. */
const fetchLink = (link: string) => new Browser().get(new URL(link).pathname + new URL(link).search);

const attachmentsOf = async (conversationId: string) =>
  (await t.rep.browser.get(`/api/v1/conversations/${conversationId}/messages`)).body.messages.at(-1).attachments;

describe("outbound files through the providers", () => {
  it("an MMS reply from a US number hands Twilio a short-lived signed link, and the link serves the file", async () => {
    const from = `+1415524${String(randomInt(1000, 9999))}`;
    await postTwilioLive(twilioInbound(twilioNumber, from, "Send me a picture"));
    const conversationId = await conversationOf(from);
    const image = jpeg(10_000);
    const uploaded = await upload(conversationId, image, "roof.jpg", "image/jpeg");
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);

    fake.reply = () => ({ status: 201, body: { sid: sid(), status: "queued", account_sid: ACCOUNT_SID } });
    const sent = await t.rep.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "Your roof",
      attachmentIds: [uploaded.body.attachment.id],
    });
    expect(sent.status).toBe(201);
    await settled();
    const call = fake.recorded.at(-1)!;
    expect(call.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    const form = new URLSearchParams(call.body);
    expect(form.get("Body")).toBe("Your roof");
    const link = form.get("MediaUrl")!;
    expect(link).toMatch(
      new RegExp(
        `^http://localhost:3000/api/files/${t.orgId}/attachments/${uploaded.body.attachment.id}\\?exp=\\d+&sig=`,
      ),
    );
    const exp = Number(new URL(link).searchParams.get("exp"));
    expect(exp * 1000 - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const fetched = await fetchLink(link);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(image)).toBe(true);
  });

  it("a WhatsApp Cloud reply with a PDF goes out as a document with its link, file name and caption", async () => {
    const from = mobile();
    const envelope = cloudEnvelope(cloudNumberId, [
      {
        messages: [
          {
            from: from.slice(1),
            id: wamid(),
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: "text",
            text: { body: "Offer?" },
          },
        ],
      },
    ]);
    expect(
      (
        await postWhatsapp(null, envelope, {
          signature: metaSignature(JSON.stringify(envelope), "live-whatsapp-app-secret"),
        })
      ).status,
    ).toBe(200);
    await settled();
    const conversationId = await conversationOf(from);
    const document = pdf();
    const uploaded = await upload(conversationId, document, "Offer.pdf", "application/pdf");
    expect(uploaded.status).toBe(201);

    fake.reply = () => ({ status: 200, body: { messaging_product: "whatsapp", messages: [{ id: wamid() }] } });
    await t.rep.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      body: "Here it is",
      attachmentIds: [uploaded.body.attachment.id],
    });
    await settled();
    const call = fake.recorded.at(-1)!;
    expect(call.url).toBe(`/v21.0/${cloudNumberId}/messages`);
    const sent = JSON.parse(call.body);
    expect(sent).toMatchObject({
      type: "document",
      document: { filename: "Offer.pdf", caption: "Here it is" },
    });
    expect((await fetchLink(sent.document.link)).bytes.equals(document)).toBe(true);
  });
});

describe("inbound media downloaded into storage", () => {
  it("Twilio media are fetched with the account's Basic auth and then served to members from Kiln's storage", async () => {
    const from = mobile();
    const messageSid = `MM${randomBytes(16).toString("hex")}`;
    const mediaPath = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${messageSid}/Media/ME${randomBytes(16).toString("hex")}`;
    const image = jpeg(20_000);
    fake.files.set(mediaPath, { type: "image/jpeg", bytes: image, authorization: TWILIO_BASIC });

    await postTwilioLive(
      twilioInbound(twilioNumber, from, "Our roof", {
        MessageSid: messageSid,
        NumMedia: "1",
        MediaUrl0: `${fake.base}${mediaPath}`,
        MediaContentType0: "image/jpeg",
      }),
    );
    const fetch = fake.recorded.find((r) => r.url === mediaPath)!;
    expect(fetch.headers.authorization).toBe(TWILIO_BASIC);

    const conversationId = await conversationOf(from);
    const [attachment] = await attachmentsOf(conversationId);
    expect(attachment).toMatchObject({ contentType: "image/jpeg", status: "stored", sizeBytes: image.length });
    // The provider's link is gone; Kiln's copy stays.
    fake.files.delete(mediaPath);
    const copy = await t.rep.browser.get(`/api/v1/attachments/${attachment.id}/content`);
    expect(copy.status).toBe(200);
    expect(copy.bytes.equals(image)).toBe(true);
    expect(copy.headers.get("content-disposition")).toMatch(/^inline;/);
  });

  it("WhatsApp Cloud media: GET /{media-id} for the URL, then the file, both with the access token", async () => {
    const from = mobile();
    const mediaId = `media${randomInt(1_000_000, 9_999_999)}`;
    const voice = randomBytes(5_000);
    fake.files.set(`/lookaside/${mediaId}`, { type: "audio/ogg", bytes: voice, authorization: CLOUD_BEARER });
    fake.reply = (request) =>
      request.method === "GET" && request.url === `/v21.0/${mediaId}` && request.headers.authorization === CLOUD_BEARER
        ? { status: 200, body: { url: `${fake.base}/lookaside/${mediaId}`, mime_type: "audio/ogg", id: mediaId } }
        : { status: 404, body: {} };
    const envelope = cloudEnvelope(cloudNumberId, [
      {
        messages: [
          {
            from: from.slice(1),
            id: wamid(),
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: "audio",
            audio: { id: mediaId, mime_type: "audio/ogg; codecs=opus" },
          },
        ],
      },
    ]);
    expect(
      (
        await postWhatsapp(null, envelope, {
          signature: metaSignature(JSON.stringify(envelope), "live-whatsapp-app-secret"),
        })
      ).status,
    ).toBe(200);
    await settled();
    const [attachment] = await attachmentsOf(await conversationOf(from));
    expect(attachment).toMatchObject({ contentType: "audio/ogg", status: "stored", sizeBytes: voice.length });
    const copy = await t.rep.browser.get(`/api/v1/attachments/${attachment.id}/content`);
    expect(copy.bytes.equals(voice)).toBe(true);
    // Not a type a page may show inline: it is downloaded.
    expect(copy.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("a passing provider outage leaves the copy pending for the job's retry, with the reason", async () => {
    const from = mobile();
    const mediaId = `media${randomInt(1_000_000, 9_999_999)}`;
    fake.reply = () => ({ status: 503, body: { error: { message: "Service unavailable" } } });
    const envelope = cloudEnvelope(cloudNumberId, [
      {
        messages: [
          {
            from: from.slice(1),
            id: wamid(),
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: "image",
            image: { id: mediaId, mime_type: "image/jpeg" },
          },
        ],
      },
    ]);
    await postWhatsapp(null, envelope, {
      signature: metaSignature(JSON.stringify(envelope), "live-whatsapp-app-secret"),
    });
    await settled();
    const [attachment] = await attachmentsOf(await conversationOf(from));
    expect(attachment).toMatchObject({ status: "pending", fileName: "image-1.jpg" });
    const row = await withService(
      async (tx) =>
        (
          await tx.query("select download_attempts, download_error from public.message_attachments where id = $1", [
            attachment.id,
          ])
        ).rows[0],
    );
    expect(row).toMatchObject({ download_attempts: 1, download_error: "http_503" });
  });

  it("a media URL outside Twilio's API is never fetched: the copy is marked failed", async () => {
    const from = mobile();
    const before = fake.recorded.length;
    await postTwilioLive(
      twilioInbound(twilioNumber, from, "Look", {
        NumMedia: "1",
        MediaUrl0: "http://169.254.169.254/latest/meta-data",
        MediaContentType0: "image/jpeg",
      }),
    );
    const [attachment] = await attachmentsOf(await conversationOf(from));
    expect(attachment).toMatchObject({ status: "failed" });
    expect(fake.recorded.slice(before).some((r) => r.url.includes("meta-data"))).toBe(false);
    const row = await withService(
      async (tx) =>
        (await tx.query("select download_error from public.message_attachments where id = $1", [attachment.id]))
          .rows[0]!,
    );
    expect(row.download_error).toBe("foreign_media_url");
  });
});
