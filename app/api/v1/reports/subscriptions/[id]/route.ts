import { z } from "zod";
import { route, uuidParam } from "@/lib/http/route";
import { subscriptionPatchSchema } from "@/lib/reports/schema";
import { deleteSubscription, updateSubscription } from "@/lib/reports/subscriptions";

const params = z.object({ id: uuidParam });

/** Change the schedule or project, pause or resume. */
export const PATCH = route(
  { org: true, params, body: subscriptionPatchSchema },
  async ({ org, params, body, rls }) => ({
    subscription: await rls((tx) => updateSubscription(tx, org.orgId, params.id, body)),
  }),
);

export const DELETE = route({ org: true, params }, async ({ org, params, rls }) => {
  await rls((tx) => deleteSubscription(tx, org.orgId, params.id));
  return new Response(null, { status: 204 });
});
