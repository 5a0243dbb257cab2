/**
 * Which files a channel can send, per the providers' documented limits. Pure and
 * client-safe: the composer checks a file before uploading it, the upload route and the
 * send check it again with the same rules.
 *
 * - WhatsApp Cloud API: JPEG/PNG images up to 5 MB, PDF documents up to 100 MB; one file
 *   per message (a message carries one media object, the text is its caption, ≤ 1024).
 * - WhatsApp through Twilio: the same types, at most 16 MB each, one per message.
 * - SMS through Twilio: MMS, images up to 5 MB in total, only from US and Canadian (+1)
 *   numbers, the only ones Twilio sends MMS from; other numbers send no files.
 * - Email (a mailbox, sent through SMTP_URL): the files people send from a mail program,
 *   10 MB each and 25 MB together; see EMAIL below for why.
 * A sandbox channel applies the limits of the provider it stands in for.
 */
import type { ChannelProvider } from "./schema";

const MB = 1024 * 1024;

export type MediaLimits = {
  /** Content type → largest size in bytes. Empty: this channel sends no files. */
  types: Record<string, number>;
  maxFiles: number;
  maxTotalBytes: number;
  /** The text that goes with a file is at most this long (WhatsApp's caption). */
  maxCaption: number | null;
};

export type MediaChannel =
  | { provider: ChannelProvider; medium: "sms" | "whatsapp"; address: string }
  | { provider: "email"; medium: "email"; address: string };

const NONE: MediaLimits = { types: {}, maxFiles: 0, maxTotalBytes: 0, maxCaption: null };

/** The office documents an email may carry, with the name people know each by (their MIME names say little). */
export const OFFICE_TYPES = {
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
  "application/msword": "DOC",
  "application/vnd.ms-excel": "XLS",
  "application/vnd.ms-powerpoint": "PPT",
  "application/vnd.oasis.opendocument.text": "ODT",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
  "application/vnd.oasis.opendocument.presentation": "ODP",
} as const;

const EMAIL_TYPES = [
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "application/pdf",
  ...Object.keys(OFFICE_TYPES),
  "text/csv",
  "text/plain",
  "application/zip",
];

/**
 * Receiving servers, not SMTP, set the limits of email: Gmail and Microsoft 365 accept 25 MB of
 * attachments in one message (the message itself grows by a third in base64, which their
 * higher limits on the encoded size allow for), so 25 MB together reaches the common
 * mailboxes. 10 MB a file keeps a single file within what stricter company servers still
 * take (10 MB was Exchange's default for years), so one large file does not bounce a reply
 * that would otherwise arrive. Ten files, as a reply's attachment list allows anywhere.
 */
const EMAIL: MediaLimits = {
  types: Object.fromEntries(EMAIL_TYPES.map((type) => [type, 10 * MB])),
  maxFiles: 10,
  maxTotalBytes: 25 * MB,
  maxCaption: null,
};

/** Twilio sends MMS only from US and Canadian numbers. */
export const supportsMms = (address: string) => /^\+1\d{10}$/.test(address);

export function mediaLimits(channel: MediaChannel): MediaLimits {
  if (channel.medium === "email") return EMAIL;
  if (channel.medium === "whatsapp") {
    const pdf = channel.provider === "whatsapp_cloud" ? 100 * MB : 16 * MB;
    return {
      types: { "image/jpeg": 5 * MB, "image/png": 5 * MB, "application/pdf": pdf },
      maxFiles: 1,
      maxTotalBytes: pdf,
      maxCaption: 1024,
    };
  }
  if (channel.provider === "twilio" && supportsMms(channel.address)) {
    return {
      types: { "image/jpeg": 5 * MB, "image/png": 5 * MB, "image/gif": 5 * MB },
      maxFiles: 10,
      maxTotalBytes: 5 * MB,
      maxCaption: null,
    };
  }
  return NONE;
}

/** Why a file cannot go on this channel (an i18n key under `problems`), with its parameters; null when it can. */
export type MediaRefusal =
  | { key: "attachmentsNotSupported"; values: { medium: string } }
  | { key: "attachmentTypeRefused"; values: { types: string } }
  | { key: "attachmentTooLarge"; values: { max: string } }
  | { key: "attachmentsTooMany"; values: { max: number } }
  | { key: "attachmentsTooLargeTogether"; values: { max: string } };

const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

const TYPE_NAMES: Record<string, string> = { ...OFFICE_TYPES, "text/plain": "TXT" };

/** The type names shown to people: "JPEG, PNG, PDF". */
export const typeNames = (limits: MediaLimits) =>
  Object.keys(limits.types)
    .map((type) => TYPE_NAMES[type] ?? type.split("/")[1]!.toUpperCase())
    .join(", ");

export function refuseFile(
  limits: MediaLimits,
  medium: string,
  file: { type: string; size: number },
): MediaRefusal | null {
  if (!limits.maxFiles)
    return { key: "attachmentsNotSupported", values: { medium: medium === "sms" ? "SMS" : "WhatsApp" } };
  const max = limits.types[file.type.toLowerCase()];
  if (max === undefined) return { key: "attachmentTypeRefused", values: { types: typeNames(limits) } };
  if (file.size > max) return { key: "attachmentTooLarge", values: { max: megabytes(max) } };
  return null;
}

/** The files of one message together: how many, and their sizes summed. */
export function refuseSet(limits: MediaLimits, sizes: number[]): MediaRefusal | null {
  if (sizes.length > limits.maxFiles) return { key: "attachmentsTooMany", values: { max: limits.maxFiles } };
  if (sizes.reduce((sum, size) => sum + size, 0) > limits.maxTotalBytes)
    return { key: "attachmentsTooLargeTogether", values: { max: megabytes(limits.maxTotalBytes) } };
  return null;
}

/**
 * The composer's check before uploading: each new file on its own, then together with the
 * files already held for the message. Refused files never leave the browser.
 */
export function screenFiles<F extends { type: string; size: number }>(
  limits: MediaLimits,
  medium: string,
  heldSizes: number[],
  files: F[],
): { accepted: F[]; refused: { file: F; refusal: MediaRefusal }[] } {
  const accepted: F[] = [];
  const refused: { file: F; refusal: MediaRefusal }[] = [];
  const sizes = [...heldSizes];
  for (const file of files) {
    const refusal = refuseFile(limits, medium, file) ?? refuseSet(limits, [...sizes, file.size]);
    if (refusal) refused.push({ file, refusal });
    else {
      accepted.push(file);
      sizes.push(file.size);
    }
  }
  return { accepted, refused };
}

/**
 * The type a file is taken as: what the browser declared, except where browsers are known to
 * declare something else for a common file. Windows names a CSV after the program that opens
 * it (Excel: application/vnd.ms-excel) and a ZIP application/x-zip-compressed, and a browser
 * that does not know an extension declares nothing; the bytes are still checked against the
 * type taken.
 */
export function declaredType(fileName: string, type: string): string {
  const declared = type.split(";")[0]!.trim().toLowerCase();
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension === "csv" && (!declared || declared === "application/vnd.ms-excel" || declared === "text/x-csv"))
    return "text/csv";
  if (declared === "application/x-zip-compressed") return "application/zip";
  if (!declared && extension === "txt") return "text/plain";
  return declared;
}

/** The largest file any channel takes (the upload route's byte cap). */
export const LARGEST_ATTACHMENT = 100 * MB;

/**
 * The content type the first bytes prove, for the types channels take; null when they prove
 * none of them. A declared type is only believed when the bytes agree.
 */
export function sniffContentType(head: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf";
  return null;
}

const ZIP_CONTAINERS = new Set([
  "application/zip",
  ...Object.keys(OFFICE_TYPES).filter((type) => type.includes("openxml") || type.includes("opendocument")),
]);
const COMPOUND_FILES = new Set(["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"]);

/**
 * Whether the first bytes agree with the declared type. The signature says only "a ZIP" for
 * DOCX, XLSX and ODT alike (and "an OLE compound file" for DOC and XLS), so a declared type of
 * that family is believed when the family matches: the point is that no other kind of file,
 * a page or a program, travels under an office document's name. Text has no signature: it
 * must carry no control bytes but tab, line breaks and form feed (any 8-bit charset, since
 * spreadsheets export CSV in the system's, or UTF-16 with its byte order mark).
 */
export function bytesMatchType(declared: string, head: Uint8Array): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (ZIP_CONTAINERS.has(declared)) return starts(0x50, 0x4b, 0x03, 0x04);
  if (COMPOUND_FILES.has(declared)) return starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
  if (declared === "image/webp")
    return starts(0x52, 0x49, 0x46, 0x46) && [0x57, 0x45, 0x42, 0x50].every((b, i) => head[8 + i] === b);
  if (declared === "text/plain" || declared === "text/csv") {
    if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return true;
    return head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c);
  }
  return sniffContentType(head) === declared;
}
