/**
 * POST /api/webhooks/stripe: verify Stripe's signature on the raw body with the official SDK
 * (stripe.webhooks.constructEvent, which also refuses a timestamp older than five minutes),
 * store the event once in inbound_events (keyed by Stripe's event id, so a retry is a no-op),
 * answer, process after (lib/billing/ingest.ts). The sandbox's simulated checkout and portal
 * hand their signed events to this same function.
 */
import "server-only";
import { HttpError } from "@/lib/http/errors";
import { recordInboundEvents } from "@/lib/inbound/events";
import { processInboundSoon } from "@/lib/inbound/queue";
import { webhookSecrets } from "./config";
import { isHandledStripeEvent, stripeEventSchema, type StripeEventPayload } from "./events";
import { stripeWebhooks } from "./stripe";

export const STRIPE_SIGNATURE_HEADER = "stripe-signature";

export type StripeDelivery = { rawBody: Buffer; signature: string | null; headers: Record<string, string> };
export type StripeDeliveryResult = {
  status: number;
  body: Record<string, unknown>;
  /** The stored events that are new (none for a retry or an ignored type). */
  eventIds: string[];
};

/** The organization a sandbox event was made for (the sandbox writes it into every object's metadata). */
function sandboxOrg(event: StripeEventPayload): string | null {
  const object = event.data.object as { metadata?: Record<string, unknown>; client_reference_id?: unknown };
  const fromMetadata = object.metadata?.org_id;
  if (typeof fromMetadata === "string") return fromMetadata;
  const parent = (object as { parent?: { subscription_details?: { metadata?: Record<string, unknown> } } }).parent;
  const fromParent = parent?.subscription_details?.metadata?.org_id;
  if (typeof fromParent === "string") return fromParent;
  return typeof object.client_reference_id === "string" ? object.client_reference_id : null;
}

export async function receiveStripeDelivery(
  delivery: StripeDelivery,
  reject: (reason: "missing" | "invalid") => HttpError,
  options: { processSoon?: boolean } = {},
): Promise<StripeDeliveryResult> {
  if (!delivery.signature) throw reject("missing");
  const secrets = webhookSecrets();
  if (!secrets.length) throw new HttpError(401, "Unauthorized", "stripeWebhookNotConfigured");

  let verified: { event: unknown; sandbox: boolean } | null = null;
  const webhooks = stripeWebhooks();
  for (const { secret, sandbox } of secrets) {
    try {
      verified = { event: webhooks.constructEvent(delivery.rawBody, delivery.signature, secret), sandbox };
      break;
    } catch {
      // Another secret may have signed it; none did: refused below.
    }
  }
  if (!verified) throw reject("invalid");

  const parsed = stripeEventSchema.safeParse(verified.event);
  if (!parsed.success) throw new HttpError(422, "Unprocessable content", "stripeEventMalformed");
  const event = parsed.data;
  // Types we do not handle are acknowledged, not refused: a 4xx makes Stripe retry for days.
  if (!isHandledStripeEvent(event.type)) return { status: 200, body: { received: true, ignored: true }, eventIds: [] };

  const orgId = verified.sandbox ? sandboxOrg(event) : null;
  if (verified.sandbox && !orgId) throw new HttpError(422, "Unprocessable content", "stripeEventMalformed");
  const eventIds = await recordInboundEvents(
    [{ provider: "stripe", eventId: event.id, kind: event.type, payload: event as Record<string, unknown> }],
    { headers: delivery.headers, orgId, sandbox: verified.sandbox },
  );
  if (options.processSoon ?? true) processInboundSoon(eventIds);
  return { status: 200, body: { received: true, duplicate: eventIds.length === 0 }, eventIds };
}
