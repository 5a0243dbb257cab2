/**
 * Demo meetings for the embedded database: a week of Calendly bookings for existing demo
 * leads, built the way Calendly would deliver them (the sandbox's Invitee payloads, see
 * simulate.ts) and recorded and processed by the webhook's own code (ingest.ts), so every
 * meeting row, lead timeline entry, heat change and notification is what a real booking
 * would have produced. All on the seed's one transaction: the embedded database runs one
 * transaction at a time, so nothing here may open another.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { actAs, type Tx } from "@/lib/db";
import { calendlyEndpoints } from "@/lib/integrations/calendly/config";
import { safeParseCalendlyWebhook, type CalendlyEventName } from "@/lib/integrations/calendly/events";
import { evaluate } from "@/lib/scoring";
import { markMeetingHeld } from "@/lib/meetings/held";
import { processCalendlyEventIn, recordCalendlyEventIn } from "@/lib/meetings/ingest";
import { inviteePayload, newEventUri, newInviteeUri, type Booking } from "@/lib/meetings/simulate";

export type DemoMeetingsOptions = { orgId: string; now?: Date };

export type DemoMeetingKind = "upcoming" | "rescheduled" | "completed" | "no_show" | "canceled";

/** What the seed made, by the final (shown) meeting's invitee URI. */
export type SeededMeeting = { kind: DemoMeetingKind; leadId: string; inviteeUri: string };

type DemoLead = { id: string; name: string; email: string; owner_id: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIMEZONE = "Europe/Zurich";
/** Meetings start on the hour or half hour, as Calendly offers them. */
const slot = (at: number) => new Date(Math.ceil(at / (30 * MINUTE)) * 30 * MINUTE);

/** How far TIMEZONE's wall clock is ahead of UTC at `at` (ms). */
function zoneOffset(at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: TIMEZONE,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  );
  return (
    Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) -
    Math.floor(at / 1000) * 1000
  );
}

/** `day` days from today in TIMEZONE, at a local time of day: business hours, whatever the server's clock says. */
function localTime(now: number, day: number, [hour, minute]: [number, number]): Date {
  const date = new Date(now + day * DAY + zoneOffset(now + day * DAY));
  const wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hour, minute);
  return new Date(wall - zoneOffset(wall - zoneOffset(wall)));
}

const startOf = (starts: Plan["starts"], now: number) =>
  "in" in starts ? slot(now + starts.in) : localTime(now, starts.day, starts.at);

type Plan = {
  kind: DemoMeetingKind;
  title: string;
  /** Start: a while from now, or a day from today at a local (Zurich) time of day. */
  starts: { in: number } | { day: number; at: [hour: number, minute: number] };
  minutes: number;
  /** When the invitee booked, relative to now (negative: in the past). */
  bookedIn: number;
  location?: string;
  answers: [string, string][];
  /** rescheduled: the first booking's start and when it was moved. */
  reschedule?: { originally: { day: number; at: [number, number] }; movedIn: number };
  /** canceled: when and why. */
  cancel?: { in: number; reason: string };
};

const DISCUSS = "What would you like to discuss?";
const ROOF = "Roof type and approximate size";

/** The week around now: five coming up (one of them moved), one held, one missed, one called off. */
const PLANS: Plan[] = [
  {
    kind: "upcoming",
    title: "Rooftop solar consultation",
    starts: { in: 2 * HOUR },
    minutes: 30,
    bookedIn: -20 * HOUR,
    answers: [
      [DISCUSS, "We'd like a quote for panels on our house and whether a battery makes sense."],
      [ROOF, "Pitched tile roof, about 80 m²"],
    ],
  },
  {
    kind: "upcoming",
    title: "Battery storage intro call",
    starts: { day: 1, at: [10, 0] },
    minutes: 30,
    bookedIn: -2 * DAY,
    answers: [[DISCUSS, "Adding storage to the 9 kWp system we installed in 2021."]],
  },
  {
    kind: "upcoming",
    title: "Financing options walkthrough",
    starts: { day: 3, at: [14, 30] },
    minutes: 45,
    bookedIn: -26 * HOUR,
    answers: [[DISCUSS, "Leasing versus buying, and which subsidies apply in canton Zurich."]],
  },
  {
    kind: "upcoming",
    title: "Proposal review",
    starts: { day: 7, at: [11, 0] },
    minutes: 45,
    bookedIn: -5 * HOUR,
    answers: [[DISCUSS, "Going through the proposal with my partner before we sign."]],
  },
  {
    kind: "rescheduled",
    title: "Commercial storage site survey",
    starts: { day: 8, at: [9, 30] },
    minutes: 60,
    bookedIn: -4 * DAY,
    reschedule: { originally: { day: 1, at: [15, 0] }, movedIn: -22 * HOUR },
    answers: [
      [DISCUSS, "Peak shaving for our cold-storage warehouse; we draw about 400 MWh a year."],
      [ROOF, "Flat roof, roughly 1,200 m²"],
    ],
  },
  {
    kind: "completed",
    title: "Site visit",
    starts: { day: -3, at: [14, 0] },
    minutes: 60,
    bookedIn: -9 * DAY,
    location: "Acme Solar showroom, Hardturmstrasse 101, 8005 Zürich",
    answers: [[DISCUSS, "Seeing panel samples and the inverter options in person."]],
  },
  {
    kind: "no_show",
    title: "Intro call",
    starts: { day: -1, at: [16, 30] },
    minutes: 30,
    bookedIn: -6 * DAY,
    answers: [[DISCUSS, "Getting a first idea of costs for a small roof."]],
  },
  {
    kind: "canceled",
    title: "Rooftop solar consultation",
    starts: { day: 2, at: [10, 30] },
    minutes: 30,
    bookedIn: -3 * DAY,
    cancel: {
      in: -6 * HOUR,
      reason: "We're postponing the project until after the winter. I'll get back to you in spring.",
    },
    answers: [[DISCUSS, "Panels for our new garage roof."]],
  },
];

const meetUrl = () => {
  const letters = randomUUID()
    .replace(/[^a-f]/g, "")
    .padEnd(10, "k");
  return `https://meet.google.com/${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7, 10)}`;
};

type Delivery = { at: Date; event: CalendlyEventName; payload: unknown };

/**
 * Open leads with an owner, an email and no meeting yet that a booking would turn hot (asked
 * of the scoring engine itself, with the lead's own state), a couple per owner so every demo
 * user has meetings of their own.
 */
async function pickLeads(tx: Tx, orgId: string, count: number, now: Date): Promise<DemoLead[]> {
  const { rows } = await tx.query<
    DemoLead & { bant: unknown; heat_level: string; heat_score: number; engagement: unknown }
  >(
    `select l.id, l.name, l.email, l.owner_id, l.bant, l.heat_level, l.heat_score, l.engagement from public.leads l
      where l.org_id = $1 and l.deleted_at is null and l.owner_id is not null
        and l.email is not null and l.email = lower(l.email)
        and l.status in ('new', 'contacted', 'qualified') and l.heat_level in ('cold', 'warm') and l.heat_override is null
        and coalesce((l.engagement ->> 'meetingsBooked')::int, 0) = 0
        and jsonb_array_length(coalesce(l.engagement -> 'meetings', '[]'::jsonb)) = 0
        and not exists (select 1 from public.meetings m where m.lead_id = l.id)
      order by l.heat_score desc, l.name, l.id
      limit 400`,
    [orgId],
  );
  const booking = {
    type: "meeting_booked" as const,
    at: new Date(now.getTime() - DAY).toISOString(),
    meetingId: "demo-projection",
    startsAt: new Date(now.getTime() + 2 * DAY).toISOString(),
    source: "Calendly",
  };
  // Hot rather than burning first: the demo should show leads warming up, not all at the top.
  const rank = { hot: 0, burning: 1 } as Record<string, number>;
  const turning = rows
    .map((lead) => ({
      lead,
      level: evaluate(
        {
          bant: lead.bant,
          heat: { level: lead.heat_level, score: lead.heat_score, override: null },
          engagement: lead.engagement,
        } as never,
        booking,
        now,
      ).heat.level,
    }))
    .filter((c) => c.level in rank)
    .sort((a, b) => rank[a.level]! - rank[b.level]!);
  const byOwner = new Map<string, DemoLead[]>();
  for (const { lead } of turning)
    byOwner.set(lead.owner_id, [
      ...(byOwner.get(lead.owner_id) ?? []),
      { id: lead.id, name: lead.name, email: lead.email, owner_id: lead.owner_id },
    ]);
  const picked: DemoLead[] = [];
  for (let round = 0; picked.length < count && [...byOwner.values()].some((leads) => leads.length > round); round++) {
    for (const leads of byOwner.values()) if (leads[round] && picked.length < count) picked.push(leads[round]!);
  }
  return picked;
}

function deliveriesFor(plan: Plan, lead: DemoLead, now: number): { deliveries: Delivery[]; inviteeUri: string } {
  const booking = (startsAt: Date): Booking => {
    const eventUri = newEventUri();
    return {
      eventUri,
      inviteeUri: newInviteeUri(eventUri),
      title: plan.title,
      email: lead.email,
      name: lead.name,
      startsAt,
      endsAt: new Date(startsAt.getTime() + plan.minutes * MINUTE),
      timezone: TIMEZONE,
      location: plan.location ?? null,
      joinUrl: plan.location ? null : meetUrl(),
      answers: plan.answers.map(([question, answer]) => ({ question, answer })),
    };
  };
  const stamped = (at: Date) => ({ created_at: at.toISOString(), updated_at: at.toISOString() });
  const bookedAt = new Date(now + plan.bookedIn);

  if (plan.reschedule) {
    const first = booking(localTime(now, plan.reschedule.originally.day, plan.reschedule.originally.at));
    const moved = booking(startOf(plan.starts, now));
    const movedAt = new Date(now + plan.reschedule.movedIn);
    return {
      inviteeUri: moved.inviteeUri,
      // Calendly's order for a reschedule: the old invitee is canceled, then the new one is created.
      deliveries: [
        { at: bookedAt, event: "invitee.created", payload: inviteePayload(first, stamped(bookedAt)) },
        {
          at: movedAt,
          event: "invitee.canceled",
          payload: inviteePayload(first, {
            ...stamped(movedAt),
            status: "canceled",
            rescheduled: true,
            new_invitee: moved.inviteeUri,
            cancellation: {
              canceled_by: lead.name,
              reason: "Our facility manager is away that week.",
              canceler_type: "invitee",
              created_at: movedAt.toISOString(),
            },
          }),
        },
        {
          at: new Date(movedAt.getTime() + 1000),
          event: "invitee.created",
          payload: inviteePayload(moved, { ...stamped(movedAt), old_invitee: first.inviteeUri }),
        },
      ],
    };
  }

  const b = booking(startOf(plan.starts, now));
  const deliveries: Delivery[] = [
    { at: bookedAt, event: "invitee.created", payload: inviteePayload(b, stamped(bookedAt)) },
  ];
  if (plan.cancel) {
    const canceledAt = new Date(now + plan.cancel.in);
    deliveries.push({
      at: canceledAt,
      event: "invitee.canceled",
      payload: inviteePayload(b, {
        ...stamped(canceledAt),
        status: "canceled",
        cancellation: {
          canceled_by: lead.name,
          reason: plan.cancel.reason,
          canceler_type: "invitee",
          created_at: canceledAt.toISOString(),
        },
      }),
    });
  }
  if (plan.kind === "no_show") {
    // The host marks the no-show a quarter of an hour into the slot.
    const markedAt = new Date(b.startsAt.getTime() + 15 * MINUTE);
    deliveries.push({
      at: markedAt,
      event: "invitee_no_show.created",
      payload: {
        uri: `${calendlyEndpoints().api}/invitee_no_shows/${randomUUID()}`,
        invitee: b.inviteeUri,
        created_at: markedAt.toISOString(),
      },
    });
  }
  return { deliveries, inviteeUri: b.inviteeUri };
}

/**
 * Books the demo week for `orgId` and returns what it made. Needs the demo leads (it picks
 * warm, owned leads with an email); with fewer such leads it books fewer meetings.
 */
export async function seedDemoMeetings(tx: Tx, options: DemoMeetingsOptions): Promise<SeededMeeting[]> {
  const now = (options.now ?? new Date()).getTime();
  await actAs(tx, "service_role");
  const leads = await pickLeads(tx, options.orgId, PLANS.length, new Date(now));
  const planned = PLANS.slice(0, leads.length).map((plan, i) => ({
    plan,
    lead: leads[i]!,
    ...deliveriesFor(plan, leads[i]!, now),
  }));

  // One stream in the order Calendly would have sent it, so each lead's timeline reads right.
  const stream = planned.flatMap((p) => p.deliveries).sort((a, b) => a.at.getTime() - b.at.getTime());
  const api = calendlyEndpoints().api;
  for (const delivery of stream) {
    const body = {
      event: delivery.event,
      created_at: delivery.at.toISOString(),
      created_by: `${api}/users/acme-demo`,
      payload: delivery.payload,
    };
    const parsed = safeParseCalendlyWebhook(body);
    if (!parsed.success) throw new Error(`Demo Calendly delivery does not parse: ${parsed.error.message}`);
    const recorded = await recordCalendlyEventIn(tx, parsed.data, body, {
      orgId: options.orgId,
      headers: { "user-agent": "Kiln demo seed" },
    });
    if (!recorded.id) throw new Error(`Demo Calendly delivery ${delivery.event} was not recorded.`);
    const { result } = await processCalendlyEventIn(tx, recorded.id);
    if (result !== "processed")
      throw new Error(`Demo Calendly delivery ${delivery.event} was not processed (${result}).`);
  }

  // Calendly never reports that a meeting took place; the host records it. The held one is
  // marked the way its owner would have marked it in the app (lib/meetings/held.ts).
  for (const { lead, inviteeUri } of planned.filter((p) => p.plan.kind === "completed")) {
    const { rows } = await tx.query<{ id: string }>(
      "select id from public.meetings where org_id = $1 and provider = 'calendly' and provider_invitee_uri = $2",
      [options.orgId, inviteeUri],
    );
    const { rows: owner } = await tx.query<{ name: string }>(
      "select coalesce(nullif(full_name, ''), email) as name from public.profiles where id = $1",
      [lead.owner_id],
    );
    await markMeetingHeld(tx, {
      orgId: options.orgId,
      meetingId: rows[0]!.id,
      actor: { type: "user", id: lead.owner_id, name: owner[0]?.name ?? "Owner" },
      now: new Date(now),
    });
  }
  return planned.map(({ plan, lead, inviteeUri }) => ({ kind: plan.kind, leadId: lead.id, inviteeUri }));
}
