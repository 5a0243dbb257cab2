import { createHmac, timingSafeEqual } from "node:crypto";
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
export function verifyTwilioSignature(authToken: string, signature: string | null, url: string, params: Record<string, string>): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** Meta's X-Hub-Signature-256: "sha256=" + HMAC-SHA256 of the raw body with the app secret, compared in constant time. */
export function verifyMetaSignature(appSecret: string, header: string | null, rawBody: Buffer): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
