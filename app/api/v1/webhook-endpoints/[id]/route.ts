import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { updateWebhookEndpointSchema, webhookEndpointSchema } from "@/lib/webhooks/schema";

const params = z.object({ id: uuidParam });
const response = z.object({ endpoint: webhookEndpointSchema });

export const GET = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:read",
    params,
    openapi: { summary: "A webhook endpoint", response },
  },
  async ({ org, params, rls }) => ({ endpoint: await rls((tx) => getWebhookEndpoint(tx, org.orgId, params.id)) }),
);

/** URL, description, event types, or enabled (turning it on again clears a "failing" stop). */
export const PATCH = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:write",
    params,
    body: updateWebhookEndpointSchema,
    openapi: { summary: "Change a webhook endpoint, or turn it on or off", response },
  },
  async ({ org, params, body, rls, user }) => ({
    endpoint: await rls((tx) => updateWebhookEndpoint(tx, user.id, org.orgId, params.id, body)),
  }),
);

export const DELETE = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:write",
    params,
    openapi: { summary: "Delete a webhook endpoint and its delivery log", status: 204 },
  },
  async ({ org, params, rls, user }) => {
    await rls((tx) => deleteWebhookEndpoint(tx, user.id, org.orgId, params.id));
    return new Response(null, { status: 204 });
  },
);
