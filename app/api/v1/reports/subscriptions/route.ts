import { route } from "@/lib/http/route";
import { subscriptionInputSchema } from "@/lib/reports/schema";
import { createSubscription, listSubscriptions } from "@/lib/reports/subscriptions";

/** The caller's scheduled reports in their current organization. */
export const GET = route({ org: true }, async ({ org, rls }) => ({
  subscriptions: await rls((tx) => listSubscriptions(tx, org.orgId)),
}));

export const POST = route({ org: true, body: subscriptionInputSchema }, async ({ org, body, rls }) =>
  Response.json({ subscription: await rls((tx) => createSubscription(tx, org.orgId, body)) }, { status: 201 }),
);
