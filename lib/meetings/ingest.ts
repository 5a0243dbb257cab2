/**
 * Calendly deliveries after their signature was verified: routed to an organization and
 * recorded once through the inbound-event pipeline (lib/inbound), then turned into meetings,
 * lead signals, timeline entries and notifications by `calendlyInbound`, the handler the job
 * catalogue registers with the pipeline (which owns claiming, retries, parking and sweeping).
 */
import "server-only";
import { withService, type Tx } from "@/lib/db";
import { defaultOwnerFor, orgByCalendlyUri, touchConnection } from "@/lib/integrations/connections";
import {
  idempotencyKey,
  parseCalendlyWebhook,
  type CalendlyBooked,
  type CalendlyCanceled,
  type CalendlyEvent,
  type CalendlyNoShow,
  type CalendlyNoShowCleared,
} from "@/lib/integrations/calendly/events";
import { env } from "@/lib/env";
import {
  recordInboundEventsIn,
  processInboundEventIn,
  waitingInboundEventIds,
  type Processed,
} from "@/lib/inbound/events";
import { defineInboundHandler, RetryLater, type InboundHandler } from "@/lib/inbound/handlers";
import { matchLeadByEmail } from "@/lib/leads/match";
import { assignFirstOwner } from "@/lib/leads/automation";
import type { Actor } from "@/lib/leads/types";
import { readBookingAnswers } from "./answers";
import {
  recordMeetingBooked,
  recordMeetingCanceled,
  recordMeetingMoved,
  recordMeetingNoShow,
  type MeetingRef,
} from "./record";

const ACTOR: Actor = { type: "webhook", name: "Calendly" };

// ---------------------------------------------------------------------------------------
// Routing and recording

/**
 * The organization of a delivery to the hand-made subscription (CALENDLY_WEBHOOK_SIGNING_KEY,
 * no `?connection=`): the connection whose Calendly user or organization made it; otherwise
 * CALENDLY_DEFAULT_ORG_ID; otherwise, on a single-organization install, that organization.
 * Null when none of these decides (the delivery is kept as unroutable).
 */
export async function resolveHandMadeOrg(tx: Tx, body: Record<string, unknown>): Promise<string | null> {
  const uris = [
    body.created_by,
    (
      body.payload as { scheduled_event?: { event_memberships?: { user?: unknown }[] } } | undefined
    )?.scheduled_event?.event_memberships?.map((m) => m.user),
  ]
    .flat()
    .filter((v): v is string => typeof v === "string");
  const byConnection = await orgByCalendlyUri(tx, uris);
  if (byConnection) return byConnection;
  const fallback = env().CALENDLY_DEFAULT_ORG_ID;
  if (fallback) {
    const { rows } = await tx.query("select 1 from public.organizations where id = $1", [fallback]);
    if (rows.length) return fallback;
  }
  const { rows } = await tx.query<{ id: string }>("select id from public.organizations limit 2");
  return rows.length === 1 ? rows[0]!.id : null;
}

/**
 * Stores a verified delivery once. `orgId` undefined: resolve it as a hand-made
 * subscription's. Returns the new event's id (null for a repeated delivery).
 */
export async function recordCalendlyEvent(
  event: CalendlyEvent,
  body: Record<string, unknown>,
  meta: { orgId?: string; headers: Record<string, string> },
): Promise<{ id: string | null; orgId: string | null }> {
  return withService((tx) => recordCalendlyEventIn(tx, event, body, meta));
}

/** recordCalendlyEvent on the caller's (service role) transaction: the demo seed records its deliveries inside its one transaction. */
export async function recordCalendlyEventIn(
  tx: Tx,
  event: CalendlyEvent,
  body: Record<string, unknown>,
  meta: { orgId?: string; headers: Record<string, string> },
): Promise<{ id: string | null; orgId: string | null }> {
  const orgId = meta.orgId ?? (await resolveHandMadeOrg(tx, body));
  const [id] = await recordInboundEventsIn(
    tx,
    [{ provider: "calendly", eventId: idempotencyKey(event), kind: event.event, payload: body }],
    {
      headers: meta.headers,
      orgId,
      state: orgId ? "pending" : "unroutable",
    },
  );
  if (orgId && id) await touchConnection(tx, orgId);
  return { id: orgId ? (id ?? null) : null, orgId };
}

// ---------------------------------------------------------------------------------------
// Processing

type Outcome = { state: "processed" | "unroutable"; followUps?: string[] };

/**
 * Registered with the inbound-event pipeline by the job catalogue. A delivery no organization
 * could be found for is unroutable; a booking's outcome names the no-shows that were waiting for it.
 */
export const calendlyInbound: InboundHandler = defineInboundHandler({
  provider: "calendly",
  async process(tx, event) {
    const outcome: Outcome = event.orgId ? await handle(tx, event.orgId, event.payload) : { state: "unroutable" };
    return { ...outcome, orgId: event.orgId };
  },
});

/** Processes a recorded delivery on the caller's (service role) transaction: the demo seed does its deliveries inside its one transaction. */
export function processCalendlyEventIn(tx: Tx, id: string): Promise<Processed> {
  return processInboundEventIn(tx, id, [calendlyInbound]);
}

function handle(tx: Tx, orgId: string, body: Record<string, unknown>): Promise<Outcome> {
  const event = parseCalendlyWebhook(body);
  switch (event.kind) {
    case "booked":
      return booked(tx, orgId, event);
    case "canceled":
      return canceled(tx, orgId, event, body.payload as Record<string, unknown>);
    case "no_show":
    case "no_show_cleared":
      return noShow(tx, orgId, event);
  }
}

type MeetingRow = {
  id: string;
  lead_id: string;
  status: string;
  title: string;
  starts_at: Date;
  no_show: boolean;
  no_show_changed_at: Date | null;
  rescheduled_to_id: string | null;
};

async function meetingByInvitee(tx: Tx, orgId: string, inviteeUri: string): Promise<MeetingRow | undefined> {
  const { rows } = await tx.query<MeetingRow>(
    `select id, lead_id, status, title, starts_at, no_show, no_show_changed_at, rescheduled_to_id from public.meetings
      where org_id = $1 and provider = 'calendly' and provider_invitee_uri = $2 for update`,
    [orgId, inviteeUri],
  );
  return rows[0];
}

/** As the host named the event type; empty when unnamed (the reader's language words the fallback). */
const titleOf = (e: Pick<CalendlyBooked, "eventName">) => e.eventName ?? "";

const refOf = (
  orgId: string,
  row: Pick<MeetingRow, "id" | "lead_id" | "title" | "starts_at">,
  inviteeUri: string,
): MeetingRef => ({
  orgId,
  leadId: row.lead_id,
  meetingId: row.id,
  signalId: inviteeUri,
  provider: "calendly",
  title: row.title,
  startsAt: new Date(row.starts_at),
});

/** The lead behind a booking: matched by email, or created (source calendly) for the connection's default owner. */
async function leadFor(tx: Tx, orgId: string, e: Pick<CalendlyBooked, "email" | "name">) {
  const lead = await matchLeadByEmail(tx, orgId, e.email, {
    name: e.name || e.email,
    source: "calendly",
    actor: ACTOR,
  });
  if (lead.created) {
    const owner = await defaultOwnerFor(tx, orgId);
    if (owner) {
      await assignFirstOwner(tx, { leadId: lead.id, ownerId: owner });
      return { ...lead, ownerId: owner };
    }
  }
  return lead;
}

/** Inserts the booking, or fills in an existing row (one a cancel created first) without touching its status. */
async function upsertMeeting(
  tx: Tx,
  orgId: string,
  leadId: string,
  ownerId: string | null,
  e: CalendlyBooked,
  status: "scheduled" | "canceled",
): Promise<{ id: string; inserted: boolean }> {
  const { rows } = await tx.query<{ id: string; inserted: boolean }>(
    `insert into public.meetings as m (org_id, lead_id, owner_id, provider, provider_event_uri, provider_invitee_uri, title, starts_at, ends_at,
                                       timezone, location, join_url, status, invitee_name, invitee_email, answers, booked_at)
     values ($1, $2, $3, 'calendly', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     on conflict (org_id, provider, provider_invitee_uri) where provider_invitee_uri is not null do update set
       provider_event_uri = excluded.provider_event_uri, title = excluded.title, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
       timezone = coalesce(excluded.timezone, m.timezone), location = coalesce(excluded.location, m.location),
       join_url = coalesce(excluded.join_url, m.join_url), invitee_name = coalesce(excluded.invitee_name, m.invitee_name),
       invitee_email = excluded.invitee_email,
       answers = case when jsonb_array_length(excluded.answers) > 0 then excluded.answers else m.answers end
     returning id, (xmax = 0) as inserted`,
    [
      orgId,
      leadId,
      ownerId,
      e.eventUri,
      e.inviteeUri,
      titleOf(e).slice(0, 300),
      e.start,
      e.end,
      e.timezone,
      (e.location ?? e.locationType)?.slice(0, 1000) ?? null,
      e.joinUrl?.slice(0, 2000) ?? null,
      status,
      e.name?.slice(0, 300) ?? null,
      e.email.toLowerCase(),
      JSON.stringify(e.answers),
      e.occurredAt,
    ],
  );
  return rows[0]!;
}

async function booked(tx: Tx, orgId: string, e: CalendlyBooked): Promise<Outcome> {
  const lead = await leadFor(tx, orgId, e);
  const meeting = await upsertMeeting(tx, orgId, lead.id, lead.ownerId, e, "scheduled");
  // Already there: a cancel that overtook this booking created it (and a canceled booking is
  // not resurrected), or this is a re-processing. Either way nothing new happened to the lead.
  if (!meeting.inserted) return { state: "processed", followUps: await waitingNoShows(tx, orgId, e.inviteeUri) };

  const previous = e.rescheduledFrom ? await meetingByInvitee(tx, orgId, e.rescheduledFrom) : undefined;
  if (previous) {
    await tx.query(
      `update public.meetings set rescheduled_to_id = $2, status = 'canceled', canceled_at = coalesce(canceled_at, $3) where id = $1`,
      [previous.id, meeting.id, e.occurredAt],
    );
    await tx.query("update public.meetings set rescheduled_from_id = $2 where id = $1", [meeting.id, previous.id]);
  }
  const ref = refOf(orgId, { id: meeting.id, lead_id: lead.id, title: titleOf(e), starts_at: e.start }, e.inviteeUri);
  const change = { actor: ACTOR, at: e.occurredAt };
  if (e.rescheduledFrom) {
    await recordMeetingMoved(tx, ref, {
      ...change,
      previous: {
        meetingId: previous?.id ?? null,
        signalId: e.rescheduledFrom,
        startsAt: previous ? new Date(previous.starts_at) : null,
      },
    });
  } else {
    await recordMeetingBooked(tx, ref, { ...change, joinUrl: e.joinUrl });
    // The booking form's answers, read for BANT once per booking (a reschedule carries the same ones).
    await readBookingAnswers(tx, { orgId, leadId: lead.id, meetingId: meeting.id, answers: e.answers, actor: ACTOR });
  }
  return { state: "processed", followUps: await waitingNoShows(tx, orgId, e.inviteeUri) };
}

/** The invitee's cancel payload is the full Invitee resource: enough to create the row when the booking has not arrived. */
function bookingFromCancel(e: CalendlyCanceled, payload: Record<string, unknown>): CalendlyBooked {
  const booked = parseCalendlyWebhook({ event: "invitee.created", created_at: e.occurredAt.toISOString(), payload });
  if (booked.kind !== "booked") throw new Error("unreachable");
  // The cancel of a reschedule's old half is not itself a reschedule's new half.
  delete booked.rescheduledFrom;
  return { ...booked, occurredAt: e.occurredAt };
}

async function canceled(
  tx: Tx,
  orgId: string,
  e: CalendlyCanceled,
  payload: Record<string, unknown>,
): Promise<Outcome> {
  let row = await meetingByInvitee(tx, orgId, e.inviteeUri);
  let createdHere = false;
  if (!row) {
    // Out of order: the cancel overtook the booking. The row starts out canceled, and the
    // booking, when it arrives, fills in details without bringing it back.
    const booking = bookingFromCancel(e, payload);
    const lead = await leadFor(tx, orgId, booking);
    await upsertMeeting(tx, orgId, lead.id, lead.ownerId, booking, "canceled");
    row = (await meetingByInvitee(tx, orgId, e.inviteeUri))!;
    createdHere = true;
  }
  const wasCanceled = row.status === "canceled" && !createdHere;
  await tx.query(
    `update public.meetings set status = 'canceled', canceled_reason = $2, canceled_by = $3, canceled_at = coalesce(canceled_at, $4) where id = $1`,
    [row.id, e.reason?.slice(0, 1000) ?? null, e.canceledBy?.slice(0, 300) ?? null, e.occurredAt],
  );

  if (e.rescheduled) {
    // One rescheduled meeting, not a cancellation: link the halves if the new one is here;
    // otherwise its booking links them when it arrives. The lead does not cool down.
    if (e.newInviteeUri) {
      const next = await meetingByInvitee(tx, orgId, e.newInviteeUri);
      if (next) {
        await tx.query("update public.meetings set rescheduled_to_id = $2 where id = $1", [row.id, next.id]);
        await tx.query(
          "update public.meetings set rescheduled_from_id = $2 where id = $1 and rescheduled_from_id is null",
          [next.id, row.id],
        );
      }
    }
    return { state: "processed" };
  }
  if (wasCanceled || row.rescheduled_to_id) return { state: "processed" };

  await recordMeetingCanceled(tx, refOf(orgId, row, e.inviteeUri), {
    actor: ACTOR,
    at: e.occurredAt,
    reason: e.reason,
    cancelerType: e.cancelerType,
  });
  return { state: "processed" };
}

async function noShow(tx: Tx, orgId: string, e: CalendlyNoShow | CalendlyNoShowCleared): Promise<Outcome> {
  const row = await meetingByInvitee(tx, orgId, e.inviteeUri);
  // The booking has not been processed yet: retry (its processing also nudges this event).
  if (!row) throw new RetryLater(`No meeting for invitee ${e.inviteeUri} (yet).`);
  const marked = e.kind === "no_show";
  // A late delivery of an older change never undoes a newer one.
  if (row.no_show_changed_at && new Date(row.no_show_changed_at).getTime() > e.occurredAt.getTime())
    return { state: "processed" };
  await tx.query("update public.meetings set no_show = $2, no_show_uri = $3, no_show_changed_at = $4 where id = $1", [
    row.id,
    marked,
    marked ? (e.noShowUri ?? null) : null,
    e.occurredAt,
  ]);
  if (row.no_show === marked) return { state: "processed" };

  await recordMeetingNoShow(tx, refOf(orgId, row, e.inviteeUri), { actor: ACTOR, at: e.occurredAt, marked });
  return { state: "processed" };
}

/** Pending no-show deliveries that were waiting for this booking. */
function waitingNoShows(tx: Tx, orgId: string, inviteeUri: string): Promise<string[]> {
  return waitingInboundEventIds(tx, {
    provider: "calendly",
    orgId,
    kindPrefix: "invitee_no_show.",
    mention: inviteeUri,
  });
}
