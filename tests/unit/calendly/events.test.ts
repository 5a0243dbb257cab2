import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  idempotencyKey,
  isHandledCalendlyEvent,
  parseCalendlyWebhook,
  safeParseCalendlyWebhook,
} from "@/lib/integrations/calendly/events";

const API = "https://api.calendly.com";
const EVENT = `${API}/scheduled_events/EVT-1`;
const INVITEE = `${EVENT}/invitees/INV-1`;
const NEW_EVENT = `${API}/scheduled_events/EVT-2`;
const NEW_INVITEE = `${NEW_EVENT}/invitees/INV-2`;
const HOST = `${API}/users/HOST-1`;

/** An Invitee payload shaped like Calendly's, including fields we do not read. */
function invitee(overrides: Record<string, unknown> = {}, scheduledEvent: Record<string, unknown> = {}) {
  return {
    uri: INVITEE,
    email: "ada@example.com",
    first_name: null,
    last_name: null,
    name: "Ada Lovelace",
    status: "active",
    timezone: "Europe/Zurich",
    event: EVENT,
    created_at: "2026-05-01T08:00:00.000000Z",
    updated_at: "2026-05-01T08:00:00.000000Z",
    cancel_url: "https://calendly.com/cancellations/INV-1",
    reschedule_url: "https://calendly.com/reschedulings/INV-1",
    rescheduled: false,
    old_invitee: null,
    new_invitee: null,
    cancellation: null,
    no_show: null,
    payment: null,
    reconfirmation: null,
    routing_form_submission: null,
    text_reminder_number: null,
    tracking: {
      utm_campaign: null,
      utm_source: null,
      utm_medium: null,
      utm_content: null,
      utm_term: null,
      salesforce_uuid: null,
    },
    questions_and_answers: [
      { question: "Roof size?", answer: "120 m²", position: 1 },
      { question: "Company", answer: "Analytical Engines", position: 0 },
    ],
    scheduled_event: {
      uri: EVENT,
      name: "Solar consultation",
      status: "active",
      start_time: "2026-05-12T09:00:00.000000Z",
      end_time: "2026-05-12T09:30:00.000000Z",
      event_type: `${API}/event_types/ET-1`,
      location: { type: "zoom", status: "pushed", join_url: "https://zoom.us/j/123", location: null },
      invitees_counter: { total: 1, active: 1, limit: 1 },
      event_memberships: [{ user: HOST, user_email: "rep@acme.test" }],
      event_guests: [],
      ...scheduledEvent,
    },
    ...overrides,
  };
}

const envelope = (event: string, payload: unknown) => ({
  event,
  created_at: "2026-05-01T08:00:01.000000Z",
  created_by: HOST,
  payload,
});

describe("parseCalendlyWebhook", () => {
  it("normalizes invitee.created into a booking", () => {
    const parsed = parseCalendlyWebhook(envelope("invitee.created", invitee()));
    expect(parsed).toEqual({
      kind: "booked",
      event: "invitee.created",
      occurredAt: new Date("2026-05-01T08:00:01Z"),
      inviteeUri: INVITEE,
      eventUri: EVENT,
      eventName: "Solar consultation",
      email: "ada@example.com",
      name: "Ada Lovelace",
      start: new Date("2026-05-12T09:00:00Z"),
      end: new Date("2026-05-12T09:30:00Z"),
      timezone: "Europe/Zurich",
      locationType: "zoom",
      location: null,
      joinUrl: "https://zoom.us/j/123",
      // Ordered by Calendly's position, not by array order.
      answers: [
        { question: "Company", answer: "Analytical Engines" },
        { question: "Roof size?", answer: "120 m²" },
      ],
    });
    expect(parsed).not.toHaveProperty("rescheduledFrom");
  });

  it.each([
    [
      "a physical address",
      { type: "physical", location: "Bahnhofstrasse 1, Zürich" },
      { locationType: "physical", location: "Bahnhofstrasse 1, Zürich", joinUrl: null },
    ],
    [
      "an outbound call",
      { type: "outbound_call", location: "+41446681800" },
      { locationType: "outbound_call", location: "+41446681800", joinUrl: null },
    ],
    ["no location", null, { locationType: null, location: null, joinUrl: null }],
  ])("keeps the location of a booking with %s", (_label, location, expected) => {
    expect(parseCalendlyWebhook(envelope("invitee.created", invitee({}, { location })))).toMatchObject(expected);
  });

  it("reads the second half of a reschedule as a booking that replaces the old invitee", () => {
    const parsed = parseCalendlyWebhook(
      envelope(
        "invitee.created",
        invitee(
          { uri: NEW_INVITEE, old_invitee: INVITEE },
          { uri: NEW_EVENT, start_time: "2026-05-13T09:00:00Z", end_time: "2026-05-13T09:30:00Z" },
        ),
      ),
    );
    expect(parsed).toMatchObject({
      kind: "booked",
      inviteeUri: NEW_INVITEE,
      eventUri: NEW_EVENT,
      rescheduledFrom: INVITEE,
      start: new Date("2026-05-13T09:00:00Z"),
    });
  });

  it("normalizes a plain cancellation", () => {
    const parsed = parseCalendlyWebhook(
      envelope(
        "invitee.canceled",
        invitee({
          status: "canceled",
          cancellation: {
            canceled_by: "Ada Lovelace",
            reason: "Found another installer",
            canceler_type: "invitee",
            created_at: "2026-05-02T10:00:00Z",
          },
        }),
      ),
    );
    expect(parsed).toEqual({
      kind: "canceled",
      event: "invitee.canceled",
      occurredAt: new Date("2026-05-01T08:00:01Z"),
      inviteeUri: INVITEE,
      eventUri: EVENT,
      reason: "Found another installer",
      canceledBy: "Ada Lovelace",
      cancelerType: "invitee",
      rescheduled: false,
    });
  });

  it("reads the first half of a reschedule as a cancellation that points at the new invitee", () => {
    const parsed = parseCalendlyWebhook(
      envelope(
        "invitee.canceled",
        invitee({
          status: "canceled",
          rescheduled: true,
          new_invitee: NEW_INVITEE,
          cancellation: { canceled_by: "Ada Lovelace", reason: null, canceler_type: "invitee" },
        }),
      ),
    );
    expect(parsed).toMatchObject({ kind: "canceled", rescheduled: true, newInviteeUri: NEW_INVITEE, reason: null });
  });

  it("treats a cancellation with a new_invitee as a reschedule even if the flag is missing", () => {
    const payload = invitee({ status: "canceled", new_invitee: NEW_INVITEE });
    delete (payload as Record<string, unknown>).rescheduled;
    expect(parseCalendlyWebhook(envelope("invitee.canceled", payload))).toMatchObject({
      rescheduled: true,
      newInviteeUri: NEW_INVITEE,
    });
  });

  it("pairs the two halves of a reschedule by invitee URI", () => {
    const canceled = parseCalendlyWebhook(
      envelope("invitee.canceled", invitee({ status: "canceled", rescheduled: true, new_invitee: NEW_INVITEE })),
    );
    const booked = parseCalendlyWebhook(
      envelope("invitee.created", invitee({ uri: NEW_INVITEE, old_invitee: INVITEE }, { uri: NEW_EVENT })),
    );
    if (canceled.kind !== "canceled" || booked.kind !== "booked") throw new Error("unexpected kinds");
    expect(canceled.newInviteeUri).toBe(booked.inviteeUri);
    expect(booked.rescheduledFrom).toBe(canceled.inviteeUri);
  });

  it.each([
    [
      "the Invitee resource with no_show set",
      "invitee_no_show.created",
      invitee({ no_show: { uri: `${API}/invitee_no_shows/NS-1`, created_at: "2026-05-12T09:40:00Z" } }),
      { kind: "no_show", noShowUri: `${API}/invitee_no_shows/NS-1` },
    ],
    [
      "the InviteeNoShow resource",
      "invitee_no_show.created",
      { uri: `${API}/invitee_no_shows/NS-1`, invitee: INVITEE, created_at: "2026-05-12T09:40:00Z" },
      { kind: "no_show", noShowUri: `${API}/invitee_no_shows/NS-1` },
    ],
    [
      "the Invitee resource after the mark was removed",
      "invitee_no_show.deleted",
      invitee({ no_show: null }),
      { kind: "no_show_cleared", noShowUri: null },
    ],
    [
      "the InviteeNoShow resource",
      "invitee_no_show.deleted",
      { uri: `${API}/invitee_no_shows/NS-1`, invitee: INVITEE },
      { kind: "no_show_cleared", noShowUri: `${API}/invitee_no_shows/NS-1` },
    ],
  ])("reads a no-show delivery carrying %s (%s)", (_label, event, payload, expected) => {
    expect(parseCalendlyWebhook(envelope(event, payload))).toEqual({
      event,
      occurredAt: new Date("2026-05-01T08:00:01Z"),
      inviteeUri: INVITEE,
      ...expected,
    });
  });

  it("ignores fields Calendly may add later", () => {
    const body = { ...envelope("invitee.created", { ...invitee(), brand_new_field: { anything: true } }), another: 1 };
    expect(parseCalendlyWebhook(body).kind).toBe("booked");
  });

  it.each([
    ["an unknown event", envelope("routing_form_submission.created", invitee()), ["event"]],
    ["no payload", { event: "invitee.created", created_at: "2026-05-01T08:00:01Z" }, ["payload"]],
    ["an invitee URI that is not a URL", envelope("invitee.created", invitee({ uri: "INV-1" })), ["payload", "uri"]],
    ["no email", envelope("invitee.created", invitee({ email: undefined })), ["payload", "email"]],
    ["an email without @", envelope("invitee.created", invitee({ email: "ada.example.com" })), ["payload", "email"]],
    ["an unknown invitee status", envelope("invitee.created", invitee({ status: "pending" })), ["payload", "status"]],
    [
      "a start time that is not ISO 8601",
      envelope("invitee.created", invitee({}, { start_time: "tomorrow" })),
      ["payload", "scheduled_event", "start_time"],
    ],
    [
      "a meeting that ends before it starts",
      envelope("invitee.created", invitee({}, { end_time: "2026-05-12T08:00:00Z" })),
      ["payload", "scheduled_event", "end_time"],
    ],
    [
      "no scheduled event",
      envelope("invitee.canceled", invitee({ scheduled_event: undefined })),
      ["payload", "scheduled_event"],
    ],
    [
      "a created_at that is not a timestamp",
      { ...envelope("invitee.created", invitee()), created_at: 12 },
      ["created_at"],
    ],
  ])("refuses %s with a ZodError that names the field", (_label, body, path) => {
    let error: unknown;
    try {
      parseCalendlyWebhook(body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((issue) => issue.path.join("."))).toContain(path.join("."));
  });

  it.each([null, "invitee.created", [], 42])("refuses a body that is not an object: %j", (body) => {
    expect(() => parseCalendlyWebhook(body)).toThrow(ZodError);
  });

  it("refuses a no-show delivery that names no invitee", () => {
    expect(
      safeParseCalendlyWebhook(envelope("invitee_no_show.created", { created_at: "2026-05-12T09:40:00Z" })).success,
    ).toBe(false);
  });

  it("has a non-throwing variant for routes", () => {
    const ok = safeParseCalendlyWebhook(envelope("invitee.created", invitee()));
    expect(ok.success && ok.data.kind).toBe("booked");
    const bad = safeParseCalendlyWebhook({ event: "invitee.created" });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error).toBeInstanceOf(ZodError);
  });
});

describe("isHandledCalendlyEvent", () => {
  it.each([
    ["invitee.created", true],
    ["invitee.canceled", true],
    ["invitee_no_show.created", true],
    ["invitee_no_show.deleted", true],
    ["routing_form_submission.created", false],
    ["invitee.cancelled", false],
    [undefined, false],
  ])("%s → %s", (name, handled) => {
    expect(isHandledCalendlyEvent(name)).toBe(handled);
  });
});

describe("idempotencyKey", () => {
  const booked = parseCalendlyWebhook(envelope("invitee.created", invitee()));

  it("is the event name plus the invitee URI", () => {
    expect(idempotencyKey(booked)).toBe(`invitee.created:${INVITEE}`);
  });

  it("is the same for a retried delivery, even with a new created_at", () => {
    const retried = parseCalendlyWebhook({
      ...envelope("invitee.created", invitee()),
      created_at: "2026-05-01T08:05:00Z",
    });
    expect(idempotencyKey(retried)).toBe(idempotencyKey(booked));
  });

  it("differs between the events of one invitee and between the halves of a reschedule", () => {
    const keys = [
      booked,
      parseCalendlyWebhook(
        envelope("invitee.canceled", invitee({ status: "canceled", rescheduled: true, new_invitee: NEW_INVITEE })),
      ),
      parseCalendlyWebhook(
        envelope("invitee.created", invitee({ uri: NEW_INVITEE, old_invitee: INVITEE }, { uri: NEW_EVENT })),
      ),
      parseCalendlyWebhook(
        envelope("invitee_no_show.created", { uri: `${API}/invitee_no_shows/NS-1`, invitee: INVITEE }),
      ),
      parseCalendlyWebhook(
        envelope("invitee_no_show.deleted", { uri: `${API}/invitee_no_shows/NS-1`, invitee: INVITEE }),
      ),
    ].map(idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("tells a re-marked no-show (a new no-show resource) from a retry of the first", () => {
    const mark = (uri: string) =>
      idempotencyKey(parseCalendlyWebhook(envelope("invitee_no_show.created", { uri, invitee: INVITEE })));
    expect(mark(`${API}/invitee_no_shows/NS-1`)).toBe(mark(`${API}/invitee_no_shows/NS-1`));
    expect(mark(`${API}/invitee_no_shows/NS-2`)).not.toBe(mark(`${API}/invitee_no_shows/NS-1`));
  });
});
