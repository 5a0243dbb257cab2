/**
 * Sandbox only: builds the deliveries Calendly itself would send (same envelope, same
 * Invitee resource), signs them with the organization's sandbox key and hands them to the
 * very function the webhook route uses, so a simulated booking is recorded, deduplicated and
 * processed exactly like a real one.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { HttpError, invalid, notFound } from "@/lib/http/errors";
import {
  calendlyEndpoints,
  calendlySandboxEnabled,
  calendlySandboxKey,
  calendlyWebhookUrl,
} from "@/lib/integrations/calendly/config";
import type { CalendlyEventName } from "@/lib/integrations/calendly/events";
import { signCalendlyPayload } from "@/lib/integrations/calendly/signature";
import type { SimulateBookingInput, SimulateMeetingActionInput } from "./schema";
import { receiveCalendlyDelivery } from "./webhook";

export function requireSandbox(): void {
  if (!calendlySandboxEnabled()) {
    throw new HttpError(403, "Forbidden", "calendlySimulationOff");
  }
}

/** One Calendly booking, as the payload builders below turn it into deliveries. */
export type Booking = {
  eventUri: string;
  inviteeUri: string;
  title: string;
  email: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  location: string | null;
  joinUrl: string | null;
  answers: { question: string; answer: string }[];
};

const api = () => calendlyEndpoints().api;
export const newEventUri = () => `${api()}/scheduled_events/${randomUUID()}`;
export const newInviteeUri = (eventUri: string) => `${eventUri}/invitees/${randomUUID()}`;

/** The Invitee resource as Calendly's API v2 documents it (also the demo seed's, lib/demo/meetings.ts). */
export function inviteePayload(b: Booking, extra: Record<string, unknown> = {}) {
  const [first, ...rest] = b.name.split(" ");
  const now = new Date().toISOString();
  return {
    uri: b.inviteeUri,
    email: b.email,
    name: b.name,
    first_name: first ?? null,
    last_name: rest.join(" ") || null,
    status: "active",
    timezone: b.timezone,
    event: b.eventUri,
    created_at: now,
    updated_at: now,
    rescheduled: false,
    old_invitee: null,
    new_invitee: null,
    cancel_url: `https://calendly.com/cancellations/${b.inviteeUri.split("/").pop()}`,
    reschedule_url: `https://calendly.com/reschedulings/${b.inviteeUri.split("/").pop()}`,
    questions_and_answers: b.answers.map((qa, position) => ({ ...qa, position })),
    tracking: {
      utm_source: null,
      utm_medium: null,
      utm_campaign: null,
      utm_content: null,
      utm_term: null,
      salesforce_uuid: null,
    },
    text_reminder_number: null,
    no_show: null,
    payment: null,
    reconfirmation: null,
    routing_form_submission: null,
    scheduled_event: {
      uri: b.eventUri,
      name: b.title,
      status: "active",
      start_time: b.startsAt.toISOString(),
      end_time: b.endsAt.toISOString(),
      event_type: `${api()}/event_types/${randomUUID()}`,
      location: b.joinUrl
        ? { type: "google_conference", status: "pushed", join_url: b.joinUrl }
        : { type: "physical", location: b.location },
      invitees_counter: { total: 1, active: 1, limit: 1 },
      created_at: now,
      updated_at: now,
      event_memberships: [],
      event_guests: [],
    },
    ...extra,
  };
}

export type SimulatedDelivery = { event: CalendlyEventName; payload: unknown };

/**
 * Sends prepared deliveries in order. Call it after the transaction that prepared them has
 * ended: recording uses its own (service) transaction, and the embedded database runs one
 * transaction at a time.
 */
export async function deliverSimulated(orgId: string, deliveries: SimulatedDelivery[]): Promise<void> {
  for (const { event, payload } of deliveries) await deliver(orgId, event, payload);
}

async function deliver(orgId: string, event: CalendlyEventName, payload: unknown): Promise<void> {
  const raw = JSON.stringify({
    created_at: new Date().toISOString(),
    created_by: `${api()}/users/sandbox`,
    event,
    payload,
  });
  const result = await receiveCalendlyDelivery(
    {
      url: new URL(calendlyWebhookUrl({ org: orgId })),
      rawBody: Buffer.from(raw),
      signature: signCalendlyPayload(raw, calendlySandboxKey(orgId)),
      headers: { "user-agent": "Kiln sandbox (simulated Calendly delivery)" },
    },
    () => new HttpError(500, "Internal server error", "sandboxSignatureRefused"),
  );
  if (result.status !== 200) throw new HttpError(500, "Internal server error", "simulatedDeliveryRefused");
}

/** A new booking for a lead the caller can see (by its email), or for a new email address. */
export async function prepareSimulatedBooking(
  tx: Tx,
  orgId: string,
  input: SimulateBookingInput,
): Promise<{ inviteeUri: string; deliveries: SimulatedDelivery[] }> {
  requireSandbox();
  let email = input.email;
  let name = input.name;
  if (input.leadId) {
    // Through the caller's RLS: only a lead they can see.
    const { rows } = await tx.query<{ email: string | null; name: string }>(
      "select email, name from public.leads where id = $1 and org_id = $2 and deleted_at is null",
      [input.leadId, orgId],
    );
    const lead = rows[0];
    if (!lead) throw notFound("leadNotFound");
    if (!lead.email) throw invalid({ leadId: ["leadNeedsEmailForCalendly"] });
    email = lead.email;
    name ??= lead.name;
  }
  const startsAt = input.startsAt ?? nextHalfHour(new Date(Date.now() + 24 * 3600_000));
  const eventUri = newEventUri();
  const booking: Booking = {
    eventUri,
    inviteeUri: newInviteeUri(eventUri),
    title: input.title,
    email: email!,
    name: name ?? email!.split("@")[0]!,
    startsAt,
    endsAt: new Date(startsAt.getTime() + input.durationMinutes * 60_000),
    timezone: "Europe/Zurich",
    location: null,
    joinUrl: `https://meet.google.com/${randomUUID().slice(0, 3)}-${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 3)}`,
    answers: [{ question: "What would you like to discuss?", answer: "Solar panels for our roof (simulated booking)" }],
  };
  return {
    inviteeUri: booking.inviteeUri,
    deliveries: [{ event: "invitee.created", payload: inviteePayload(booking) }],
  };
}

const nextHalfHour = (at: Date) => new Date(Math.ceil(at.getTime() / 1_800_000) * 1_800_000);

type StoredMeeting = {
  provider: string;
  provider_event_uri: string | null;
  provider_invitee_uri: string | null;
  title: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string | null;
  location: string | null;
  join_url: string | null;
  invitee_email: string | null;
  invitee_name: string | null;
  answers: { question: string; answer: string }[];
  status: string;
  no_show: boolean;
  no_show_uri: string | null;
  rescheduled_to_id: string | null;
};

/** Cancel, reschedule or mark / clear a no-show on a simulated (or real) Calendly meeting, as Calendly would report it. */
export async function prepareSimulatedAction(
  tx: Tx,
  orgId: string,
  meetingId: string,
  input: SimulateMeetingActionInput,
): Promise<SimulatedDelivery[]> {
  requireSandbox();
  const { rows } = await tx.query<StoredMeeting>(
    `select provider, provider_event_uri, provider_invitee_uri, title, starts_at, ends_at, timezone, location, join_url,
            invitee_email, invitee_name, answers, status, no_show, no_show_uri, rescheduled_to_id
       from public.meetings where id = $1 and org_id = $2`,
    [meetingId, orgId],
  );
  const m = rows[0];
  if (!m) throw notFound("meetingNotFound");
  if (m.provider !== "calendly" || !m.provider_invitee_uri || !m.provider_event_uri || !m.invitee_email) {
    throw new HttpError(409, "Conflict", "simulateOnlyCalendly");
  }
  const booking: Booking = {
    eventUri: m.provider_event_uri,
    inviteeUri: m.provider_invitee_uri,
    title: m.title,
    email: m.invitee_email,
    name: m.invitee_name ?? m.invitee_email,
    startsAt: new Date(m.starts_at),
    endsAt: new Date(m.ends_at),
    timezone: m.timezone ?? "Europe/Zurich",
    location: m.location,
    joinUrl: m.join_url,
    answers: m.answers ?? [],
  };
  const active = m.status === "scheduled" && !m.rescheduled_to_id;
  switch (input.action) {
    case "cancel": {
      if (!active) throw new HttpError(409, "Conflict", "meetingNotScheduled");
      return [
        {
          event: "invitee.canceled",
          payload: inviteePayload(booking, {
            status: "canceled",
            cancellation: {
              canceled_by: booking.name,
              reason: input.reason || "Something came up",
              canceler_type: "invitee",
              created_at: new Date().toISOString(),
            },
          }),
        },
      ];
    }
    case "reschedule": {
      if (!active) throw new HttpError(409, "Conflict", "meetingNotScheduled");
      const duration = booking.endsAt.getTime() - booking.startsAt.getTime();
      const startsAt = input.startsAt ?? new Date(booking.startsAt.getTime() + 24 * 3600_000);
      const eventUri = newEventUri();
      const moved: Booking = {
        ...booking,
        eventUri,
        inviteeUri: newInviteeUri(eventUri),
        startsAt,
        endsAt: new Date(startsAt.getTime() + duration),
      };
      // Calendly's order: the old invitee is canceled (rescheduled: true), then the new one is created.
      return [
        {
          event: "invitee.canceled",
          payload: inviteePayload(booking, {
            status: "canceled",
            rescheduled: true,
            new_invitee: moved.inviteeUri,
            cancellation: {
              canceled_by: booking.name,
              reason: input.reason || null,
              canceler_type: "invitee",
              created_at: new Date().toISOString(),
            },
          }),
        },
        { event: "invitee.created", payload: inviteePayload(moved, { old_invitee: booking.inviteeUri }) },
      ];
    }
    case "no_show": {
      if (m.no_show) throw new HttpError(409, "Conflict", "meetingAlreadyNoShow");
      return [
        {
          event: "invitee_no_show.created",
          payload: {
            uri: `${api()}/invitee_no_shows/${randomUUID()}`,
            invitee: booking.inviteeUri,
            created_at: new Date().toISOString(),
          },
        },
      ];
    }
    case "no_show_cleared": {
      if (!m.no_show) throw new HttpError(409, "Conflict", "meetingNotNoShow");
      return [
        {
          event: "invitee_no_show.deleted",
          payload: {
            uri: m.no_show_uri ?? `${api()}/invitee_no_shows/${randomUUID()}`,
            invitee: booking.inviteeUri,
            created_at: new Date().toISOString(),
          },
        },
      ];
    }
  }
}
