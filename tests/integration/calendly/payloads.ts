import { randomUUID } from "node:crypto";
import { calendlySandboxKey } from "@/lib/integrations/calendly/config";
import { signCalendlyPayload } from "@/lib/integrations/calendly/signature";
import { Browser } from "../api/http";

/** Calendly as the tests play it: its envelope and Invitee resource, signed with the real algorithm. */
export const calendly = new Browser();
const API = "https://api.calendly.com";

export type Invitee = {
  eventUri: string;
  inviteeUri: string;
  email: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
};

export function newInvitee(email: string, overrides: Partial<Invitee> = {}): Invitee {
  const eventUri = `${API}/scheduled_events/${randomUUID()}`;
  const startsAt = overrides.startsAt ?? new Date(Date.now() + 2 * 24 * 3600_000);
  return {
    eventUri,
    inviteeUri: `${eventUri}/invitees/${randomUUID()}`,
    email,
    name: "Lena Vogel",
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    title: "Solar consultation",
    ...overrides,
  };
}

export function inviteeResource(i: Invitee, extra: Record<string, unknown> = {}) {
  return {
    uri: i.inviteeUri,
    email: i.email,
    name: i.name,
    status: "active",
    timezone: "Europe/Zurich",
    rescheduled: false,
    old_invitee: null,
    new_invitee: null,
    questions_and_answers: [{ question: "Roof size?", answer: "About 80 m²", position: 0 }],
    scheduled_event: {
      uri: i.eventUri,
      name: i.title,
      start_time: i.startsAt.toISOString(),
      end_time: i.endsAt.toISOString(),
      location: { type: "zoom", join_url: "https://zoom.us/j/123456789" },
      event_memberships: [{ user: `${API}/users/HOST` }],
    },
    no_show: null,
    cancel_url: "https://calendly.com/cancellations/x",
    ...extra,
  };
}

export const envelope = (event: string, payload: unknown, createdAt = new Date()) => ({
  created_at: createdAt.toISOString(),
  created_by: `${API}/users/HOST`,
  event,
  payload,
});

export const booked = (i: Invitee, extra: Record<string, unknown> = {}) =>
  envelope("invitee.created", inviteeResource(i, extra));
export const canceled = (i: Invitee, extra: Record<string, unknown> = {}) =>
  envelope(
    "invitee.canceled",
    inviteeResource(i, {
      status: "canceled",
      cancellation: { reason: "Something came up", canceled_by: i.name, canceler_type: "invitee" },
      ...extra,
    }),
  );
export const noShow = (i: Invitee, noShowUri = `${API}/invitee_no_shows/${randomUUID()}`, at = new Date()) =>
  envelope("invitee_no_show.created", { uri: noShowUri, invitee: i.inviteeUri, created_at: at.toISOString() }, at);
export const noShowDeleted = (i: Invitee, noShowUri: string, at = new Date()) =>
  envelope("invitee_no_show.deleted", { uri: noShowUri, invitee: i.inviteeUri }, at);

/** POSTs a body to the webhook route, signed with the organization's sandbox key unless told otherwise. */
export function postCalendly(
  orgId: string | null,
  body: unknown,
  options: { key?: string; raw?: string; signature?: string | null; at?: Date; query?: string } = {},
) {
  const raw = options.raw ?? JSON.stringify(body);
  const key = options.key ?? (orgId ? calendlySandboxKey(orgId) : "");
  const signature = options.signature === undefined ? signCalendlyPayload(raw, key, options.at) : options.signature;
  const query = options.query ?? (orgId ? `?org=${orgId}` : "");
  return calendly.post(`/api/webhooks/calendly${query}`, undefined, {
    rawBody: raw,
    contentType: "application/json",
    origin: null,
    headers: signature === null ? {} : { "calendly-webhook-signature": signature },
  });
}
