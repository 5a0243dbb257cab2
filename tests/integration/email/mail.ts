import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { withService } from "@/lib/db";
import { signEmailDelivery } from "@/lib/email/signature";
import { settled } from "@/lib/jobs/soon";
import { team } from "../api/http";
import { provider } from "../inbox/webhook-client";

/**
 * The email channel as the reply tests play it: an organization with a mailbox and its
 * inbound secret (Settings → Channels → Inbound email), and a lead whose mail program writes
 * raw RFC 822 to the signed URL. Addresses are unique per call: the PostgreSQL run shares one
 * database between files.
 */

export type Team = Awaited<ReturnType<typeof team>>;
export type Mailroom = { t: Team; secret: string; mailbox: string };

export async function mailroom(): Promise<Mailroom> {
  const t = await team();
  const settings = await t.admin.browser.get("/api/v1/channels/email");
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  const mailbox = `sales-${randomUUID().slice(0, 8)}@acme.example`;
  const created = await t.admin.browser.post("/api/v1/channels/email", { address: mailbox, label: "Sales" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { t, secret: settings.body.secret, mailbox };
}

/** Work started after a response (ingest → drafting → sending) lands on later ticks than one `settled()`. */
export async function drained() {
  for (let round = 0; round < 4; round++) await settled();
}

export const uniqueAddress = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.org`;

type Headers = Record<string, string | undefined>;

/** A plain-text email as a mail program writes it; `undefined` headers are left out. */
export function rfc822(headers: Headers, text: string): Buffer {
  const lines = Object.entries({
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=utf-8",
    Date: new Date().toUTCString(),
    ...headers,
  })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}: ${value}`);
  return Buffer.from([...lines, "", text].join("\r\n"));
}

/** A mail server's report that `recipient` does not exist (RFC 3464, status 5.1.1). */
export function hardBounce(mailbox: string, recipient: string): Buffer {
  return Buffer.from(
    [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
      `To: ${mailbox}`,
      "Subject: Undelivered Mail Returned to Sender",
      `Message-ID: <dsn-${randomUUID()}@mx.example.org>`,
      "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-b"',
      "",
      "--dsn-b",
      "Content-Type: text/plain; charset=us-ascii",
      "",
      `<${recipient}>: host mx.example.org said: 550 5.1.1 User unknown`,
      "",
      "--dsn-b",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.org",
      "",
      `Final-Recipient: rfc822; ${recipient}`,
      "Action: failed",
      "Status: 5.1.1",
      "",
      "--dsn-b--",
    ].join("\r\n"),
  );
}

/** Posts a raw email to the organization's signed inbound URL and waits for its processing. */
export async function leadSends(room: Mailroom, raw: Buffer): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const bytes = new Uint8Array(raw);
  const response = await provider.post(`/api/webhooks/email/inbound?org=${room.t.orgId}`, undefined, {
    rawBody: bytes,
    contentType: "message/rfc822",
    origin: null,
    headers: {
      "kiln-email-timestamp": String(timestamp),
      "kiln-email-signature": signEmailDelivery(room.secret, timestamp, bytes),
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  await drained();
}

export const one = async <T>(sql: string, params: unknown[]) =>
  withService(async (tx) => (await tx.query<T & Record<string, unknown>>(sql, params)).rows[0]);

/** The conversation and lead of the stored email with this Message-ID. */
export const threadOf = (room: Mailroom, rfcMessageId: string) =>
  one<{ conversation_id: string; lead_id: string }>(
    `select e.conversation_id, c.lead_id from public.email_messages e join public.conversations c on c.id = e.conversation_id
      where e.org_id = $1 and e.rfc_message_id = $2`,
    [room.t.orgId, rfcMessageId],
  );

/** An outbound message with its email part, as stored. */
export const outbound = (messageId: string) =>
  one<{
    status: string;
    sandbox: boolean;
    provider: string;
    error_code: string | null;
    subject: string | null;
    rfc_message_id: string | null;
    in_reply_to: string | null;
    references: string[] | null;
    from_address: string | null;
    to_addresses: string[] | null;
    sent_at: Date | null;
  }>(
    `select m.status, m.sandbox, m.provider, m.error_code, e.subject, e.rfc_message_id, e.in_reply_to, e."references",
            e.from_address, e.to_addresses, e.sent_at
       from public.messages m left join public.email_messages e on e.message_id = m.id
      where m.id = $1`,
    [messageId],
  );
