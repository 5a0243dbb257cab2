import "server-only";
import { env } from "@/lib/env";
import { conflict, HttpError } from "@/lib/http/errors";
import { billingMode, priceFor } from "./config";
import type { BillingInterval, Plan } from "./plans";
import { stripeClient } from "./stripe";
import type { Subscription } from "./subscriptions";

/**
 * Starting a purchase or a plan change, and opening the Customer Portal. Nothing here writes
 * the mirror: Stripe (or the sandbox) tells the webhook what happened, and that is applied.
 */

const appUrl = (path: string) => new URL(path, env().APP_URL).toString();
const SANDBOX_PAGE = "/settings/billing/sandbox";
/** Stripe needs a trial end at least two days ahead; a shorter rest of the trial is not carried over. */
const MIN_TRIAL_CARRY_MS = 2 * 86_400_000 + 3_600_000;

const notConfigured = () => new HttpError(409, "Conflict", "billingNotConfigured", { code: "billing_not_configured" });

/** A subscription Stripe still bills: a plan change updates it instead of starting a second one. */
const isLive = (s: Subscription) =>
  s.stripeSubscriptionId !== null && !["canceled", "incomplete_expired"].includes(s.status);

export async function startCheckout(input: {
  orgId: string;
  email: string;
  subscription: Subscription;
  plan: Plan;
  interval: BillingInterval;
}): Promise<{ url: string }> {
  const mode = billingMode();
  if (mode === "off") throw notConfigured();
  const price = priceFor(input.plan, input.interval, mode);
  if (!price)
    throw new HttpError(422, "Unprocessable content", "billingPriceMissing", {
      errors: { interval: ["billingPriceMissing"] },
    });
  if (mode === "sandbox") {
    const query = new URLSearchParams({ flow: "checkout", plan: input.plan, interval: input.interval });
    return { url: `${SANDBOX_PAGE}?${query}` };
  }
  const stripe = stripeClient()!;
  const { subscription } = input;
  if (isLive(subscription)) {
    const current = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId!);
    const item = current.items.data[0];
    if (!item) throw conflict("billingSubscriptionUnreadable");
    await stripe.subscriptions.update(current.id, {
      items: [{ id: item.id, price }],
      proration_behavior: "create_prorations",
      cancel_at_period_end: false,
      metadata: { org_id: input.orgId },
    });
    return { url: appUrl("/settings/billing?changed=1") };
  }
  const trialEnd =
    subscription.status === "trialing" && !subscription.stripeSubscriptionId ? subscription.trialEnd : null;
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price, quantity: 1 }],
    client_reference_id: input.orgId,
    metadata: { org_id: input.orgId },
    ...(subscription.stripeCustomerId ? { customer: subscription.stripeCustomerId } : { customer_email: input.email }),
    subscription_data: {
      metadata: { org_id: input.orgId },
      ...(trialEnd && trialEnd.getTime() - Date.now() > MIN_TRIAL_CARRY_MS
        ? { trial_end: Math.floor(trialEnd.getTime() / 1000) }
        : {}),
    },
    success_url: appUrl("/settings/billing?checkout=success"),
    cancel_url: appUrl("/settings/billing?checkout=canceled"),
  });
  if (!session.url) throw conflict("billingSubscriptionUnreadable");
  return { url: session.url };
}

export async function openPortal(subscription: Subscription): Promise<{ url: string }> {
  const mode = billingMode();
  if (mode === "off") throw notConfigured();
  if (mode === "sandbox") return { url: `${SANDBOX_PAGE}?flow=portal` };
  if (!subscription.stripeCustomerId)
    throw new HttpError(409, "Conflict", "billingNoCustomer", { code: "billing_no_customer" });
  const session = await stripeClient()!.billingPortal.sessions.create({
    customer: subscription.stripeCustomerId,
    return_url: appUrl("/settings/billing"),
  });
  return { url: session.url };
}
