import { getBillingSummary } from "@/lib/billing/summary";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

/** The organization's plan, subscription state and dates, and usage against every limit. */
export const GET = route(
  {
    org: true,
    openapi: {
      summary: "The organization's plan and billing state",
      description:
        "Plan, subscription status, trial end, renewal date, the grace period of a failed payment, why the organization is read-only (if it is), and usage against every limit of the plan.",
    },
  },
  async ({ org, rls }) => {
    const summary = await rls((tx) => getBillingSummary(tx, org.orgId));
    if (!summary) throw notFound();
    return summary;
  },
);
