/**
 * Which inbound emails are not a person answering: automatic replies (out-of-office,
 * vacation notices, list mail) and bounces (delivery status notifications). Both are stored
 * and shown, but neither counts as a reply: no heat signal, no AI draft. A hard bounce
 * (an RFC 3463 status 5.x.x) marks the bounced address as undeliverable. Pure.
 *
 * Automatic reply: `Auto-Submitted` other than "no" (RFC 3834), `Precedence` bulk, junk,
 * list or auto_reply, an `X-Autoreply` or `X-Autorespond` header, or an out-of-office subject.
 * Bounce: `multipart/report; report-type=delivery-status` (RFC 3464), or a mailer-daemon sender.
 */

export type ClassifyInput = {
  /** Header values by lower-case name (the first of repeated headers is enough here). */
  headers: Record<string, string | undefined>;
  fromAddress: string;
  subject: string;
  /** The top-level media type, lower-case (e.g. "multipart/report"). */
  contentType: string;
  /** The `report-type` parameter of a multipart/report. */
  reportType: string | null;
  /** The text of the message/delivery-status part, when it is kept apart (else its fields are read from `text`). */
  deliveryStatus: string | null;
  /** The text body, read for a status when a mailer-daemon sends no delivery-status part. */
  text: string;
};

export type EmailClassification = {
  autoReply: boolean;
  bounce: boolean;
  /** The worst RFC 3463 status a bounce reports (5.x.x before 4.x.x), if any. */
  bounceStatus: string | null;
  /** A permanent failure: the address does not take mail. */
  hardBounce: boolean;
  /** The addresses a bounce reports on (Final-Recipient, else Original-Recipient), lower-case. */
  bouncedRecipients: string[];
  /** Worth a heat signal, an AI draft and BANT reading: neither automatic nor a bounce. */
  countsAsReply: boolean;
};

const AUTO_PRECEDENCE = new Set(["bulk", "junk", "list", "auto_reply"]);

/**
 * Subjects of automatic answers in the languages Kiln speaks, after any "Re:"/"AW:"/"Fwd:"
 * prefixes: "Automatic reply:", "Auto-Reply", "Out of Office", "Abwesenheitsnotiz",
 * "Automatische Antwort", "מענה אוטומטי", "Vacation reply" …
 */
const OUT_OF_OFFICE =
  /^(?:auto(?:matic|matische)?[\s-]*(?:reply|response|antwort)\b|autoreply\b|out\s+of\s+(?:the\s+)?office\b|ooo\b|abwesenheit|ich\s+bin\s+(?:zurzeit\s+|derzeit\s+)?nicht\s+im\s+büro|vacation\s+(?:reply|notice|response)\b|on\s+vacation\b|away\s+from\s+(?:the\s+)?office\b|מענה\s+אוטומטי|תשובה\s+אוטומטית|מחוץ\s+למשרד|לא\s+נמצא(?:ת)?\s+במשרד)/iu;
const REPLY_PREFIX = /^(?:(?:re|aw|wg|fw|fwd|sv|vs|ant|השב|הועבר)\s*(?:\[\d+\])?\s*:\s*)+/iu;

export function isOutOfOfficeSubject(subject: string): boolean {
  return OUT_OF_OFFICE.test(subject.trim().replace(REPLY_PREFIX, "").trim());
}

const STATUS = /^\s*status\s*:\s*([245]\.\d{1,3}\.\d{1,3})\b/gim;
const RECIPIENT = /^\s*(final|original)-recipient\s*:\s*(?:rfc822\s*;)?\s*<?([^\s<>;]+@[^\s<>;]+)>?/gim;
/** An SMTP answer quoted in a plain-text bounce: "550 5.1.1 <bob@example.com>: user unknown". */
const TEXT_STATUS = /\b[245]\d\d[\s-]+([245]\.\d{1,3}\.\d{1,3})\b/g;

function worst(statuses: string[]): string | null {
  return statuses.find((s) => s.startsWith("5")) ?? statuses.find((s) => s.startsWith("4")) ?? statuses[0] ?? null;
}

export function classifyEmail(input: ClassifyInput): EmailClassification {
  const header = (name: string) => input.headers[name]?.trim().toLowerCase();
  const autoSubmitted = header("auto-submitted")?.split(";")[0]?.trim();
  const precedence = header("precedence");
  const autoReply =
    (autoSubmitted !== undefined && autoSubmitted !== "" && autoSubmitted !== "no") ||
    (precedence !== undefined && AUTO_PRECEDENCE.has(precedence)) ||
    input.headers["x-autoreply"] !== undefined ||
    input.headers["x-autorespond"] !== undefined ||
    isOutOfOfficeSubject(input.subject);

  const dsn = input.contentType === "multipart/report" && input.reportType?.toLowerCase() === "delivery-status";
  const daemon = /^mailer-daemon@/i.test(input.fromAddress.trim());
  const bounce = dsn || daemon;
  if (!bounce)
    return {
      autoReply,
      bounce: false,
      bounceStatus: null,
      hardBounce: false,
      bouncedRecipients: [],
      countsAsReply: !autoReply,
    };

  // mailparser folds a message/delivery-status part into the text: read the fields there too.
  const report = input.deliveryStatus ?? input.text;
  let statuses = [...report.matchAll(STATUS)].map((m) => m[1]!);
  if (!statuses.length) statuses = [...input.text.matchAll(TEXT_STATUS)].map((m) => m[1]!);
  const recipients = [...report.matchAll(RECIPIENT)];
  const finals = recipients.filter((m) => m[1]!.toLowerCase() === "final").map((m) => m[2]!.toLowerCase());
  const originals = recipients.filter((m) => m[1]!.toLowerCase() === "original").map((m) => m[2]!.toLowerCase());
  const bounceStatus = worst(statuses);
  return {
    autoReply,
    bounce: true,
    bounceStatus,
    hardBounce: bounceStatus?.startsWith("5") ?? false,
    bouncedRecipients: [...new Set(finals.length ? finals : originals)],
    countsAsReply: false,
  };
}
