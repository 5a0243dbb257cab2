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

export type MediaChannel = { provider: ChannelProvider; medium: "sms" | "whatsapp"; address: string };

const NONE: MediaLimits = { types: {}, maxFiles: 0, maxTotalBytes: 0, maxCaption: null };

/** Twilio sends MMS only from US and Canadian numbers. */
export const supportsMms = (address: string) => /^\+1\d{10}$/.test(address);

export function mediaLimits(channel: MediaChannel): MediaLimits {
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
  | { key: "attachmentsNotSupportedEmail"; values: Record<string, never> }
  | { key: "attachmentTypeRefused"; values: { types: string } }
  | { key: "attachmentTooLarge"; values: { max: string } }
  | { key: "attachmentsTooMany"; values: { max: number } }
  | { key: "attachmentsTooLargeTogether"; values: { max: string } };

const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** The type names shown to people: "JPEG, PNG, PDF". */
export const typeNames = (limits: MediaLimits) =>
  Object.keys(limits.types)
    .map((type) => type.split("/")[1]!.toUpperCase())
    .join(", ");

export function refuseFile(
  limits: MediaLimits,
  medium: string,
  file: { type: string; size: number },
): MediaRefusal | null {
  if (!limits.maxFiles)
    return medium === "email"
      ? { key: "attachmentsNotSupportedEmail", values: {} }
      : { key: "attachmentsNotSupported", values: { medium: medium === "sms" ? "SMS" : "WhatsApp" } };
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
