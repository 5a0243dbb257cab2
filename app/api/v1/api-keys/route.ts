import { z } from "zod";
import { apiKeySchema, createApiKeySchema } from "@/lib/auth/api-key-schema";
import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";

/** The organization's keys (never their secrets). People only: no scope lets a key list keys. */
export const GET = route(
  {
    role: MIN_ROLE.manageApiKeys,
    openapi: { summary: "List API keys", response: z.object({ apiKeys: z.array(apiKeySchema) }) },
  },
  async ({ org, rls }) => ({ apiKeys: await rls((tx) => listApiKeys(tx, org.orgId)) }),
);

/** Creates a key; `key` is the secret, answered this once. */
export const POST = route(
  {
    role: MIN_ROLE.manageApiKeys,
    body: createApiKeySchema,
    openapi: {
      summary: "Create an API key",
      description: "Answers the secret once, as `key`. Only its hash is stored.",
      status: 201,
      response: z.object({ apiKey: apiKeySchema, key: z.string() }),
    },
  },
  async ({ org, user, body, rls }) => {
    const created = await rls((tx) => createApiKey(tx, user.id, org.orgId, body));
    return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
