import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { listDeliveries } from "@/lib/webhooks/endpoints";
import { listDeliveriesQuerySchema, webhookDeliverySchema } from "@/lib/webhooks/schema";

/** The endpoint's delivery log, newest first (`cursor` from the previous page's `nextCursor`). */
export const GET = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:read",
    params: z.object({ id: uuidParam }),
    query: listDeliveriesQuerySchema,
    openapi: {
      summary: "A webhook endpoint's delivery log",
      response: z.object({ deliveries: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() }),
    },
  },
  async ({ org, params, query, rls }) => rls((tx) => listDeliveries(tx, org.orgId, params.id, query)),
);
