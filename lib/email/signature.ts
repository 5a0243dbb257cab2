import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * How a delivery to POST /api/webhooks/email/inbound is signed (documented in
 * lib/email/README.md). The sender computes, with the organization's inbound secret,
 *
 *   Kiln-Email-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>." + raw body bytes)>
 *   Kiln-Email-Timestamp: <Unix seconds when it signed>
 *
 * A timestamp more than five minutes away from our clock is refused, so a captured
 * delivery cannot be replayed later; several `v1=` values separated by commas are accepted
 * (a sender holding the old and the new secret during a rotation). Pure: no environment.
 */
export const EMAIL_SIGNATURE_HEADER = "kiln-email-signature";
export const EMAIL_TIMESTAMP_HEADER = "kiln-email-timestamp";
/** How far the signer's clock may be from ours, either way. */
export const EMAIL_SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type EmailSignatureCheck = "ok" | "missing" | "invalid" | "stale";

export function signEmailDelivery(secret: string, timestamp: number, rawBody: Uint8Array): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex");
  return `v1=${mac}`;
}

const V1 = /^v1=([0-9a-f]{64})$/i;

export function verifyEmailDelivery(
  secret: string,
  headers: { signature: string | null; timestamp: string | null },
  rawBody: Uint8Array,
  nowSeconds = Math.floor(Date.now() / 1000),
): EmailSignatureCheck {
  if (!headers.signature || !headers.timestamp) return "missing";
  if (!/^\d{1,12}$/.test(headers.timestamp.trim())) return "invalid";
  const timestamp = Number(headers.timestamp.trim());
  const expected = createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest();
  const matches = headers.signature
    .split(",")
    .map((part) => V1.exec(part.trim())?.[1])
    .some((hex) => hex !== undefined && timingSafeEqual(Buffer.from(hex, "hex"), expected));
  if (!matches) return "invalid";
  // Checked after the signature, so a stale answer is only given to someone who holds the secret.
  if (Math.abs(nowSeconds - timestamp) > EMAIL_SIGNATURE_TOLERANCE_SECONDS) return "stale";
  return "ok";
}
