import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { defineInboundHandler, type StoredInboundEvent } from "@/lib/inbound/handlers";
import { planOfPrice } from "./config";
import {
  checkoutSessionSchema,
  intervalOf,
  invoiceSchema,
  stripeEventSchema,
  stripeSubscriptionSchema,
  type StripeSubscription,
} from "./events";
import { stripeClient } from "./stripe";
import {
  applyInvoiceOutcome,
  applySubscriptionSnapshot,
  getSubscription,
  linkCustomer,
  organizationExists,
  orgOfStripeIds,
  type SubscriptionSnapshot,
} from "./subscriptions";

/**
 * Processing a stored Stripe event (lib/inbound runs this under a savepoint, with retries).
 * Stripe does not promise order, so the mirror ends in Stripe's latest state either way:
 * with an API key the subscription is read back from Stripe and that state is applied;
 * without one (the sandbox) an event older than the newest one applied changes nothing.
 */
const uuid = z.uuid();

const toDate = (epoch: number | null | undefined) => (epoch ? new Date(epoch * 1000) : null);

export function snapshotOf(subscription: StripeSubscription, sandbox: boolean): SubscriptionSnapshot {
  const item = subscription.items.data[0];
  const priceId = item?.price.id ?? null;
  const known = planOfPrice(priceId);
  return {
    subscriptionId: subscription.id,
    customerId: subscription.customer,
    status: subscription.status,
    priceId,
    plan: known?.plan ?? null,
    interval: known?.interval ?? intervalOf(item?.price.recurring?.interval),
    currentPeriodEnd: toDate(item?.current_period_end ?? subscription.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end ?? false,
    trialEnd: toDate(subscription.trial_end),
    sandbox,
  };
}

/** Stripe's current state of a subscription, when Kiln has an API key (else null). */
async function fetchLatest(subscriptionId: string): Promise<StripeSubscription | null> {
  const stripe = stripeClient();
  if (!stripe) return null;
  const fetched = await stripe.subscriptions.retrieve(subscriptionId);
  return stripeSubscriptionSchema.parse(fetched);
}

/**
 * The organization an event belongs to: our metadata (set at checkout), else what earlier
 * events linked. A sandbox event only ever reaches the organization whose sandbox made it.
 */
async function resolveOrg(
  tx: Tx,
  event: StoredInboundEvent,
  hints: { orgId?: string | null; subscriptionId?: string | null; customerId?: string | null },
): Promise<string | null> {
  const linked = await orgOfStripeIds(tx, hints);
  let orgId: string | null = null;
  if (hints.orgId && uuid.safeParse(hints.orgId).success && (await organizationExists(tx, hints.orgId)))
    orgId = hints.orgId;
  // A subscription or customer already linked to another organization is never moved by metadata.
  if (orgId && linked && linked !== orgId) return null;
  orgId ??= linked;
  if (event.sandbox && orgId !== event.orgId) return null;
  return orgId;
}

async function applySubscription(
  tx: Tx,
  orgId: string,
  subscription: StripeSubscription,
  at: Date,
  sandbox: boolean,
): Promise<void> {
  const before = await getSubscription(tx, orgId);
  const latest = sandbox ? null : await fetchLatest(subscription.id);
  const applied = await applySubscriptionSnapshot(tx, orgId, snapshotOf(latest ?? subscription, sandbox), at, {
    latest: latest !== null,
  });
  if (!applied) return;
  const after = await getSubscription(tx, orgId);
  if (before && after && (before.plan !== after.plan || before.status !== after.status)) {
    await recordAudit(tx, {
      orgId,
      actorId: null,
      action: "billing.subscription_changed",
      targetType: "subscription",
      targetId: after.stripeSubscriptionId ?? undefined,
      metadata: { from: { plan: before.plan, status: before.status }, to: { plan: after.plan, status: after.status } },
    });
  }
}

export const stripeInbound = defineInboundHandler({
  provider: "stripe",
  async process(tx, stored) {
    const event = stripeEventSchema.parse(stored.payload);
    const at = new Date(event.created * 1000);
    const object = event.data.object;
    const sandbox = stored.sandbox;

    switch (event.type) {
      case "checkout.session.completed": {
        const session = checkoutSessionSchema.parse(object);
        const orgId = await resolveOrg(tx, stored, {
          orgId: session.client_reference_id ?? session.metadata.org_id,
          customerId: session.customer,
          subscriptionId: session.subscription,
        });
        if (!orgId) return { state: "unroutable", orgId: null };
        if (session.customer) await linkCustomer(tx, orgId, session.customer, sandbox);
        if (session.subscription && !sandbox) {
          const latest = await fetchLatest(session.subscription);
          if (latest) await applySubscription(tx, orgId, latest, at, false);
        }
        return { state: "processed", orgId };
      }
      case "customer.subscription.created":
      case "customer.subscription.updated":
      case "customer.subscription.deleted": {
        const subscription = stripeSubscriptionSchema.parse(object);
        const orgId = await resolveOrg(tx, stored, {
          orgId: subscription.metadata.org_id,
          subscriptionId: subscription.id,
          customerId: subscription.customer,
        });
        if (!orgId) return { state: "unroutable", orgId: null };
        await applySubscription(tx, orgId, subscription, at, sandbox);
        return { state: "processed", orgId };
      }
      case "invoice.paid":
      case "invoice.payment_failed": {
        const invoice = invoiceSchema.parse(object);
        const subscriptionId = invoice.parent?.subscription_details?.subscription ?? invoice.subscription ?? null;
        const orgId = await resolveOrg(tx, stored, {
          orgId: invoice.parent?.subscription_details?.metadata.org_id,
          subscriptionId,
          customerId: invoice.customer,
        });
        if (!orgId) return { state: "unroutable", orgId: null };
        const latest = subscriptionId && !sandbox ? await fetchLatest(subscriptionId) : null;
        if (latest) await applySubscription(tx, orgId, latest, at, false);
        else
          await applyInvoiceOutcome(tx, orgId, subscriptionId, event.type === "invoice.paid" ? "paid" : "failed", at);
        return { state: "processed", orgId };
      }
      default:
        return { state: "unroutable", orgId: null };
    }
  },
});
