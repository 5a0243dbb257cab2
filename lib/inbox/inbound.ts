/**
 * Turns provider webhook payloads into the events Kiln stores: one per message or status
 * change, each keyed by the provider's own id so a retried delivery maps onto the same rows.
 * Pure functions; verification happens before, processing after (ingest.ts).
 */
import { templateStatusOf, type ProviderTemplateStatus } from "@/lib/channels/template-status";
import type { ChannelProvider } from "@/lib/channels/schema";
import { z } from "zod";

export type InboundEventDraft = {
  provider: ChannelProvider;
  eventId: string;
  kind: "message" | "status" | "template_status";
  payload: Record<string, unknown>;
};

export type MediaRef = { url?: string; id?: string; contentType?: string; caption?: string; fileName?: string };

/** A message a lead sent us, whatever the provider. */
export type InboundMessage = {
  provider: ChannelProvider;
  medium: "sms" | "whatsapp";
  /** Our receiving address: E.164 for Twilio, the phone_number_id for the Cloud API. */
  receiver: { address: string } | { phoneNumberId: string };
  from: string;
  profileName: string | null;
  body: string;
  media: MediaRef[];
  providerMessageId: string;
  at: string;
  /** The provider's own opt-out handling saw STOP (or START) in it: Twilio's OptOutType. */
  optOut?: "stop" | "start" | null;
};

export type StatusUpdate = {
  provider: ChannelProvider;
  providerMessageId: string;
  status: "queued" | "sent" | "delivered" | "read" | "failed";
  errorCode: string | null;
  errorMessage: string | null;
  at: string;
};

// ---------------------------------------------------------------------------- Twilio

const twilioMessage = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "MessageSid is not a Twilio message id"),
  From: z.string().min(3),
  To: z.string().min(3),
  Body: z.string().max(4096).default(""),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  ProfileName: z.string().max(200).optional(),
  // Set by Twilio's (Advanced) Opt-Out when the message was an opt-out, opt-in or help keyword.
  OptOutType: z.string().max(20).optional(),
});

const twilioStatus = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, "MessageSid is not a Twilio message id"),
  MessageStatus: z.enum([
    "accepted",
    "scheduled",
    "queued",
    "sending",
    "sent",
    "delivered",
    "undelivered",
    "failed",
    "read",
    "canceled",
    "receiving",
    "received",
    "partially_delivered",
  ]),
  ErrorCode: z.string().max(40).optional(),
  ErrorMessage: z.string().max(500).optional(),
});

export function twilioMessageEvent(params: Record<string, string>): InboundEventDraft | z.ZodError {
  const parsed = twilioMessage.safeParse(params);
  if (!parsed.success) return parsed.error;
  return { provider: "twilio", eventId: parsed.data.MessageSid, kind: "message", payload: params };
}

export function twilioStatusEvent(params: Record<string, string>): InboundEventDraft | z.ZodError {
  const parsed = twilioStatus.safeParse(params);
  if (!parsed.success) return parsed.error;
  return {
    provider: "twilio",
    eventId: `${parsed.data.MessageSid}:${parsed.data.MessageStatus}`,
    kind: "status",
    payload: params,
  };
}

export function readTwilioMessage(payload: Record<string, unknown>, receivedAt: string): InboundMessage {
  const params = payload as Record<string, string>;
  const data = twilioMessage.parse(params);
  const whatsapp = /^whatsapp:/i.test(data.From);
  const media: MediaRef[] = [];
  for (let i = 0; i < data.NumMedia; i++) {
    const url = params[`MediaUrl${i}`];
    if (url) media.push({ url, contentType: params[`MediaContentType${i}`] });
  }
  return {
    provider: "twilio",
    medium: whatsapp ? "whatsapp" : "sms",
    receiver: { address: data.To.replace(/^whatsapp:/i, "") },
    from: data.From,
    profileName: data.ProfileName?.trim() || null,
    body: data.Body,
    media,
    providerMessageId: data.MessageSid,
    at: receivedAt,
    optOut:
      data.OptOutType?.toUpperCase() === "STOP" ? "stop" : data.OptOutType?.toUpperCase() === "START" ? "start" : null,
  };
}

const TWILIO_STATUS: Record<z.infer<typeof twilioStatus>["MessageStatus"], StatusUpdate["status"] | null> = {
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "queued",
  sent: "sent",
  delivered: "delivered",
  partially_delivered: "delivered",
  read: "read",
  undelivered: "failed",
  failed: "failed",
  canceled: "failed",
  receiving: null,
  received: null,
};

export function readTwilioStatus(payload: Record<string, unknown>, receivedAt: string): StatusUpdate | null {
  const data = twilioStatus.parse(payload);
  const status = TWILIO_STATUS[data.MessageStatus];
  if (!status) return null;
  return {
    provider: "twilio",
    providerMessageId: data.MessageSid,
    status,
    errorCode: data.ErrorCode ?? (status === "failed" ? data.MessageStatus : null),
    errorMessage:
      data.ErrorMessage ??
      (data.ErrorCode
        ? `Twilio error ${data.ErrorCode}`
        : status === "failed"
          ? `Twilio reported the message ${data.MessageStatus}.`
          : null),
    at: receivedAt,
  };
}

// ---------------------------------------------------------------------- WhatsApp Cloud API

const cloudMedia = z.object({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional() });
const cloudMessage = z.object({
  id: z.string().min(1).max(128),
  from: z.string().min(3),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  text: z.object({ body: z.string().max(4096) }).optional(),
  image: cloudMedia.optional(),
  audio: cloudMedia.optional(),
  video: cloudMedia.optional(),
  document: cloudMedia.extend({ filename: z.string().optional() }).optional(),
  sticker: cloudMedia.optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z.unknown().optional(),
});
const cloudStatus = z.object({
  id: z.string().min(1).max(128),
  status: z.enum(["sent", "delivered", "read", "failed", "deleted"]),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string().optional(),
  errors: z
    .array(
      z.object({
        code: z.number(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.object({ details: z.string() }).partial().optional(),
      }),
    )
    .optional(),
});
const cloudMetadata = z.object({ phone_number_id: z.string().min(1), display_phone_number: z.string().optional() });

export const cloudEnvelope = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z
    .array(
      z.object({
        id: z.string(),
        time: z.number().optional(),
        changes: z.array(
          z.object({
            field: z.string(),
            value: z
              .object({
                metadata: cloudMetadata.optional(),
                contacts: z
                  .array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).partial().optional() }))
                  .optional(),
                messages: z.array(cloudMessage).optional(),
                statuses: z.array(cloudStatus).optional(),
              })
              .passthrough(),
          }),
        ),
      }),
    )
    .max(100),
});

/** Splits one Cloud API delivery (several entries, messages and statuses mixed) into events. */
export function whatsappEvents(envelope: z.infer<typeof cloudEnvelope>): InboundEventDraft[] {
  const events: InboundEventDraft[] = [];
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      if (change.field === "message_template_status_update") {
        const value = templateStatusValue.safeParse(change.value);
        if (value.success)
          events.push({
            provider: "whatsapp_cloud",
            // A template can be approved, paused and approved again: each change is its own event.
            eventId: `template:${value.data.message_template_id}:${value.data.event}:${entry.time ?? ""}`,
            kind: "template_status",
            payload: { wabaId: entry.id, value: value.data },
          });
        continue;
      }
      if (change.field !== "messages" || !change.value.metadata) continue;
      const { metadata, contacts = [], messages = [], statuses = [] } = change.value;
      for (const message of messages) {
        const contact = contacts.find((c) => c.wa_id === message.from) ?? null;
        events.push({
          provider: "whatsapp_cloud",
          eventId: message.id,
          kind: "message",
          payload: { metadata, contact, message },
        });
      }
      for (const status of statuses) {
        events.push({
          provider: "whatsapp_cloud",
          eventId: `${status.id}:${status.status}`,
          kind: "status",
          payload: { metadata, status },
        });
      }
    }
  }
  return events;
}

const fromUnix = (seconds: string) => new Date(Number(seconds) * 1000).toISOString();

export function readWhatsappMessage(payload: Record<string, unknown>): InboundMessage {
  const metadata = cloudMetadata.parse(payload.metadata);
  const message = cloudMessage.parse(payload.message);
  const contact = payload.contact as { profile?: { name?: string } } | null;
  const attachment = message.image ?? message.audio ?? message.video ?? message.document ?? message.sticker;
  const body = message.text?.body ?? message.button?.text ?? attachment?.caption ?? "";
  return {
    provider: "whatsapp_cloud",
    medium: "whatsapp",
    receiver: { phoneNumberId: metadata.phone_number_id },
    from: `+${message.from.replace(/^\+/, "")}`,
    profileName: contact?.profile?.name?.trim() || null,
    body: body.slice(0, 4096),
    media: attachment
      ? [
          {
            id: attachment.id,
            contentType: attachment.mime_type,
            caption: attachment.caption,
            ...(message.document?.filename ? { fileName: message.document.filename } : {}),
          },
        ]
      : [],
    providerMessageId: message.id,
    at: fromUnix(message.timestamp),
  };
}

export function readWhatsappStatus(payload: Record<string, unknown>): StatusUpdate | null {
  const status = cloudStatus.parse(payload.status);
  if (status.status === "deleted") return null;
  const error = status.errors?.[0];
  return {
    provider: "whatsapp_cloud",
    providerMessageId: status.id,
    status: status.status,
    errorCode: error ? String(error.code) : null,
    errorMessage: error
      ? ((error.error_data?.details ?? error.message ?? error.title ?? null)?.slice(0, 500) ?? null)
      : null,
    at: fromUnix(status.timestamp),
  };
}

// ------------------------------------------------- WhatsApp Cloud API: template status updates

/** The message_template_status_update webhook's value (Meta's reference: event, message_template_id …). */
const templateStatusValue = z.object({
  event: z.string().min(1).max(40),
  message_template_id: z.union([z.number(), z.string()]).transform(String),
  message_template_name: z.string().max(512).optional(),
  message_template_language: z.string().max(20).optional(),
  reason: z.string().max(200).nullable().optional(),
});

/** A template's new status from a stored template_status event; null when it is not understood. */
export function readTemplateStatus(
  payload: Record<string, unknown>,
): { providerTemplateId: string; status: ProviderTemplateStatus; reason: string | null } | null {
  const value = templateStatusValue.safeParse(payload.value);
  if (!value.success) return null;
  return {
    providerTemplateId: value.data.message_template_id,
    status: templateStatusOf(value.data.event),
    reason: value.data.reason && value.data.reason !== "NONE" ? value.data.reason : null,
  };
}
