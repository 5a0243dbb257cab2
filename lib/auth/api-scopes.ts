import { z } from "zod";

/**
 * What an API key may touch: read, or read and write, per resource. A route names the scope
 * it needs in its route() options (`scope: "leads:read"`); a route that names none refuses
 * keys (settings, members, billing, the keys themselves). Mirrored by the check constraint
 * on public.api_keys.scopes.
 */
export const API_RESOURCES = [
  "leads",
  "conversations",
  "messages",
  "meetings",
  "agents",
  "analytics",
  "webhooks",
] as const;
export type ApiResource = (typeof API_RESOURCES)[number];
export type ApiAccess = "read" | "write";
export type ApiScope = `${ApiResource}:${ApiAccess}`;

export const API_SCOPES = API_RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`] as const) as ApiScope[];

export const apiScopeSchema = z.enum(API_SCOPES as [ApiScope, ...ApiScope[]], { error: "scopeInvalid" });

/** True when `granted` covers `needed`: write includes read. */
export function scopeCovers(granted: readonly string[], needed: ApiScope): boolean {
  if (granted.includes(needed)) return true;
  const [resource, access] = needed.split(":") as [ApiResource, ApiAccess];
  return access === "read" && granted.includes(`${resource}:write`);
}

/** The smallest list that says the same: `leads:read` goes when `leads:write` is there. */
export function normalizeScopes(scopes: readonly ApiScope[]): ApiScope[] {
  const set = new Set(scopes);
  return API_SCOPES.filter(
    (scope) => set.has(scope) && !(scope.endsWith(":read") && set.has(scope.replace(":read", ":write") as ApiScope)),
  );
}
