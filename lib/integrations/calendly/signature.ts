import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Calendly-Webhook-Signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * Calendly publishes no SDK helper for this, so the check lives here.
 */
export const CALENDLY_SIGNATURE_HEADER = "Calendly-Webhook-Signature";

/** Calendly's documented replay window. */
export const DEFAULT_TOLERANCE_SECONDS = 180;

export type CalendlySignatureResult =
  { ok: true; timestamp: Date } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

const SHA256_HEX = /^[0-9a-f]{64}$/i;

type ParsedHeader = { t: number; v1: Buffer[] };

/**
 * Null when the header cannot be read unambiguously. Two `t` values are refused rather
 * than picking one: the timestamp is part of what was signed, so guessing would let a
 * sender smuggle a fresh `t` next to an old signature. Unknown schemes (v0, v2) are
 * skipped so a future Calendly scheme does not break today's check.
 */
function parseHeader(header: string): ParsedHeader | null {
  let t: number | null = null;
  const v1: Buffer[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (t !== null || !/^\d{1,12}$/.test(value)) return null;
      t = Number(value);
    } else if (key === "v1" && SHA256_HEX.test(value)) {
      v1.push(Buffer.from(value, "hex"));
    }
  }
  if (t === null || v1.length === 0) return null;
  return { t, v1 };
}

function hmac(timestamp: number, rawBody: Buffer | string, signingKey: string): Buffer {
  // Fed in two pieces rather than as one string so a Buffer body is hashed byte for byte,
  // never decoded and re-encoded (which would change invalid UTF-8 sequences).
  return createHmac("sha256", signingKey).update(`${timestamp}.`).update(rawBody).digest();
}

/**
 * Verifies the raw request body against the header. The signature is checked before the
 * clock so that "stale" only ever describes an authentic delivery (a replay or a skewed
 * clock), which is what a security log needs to tell apart from forgery.
 */
export function verifyCalendlySignature(
  header: string | null,
  rawBody: Buffer | string,
  signingKey: string,
  now: Date = new Date(),
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): CalendlySignatureResult {
  if (header === null || header.trim() === "") return { ok: false, reason: "missing" };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: "malformed" };

  const expected = hmac(parsed.t, rawBody, signingKey);
  // Every candidate is compared (no early exit) so timing does not reveal which one matched.
  let matched = false;
  for (const candidate of parsed.v1) {
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
  }
  if (!matched) return { ok: false, reason: "mismatch" };

  // Both directions: a timestamp from the future is as suspicious as one from the past.
  if (Math.abs(now.getTime() / 1000 - parsed.t) > toleranceSeconds) return { ok: false, reason: "stale" };
  return { ok: true, timestamp: new Date(parsed.t * 1000) };
}

/** The header Calendly would send for this body; for tests and the development "simulate booking" action. */
export function signCalendlyPayload(rawBody: Buffer | string, signingKey: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(t, rawBody, signingKey).toString("hex")}`;
}
