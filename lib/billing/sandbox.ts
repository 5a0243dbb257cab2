import "server-only";
import { randomUUID } from "node:crypto";
import { HttpError, notFound } from "@/lib/http/errors";
import { processInboundEvent } from "@/lib/inbound/events";
import { billingMode, priceFor, sandboxWebhookSecret } from "./config";
import type { HandledStripeEvent } from "./events";
import type { BillingInterval, Plan } from "./plans";
import type { SandboxAction } from "./sandbox-actions";
import { stripeWebhooks } from "./stripe";
import type { Subscription, SubscriptionStatus } from "./subscriptions";
import { receiveStripeDelivery } from "./webhook";

/**
 * The sandbox's checkout and portal (no STRIPE_SECRET_KEY): what Stripe would send after a
 * purchase, a plan change, a cancellation or an invoice, as Stripe-shaped events signed with
 * the SDK's own test-header helper and handed to the same webhook handler as Stripe's — so the
 * sandbox exercises signature checks, storage, ordering and processing for real. Processed at
 * once, so the page shows the result when it reloads.
 */

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sandboxId = (prefix: string) => `${prefix}_sandbox_${randomUUID().replaceAll("-", "").slice(0, 20)}`;

type State = {
  orgId: string;
  subscriptionId: string;
  customerId: string;
  status: SubscriptionStatus;
  priceId: string;
  interval: BillingInterval;
  periodEnd: number;
  cancelAtPeriodEnd: boolean;
};

function subscriptionObject(s: State) {
  return {
    id: s.subscriptionId,
    object: "subscription",
    customer: s.customerId,
    status: s.status,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    trial_end: null,
    metadata: { org_id: s.orgId, sandbox: "true" },
    items: {
      object: "list",
      data: [
        {
          id: `si_${s.subscriptionId.slice(4)}`,
          object: "subscription_item",
          current_period_end: s.periodEnd,
          price: { id: s.priceId, object: "price", recurring: { interval: s.interval } },
        },
      ],
    },
  };
}

function invoiceObject(s: State) {
  return {
    id: sandboxId("in"),
    object: "invoice",
    customer: s.customerId,
    parent: {
      type: "subscription_details",
      subscription_details: { subscription: s.subscriptionId, metadata: { org_id: s.orgId } },
    },
  };
}

function event(type: HandledStripeEvent, object: Record<string, unknown>) {
  return { id: sandboxId("evt"), object: "event", type, created: nowSeconds(), livemode: false, data: { object } };
}

const addPeriod = (interval: BillingInterval) => {
  const end = new Date();
  if (interval === "year") end.setUTCFullYear(end.getUTCFullYear() + 1);
  else end.setUTCMonth(end.getUTCMonth() + 1);
  return Math.floor(end.getTime() / 1000);
};

/** Signs `events` as Stripe would and delivers them, in order, to the webhook handler; processes each at once. */
async function deliver(events: ReturnType<typeof event>[]): Promise<void> {
  const webhooks = stripeWebhooks();
  const secret = sandboxWebhookSecret();
  for (const e of events) {
    const payload = JSON.stringify(e);
    const signature = webhooks.generateTestHeaderString({ payload, secret });
    const result = await receiveStripeDelivery(
      { rawBody: Buffer.from(payload), signature, headers: { "user-agent": "Kiln sandbox checkout" } },
      () => new HttpError(500, "Internal server error", "internalError"),
      { processSoon: false },
    );
    for (const id of result.eventIds) await processInboundEvent(id);
  }
}

export async function runSandboxAction(
  subscription: Subscription,
  action: SandboxAction,
  choice: { plan?: Plan; interval?: BillingInterval } = {},
): Promise<void> {
  if (billingMode() !== "sandbox") throw notFound("billingSandboxOff");
  const live = subscription.stripeSubscriptionId !== null && subscription.status !== "canceled";
  const interval = choice.interval ?? subscription.interval ?? "month";
  const state: State = {
    orgId: subscription.orgId,
    subscriptionId: live ? subscription.stripeSubscriptionId! : sandboxId("sub"),
    customerId: subscription.stripeCustomerId ?? sandboxId("cus"),
    status: subscription.status,
    priceId: subscription.priceId ?? priceFor(subscription.plan, interval, "sandbox")!,
    interval,
    periodEnd: subscription.currentPeriodEnd
      ? Math.floor(subscription.currentPeriodEnd.getTime() / 1000)
      : addPeriod(interval),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
  };

  if (action === "checkout") {
    if (!choice.plan)
      throw new HttpError(422, "Unprocessable content", "fieldsInvalid", { errors: { plan: ["billingPlanRequired"] } });
    const priceChanged = state.priceId !== priceFor(choice.plan, interval, "sandbox");
    state.priceId = priceFor(choice.plan, interval, "sandbox")!;
    state.status = "active";
    state.cancelAtPeriodEnd = false;
    if (!live || priceChanged) state.periodEnd = addPeriod(interval);
    if (live) {
      await deliver([event("customer.subscription.updated", subscriptionObject(state))]);
      return;
    }
    const session = {
      id: sandboxId("cs"),
      object: "checkout.session",
      mode: "subscription",
      customer: state.customerId,
      subscription: state.subscriptionId,
      client_reference_id: state.orgId,
      metadata: { org_id: state.orgId },
    };
    await deliver([
      event("customer.subscription.created", subscriptionObject(state)),
      event("checkout.session.completed", session),
      event("invoice.paid", invoiceObject(state)),
    ]);
    return;
  }

  if (!live) throw new HttpError(409, "Conflict", "billingNoSubscription", { code: "billing_no_subscription" });
  switch (action) {
    case "cancel":
    case "resume":
      state.cancelAtPeriodEnd = action === "cancel";
      await deliver([event("customer.subscription.updated", subscriptionObject(state))]);
      return;
    case "cancel_now":
      state.status = "canceled";
      await deliver([event("customer.subscription.deleted", subscriptionObject(state))]);
      return;
    case "payment_failed":
      state.status = "past_due";
      await deliver([
        event("invoice.payment_failed", invoiceObject(state)),
        event("customer.subscription.updated", subscriptionObject(state)),
      ]);
      return;
    case "pay":
      state.status = "active";
      state.periodEnd = addPeriod(state.interval);
      await deliver([
        event("invoice.paid", invoiceObject(state)),
        event("customer.subscription.updated", subscriptionObject(state)),
      ]);
      return;
  }
}
