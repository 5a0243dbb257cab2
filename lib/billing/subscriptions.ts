import "server-only";
import { billingMode } from "./config";
import type { Tx } from "@/lib/db";
import type { BillingInterval, Plan, SubscriptionStatus } from "./plans";

/**
 * `public.subscriptions`, the mirror of each organization's Stripe subscription: this module
 * is its only writer (the webhook handler and the sandbox reach it through here). Reads run
 * under the caller's RLS (members read their own); writes run as the service role after a
 * verified webhook.
 */

export { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from "./plans";

export type Subscription = {
  orgId: string;
  plan: Plan;
  status: SubscriptionStatus;
  interval: BillingInterval | null;
  priceId: string | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  pastDueSince: Date | null;
  lastEventAt: Date | null;
  sandbox: boolean;
};

type Row = {
  org_id: string;
  plan: Plan;
  status: SubscriptionStatus;
  billing_interval: BillingInterval | null;
  price_id: string | null;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  current_period_end: Date | null;
  cancel_at_period_end: boolean;
  trial_end: Date | null;
  past_due_since: Date | null;
  last_event_at: Date | null;
  sandbox: boolean;
};

const date = (value: Date | string | null) => (value === null ? null : new Date(value));

const fromRow = (r: Row): Subscription => ({
  orgId: r.org_id,
  plan: r.plan,
  status: r.status,
  interval: r.billing_interval,
  priceId: r.price_id,
  stripeCustomerId: r.stripe_customer_id,
  stripeSubscriptionId: r.stripe_subscription_id,
  currentPeriodEnd: date(r.current_period_end),
  cancelAtPeriodEnd: r.cancel_at_period_end,
  trialEnd: date(r.trial_end),
  pastDueSince: date(r.past_due_since),
  lastEventAt: date(r.last_event_at),
  sandbox: r.sandbox,
});

const COLUMNS = `org_id, plan, status, billing_interval, price_id, stripe_customer_id, stripe_subscription_id,
  current_period_end, cancel_at_period_end, trial_end, past_due_since, last_event_at, sandbox`;

export async function getSubscription(tx: Tx, orgId: string): Promise<Subscription | null> {
  const { rows } = await tx.query<Row>(`select ${COLUMNS} from public.subscriptions where org_id = $1`, [orgId]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Why the organization is read-only ("trial_ended", "past_due", "canceled", …), or null (private.billing_block_reason). */
export async function billingBlockReason(tx: Tx, orgId: string): Promise<string | null> {
  const { rows } = await tx.query<{ reason: string | null }>("select private.billing_block_reason($1) as reason", [
    orgId,
  ]);
  return rows[0]?.reason ?? null;
}

/** The organization a Stripe subscription or customer belongs to, from what earlier events linked. */
export async function orgOfStripeIds(
  tx: Tx,
  ids: { subscriptionId?: string | null; customerId?: string | null },
): Promise<string | null> {
  const { rows } = await tx.query<{ org_id: string }>(
    `select org_id from public.subscriptions
      where ($1::text is not null and stripe_subscription_id = $1) or ($2::text is not null and stripe_customer_id = $2)
      order by (stripe_subscription_id = $1) desc nulls last limit 1`,
    [ids.subscriptionId ?? null, ids.customerId ?? null],
  );
  return rows[0]?.org_id ?? null;
}

export async function organizationExists(tx: Tx, orgId: string): Promise<boolean> {
  const { rows } = await tx.query("select 1 from public.organizations where id = $1", [orgId]);
  return rows.length > 0;
}

/** Remembers the organization's Stripe customer (made at its first checkout). */
export async function linkCustomer(tx: Tx, orgId: string, customerId: string, sandbox: boolean): Promise<void> {
  await tx.query(
    `update public.subscriptions set stripe_customer_id = $2, sandbox = $3
      where org_id = $1 and stripe_customer_id is distinct from $2`,
    [orgId, customerId, sandbox],
  );
}

/** Stripe's view of a subscription, as applied to the mirror. */
export type SubscriptionSnapshot = {
  subscriptionId: string;
  customerId: string;
  status: SubscriptionStatus;
  priceId: string | null;
  /** null: a price Kiln does not know; the plan stays as it was. */
  plan: Plan | null;
  interval: BillingInterval | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  sandbox: boolean;
};

/**
 * Applies a subscription's state as of `at` (the event's `created`). An event older than the
 * newest one applied changes nothing unless `latest` says the snapshot was just read from
 * Stripe (then it is the truth, whatever the event's age). Returns whether the row changed.
 */
export async function applySubscriptionSnapshot(
  tx: Tx,
  orgId: string,
  snapshot: SubscriptionSnapshot,
  at: Date,
  options: { latest?: boolean } = {},
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update public.subscriptions set
        stripe_subscription_id = $2, stripe_customer_id = $3, status = $4, price_id = $5,
        plan = coalesce($6, plan), billing_interval = coalesce($7, billing_interval),
        current_period_end = $8, cancel_at_period_end = $9, trial_end = $10, sandbox = $11,
        past_due_since = case when $4 in ('past_due', 'unpaid') then coalesce(past_due_since, $12) end,
        last_event_at = greatest(coalesce(last_event_at, $12), $12)
      where org_id = $1 and ($13 or last_event_at is null or last_event_at <= $12)`,
    [
      orgId,
      snapshot.subscriptionId,
      snapshot.customerId,
      snapshot.status,
      snapshot.priceId,
      snapshot.plan,
      snapshot.interval,
      snapshot.currentPeriodEnd,
      snapshot.cancelAtPeriodEnd,
      snapshot.trialEnd,
      snapshot.sandbox,
      at,
      options.latest ?? false,
    ],
  );
  return rowCount > 0;
}

/**
 * An invoice of the organization's subscription was paid or failed (when Stripe cannot be
 * asked for the subscription itself: the sandbox). A failure starts the grace period; a payment
 * ends it. Older than the newest event applied: nothing changes.
 */
export async function applyInvoiceOutcome(
  tx: Tx,
  orgId: string,
  subscriptionId: string | null,
  outcome: "paid" | "failed",
  at: Date,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    outcome === "failed"
      ? `update public.subscriptions set
            status = case when status in ('active', 'trialing') then 'past_due' else status end,
            past_due_since = coalesce(past_due_since, $3), last_event_at = greatest(coalesce(last_event_at, $3), $3)
          where org_id = $1 and ($2::text is null or stripe_subscription_id = $2)
            and stripe_subscription_id is not null and (last_event_at is null or last_event_at <= $3)`
      : `update public.subscriptions set
            status = case when status in ('past_due', 'unpaid') then 'active' else status end,
            past_due_since = null, last_event_at = greatest(coalesce(last_event_at, $3), $3)
          where org_id = $1 and ($2::text is null or stripe_subscription_id = $2)
            and stripe_subscription_id is not null and (last_event_at is null or last_event_at <= $3)`,
    [orgId, subscriptionId, at],
  );
  return rowCount > 0;
}

/**
 * Tells the database whether this installation charges at all (billingMode "off": a
 * self-hosted one without Stripe, where nothing expires). Run at every server start, before
 * anything reads a subscription; service role.
 */
export async function recordBillingEnforcement(tx: Tx): Promise<void> {
  await tx.query("select private.set_billing_enforced($1)", [billingMode() !== "off"]);
}
