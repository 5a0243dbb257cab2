import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { WEBHOOK_EVENT_TYPES, webhookEventTypeSchema } from "./events";

/** Messages are keys of the `validation` catalogue (lib/http/validation.ts). */
const url = z
  .string()
  .trim()
  .max(2000, "webhookUrlInvalid")
  .refine((value) => {
    try {
      const parsed = new URL(value);
      return (parsed.protocol === "https:" || parsed.protocol === "http:") && !parsed.username && !parsed.password;
    } catch {
      return false;
    }
  }, "webhookUrlInvalid");

const eventTypes = z
  .array(webhookEventTypeSchema)
  .min(1, "eventTypesRequired")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((types) => [...new Set(types)]);

export const createWebhookEndpointSchema = z
  .object({
    url,
    description: text().max(500).optional(),
    eventTypes,
  })
  .strict();
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointSchema>;

export const updateWebhookEndpointSchema = z
  .object({
    url: url.optional(),
    description: text().max(500).nullable().optional(),
    eventTypes: eventTypes.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointSchema>;

export const listDeliveriesQuerySchema = z
  .object({
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

/** An endpoint as the API shows it: never a secret, only its first characters. */
export const webhookEndpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(webhookEventTypeSchema),
    enabled: z.boolean(),
    disabledReason: z.enum(["manual", "failing"]).nullable(),
    disabledAt: z.string().nullable(),
    failingSince: z.string().nullable(),
    secretHint: z.string(),
    previousSecretExpiresAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const DELIVERY_ERROR_KINDS = [
  "http_status",
  "timeout",
  "connection",
  "refused_address",
  "invalid_url",
  "endpoint_disabled",
] as const;
export type DeliveryErrorKind = (typeof DELIVERY_ERROR_KINDS)[number];

export const webhookDeliverySchema = z
  .object({
    id: z.uuid(),
    endpointId: z.uuid(),
    eventId: z.uuid(),
    eventType: z.string(),
    attempt: z.number().int(),
    trigger: z.enum(["event", "test", "resend"]),
    status: z.enum(["pending", "succeeded", "failed"]),
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    errorKind: z.enum(DELIVERY_ERROR_KINDS).nullable(),
    nextAttemptAt: z.string().nullable(),
    attemptedAt: z.string().nullable(),
    gaveUp: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
