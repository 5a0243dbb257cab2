/**
 * POST /api/webhooks/email/inbound?org=<organization id>: one raw RFC 822 message
 * (`Content-Type: message/rfc822`, at most 20 MB) signed with that organization's inbound
 * secret (./signature.ts, lib/email/README.md). Verified deliveries are stored once in
 * inbound_events (keyed by the organization and the Message-ID, or a hash of the bytes when
 * it has none) and processed by the `email` handler (lib/inbox/email-ingest.ts).
 */
import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { HttpError } from "@/lib/http/errors";
import { headersOfInterest, webhook } from "@/lib/http/webhook";
import { recordInboundEvents } from "@/lib/inbound/events";
import { processInboundSoon } from "@/lib/inbound/queue";
import { inboundEmailSecretForWebhook } from "./inbound-secret";
import { deliveryKey, messageIds } from "./parse";
import { EMAIL_SIGNATURE_HEADER, EMAIL_TIMESTAMP_HEADER, verifyEmailDelivery } from "./signature";

/** The largest message accepted: a 413 at the first byte past it. */
export const MAX_INBOUND_EMAIL_BYTES = 20 * 1024 * 1024;

export const INBOUND_EMAIL_PATH = "/api/webhooks/email/inbound";

/** The URL Settings → Channels gives an organization's admins. */
export function inboundEmailUrl(orgId: string): string {
  const url = new URL(INBOUND_EMAIL_PATH, env().APP_URL);
  url.searchParams.set("org", orgId);
  return url.toString();
}

const uuid = z.uuid();

/** The Message-ID header of the raw message, read without parsing the rest (the key it is stored under). */
export function rawMessageId(raw: Buffer): string | null {
  const end = raw.indexOf("\r\n\r\n") >= 0 ? raw.indexOf("\r\n\r\n") : raw.indexOf("\n\n");
  const head = raw.subarray(0, end >= 0 ? end : Math.min(raw.length, 64 * 1024)).toString("latin1");
  const match = /^message-id[ \t]*:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(head);
  return match ? (messageIds(match[1]!.replace(/\r?\n[ \t]+/g, " "))[0] ?? null) : null;
}

export const inboundEmailWebhook = webhook(
  async ({ request, rawBody, log }) => {
    const refuse = (reason: "missing" | "invalid" | "stale", detail: string) => {
      log.warn(
        {
          security: true,
          provider: "email",
          reason,
          path: INBOUND_EMAIL_PATH,
          userAgent: request.headers.get("user-agent") ?? undefined,
        },
        "webhook signature rejected",
      );
      return new HttpError(401, "Unauthorized", detail);
    };
    const org = new URL(request.url).searchParams.get("org");
    // An unknown or malformed organization is refused like a wrong signature: the answer says nothing about who exists.
    const secret = org && uuid.safeParse(org).success ? await inboundEmailSecretForWebhook(org) : null;
    const check = secret
      ? verifyEmailDelivery(
          secret,
          {
            signature: request.headers.get(EMAIL_SIGNATURE_HEADER),
            timestamp: request.headers.get(EMAIL_TIMESTAMP_HEADER),
          },
          rawBody,
        )
      : request.headers.get(EMAIL_SIGNATURE_HEADER)
        ? "invalid"
        : "missing";
    if (check === "missing") throw refuse("missing", "signatureMissing");
    if (check === "invalid") throw refuse("invalid", "signatureMismatch");
    if (check === "stale") throw refuse("stale", "signatureStale");

    const type = request.headers.get("content-type") ?? "";
    if (!/^message\/rfc822\b/i.test(type)) throw new HttpError(415, "Unsupported media type", "sendRfc822");
    if (!rawBody.length) throw new HttpError(400, "Bad request", "emailEmpty");

    const orgId = org!;
    const key = deliveryKey(orgId, rawBody, rawMessageId(rawBody));
    const created = await recordInboundEvents(
      [{ provider: "email", eventId: key, kind: "message", payload: { key, mime: rawBody.toString("base64") } }],
      { headers: headersOfInterest(request, []), orgId },
    );
    processInboundSoon(created);
    return Response.json({ ok: true, stored: created.length > 0 });
  },
  { maxBytes: MAX_INBOUND_EMAIL_BYTES },
);
