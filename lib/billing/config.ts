import "server-only";
import { createHmac } from "node:crypto";
import { env, type Env } from "@/lib/env";
import { sandboxToolsEnabled } from "@/lib/integrations/sandbox-mode";
import { BILLING_INTERVALS, PLANS, type BillingInterval, type Plan } from "./plans";

/**
 * How this installation bills:
 * - "stripe": STRIPE_SECRET_KEY is set; Checkout, the Customer Portal and webhooks are Stripe's.
 * - "sandbox": no key, sandbox tools on (lib/integrations/sandbox-mode.ts); checkout and portal
 *   are Kiln pages labelled sandbox, which sign Stripe-shaped events with the SDK's test helper
 *   and hand them to the same webhook handler.
 * - "off": neither; plans can only be changed by platform tooling.
 */
export type BillingMode = "stripe" | "sandbox" | "off";

export function billingMode(): BillingMode {
  if (env().STRIPE_SECRET_KEY) return "stripe";
  return sandboxToolsEnabled() ? "sandbox" : "off";
}

type PriceVariable = `STRIPE_PRICE_${Uppercase<Plan>}_${"MONTHLY" | "YEARLY"}` & keyof Env;

const variableOf = (plan: Plan, interval: BillingInterval) =>
  `STRIPE_PRICE_${plan.toUpperCase()}_${interval === "month" ? "MONTHLY" : "YEARLY"}` as PriceVariable;

/** The sandbox's made-up price ids: recognisable in every event and never a real Stripe price. */
const sandboxPrice = (plan: Plan, interval: BillingInterval) => `price_sandbox_${plan}_${interval}ly`;

/** The price a plan is bought at, or null when none is configured (that option is not offered). */
export function priceFor(plan: Plan, interval: BillingInterval, mode: BillingMode = billingMode()): string | null {
  if (mode === "sandbox") return env()[variableOf(plan, interval)] ?? sandboxPrice(plan, interval);
  if (mode === "off") return null;
  return env()[variableOf(plan, interval)] ?? null;
}

/** Which plan and interval a price belongs to (configured or sandbox prices only). */
export function planOfPrice(priceId: string | null | undefined): { plan: Plan; interval: BillingInterval } | null {
  if (!priceId) return null;
  for (const plan of PLANS) {
    for (const interval of BILLING_INTERVALS) {
      if (env()[variableOf(plan, interval)] === priceId || sandboxPrice(plan, interval) === priceId)
        return { plan, interval };
    }
  }
  return null;
}

/** Every plan and interval that can be bought here. */
export function purchasableOptions(mode: BillingMode = billingMode()): { plan: Plan; interval: BillingInterval }[] {
  return PLANS.flatMap((plan) =>
    BILLING_INTERVALS.filter((interval) => priceFor(plan, interval, mode) !== null).map((interval) => ({
      plan,
      interval,
    })),
  );
}

/** The sandbox's own signing secret, derived from AUTH_SECRET: nobody outside the server knows it. */
export function sandboxWebhookSecret(): string {
  return `whsec_${createHmac("sha256", env().AUTH_SECRET).update("kiln:stripe-sandbox-webhooks").digest("base64url")}`;
}

/**
 * The secrets a delivery may be signed with: STRIPE_WEBHOOK_SECRET (Stripe's endpoint), and in
 * sandbox mode the sandbox's own. A delivery verified by the sandbox secret is a sandbox event.
 */
export function webhookSecrets(mode: BillingMode = billingMode()): { secret: string; sandbox: boolean }[] {
  const secrets: { secret: string; sandbox: boolean }[] = [];
  const configured = env().STRIPE_WEBHOOK_SECRET;
  if (configured) secrets.push({ secret: configured, sandbox: false });
  if (mode === "sandbox") secrets.push({ secret: sandboxWebhookSecret(), sandbox: true });
  return secrets;
}
