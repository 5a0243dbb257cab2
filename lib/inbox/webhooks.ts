/**
 * The webhook endpoints' shared steps: verify, store once, answer, process after.
 * Route files only wire these to paths.
 */
import "server-only";
import type { z } from "zod";
import { publicUrl, sameSecret, verifyMetaSignature, verifyTwilioSignature } from "@/lib/channels/signatures";
import { webhookKey, whatsappVerifyToken } from "@/lib/channels/secrets";
import { badRequest, invalid, HttpError } from "@/lib/http/errors";
import { fieldErrors } from "@/lib/http/route";
import { formParams, headersOfInterest, signatureRejected, webhook } from "@/lib/http/webhook";
import { cloudEnvelope, whatsappEvents, type InboundEventDraft } from "./inbound";
import { processInboundSoon } from "@/lib/inbound/queue";
import { recordMessagingEvents } from "./ingest";

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * A Twilio endpoint: form body, X-Twilio-Signature over the public URL, TwiML answer.
 * In sandbox mode the URL names the organization and the signature must be made with its secret.
 */
export function twilioWebhook(toEvent: (params: Record<string, string>) => InboundEventDraft | z.ZodError) {
  return webhook(async ({ request, rawBody, log }) => {
    const params = formParams(request, rawBody);
    const signature = request.headers.get("x-twilio-signature");
    if (!signature) throw signatureRejected(log, request, "twilio", "missing");
    const key = webhookKey(new URL(request.url), "twilio");
    if (!verifyTwilioSignature(key.secret, signature, publicUrl(request), params)) {
      throw signatureRejected(log, request, "twilio", "invalid");
    }
    const event = toEvent(params);
    if (!("eventId" in event)) throw invalid(fieldErrors(event), "The webhook is missing required fields.");
    const created = await recordMessagingEvents([event], {
      headers: headersOfInterest(request, ["i-twilio-idempotency-token"]),
      sandboxOrg: key.sandboxOrg,
    });
    processInboundSoon(created);
    return new Response(EMPTY_TWIML, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
  });
}

/** Meta's subscription handshake: echo the challenge when the verify token matches. */
export const whatsappVerification = webhook(async ({ request }) => {
  const url = new URL(request.url);
  const expected = whatsappVerifyToken(url);
  const given = url.searchParams.get("hub.verify_token");
  const ok =
    url.searchParams.get("hub.mode") === "subscribe" &&
    expected !== null &&
    given !== null &&
    sameSecret(given, expected);
  const challenge = url.searchParams.get("hub.challenge");
  if (!ok || !challenge) return new Response("Forbidden", { status: 403 });
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain" } });
});

export const whatsappWebhook = webhook(async ({ request, rawBody, log }) => {
  const signature = request.headers.get("x-hub-signature-256");
  if (!signature) throw signatureRejected(log, request, "whatsapp_cloud", "missing");
  const key = webhookKey(new URL(request.url), "whatsapp");
  if (!verifyMetaSignature(key.secret, signature, rawBody)) {
    throw signatureRejected(log, request, "whatsapp_cloud", "invalid");
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
  const envelope = cloudEnvelope.safeParse(json);
  if (!envelope.success)
    throw new HttpError(422, "Unprocessable content", "This is not a WhatsApp Business Account notification.", {
      errors: fieldErrors(envelope.error),
    });
  const created = await recordMessagingEvents(whatsappEvents(envelope.data), {
    headers: headersOfInterest(request, []),
    sandboxOrg: key.sandboxOrg,
  });
  processInboundSoon(created);
  return Response.json({ ok: true });
});
