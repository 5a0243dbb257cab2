import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SandboxCheckout } from "@/components/billing/sandbox-checkout";
import { requireOrgSession } from "@/lib/auth/page-session";
import { can } from "@/lib/auth/permissions";
import { billingMode } from "@/lib/billing/config";
import { BILLING_INTERVALS, isPlan, type BillingInterval } from "@/lib/billing/plans";
import { getSubscription } from "@/lib/billing/subscriptions";
import { withRls } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("sandbox.title") };
}

/** The sandbox checkout and portal: only without Stripe keys, with sandbox tools on. */
export default async function SandboxBillingPage({
  searchParams,
}: {
  searchParams: Promise<{ flow?: string; plan?: string; interval?: string }>;
}) {
  const session = await requireOrgSession();
  if (!can(session.org.role, "manageBilling") || billingMode() !== "sandbox") notFound();
  const params = await searchParams;
  if (params.flow === "checkout") {
    const interval = (BILLING_INTERVALS as readonly string[]).includes(params.interval ?? "")
      ? (params.interval as BillingInterval)
      : "month";
    if (!isPlan(params.plan)) notFound();
    return <SandboxCheckout flow="checkout" plan={params.plan} interval={interval} />;
  }
  const subscription = await withRls(session.claims, (tx) => getSubscription(tx, session.org.orgId));
  if (!subscription) notFound();
  return (
    <SandboxCheckout
      flow="portal"
      cancelAtPeriodEnd={subscription.cancelAtPeriodEnd}
      hasSubscription={subscription.stripeSubscriptionId !== null && subscription.status !== "canceled"}
      pastDue={subscription.status === "past_due"}
    />
  );
}
