import { runSandboxAction } from "@/lib/billing/sandbox";
import { sandboxActionSchema } from "@/lib/billing/schema";
import { getBillingSummary } from "@/lib/billing/summary";
import { getSubscription } from "@/lib/billing/subscriptions";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

/** The sandbox checkout and portal (no Stripe keys): signed events through the real webhook handler. */
export const POST = route(
  {
    role: "admin",
    body: sandboxActionSchema,
    openapi: {
      summary: "Act in the sandbox checkout or portal",
      description:
        "Only without Stripe keys (404 otherwise): sends the events Stripe would (signed with the SDK's test helper) through the webhook handler and answers the new billing state.",
      status: 200,
    },
  },
  async ({ org, body, rls }) => {
    const subscription = await rls((tx) => getSubscription(tx, org.orgId));
    if (!subscription) throw notFound();
    await runSandboxAction(subscription, body.action, { plan: body.plan, interval: body.interval });
    return rls((tx) => getBillingSummary(tx, org.orgId));
  },
);
