/**
 * What each plan allows. The database enforces the limits that protect integrity
 * (private.plan_limit in supabase/migrations); these numbers are what the API and the UI explain. Keep the two in
 * step: tests/integration/billing/plans.test.ts compares them.
 */
export const PLANS = ["basic", "pro", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export const BILLING_INTERVALS = ["month", "year"] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

export type PlanLimits = {
  /** Active AI agents. */
  agents: number;
  /** WhatsApp and phone numbers (SMS/WhatsApp/voice channels with a number). */
  numbers: number;
  /** Members, invitations pending included. */
  seats: number;
  /** Public API requests a minute, per organization (each key also has its own share). */
  apiRequestsPerMinute: number;
};

export const PLAN_LIMITS: Record<Plan, PlanLimits> = {
  basic: { agents: 1, numbers: 1, seats: 10, apiRequestsPerMinute: 60 },
  pro: { agents: 3, numbers: 2, seats: 25, apiRequestsPerMinute: 300 },
  enterprise: { agents: 10, numbers: 5, seats: 100, apiRequestsPerMinute: 1200 },
};

/** Stripe's subscription statuses; "trialing" without a Stripe subscription is Kiln's own trial. */
export const SUBSCRIPTION_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "incomplete",
  "incomplete_expired",
  "paused",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Why an organization is read-only (private.billing_block_reason). */
export const READ_ONLY_REASONS = [
  "trial_ended",
  "past_due",
  "canceled",
  "unpaid",
  "incomplete_expired",
  "paused",
] as const;
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];

/** Every new organization's trial (private.start_trial): everything Enterprise has, for 14 days. */
export const TRIAL_DAYS = 14;
export const TRIAL_PLAN: Plan = "enterprise";
/** Days an organization keeps working after a failed payment (private.billing_grace_days). */
export const PAST_DUE_GRACE_DAYS = 7;

export function planLimits(plan: Plan): PlanLimits {
  return PLAN_LIMITS[plan];
}

export function isPlan(value: unknown): value is Plan {
  return typeof value === "string" && (PLANS as readonly string[]).includes(value);
}

/** The plan above `plan`, or null on the largest one. */
export function nextPlan(plan: Plan): Plan | null {
  return PLANS[PLANS.indexOf(plan) + 1] ?? null;
}

/** Where the UI sends someone who hit a limit. */
export const UPGRADE_PATH = "/settings/billing";
