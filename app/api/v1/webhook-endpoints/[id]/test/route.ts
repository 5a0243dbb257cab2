import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { sendTestEvent } from "@/lib/webhooks/endpoints";

/** Sends a `webhook.test` event to this endpoint (delivered right after the answer). */
export const POST = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:write",
    params: z.object({ id: uuidParam }),
    openapi: {
      summary: "Send a test event to a webhook endpoint",
      status: 202,
      response: z.object({ eventId: z.uuid(), deliveryId: z.uuid() }),
    },
  },
  async ({ org, params, rls }) =>
    Response.json(await rls((tx) => sendTestEvent(tx, org.orgId, params.id)), { status: 202 }),
);
