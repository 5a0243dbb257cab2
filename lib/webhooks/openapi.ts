import { z } from "zod";
import {
  TEST_EVENT_TYPE,
  testPayloadSchema,
  WEBHOOK_ENVELOPES,
  WEBHOOK_EVENT_TYPES,
  webhookEnvelopeSchema,
} from "./events";

/**
 * The outbound events as an OpenAPI 3.1 `webhooks` object (one POST operation per event type,
 * its body the event's envelope), from the same zod schemas the producers validate with. The
 * API document (lib/http/openapi.ts) can spread it in as `webhooks: webhookOperations()`.
 */
export function webhookOperations(): Record<string, { post: Record<string, unknown> }> {
  const headers = {
    "webhook-id": { description: "The event id (stable across retries).", schema: { type: "string" } },
    "webhook-timestamp": {
      description: "Seconds since the epoch when this attempt was signed.",
      schema: { type: "string" },
    },
    "webhook-signature": {
      description: "`v1,<base64 HMAC-SHA256>` (Standard Webhooks); several, space-separated, during a secret rotation.",
      schema: { type: "string" },
    },
  };
  const entries: [string, z.ZodType][] = [
    ...WEBHOOK_EVENT_TYPES.map((type) => [type, WEBHOOK_ENVELOPES[type]] as [string, z.ZodType]),
    [TEST_EVENT_TYPE, webhookEnvelopeSchema(TEST_EVENT_TYPE, testPayloadSchema)],
  ];
  return Object.fromEntries(
    entries.map(([type, schema]) => {
      const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
        io: "output",
        unrepresentable: "any",
        reused: "inline",
      });
      return [
        type,
        {
          post: {
            summary: type,
            operationId: `webhook_${type.replace(/\W/g, "_")}`,
            parameters: Object.entries(headers).map(([name, header]) => ({
              name,
              in: "header",
              required: true,
              ...header,
            })),
            requestBody: { required: true, content: { "application/json": { schema: json } } },
            responses: { "2XX": { description: "Received. Anything else is retried with backoff for 24 hours." } },
          },
        },
      ];
    }),
  );
}
