import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import type { SyncError } from "@/lib/sync/kinds";
import type { Person } from "../api/http";
import { drained, mailroom, type Mailroom } from "../email/mail";
import { connectGoogle } from "../google/connect-flow";
import { startFakeGmail, type FakeGmail } from "../google/fake-gmail";
import { googleOAuthEnv } from "../google/suite";

/**
 * A Gmail suite: the Gmail stand-in in front of the OAuth stand-in (one origin, as
 * GOOGLE_OAUTH_BASE_URL), an organization with a mailbox (the email channel its threads are
 * filed under) and its inbound secret, and helpers to connect a member's Gmail, build raw mail
 * as mail programs write it, and run the sync for one member ("sync now") and read its job.
 */
export function gmailSuite(ready: (fake: FakeGmail, room: Mailroom) => void): void {
  let fake: FakeGmail | undefined;
  beforeAll(async () => {
    fake = await startFakeGmail();
    // Before anything reads the environment (env() is read once per process).
    Object.assign(process.env, googleOAuthEnv(fake.google, fake.url));
    ready(fake, await mailroom());
  });
  afterAll(async () => {
    await drained();
    await settled();
    await fake?.close();
    await closeDatabase();
  });
}

/** The member connects their own Google account (this address) with the gmail part on. */
export async function connectGmail(fake: FakeGmail, person: Person, account: string): Promise<void> {
  fake.google.account = { sub: `1${Date.now()}${Math.floor(Math.random() * 1e6)}`, email: account };
  expect(await connectGoogle(person, "gmail")).toEqual({ google: "connected" });
}

/**
 * The member's lead (Greta Gruber, a fresh address) and their Gmail connected as a fresh address:
 * the lead writes to `account`, the sync files it under `lead`.
 */
export async function leadAndGmail(
  fake: FakeGmail,
  person: Person,
): Promise<{ account: string; lead: { id: string; email: string } }> {
  const account = `ada.${randomUUID().slice(0, 8)}@northwind-mail.test`;
  const created = await person.browser.post("/api/v1/leads", {
    name: "Greta Gruber",
    email: `greta.${randomUUID().slice(0, 8)}@alpenglas.test`,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const lead = { id: created.body.lead.id as string, email: created.body.lead.email as string };
  await connectGmail(fake, person, account);
  return { account, lead };
}

/** A sync job as its user reads it (`GET /api/v1/sync/jobs`), and its events as stored. */
export type GmailRun = {
  job: {
    id: string;
    target: string;
    kind: string;
    status: string;
    counts: Record<"seen" | "created" | "updated" | "deleted" | "skipped", number>;
    error: SyncError | null;
  };
  events: { action: string; reason: string; provider_id: string | null }[];
};

/** The member's Gmail job as they read it, with what it did to each message. */
export async function gmailRun(person: Person, jobId: string): Promise<GmailRun> {
  const listed = await person.browser.get("/api/v1/sync/jobs?target=gmail&limit=100");
  expect(listed.status, listed.text).toBe(200);
  const job = listed.body.jobs.find((j: { id: string }) => j.id === jobId);
  expect(job, "the job is listed").toBeTruthy();
  const events = await withService(
    async (tx) =>
      (
        await tx.query<GmailRun["events"][number]>(
          "select action, reason, provider_id from public.sync_events where job_id = $1 order by created_at, id",
          [jobId],
        )
      ).rows,
  );
  return { job, events };
}

/** "Sync now" for the member's mailbox, the job run to its end (it runs right after the response). */
export async function syncMailbox(person: Person): Promise<GmailRun> {
  const response = await person.browser.post("/api/v1/sync/gmail");
  expect(response.status, response.text).toBe(202);
  await settled();
  await drained();
  return gmailRun(person, response.body.jobId);
}

/** How many events of each reason a job recorded. */
export const reasonCounts = (run: GmailRun): Record<string, number> =>
  run.events.reduce<Record<string, number>>(
    (counts, e) => ({ ...counts, [e.reason]: (counts[e.reason] ?? 0) + 1 }),
    {},
  );

export const uniqueMessageId = (domain: string) => `${randomUUID()}@${domain}`;

/** Quoted-printable of a string in a single-byte charset (Latin-1 covers the umlauts used). */
function quotedPrintable(text: string): string {
  return [...Buffer.from(text.replace(/\r?\n/g, "\r\n"), "latin1")]
    .map((byte) =>
      (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32 || byte === 13 || byte === 10
        ? String.fromCharCode(byte)
        : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

export type Mail = {
  from: string;
  to: string;
  cc?: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  text: string;
  /** Written in ISO-8859-1 or windows-1252 (quoted-printable), as older mail programs do. */
  charset?: "iso-8859-1" | "windows-1252";
  /** A text/html alternative beside the text. */
  html?: string;
  attachment?: { name: string; type: string; content: Buffer };
  headers?: Record<string, string>;
};

/** Every byte above 127 of a single-byte charset is quoted-printable already; UTF-8 bodies go as their bytes. */
const charsetOfBytes = (mail: Mail): BufferEncoding => ((mail.charset ?? "utf-8") === "utf-8" ? "utf8" : "latin1");

/**
 * Raw RFC 822 as a mail program writes it: multipart/mixed around a multipart/alternative
 * (text and HTML, in the charset given) and an optional attachment; plain text when there is
 * neither HTML nor a file.
 */
export function rawMail(mail: Mail): Buffer {
  const charset = mail.charset ?? "utf-8";
  const body = (type: string, content: string) =>
    charset === "utf-8"
      ? [`Content-Type: ${type}; charset=utf-8`, "Content-Transfer-Encoding: 8bit", "", content]
      : [
          `Content-Type: ${type}; charset=${charset}`,
          "Content-Transfer-Encoding: quoted-printable",
          "",
          quotedPrintable(content),
        ];
  const head = [
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    ...(mail.cc ? [`Cc: ${mail.cc}`] : []),
    `Subject: ${mail.subject}`,
    `Date: ${(mail.date ?? new Date()).toUTCString()}`,
    `Message-ID: <${mail.messageId}>`,
    ...(mail.inReplyTo ? [`In-Reply-To: <${mail.inReplyTo}>`] : []),
    ...(mail.references?.length ? [`References: ${mail.references.map((id) => `<${id}>`).join(" ")}`] : []),
    ...Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    "MIME-Version: 1.0",
  ];
  if (!mail.html && !mail.attachment)
    return Buffer.from([...head, ...body("text/plain", mail.text)].join("\r\n"), charsetOfBytes(mail));
  const alternative = [
    'Content-Type: multipart/alternative; boundary="alt-b"',
    "",
    "--alt-b",
    ...body("text/plain", mail.text),
    "--alt-b",
    ...body("text/html", mail.html ?? `<p>${mail.text}</p>`),
    "--alt-b--",
  ];
  const file = mail.attachment
    ? [
        "--mix-b",
        `Content-Type: ${mail.attachment.type}; name="${mail.attachment.name}"`,
        `Content-Disposition: attachment; filename="${mail.attachment.name}"`,
        "Content-Transfer-Encoding: base64",
        "",
        mail.attachment.content.toString("base64"),
      ]
    : [];
  return Buffer.from(
    [
      ...head,
      'Content-Type: multipart/mixed; boundary="mix-b"',
      "",
      "--mix-b",
      ...alternative,
      ...file,
      "--mix-b--",
      "",
    ].join("\r\n"),
    charsetOfBytes(mail),
  );
}
