import { z } from "zod";
import { apiKeySchema } from "@/lib/auth/api-key-schema";
import { revokeApiKey } from "@/lib/auth/api-keys";
import { MIN_ROLE } from "@/lib/auth/permissions";
import { route, uuidParam } from "@/lib/http/route";

/** Revokes a key at once: its next request is a 401. */
export const DELETE = route(
  {
    role: MIN_ROLE.manageApiKeys,
    params: z.object({ id: uuidParam }),
    openapi: { summary: "Revoke an API key", response: z.object({ apiKey: apiKeySchema }) },
  },
  async ({ org, user, params, rls }) => ({
    apiKey: await rls((tx) => revokeApiKey(tx, user.id, org.orgId, params.id)),
  }),
);
