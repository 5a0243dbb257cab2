import "server-only";
import { billingBlockReason, getSubscription, type SubscriptionStatus } from "@/lib/billing/subscriptions";
import { isPlan, planLimits, type Plan, type PlanLimits } from "@/lib/billing/plans";
import type { Tx } from "@/lib/db";

export type BillingStatus = {
  plan: Plan;
  /** Stripe's subscription status (or Kiln's own trial); null when billing has no row for the organization. */
  status: SubscriptionStatus | null;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  limits: PlanLimits;
};

/**
 * The plan and subscription status of an organization, for /api/me and the platform admin
 * console. The single place outside lib/billing that asks billing about a subscription: it
 * reads through lib/billing's getSubscription, and falls back to organizations.plan (which
 * billing keeps in step) when there is no subscription row. `tx` runs as whoever may read it:
 * the member under RLS, or the service role in the console.
 */
export async function billingStatusOf(tx: Tx, orgId: string, fallbackPlan: string): Promise<BillingStatus> {
  const subscription = await getSubscription(tx, orgId);
  const plan: Plan = subscription?.plan ?? (isPlan(fallbackPlan) ? fallbackPlan : "basic");
  return {
    plan,
    status: subscription?.status ?? null,
    trialEnd: subscription?.trialEnd ?? null,
    currentPeriodEnd: subscription?.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: subscription?.cancelAtPeriodEnd ?? false,
    limits: planLimits(plan),
  };
}

/** The current organization's billing for /api/me, with why it is read-only (or null while it may work). */
export async function currentBillingStatus(
  tx: Tx,
  orgId: string,
): Promise<BillingStatus & { readOnlyReason: string | null }> {
  const { rows } = await tx.query<{ plan: string }>("select plan from public.organizations where id = $1", [orgId]);
  const status = await billingStatusOf(tx, orgId, rows[0]?.plan ?? "basic");
  return { ...status, readOnlyReason: await billingBlockReason(tx, orgId) };
}
