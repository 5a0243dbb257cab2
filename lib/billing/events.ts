import { z } from "zod";
import { BILLING_INTERVALS, SUBSCRIPTION_STATUSES } from "./plans";

/**
 * The parts of Stripe's event payloads Kiln reads, validated with zod (loose: Stripe adds
 * fields all the time). Shared by the webhook handler and the sandbox, which builds the same
 * shapes. Works with API versions before and after current_period_end moved to the items.
 */
export const HANDLED_STRIPE_EVENTS = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
] as const;
export type HandledStripeEvent = (typeof HANDLED_STRIPE_EVENTS)[number];

export const isHandledStripeEvent = (type: unknown): type is HandledStripeEvent =>
  typeof type === "string" && (HANDLED_STRIPE_EVENTS as readonly string[]).includes(type);

const idOf = z.union([z.string(), z.looseObject({ id: z.string() }).transform((o) => o.id)]);
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((m) => m ?? {});
const epoch = z.number().int().nullish();

export const stripeEventSchema = z.looseObject({
  id: z.string().min(1).max(255),
  type: z.string(),
  created: z.number().int(),
  livemode: z.boolean().optional(),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});
export type StripeEventPayload = z.infer<typeof stripeEventSchema>;

export const stripeSubscriptionSchema = z.looseObject({
  id: z.string(),
  customer: idOf,
  status: z.enum(SUBSCRIPTION_STATUSES),
  cancel_at_period_end: z.boolean().nullish(),
  trial_end: epoch,
  current_period_end: epoch,
  metadata,
  items: z.looseObject({
    data: z.array(
      z.looseObject({
        current_period_end: epoch,
        price: z.looseObject({
          id: z.string(),
          recurring: z.looseObject({ interval: z.string() }).nullish(),
        }),
      }),
    ),
  }),
});
export type StripeSubscription = z.infer<typeof stripeSubscriptionSchema>;

export const checkoutSessionSchema = z.looseObject({
  id: z.string(),
  mode: z.string().nullish(),
  customer: idOf.nullish(),
  subscription: idOf.nullish(),
  client_reference_id: z.string().nullish(),
  metadata,
});

export const invoiceSchema = z.looseObject({
  id: z.string().optional(),
  customer: idOf.nullish(),
  // Before API 2025-03-31 the subscription sat on the invoice; since then under parent.
  subscription: idOf.nullish(),
  parent: z
    .looseObject({
      subscription_details: z.looseObject({ subscription: idOf.nullish(), metadata }).nullish(),
    })
    .nullish(),
});

export const intervalOf = (value: string | null | undefined) =>
  (BILLING_INTERVALS as readonly string[]).includes(value ?? "") ? (value as (typeof BILLING_INTERVALS)[number]) : null;
