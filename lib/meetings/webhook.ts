/**
 * POST /api/webhooks/calendly: find the signing key the delivery must have used, verify the
 * signature on the raw body, store the event once, answer, process after.
 *
 * Which key (and so which organization):
 * - `?connection=<id>`: the subscription Kiln created when an admin connected Calendly; that
 *   connection's own (encrypted) signing key; the organization is the connection's.
 * - `?org=<id>`: the organization's sandbox key (simulated bookings, local curl); only while
 *   sandbox tools are enabled (lib/integrations/calendly/config.ts).
 * - neither: CALENDLY_WEBHOOK_SIGNING_KEY, for a subscription created by hand with a personal
 *   access token; the organization is resolved from the payload (see resolveHandMadeOrg).
 */
import "server-only";
import { z } from "zod";
import { calendlySandboxEnabled, calendlySandboxKey } from "@/lib/integrations/calendly/config";
import { isHandledCalendlyEvent, safeParseCalendlyWebhook } from "@/lib/integrations/calendly/events";
import { CALENDLY_SIGNATURE_HEADER, verifyCalendlySignature } from "@/lib/integrations/calendly/signature";
import { webhookConnection } from "@/lib/integrations/connections";
import { env } from "@/lib/env";
import { badRequest, HttpError, notFound } from "@/lib/http/errors";
import { fieldErrors } from "@/lib/http/route";
import { headersOfInterest, signatureRejected } from "@/lib/http/webhook";
import { processInboundSoon } from "@/lib/inbound/queue";
import type { Logger } from "@/lib/log";
import { recordCalendlyEvent } from "./ingest";

const uuid = z.uuid();

type Delivery = { url: URL; rawBody: Buffer; signature: string | null; headers: Record<string, string> };
export type DeliveryResult = { status: number; body: Record<string, unknown> };

async function signingKeyFor(url: URL): Promise<{ key: string; orgId?: string }> {
  const connection = url.searchParams.get("connection");
  if (connection !== null) {
    if (!uuid.safeParse(connection).success) throw notFound("Unknown Calendly connection.");
    const found = await webhookConnection(connection);
    // Disconnected (or never existed): nothing here may accept deliveries for it.
    if (!found) throw notFound("Unknown or disconnected Calendly connection.");
    return { key: found.signingKey, orgId: found.orgId };
  }
  const org = url.searchParams.get("org");
  if (org !== null) {
    if (!calendlySandboxEnabled() || !uuid.safeParse(org).success)
      throw notFound("Sandbox deliveries are not enabled.");
    return { key: calendlySandboxKey(org), orgId: org };
  }
  const key = env().CALENDLY_WEBHOOK_SIGNING_KEY;
  if (!key)
    throw new HttpError(
      401,
      "Unauthorized",
      "No signing key is configured for this endpoint (set CALENDLY_WEBHOOK_SIGNING_KEY).",
    );
  return { key };
}

/** The whole receiving side, shared by the route and the sandbox's simulated deliveries. */
export async function receiveCalendlyDelivery(
  delivery: Delivery,
  reject: (reason: "missing" | "invalid") => HttpError,
): Promise<DeliveryResult> {
  if (!delivery.signature) throw reject("missing");
  const { key, orgId } = await signingKeyFor(delivery.url);
  const verified = verifyCalendlySignature(delivery.signature, delivery.rawBody, key);
  if (!verified.ok) throw reject("invalid");

  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody.toString("utf8"));
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
  if (!json || typeof json !== "object" || Array.isArray(json))
    throw badRequest("The request body is not a Calendly webhook.");
  const body = json as Record<string, unknown>;
  // Event types we do not subscribe to are acknowledged, not refused: a 4xx makes Calendly retry.
  if (!isHandledCalendlyEvent(body.event)) return { status: 200, body: { ignored: true } };
  const parsed = safeParseCalendlyWebhook(body);
  if (!parsed.success)
    throw new HttpError(422, "Unprocessable content", "This is not a Calendly invitee event.", {
      errors: fieldErrors(parsed.error),
    });

  const recorded = await recordCalendlyEvent(parsed.data, body, { orgId, headers: delivery.headers });
  if (recorded.id) processInboundSoon([recorded.id]);
  return {
    status: 200,
    body: {
      received: true,
      duplicate: recorded.id === null && recorded.orgId !== null,
      routed: recorded.orgId !== null,
    },
  };
}

export function calendlyDeliveryFrom(request: Request, rawBody: Buffer): Delivery {
  return {
    url: new URL(request.url),
    rawBody,
    signature: request.headers.get(CALENDLY_SIGNATURE_HEADER),
    headers: headersOfInterest(request, ["x-calendly-hook-id"]),
  };
}

export function rejectFor(log: Logger, request: Request) {
  return (reason: "missing" | "invalid") => signatureRejected(log, request, "calendly", reason);
}
