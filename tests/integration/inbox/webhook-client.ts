import { createHmac, randomBytes, randomInt, randomUUID } from "node:crypto";
import twilio from "twilio";
import { sandboxSecret } from "@/lib/channels/secrets";
import { APP_ORIGIN, Browser } from "../api/http";

/**
 * A provider as the tests play it: Twilio's form posts signed with the SDK's own
 * helper, Meta's JSON signed with an independently computed HMAC.
 */
export const provider = new Browser();

export const sid = () => `SM${randomBytes(16).toString("hex")}`;
export const wamid = () => `wamid.${randomUUID().replace(/-/g, "")}`;
/** A fresh Swiss mobile number, unique enough for the shared test database. */
export const mobile = () => `+4179${String(randomInt(1_000_000, 9_999_999))}`;

export function twilioSignature(path: string, params: Record<string, string>, token = sandboxSecret("twilio"), origin = APP_ORIGIN) {
  return twilio.getExpectedTwilioSignature(token, `${origin}${path}`, params);
}

export function postTwilio(
  path: "/api/webhooks/twilio/messaging" | "/api/webhooks/twilio/status",
  params: Record<string, string>,
  options: { signature?: string | null; rawBody?: string; contentType?: string } = {},
) {
  const signature = options.signature === undefined ? twilioSignature(path, params) : options.signature;
  return provider.post(path, undefined, {
    rawBody: options.rawBody ?? new URLSearchParams(params).toString(),
    contentType: options.contentType ?? "application/x-www-form-urlencoded",
    origin: null,
    headers: signature === null ? {} : { "x-twilio-signature": signature },
  });
}

export function metaSignature(raw: string | Buffer, secret = sandboxSecret("whatsapp")) {
  return `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
}

export function postWhatsapp(body: unknown, options: { signature?: string | null; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const signature = options.signature === undefined ? metaSignature(raw) : options.signature;
  return provider.post("/api/webhooks/whatsapp", undefined, {
    rawBody: raw,
    contentType: "application/json",
    origin: null,
    headers: signature === null ? {} : { "x-hub-signature-256": signature },
  });
}

export const twilioInbound = (to: string, from: string, body: string, extra: Record<string, string> = {}) => ({
  MessageSid: sid(),
  AccountSid: `AC${"0".repeat(32)}`,
  From: from,
  To: to,
  Body: body,
  NumMedia: "0",
  ...extra,
});

export function cloudEnvelope(phoneNumberId: string, items: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] }[]) {
  return {
    object: "whatsapp_business_account",
    entry: items.map((value, i) => ({
      id: `WABA-${i}`,
      changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "14155550123", phone_number_id: phoneNumberId }, ...value } }],
    })),
  };
}

export const cloudText = (from: string, body: string, id = wamid(), at = new Date()) => ({
  from: from.replace(/^\+/, ""),
  id,
  timestamp: String(Math.floor(at.getTime() / 1000)),
  type: "text",
  text: { body },
});
