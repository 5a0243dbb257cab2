import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import twilio from "twilio";
import { env } from "@/lib/env";

/**
 * The public URL a provider signed. Behind a proxy the request URL is the internal one,
 * so the path and query are put on APP_URL, the address providers were given.
 */
export function publicUrl(request: Request): string {
  const url = new URL(request.url);
  return new URL(url.pathname + url.search, env().APP_URL).toString();
}

/** X-Twilio-Signature over the public URL and the form parameters, checked by the official SDK. */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | null,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** Exactly "sha256=" and 64 lowercase or uppercase hex digits: nothing before, nothing after. */
const META_SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** Meta's X-Hub-Signature-256: "sha256=" + HMAC-SHA256 of the raw body with the app secret, compared in constant time. */
export function verifyMetaSignature(appSecret: string, header: string | null, rawBody: Buffer): boolean {
  // Buffer.from(hex) stops at the first non-hex character, so the format is checked whole first.
  const hex = header ? META_SIGNATURE.exec(header)?.[1] : undefined;
  if (!hex) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, "hex"), expected);
}

/** Compares two secrets without revealing through timing how much of a guess was right. */
export function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [createHash("sha256").update(given).digest(), createHash("sha256").update(expected).digest()];
  return timingSafeEqual(a, b);
}
