import { receiveStripeDelivery, STRIPE_SIGNATURE_HEADER } from "@/lib/billing/webhook";
import { headersOfInterest, signatureRejected, webhook } from "@/lib/http/webhook";

/** Stripe billing events: checkout, subscriptions and invoices (lib/billing/webhook.ts). */
export const POST = webhook(async ({ request, rawBody, log }) => {
  const result = await receiveStripeDelivery(
    {
      rawBody,
      signature: request.headers.get(STRIPE_SIGNATURE_HEADER),
      headers: headersOfInterest(request, ["stripe-signature"]),
    },
    (reason) => signatureRejected(log, request, "stripe", reason),
  );
  return Response.json(result.body, { status: result.status });
});
