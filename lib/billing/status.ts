import "server-only";
import type { Tx } from "@/lib/db";
import { PAST_DUE_GRACE_DAYS, PLAN_LIMITS, type Plan, type PlanLimits } from "./plans";
import { billingBlockReason, getSubscription, type SubscriptionStatus } from "./subscriptions";

export type BillingStatus = {
  plan: Plan;
  status: SubscriptionStatus;
  limits: PlanLimits;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  /** While past_due: when the organization becomes read-only. */
  graceEndsAt: Date | null;
  /** Why sending and drafting are refused ("trial_ended", "past_due", "canceled", …); null while allowed. */
  readOnlyReason: string | null;
};

/** The short form other modules (the banner, /api/me, the drafting job) read; under the caller's RLS or the service role. */
export async function billingStatus(tx: Tx, orgId: string): Promise<BillingStatus | null> {
  const subscription = await getSubscription(tx, orgId);
  if (!subscription) return null;
  const readOnlyReason = await billingBlockReason(tx, orgId);
  return {
    plan: subscription.plan,
    status: subscription.status,
    limits: PLAN_LIMITS[subscription.plan],
    trialEnd: subscription.trialEnd,
    currentPeriodEnd: subscription.currentPeriodEnd,
    graceEndsAt:
      subscription.status === "past_due" && subscription.pastDueSince
        ? new Date(subscription.pastDueSince.getTime() + PAST_DUE_GRACE_DAYS * 86_400_000)
        : null,
    readOnlyReason,
  };
}

/** Whether the organization may send and draft (private.billing_block_reason is null). */
export async function billingWritable(tx: Tx, orgId: string): Promise<boolean> {
  return (await billingBlockReason(tx, orgId)) === null;
}

/** An active agent beyond the plan's limit (after a downgrade): it drafts nothing until others are turned off. Service role. */
export async function agentPausedByPlan(tx: Tx, agentId: string): Promise<boolean> {
  const { rows } = await tx.query<{ paused: boolean }>("select private.agent_paused_by_plan($1) as paused", [agentId]);
  return rows[0]?.paused ?? false;
}
