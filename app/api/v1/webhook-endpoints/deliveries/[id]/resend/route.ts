import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { resendDelivery } from "@/lib/webhooks/endpoints";

/** Delivers a logged delivery's event to its endpoint again (a new chain of attempts). */
export const POST = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:write",
    params: z.object({ id: uuidParam }),
    openapi: { summary: "Resend a webhook delivery", status: 202, response: z.object({ deliveryId: z.uuid() }) },
  },
  async ({ org, params, rls }) =>
    Response.json(await rls((tx) => resendDelivery(tx, org.orgId, params.id)), { status: 202 }),
);
