/**
 * The outbound webhook events: their types and versioned payloads, as zod schemas, the one
 * description producers validate against, the delivery signs and the OpenAPI document shows.
 *
 * Every delivery's body is the envelope `{ id, type, version, timestamp, data }`: `id` is the
 * event's stable id (also the `webhook-id` header, so a receiver deduplicates on it), `version`
 * the payload's schema version. A change a receiver could trip over (a field removed, renamed or
 * retyped) is a new version with its own schema here; adding an optional field is not.
 *
 * Pure: no server code, so the settings page lists the same types.
 */
import { z } from "zod";

export const WEBHOOK_EVENT_TYPES = [
  "lead.created",
  "lead.updated",
  "lead.deleted",
  "lead.heat_changed",
  "lead.qualified",
  "conversation.message_received",
  "message.status_changed",
  "meeting.booked",
  "meeting.rescheduled",
  "meeting.canceled",
  "approval.requested",
  "approval.decided",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, { error: "eventTypeInvalid" });

/** The event an admin's "send test event" delivers; never subscribable. */
export const TEST_EVENT_TYPE = "webhook.test";

const id = z.uuid();
const timestamp = z.iso.datetime({ offset: true });
const heat = z.enum(["cold", "warm", "hot", "burning"]);

/** A lead as a receiver sees it: contact fields, status, BANT and HEAT (version 1). */
export const webhookLeadSchema = z
  .object({
    id,
    projectId: id.nullable(),
    ownerId: id.nullable(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable().describe("E.164"),
    company: z.string().nullable(),
    title: z.string().nullable(),
    source: z.string(),
    status: z.enum(["new", "contacted", "qualified", "meeting_scheduled", "won", "lost", "disqualified"]),
    tags: z.array(z.string()),
    bantScore: z.number().int().min(0).max(100),
    bantQualified: z.boolean(),
    heatLevel: heat,
    heatScore: z.number().int().min(0).max(100),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "WebhookLead" });
export type WebhookLead = z.infer<typeof webhookLeadSchema>;

const meeting = z.object({
  id,
  leadId: id,
  title: z.string(),
  startsAt: timestamp,
  provider: z.enum(["calendly", "manual", "google"]),
});

/** Each event type's `data`, version 1. */
export const WEBHOOK_PAYLOADS = {
  "lead.created": z.object({ lead: webhookLeadSchema }),
  "lead.updated": z.object({
    lead: webhookLeadSchema,
    /** What kind of change it was (the lead timeline's entry type). */
    change: z.enum(["updated", "bant_changed", "status_changed", "owner_changed", "restored", "heat_override"]),
  }),
  "lead.deleted": z.object({ lead: z.object({ id }), deletedAt: timestamp }),
  "lead.heat_changed": z.object({ lead: webhookLeadSchema, from: heat, to: heat }),
  "lead.qualified": z.object({ lead: webhookLeadSchema }),
  "conversation.message_received": z.object({
    conversationId: id,
    leadId: id.nullable(),
    message: z.object({
      id,
      channel: z.enum(["sms", "whatsapp", "email", "voice"]).or(z.string()),
      body: z.string(),
      receivedAt: timestamp,
    }),
  }),
  "message.status_changed": z.object({
    messageId: id,
    conversationId: id,
    status: z.enum(["queued", "sent", "delivered", "read", "failed"]),
    errorCode: z.string().nullable(),
    at: timestamp,
  }),
  "meeting.booked": z.object({ meeting }),
  "meeting.rescheduled": z.object({ meeting }),
  "meeting.canceled": z.object({ meeting, reason: z.string().nullable() }),
  "approval.requested": z.object({
    task: z.object({
      id,
      leadId: id.nullable(),
      conversationId: id.nullable(),
      agentName: z.string().nullable(),
      /** The draft's opening words; null when the AI could not draft and a person must review. */
      preview: z.string().nullable(),
    }),
  }),
  "approval.decided": z.object({
    task: z.object({ id, leadId: id.nullable(), conversationId: id.nullable() }),
    decision: z.enum(["approved", "rejected"]),
    decidedBy: id,
  }),
} as const satisfies Record<WebhookEventType, z.ZodType>;

export type WebhookPayload<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_PAYLOADS)[T]>;

/** The current payload version of every event type. */
export const WEBHOOK_EVENT_VERSION = 1;

export const testPayloadSchema = z.object({
  endpointId: id,
  message: z.literal("This is a test event from Kiln."),
});

/** The body of every delivery, per event type (for the OpenAPI document's `webhooks` section). */
export function webhookEnvelopeSchema<T extends z.ZodType>(type: string, data: T) {
  return z.object({
    id,
    type: z.literal(type),
    version: z.literal(WEBHOOK_EVENT_VERSION),
    timestamp,
    data,
  });
}

export const WEBHOOK_ENVELOPES: Record<WebhookEventType, z.ZodType> = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type, webhookEnvelopeSchema(type, WEBHOOK_PAYLOADS[type]) as z.ZodType]),
) as Record<string, z.ZodType> as Record<WebhookEventType, z.ZodType>;

/** A producer's event: a type and its data (validated before it is stored). */
export type WebhookEventInput = {
  [T in WebhookEventType]: { type: T; data: WebhookPayload<T> };
}[WebhookEventType];

/** An event type as a message key (`lead.created` → `lead_created`): dots would nest in the catalogues. */
export const eventLabelKey = (type: WebhookEventType) => type.replace(".", "_");
