import { z } from "zod";
import { futureDateTime, text } from "@/lib/http/schemas";
import { API_SCOPES, apiScopeSchema } from "./api-scopes";

/** What an admin sends to create a key (the settings form and POST /api/v1/api-keys). */
export const createApiKeySchema = z
  .object({
    name: text().min(1, "nameRequired").max(80, "keepUnder"),
    scopes: z
      .array(apiScopeSchema)
      .min(1, "scopesRequired")
      .max(API_SCOPES.length)
      .refine((s) => new Set(s).size === s.length, "scopesTwice"),
    /** Optional; after it the key answers 401. */
    expiresAt: futureDateTime().nullish(),
    /** Optional cap below the plan's requests a minute, for a key that should never crowd others out. */
    rateLimitPerMinute: z
      .number()
      .int("rateLimitRange")
      .min(1, "rateLimitRange")
      .max(100_000, "rateLimitRange")
      .nullish(),
  })
  .strict();
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

/** A key as lists show it: never its secret nor its hash. */
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiScopeSchema),
  rateLimitPerMinute: z.number().int().nullable(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
