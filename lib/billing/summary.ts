import "server-only";
import type { Tx } from "@/lib/db";
import { billingMode, purchasableOptions, type BillingMode } from "./config";
import { PAST_DUE_GRACE_DAYS, PLAN_LIMITS, type BillingInterval, type Plan, type PlanLimits } from "./plans";
import { billingBlockReason, getSubscription, type SubscriptionStatus } from "./subscriptions";

/**
 * What GET /api/v1/billing and Settings → Billing show: the plan, its state and dates, and
 * usage against every limit. Read under the caller's RLS. Over the limit after a downgrade,
 * the newest numbers and agents beyond it are paused (the same order as
 * private.channel_paused_by_plan / private.agent_paused_by_plan): listed here by name so the
 * page can say which, and that turning others off brings them back.
 */
export type Meter = { used: number; limit: number; paused: { id: string; name: string }[] };

export type BillingSummary = {
  mode: BillingMode;
  plan: Plan;
  status: SubscriptionStatus;
  interval: BillingInterval | null;
  trialEnd: string | null;
  /** When the paid period ends: it renews then, or ends with cancelAtPeriodEnd. */
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  /** While past_due: when the organization becomes read-only. */
  graceEndsAt: string | null;
  /** Why nothing can be sent or drafted ("trial_ended", "past_due", "canceled", …); null while it works. */
  readOnlyReason: string | null;
  /** A Stripe customer exists: the portal can be opened. */
  hasCustomer: boolean;
  sandbox: boolean;
  limits: PlanLimits;
  usage: {
    agents: Meter;
    numbers: Meter;
    seats: { used: number; limit: number; pendingInvitations: number };
    apiRequestsPerMinute: { limit: number };
  };
  /** Plans and intervals that can be bought here. */
  options: { plan: Plan; interval: BillingInterval }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function getBillingSummary(tx: Tx, orgId: string): Promise<BillingSummary | null> {
  const subscription = await getSubscription(tx, orgId);
  if (!subscription) return null;
  const limits = PLAN_LIMITS[subscription.plan];
  // One statement at a time: a transaction is one connection.
  const readOnlyReason = await billingBlockReason(tx, orgId);
  const agents = await tx.query<{ id: string; name: string }>(
    `select id, name from public.ai_agents where org_id = $1 and active order by is_default desc, created_at, id`,
    [orgId],
  );
  const numbers = await tx.query<{ id: string; label: string }>(
    `select id, label from public.channels
      where org_id = $1 and active and provider in ('twilio', 'whatsapp_cloud') order by created_at, id`,
    [orgId],
  );
  const seats = await tx.query<{ members: number; invitations: number }>(
    `select (select count(*) from public.memberships where org_id = $1)::int as members,
            (select count(*) from public.invitations
              where org_id = $1 and accepted_at is null and revoked_at is null and expires_at > now())::int as invitations`,
    [orgId],
  );
  const mode = billingMode();
  const graceEndsAt =
    subscription.status === "past_due" && subscription.pastDueSince
      ? new Date(subscription.pastDueSince.getTime() + PAST_DUE_GRACE_DAYS * 86_400_000)
      : null;
  const members = seats.rows[0]?.members ?? 0;
  const invitations = seats.rows[0]?.invitations ?? 0;
  return {
    mode,
    plan: subscription.plan,
    status: subscription.status,
    interval: subscription.interval,
    trialEnd: iso(subscription.trialEnd),
    currentPeriodEnd: iso(subscription.currentPeriodEnd),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    graceEndsAt: iso(graceEndsAt),
    readOnlyReason,
    hasCustomer: subscription.stripeCustomerId !== null,
    sandbox: subscription.sandbox || mode === "sandbox",
    limits,
    usage: {
      agents: {
        used: agents.rows.length,
        limit: limits.agents,
        paused: agents.rows.slice(limits.agents).map((a) => ({ id: a.id, name: a.name })),
      },
      numbers: {
        used: numbers.rows.length,
        limit: limits.numbers,
        paused: numbers.rows.slice(limits.numbers).map((n) => ({ id: n.id, name: n.label })),
      },
      seats: { used: members + invitations, limit: limits.seats, pendingInvitations: invitations },
      apiRequestsPerMinute: { limit: limits.apiRequestsPerMinute },
    },
    options: purchasableOptions(mode),
  };
}
