import { z } from "zod";

/**
 * Calendly webhook bodies (`{ event, created_at, created_by, payload }`) and their
 * normalized form. Unknown fields are stripped, not refused: Calendly adds fields over
 * time and a new field must never turn a delivery into a 422 that Calendly retries forever.
 */

export const CALENDLY_EVENTS = [
  "invitee.created",
  "invitee.canceled",
  "invitee_no_show.created",
  "invitee_no_show.deleted",
] as const;
export type CalendlyEventName = (typeof CALENDLY_EVENTS)[number];

/** Lets the route acknowledge event types it does not subscribe to instead of answering 422. */
export function isHandledCalendlyEvent(name: unknown): name is CalendlyEventName {
  return typeof name === "string" && (CALENDLY_EVENTS as readonly string[]).includes(name);
}

const uri = z.url();
const timestamp = z.iso.datetime({ offset: true });
// Deliberately loose: Calendly accepts addresses a strict validator would refuse, and lead
// matching normalizes the address anyway.
const email = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, "Not an email address.");

const locationSchema = z.object({
  type: z.string().nullish(),
  location: z.string().nullish(),
  join_url: z.string().nullish(),
});

const scheduledEventSchema = z
  .object({
    uri,
    name: z.string().nullish(),
    start_time: timestamp,
    end_time: timestamp,
    location: locationSchema.nullish(),
  })
  .refine((event) => Date.parse(event.end_time) >= Date.parse(event.start_time), {
    message: "The meeting ends before it starts.",
    path: ["end_time"],
  });

const cancellationSchema = z.object({
  reason: z.string().nullish(),
  canceled_by: z.string().nullish(),
  canceler_type: z.enum(["host", "invitee"]).nullish(),
});

const answerSchema = z.object({
  question: z.string(),
  answer: z.string().nullish(),
  position: z.number().int().nullish(),
});

/** The Invitee resource, which Calendly sends as `payload` for all four events. */
const inviteeSchema = z.object({
  uri,
  email,
  name: z.string().nullish(),
  status: z.enum(["active", "canceled"]),
  timezone: z.string().nullish(),
  rescheduled: z.boolean().default(false),
  old_invitee: uri.nullish(),
  new_invitee: uri.nullish(),
  cancellation: cancellationSchema.nullish(),
  questions_and_answers: z.array(answerSchema).nullish(),
  scheduled_event: scheduledEventSchema,
  no_show: z.object({ uri }).nullish(),
});

/**
 * No-show deliveries are accepted in both shapes seen in the wild: the Invitee resource
 * (with `no_show` set) or the InviteeNoShow resource (`{ uri, invitee }`). Only the invitee
 * URI matters to us, so neither shape's other fields are required.
 */
const noShowPayloadSchema = z.union([
  z
    .object({ invitee: uri, uri: uri.nullish() })
    .transform((p) => ({ inviteeUri: p.invitee, noShowUri: p.uri ?? null })),
  z
    .object({ uri, no_show: z.object({ uri }).nullish() })
    .transform((p) => ({ inviteeUri: p.uri, noShowUri: p.no_show?.uri ?? null })),
]);

const envelope = {
  created_at: timestamp,
  created_by: z.string().nullish(),
};

export const calendlyWebhookSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("invitee.created"), ...envelope, payload: inviteeSchema }),
  z.object({ event: z.literal("invitee.canceled"), ...envelope, payload: inviteeSchema }),
  z.object({ event: z.literal("invitee_no_show.created"), ...envelope, payload: noShowPayloadSchema }),
  z.object({ event: z.literal("invitee_no_show.deleted"), ...envelope, payload: noShowPayloadSchema }),
]);
export type CalendlyWebhookBody = z.infer<typeof calendlyWebhookSchema>;

type Common = { event: CalendlyEventName; occurredAt: Date; inviteeUri: string };

export type CalendlyBooked = Common & {
  kind: "booked";
  eventUri: string;
  eventName: string | null;
  email: string;
  name: string | null;
  start: Date;
  end: Date;
  timezone: string | null;
  locationType: string | null;
  location: string | null;
  joinUrl: string | null;
  answers: { question: string; answer: string }[];
  /** Set when this booking replaces an earlier one: the two are one rescheduled meeting. */
  rescheduledFrom?: string;
};

export type CalendlyCanceled = Common & {
  kind: "canceled";
  eventUri: string;
  reason: string | null;
  canceledBy: string | null;
  cancelerType: "host" | "invitee" | null;
  /** True when a new booking replaces this one; the lead must not cool down. */
  rescheduled: boolean;
  newInviteeUri?: string;
};

export type CalendlyNoShow = Common & { kind: "no_show"; noShowUri: string | null };
export type CalendlyNoShowCleared = Common & { kind: "no_show_cleared"; noShowUri: string | null };

export type CalendlyEvent = CalendlyBooked | CalendlyCanceled | CalendlyNoShow | CalendlyNoShowCleared;

function normalize(body: CalendlyWebhookBody): CalendlyEvent {
  const occurredAt = new Date(body.created_at);
  switch (body.event) {
    case "invitee.created": {
      const p = body.payload;
      const location = p.scheduled_event.location;
      return {
        kind: "booked",
        event: body.event,
        occurredAt,
        inviteeUri: p.uri,
        eventUri: p.scheduled_event.uri,
        eventName: p.scheduled_event.name || null,
        email: p.email,
        name: p.name || null,
        start: new Date(p.scheduled_event.start_time),
        end: new Date(p.scheduled_event.end_time),
        timezone: p.timezone || null,
        locationType: location?.type || null,
        location: location?.location || null,
        joinUrl: location?.join_url || null,
        answers: (p.questions_and_answers ?? [])
          .slice()
          .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
          .map((qa) => ({ question: qa.question, answer: qa.answer ?? "" })),
        ...(p.old_invitee ? { rescheduledFrom: p.old_invitee } : {}),
      };
    }
    case "invitee.canceled": {
      const p = body.payload;
      return {
        kind: "canceled",
        event: body.event,
        occurredAt,
        inviteeUri: p.uri,
        eventUri: p.scheduled_event.uri,
        reason: p.cancellation?.reason || null,
        canceledBy: p.cancellation?.canceled_by || null,
        cancelerType: p.cancellation?.canceler_type ?? null,
        // Calendly sets `rescheduled` on the canceled invitee; `new_invitee` confirms it.
        rescheduled: p.rescheduled || Boolean(p.new_invitee),
        ...(p.new_invitee ? { newInviteeUri: p.new_invitee } : {}),
      };
    }
    case "invitee_no_show.created":
      return {
        kind: "no_show",
        event: body.event,
        occurredAt,
        inviteeUri: body.payload.inviteeUri,
        noShowUri: body.payload.noShowUri,
      };
    case "invitee_no_show.deleted":
      return {
        kind: "no_show_cleared",
        event: body.event,
        occurredAt,
        inviteeUri: body.payload.inviteeUri,
        noShowUri: body.payload.noShowUri,
      };
  }
}

/** Throws a ZodError for a body that is not a handled Calendly event; the route answers 422. */
export function parseCalendlyWebhook(body: unknown): CalendlyEvent {
  return normalize(calendlyWebhookSchema.parse(body));
}

export function safeParseCalendlyWebhook(
  body: unknown,
): { success: true; data: CalendlyEvent } | { success: false; error: z.ZodError } {
  const result = calendlyWebhookSchema.safeParse(body);
  return result.success ? { success: true, data: normalize(result.data) } : { success: false, error: result.error };
}

/**
 * The `inbound_events` key: event name + invitee URI, as the issue specifies. Calendly
 * retries with the same body, so a retry maps to the same key, while the cancel and the new
 * booking of a reschedule carry different invitee URIs and are both kept.
 *
 * No-shows add the no-show resource's URI: an invitee marked, unmarked and marked again
 * produces a second `invitee_no_show.created` for the same invitee, which must not be taken
 * for a retry of the first. Without a URI (a deletion in the Invitee shape) the delivery's
 * `created_at` stands in; processing a no-show twice changes nothing, so a retry with a new
 * `created_at` is harmless.
 */
export function idempotencyKey(
  event: Pick<CalendlyEvent, "event" | "inviteeUri"> & { noShowUri?: string | null; occurredAt?: Date },
): string {
  const base = `${event.event}:${event.inviteeUri}`;
  if (event.event !== "invitee_no_show.created" && event.event !== "invitee_no_show.deleted") return base;
  return `${base}:${event.noShowUri ?? `at:${event.occurredAt?.toISOString() ?? ""}`}`;
}
