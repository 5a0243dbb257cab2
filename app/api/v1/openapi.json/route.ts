import { z } from "zod";
import { env } from "@/lib/env";
import { buildOpenApi } from "@/lib/http/openapi";
import { route } from "@/lib/http/route";
import { webhookOperations } from "@/lib/webhooks/openapi";
import { API_ROUTES } from "./routes.generated";

let cached: Record<string, unknown> | undefined;

/** The document, built once per process: the routes do not change while it runs. */
function openApiDocument(): Record<string, unknown> {
  // The outbound events are part of the API too: OpenAPI 3.1's `webhooks`, beside the paths.
  cached ??= {
    ...buildOpenApi([...API_ROUTES, { pattern: "/api/v1/openapi.json", module: { GET } }], {
      version: "1",
      serverUrl: env().APP_URL,
    }),
    webhooks: webhookOperations(),
  };
  return cached;
}

/** The OpenAPI 3.1 document of /api/v1, built from the handlers' own schemas. Public. */
export const GET = route(
  {
    auth: "none",
    openapi: {
      summary: "The OpenAPI document",
      description: "This document, generated from the zod schemas the handlers parse their input with.",
      response: z.record(z.string(), z.unknown()),
    },
  },
  async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
);
