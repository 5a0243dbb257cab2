import { z } from "zod";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { createWebhookEndpointSchema, webhookEndpointSchema } from "@/lib/webhooks/schema";

const createdSchema = z.object({
  endpoint: webhookEndpointSchema,
  secret: z.string().describe("whsec_…, shown only here"),
});

/** The organization's outbound webhook endpoints (admins). */
export const GET = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:read",
    openapi: { summary: "List webhook endpoints", response: z.object({ endpoints: z.array(webhookEndpointSchema) }) },
  },
  async ({ org, rls }) => ({
    endpoints: await rls((tx) => listWebhookEndpoints(tx, org.orgId)),
  }),
);

/** A new endpoint; the answer's `secret` is shown this once. */
export const POST = route(
  {
    role: MIN_ROLE.manageWebhooks,
    scope: "webhooks:write",
    body: createWebhookEndpointSchema,
    openapi: { summary: "Add a webhook endpoint (answers its secret once)", status: 201, response: createdSchema },
  },
  async ({ org, body, rls, user }) =>
    Response.json(await rls((tx) => createWebhookEndpoint(tx, user.id, org.orgId, body)), { status: 201 }),
);
