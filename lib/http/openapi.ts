/**
 * The OpenAPI 3.1 document of /api/v1, built from the route handlers themselves: each
 * handler made by route() carries its options (lib/http/route.ts `meta`): the zod schemas
 * it parses params, query and body with, the role it needs, the API key scope that lets a
 * key call it, and a summary. zod's own z.toJSONSchema (JSON Schema 2020-12, the dialect
 * OpenAPI 3.1 uses) turns the schemas into the document, so it cannot drift from what the
 * handlers accept. tests/integration/api/openapi.test.ts fails when a route file exists
 * that the document does not describe.
 */
import { z, type ZodType } from "zod";
import { API_SCOPES } from "@/lib/auth/api-scopes";
import type { RouteMeta } from "./route";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

type Handler = ((...args: never[]) => unknown) & { meta?: RouteMeta };
export type RouteModule = Partial<Record<Method, Handler>>;
export type RouteEntry = { pattern: string; module: RouteModule };

type JsonSchema = Record<string, unknown>;

/** "/api/v1/leads/[id]" as OpenAPI writes it: "/api/v1/leads/{id}". */
export const openApiPath = (pattern: string) =>
  pattern.replace(/\[\[?\.\.\.(\w+)\]?\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}");

const pathParams = (pattern: string) => [...pattern.matchAll(/\[(?:\[?\.\.\.)?(\w+)\]?\]/g)].map((m) => m[1]!);

function jsonSchema(schema: ZodType, io: "input" | "output"): JsonSchema {
  try {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" });
    return rest as JsonSchema;
  } catch {
    // A schema zod cannot express (a custom type deep inside) is documented as "any JSON".
    return {};
  }
}

/** The properties of an object schema as parameters (query string or path). */
function parametersOf(schema: ZodType | undefined, where: "query" | "path", pattern: string): JsonSchema[] {
  const names = where === "path" ? pathParams(pattern) : [];
  const json = schema ? jsonSchema(schema, "input") : {};
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  const all = where === "path" ? names : Object.keys(properties);
  return all.map((name) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: properties[name] ?? { type: "string" },
    ...(typeof properties[name]?.description === "string" ? { description: properties[name].description } : {}),
  }));
}

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

const tagOf = (pattern: string) => pattern.split("/")[3] ?? "api";

function operation(pattern: string, method: Method, handler: Handler): JsonSchema {
  const meta = handler.meta;
  const openapi = meta?.openapi ?? {};
  const status = String(openapi.status ?? (method === "POST" && meta?.body ? 201 : 200));
  const parameters = [...parametersOf(meta?.params, "path", pattern), ...parametersOf(meta?.query, "query", pattern)];
  const needsAuth = meta ? meta.auth === "required" : true;
  const security = !needsAuth ? [] : meta?.scope ? [{ apiKey: [] }, { session: [] }] : [{ session: [] }];
  const description = [
    openapi.description,
    meta?.role ? `Needs the role ${meta.role} or above.` : null,
    needsAuth
      ? meta?.scope
        ? `API keys need the scope \`${meta.scope}\`${meta.scope.endsWith(":read") ? ` (or \`${meta.scope.replace(":read", ":write")}\`)` : ""}.`
        : "Not available to API keys."
      : "Public.",
  ]
    .filter(Boolean)
    .join(" ");
  const success = openapi.responseType
    ? { description: "OK", content: { [openapi.responseType]: { schema: {} } } }
    : {
        description: "OK",
        content: { "application/json": { schema: openapi.response ? jsonSchema(openapi.response, "output") : {} } },
      };
  const path = pattern.replace(/^\/api\/v1\//, "");
  return {
    operationId: `${method.toLowerCase()}_${path.replace(/\[(?:\[?\.\.\.)?(\w+)\]?\]/g, "by_$1").replace(/[^\w]+/g, "_")}`,
    summary: openapi.summary ?? `${method} /${path}`,
    ...(description ? { description } : {}),
    tags: [tagOf(pattern)],
    security,
    ...(meta?.scope ? { "x-kiln-scope": meta.scope } : {}),
    ...(meta?.role ? { "x-kiln-role": meta.role } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(meta?.body || openapi.bodyType
      ? {
          requestBody: {
            required: true,
            content: openapi.bodyType
              ? { [openapi.bodyType]: { schema: {} } }
              : { "application/json": { schema: jsonSchema(meta!.body!, "input") } },
          },
        }
      : {}),
    responses: {
      [status]: success,
      ...(meta?.body || meta?.query ? { "422": problem("Invalid input; `errors` names each field.") } : {}),
      ...(needsAuth
        ? {
            "401": problem("Not signed in, or the API key is unknown, revoked or expired."),
            "403": problem("The role or the API key's scope does not allow this."),
          }
        : {}),
      ...(meta?.params ? { "404": problem("Not found (or not visible to the caller).") } : {}),
      ...(meta?.scope ? { "429": problem("Rate limit reached; see Retry-After and RateLimit.") } : {}),
    },
  };
}

/** The whole document for the given route modules. */
export function buildOpenApi(routes: RouteEntry[], info: { version: string; serverUrl?: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const { pattern, module } of [...routes].sort((a, b) => a.pattern.localeCompare(b.pattern))) {
    for (const method of METHODS) {
      const handler = module[method];
      if (typeof handler !== "function") continue;
      (paths[openApiPath(pattern)] ??= {})[method.toLowerCase()] = operation(pattern, method, handler);
    }
  }
  return {
    openapi: "3.1.1",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Kiln API",
      version: info.version,
      description:
        "The REST API of Kiln, the self-hostable sales CRM. Authenticate with an API key (`Authorization: Bearer kiln_…`, created by an admin in Settings → API keys) or, from Kiln's own pages, the session cookie. Errors are `application/problem+json` (RFC 9457). Keys are rate limited per key and per organization (IETF `RateLimit` / `RateLimit-Policy` headers, `429` with `Retry-After`); send `Idempotency-Key` on a POST to have a retry answered with the first response for 24 hours.",
      license: { name: "AGPL-3.0-only", identifier: "AGPL-3.0-only" },
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    security: [{ apiKey: [] }, { session: [] }],
    tags: [...new Set(routes.map((r) => tagOf(r.pattern)))].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "kiln_<secret>",
          description: `An API key. Scopes: ${API_SCOPES.join(", ")} (write includes read).`,
        },
        session: { type: "apiKey", in: "cookie", name: "kiln_session", description: "Kiln's own pages." },
      },
      schemas: {
        Problem: {
          type: "object",
          description: "RFC 9457 problem details.",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            code: { type: "string" },
            errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
            errorCodes: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
            requestId: { type: "string" },
          },
          required: ["title", "status"],
        },
      },
    },
  };
}
