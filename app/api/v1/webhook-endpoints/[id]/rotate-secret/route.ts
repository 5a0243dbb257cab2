import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { rotateWebhookSecret } from "@/lib/webhooks/endpoints";
import { webhookEndpointSchema } from "@/lib/webhooks/schema";

/** A new signing secret, shown once; the old one keeps signing alongside it for 24 hours. */
export const POST = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:write",
    params: z.object({ id: uuidParam }),
    openapi: {
      summary: "Rotate the signing secret (the old one signs too for 24 hours)",
      response: z.object({ endpoint: webhookEndpointSchema, secret: z.string() }),
    },
  },
  async ({ org, params, rls, user }) => rls((tx) => rotateWebhookSecret(tx, user.id, org.orgId, params.id)),
);
