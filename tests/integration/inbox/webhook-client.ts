import { createHmac, randomBytes, randomInt, randomUUID } from "node:crypto";
import twilio from "twilio";
import { sandboxSecret } from "@/lib/channels/secrets";
import { APP_ORIGIN, Browser } from "../api/http";

/**
 * A provider as the tests play it: Twilio's form posts signed with the SDK's own
 * helper, Meta's JSON signed with an independently computed HMAC. Without provider
 * credentials, deliveries go to the organization's sandbox URL (`?org=`, what Settings →
 * Channels shows) signed with that organization's sandbox secret; `org: null` posts to the
 * plain URL (live mode, with an explicit signature).
 */
export const provider = new Browser();

export const sid = () => `SM${randomBytes(16).toString("hex")}`;
export const wamid = () => `wamid.${randomUUID().replace(/-/g, "")}`;
/** A fresh Swiss mobile number, unique enough for the shared test database. */
export const mobile = () => `+4179${String(randomInt(1_000_000, 9_999_999))}`;

/** The webhook path an organization's sandbox deliveries go to. */
export const sandboxPath = (path: string, org: string | null) => (org ? `${path}?org=${org}` : path);

/** `path` includes the query string: Twilio signs the whole URL. */
export function twilioSignature(path: string, params: Record<string, string>, token: string, origin = APP_ORIGIN) {
  return twilio.getExpectedTwilioSignature(token, `${origin}${path}`, params);
}

type TwilioOptions = { signature?: string | null; rawBody?: string; contentType?: string };

export function postTwilio(
  org: string | null,
  path: "/api/webhooks/twilio/messaging" | "/api/webhooks/twilio/status",
  params: Record<string, string>,
  options: TwilioOptions = {},
) {
  const url = sandboxPath(path, org);
  const signature =
    options.signature === undefined ? twilioSignature(url, params, sandboxSecret(org!, "twilio")) : options.signature;
  return provider.post(url, undefined, {
    rawBody: options.rawBody ?? new URLSearchParams(params).toString(),
    contentType: options.contentType ?? "application/x-www-form-urlencoded",
    origin: null,
    headers: signature === null ? {} : { "x-twilio-signature": signature },
  });
}

export function metaSignature(raw: string | Buffer, secret: string) {
  return `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
}

export function postWhatsapp(
  org: string | null,
  body: unknown,
  options: { signature?: string | null; raw?: string } = {},
) {
  const raw = options.raw ?? JSON.stringify(body);
  const signature =
    options.signature === undefined ? metaSignature(raw, sandboxSecret(org!, "whatsapp")) : options.signature;
  return provider.post(sandboxPath("/api/webhooks/whatsapp", org), undefined, {
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

export function cloudEnvelope(
  phoneNumberId: string,
  items: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] }[],
) {
  return {
    object: "whatsapp_business_account",
    entry: items.map((value, i) => ({
      id: `WABA-${i}`,
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "14155550123", phone_number_id: phoneNumberId },
            ...value,
          },
        },
      ],
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
