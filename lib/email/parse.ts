/**
 * One raw RFC 822 message (as a mail provider forwards it) read into what Kiln keeps of it:
 * addresses, subject, text and HTML bodies, threading ids, attachments and whether it is an
 * automatic reply or a bounce. MIME, encodings and charsets (ISO-8859-1, windows-1252 …) are
 * mailparser's job; the HTML is kept exactly as decoded (sanitising happens only for display,
 * lib/email/sanitize.ts), with its cid: links left as they are.
 */
import "server-only";
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { stripQuoted } from "@/lib/ai/extract/text";
import { classifyEmail, type EmailClassification } from "./classify";

export type EmailAddress = { address: string; name: string | null };

export type ParsedEmailFile = { fileName: string | null; contentType: string; content: Buffer };

export type ParsedInboundEmail = {
  /** Message-ID without angle brackets; null when the message has none. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: EmailAddress | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  /** Envelope recipients a forwarder recorded (Delivered-To, X-Original-To, Envelope-To), lower-case. */
  deliveredTo: string[];
  subject: string;
  text: string;
  html: string | null;
  date: Date | null;
  files: ParsedEmailFile[];
  classification: EmailClassification;
};

/** Bounds on what is kept (the columns' limits); a 20 MB message is mostly attachments. */
export const EMAIL_LIMITS = { subject: 998, text: 1_000_000, html: 2_000_000, ids: 100, addresses: 100 } as const;

/** Media types of a report's machine-readable parts: read, not kept as files. */
const REPORT_PARTS = new Set(["message/delivery-status", "message/global-delivery-status", "text/rfc822-headers"]);

const ANGLE_IDS = /<([^<>\s]{1,996})>/g;

/** The ids in a Message-ID, In-Reply-To or References value ("<a@b> <c@d>"), without brackets. */
export function messageIds(value: string | string[] | undefined | null): string[] {
  const text = Array.isArray(value) ? value.join(" ") : (value ?? "");
  const bracketed = [...text.matchAll(ANGLE_IDS)].map((m) => m[1]!);
  if (bracketed.length) return bracketed;
  // Some senders leave the brackets out; an id is one token with an @.
  return text.split(/[\s,]+/).filter((token) => /^[^@\s]+@[^@\s]+$/.test(token) && token.length <= 996);
}

function addresses(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: EmailAddress[] = [];
  const visit = (entries: AddressObject["value"]) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      const address = entry.address?.trim().toLowerCase();
      if (address && /^[^@\s]{1,64}@[^@\s]{1,255}$/.test(address))
        out.push({ address, name: entry.name?.trim() ? storable(entry.name.trim()).slice(0, 300) : null });
    }
  };
  for (const object of objects) visit(object.value);
  return out.slice(0, EMAIL_LIMITS.addresses);
}

/** Raw header values by lower-case name, unfolded; the first of repeated headers. */
function rawHeaders(mail: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    const name = key.toLowerCase();
    if (name in out) continue;
    const colon = line.indexOf(":");
    out[name] = (colon >= 0 ? line.slice(colon + 1) : "").replace(/\r?\n[ \t]+/g, " ").trim();
  }
  return out;
}

function contentTypeOf(mail: ParsedMail): { type: string; reportType: string | null } {
  const header = mail.headers.get("content-type");
  if (header && typeof header === "object" && "value" in header && typeof header.value === "string") {
    const params = (header as { params?: Record<string, string> }).params ?? {};
    return { type: header.value.toLowerCase(), reportType: params["report-type"] ?? null };
  }
  return { type: "text/plain", reportType: null };
}

/** Text as Postgres stores it: no NUL characters (a broken message may carry some). */
const storable = (text: string) => text.replace(/\u0000/g, "");

/** Reads a raw message. Never throws on malformed headers: what cannot be read is left empty. */
export async function parseInboundEmail(raw: Buffer): Promise<ParsedInboundEmail> {
  const mail = await simpleParser(raw, {
    keepCidLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  const from = addresses(mail.from)[0] ?? null;
  const subject = storable(mail.subject ?? "")
    .replace(/[\r\n]+/g, " ")
    .trim()
    .slice(0, EMAIL_LIMITS.subject);
  const text = storable(mail.text ?? "").slice(0, EMAIL_LIMITS.text);
  const html =
    typeof mail.html === "string" && mail.html.trim() ? storable(mail.html).slice(0, EMAIL_LIMITS.html) : null;
  const { type, reportType } = contentTypeOf(mail);
  const reports = mail.attachments.filter((a) => REPORT_PARTS.has(a.contentType.toLowerCase()));
  const deliveryStatus = reports.find((a) => a.contentType.toLowerCase().endsWith("delivery-status"));
  const headers = rawHeaders(mail);
  const classification = classifyEmail({
    headers,
    fromAddress: from?.address ?? "",
    subject,
    contentType: type,
    reportType,
    deliveryStatus: deliveryStatus ? deliveryStatus.content.toString("utf8") : null,
    text,
  });
  // mailparser puts "now" in place of a missing or unreadable Date header: read it ourselves.
  const sent = headers.date ? new Date(headers.date) : null;
  const date = sent && !Number.isNaN(sent.getTime()) ? sent : null;
  return {
    messageId: messageIds(mail.messageId)[0] ?? null,
    inReplyTo: messageIds(mail.inReplyTo)[0] ?? null,
    references: messageIds(mail.references).slice(-EMAIL_LIMITS.ids),
    from,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    deliveredTo: ["delivered-to", "x-original-to", "envelope-to", "x-forwarded-to"]
      .map((name) =>
        headers[name]
          ?.replace(/^.*<|>.*$/g, "")
          .trim()
          .toLowerCase(),
      )
      .filter((value): value is string => Boolean(value && /^[^@\s]{1,64}@[^@\s]{1,255}$/.test(value))),
    subject,
    text,
    html,
    date,
    files: mail.attachments
      .filter((a) => !REPORT_PARTS.has(a.contentType.toLowerCase()))
      .map((a) => ({
        fileName: a.filename ?? null,
        contentType: (a.contentType || "application/octet-stream").toLowerCase(),
        content: a.content,
      })),
    classification,
  };
}

/** The id a delivery is stored under: its Message-ID, or a hash of the bytes when it has none. */
export function deliveryKey(orgId: string, raw: Buffer, messageId: string | null): string {
  const id =
    messageId && messageId.length <= 250 ? messageId : `sha256:${createHash("sha256").update(raw).digest("hex")}`;
  // Within the organization: another organization's message with the same id must not shadow this one.
  return `${orgId}:${id}`;
}

/** The RFC 3676 signature separator ("-- " on a line of its own) and everything after it. */
const SIGNATURE = /\r?\n-- ?\r?\n[\s\S]*$/;

/**
 * What the lead newly wrote: the signature (below "-- ") and quoted history ("> …",
 * "On … wrote:", forwarded headers, disclaimers; lib/ai's stripQuoted) cut, so an old quote
 * or a footer is not read as new evidence.
 */
export function ownWords(text: string): string {
  return stripQuoted(`\n${text}`.replace(SIGNATURE, "")).trim();
}
