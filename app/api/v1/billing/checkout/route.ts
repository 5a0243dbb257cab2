import { startCheckout } from "@/lib/billing/checkout";
import { checkoutSchema } from "@/lib/billing/schema";
import { getSubscription } from "@/lib/billing/subscriptions";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

/** Buys a plan (Stripe Checkout, or the sandbox's) or changes the plan of a running subscription. */
export const POST = route(
  {
    role: "admin",
    body: checkoutSchema,
    openapi: {
      summary: "Buy or change a plan",
      description:
        "Answers `{ url }`: Stripe Checkout for an organization without a running subscription; for one with a subscription the plan is changed on it (prorated) and the URL leads back to Settings → Billing. In the sandbox, Kiln's own sandbox checkout page.",
      status: 200,
    },
  },
  async ({ org, user, body, rls }) => {
    const subscription = await rls((tx) => getSubscription(tx, org.orgId));
    if (!subscription) throw notFound();
    return startCheckout({ orgId: org.orgId, email: user.email, subscription, ...body });
  },
);
