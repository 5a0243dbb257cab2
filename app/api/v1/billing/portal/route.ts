import { openPortal } from "@/lib/billing/checkout";
import { portalSchema } from "@/lib/billing/schema";
import { getSubscription } from "@/lib/billing/subscriptions";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

/** The Customer Portal (payment methods, invoices, cancellation), or the sandbox's. */
export const POST = route(
  {
    role: "admin",
    body: portalSchema,
    openapi: {
      summary: "Open the Customer Portal",
      description:
        "Answers `{ url }` of Stripe's Customer Portal (payment methods, invoices, cancellation), or of the sandbox portal.",
      status: 200,
    },
  },
  async ({ org, rls }) => {
    const subscription = await rls((tx) => getSubscription(tx, org.orgId));
    if (!subscription) throw notFound();
    return openPortal(subscription);
  },
);
