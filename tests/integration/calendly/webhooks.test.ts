import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { processInboundEvent } from "@/lib/inbound/events";
import { team, uniqueEmail } from "../api/http";
import { booked, canceled, inviteeResource, newInvitee, noShow, noShowDeleted, postCalendly } from "./payloads";
import { REASON_COLUMNS, withReasonText } from "../timeline-text";

// A hand-made subscription's key; must be set before the first env() read.
const HAND_MADE_KEY = "hand-made-signing-key-for-tests";
process.env.CALENDLY_WEBHOOK_SIGNING_KEY = HAND_MADE_KEY;

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;

beforeAll(async () => {
  t = await team();
});

// Rows as the tests read them: any column by name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
const meetingsOf = (inviteeUri: string) =>
  withService(
    async (tx) =>
      (await tx.query<Row>("select * from public.meetings where provider_invitee_uri = $1", [inviteeUri])).rows as [
        Row,
        ...Row[],
      ],
  );
const leadById = (id: string) =>
  withService(async (tx) => (await tx.query<Row>("select * from public.leads where id = $1", [id])).rows[0] as Row);
const eventsOf = (leadId: string) =>
  withService(async (tx) =>
    (
      await tx.query<{
        type: string;
        reason: string | null;
        reason_key: string | null;
        reason_params: Record<string, unknown>;
      }>(`select type, ${REASON_COLUMNS} from public.lead_events where lead_id = $1 order by created_at`, [leadId])
    ).rows.map(withReasonText),
  );

/** A lead the rep owns, warm from four confirmed BANT dimensions (40 points). */
async function warmLead(email = uniqueEmail("lead")) {
  const created = await t.rep.browser.post("/api/v1/leads", { name: "Lena Vogel", email, ownerId: t.rep.userId });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.lead?.id ?? created.body.id;
  const bant = await t.rep.browser.patch(`/api/v1/leads/${id}/bant`, {
    budget: { status: "confirmed", value: "CHF 30k" },
    authority: { status: "confirmed", value: "Owner" },
    need: { status: "confirmed", value: "Roof solar" },
    timeline: { status: "confirmed", value: "This quarter" },
  });
  expect(bant.status, JSON.stringify(bant.body)).toBe(200);
  expect(bant.body.lead.heatLevel).toBe("warm");
  return { id: id as string, email };
}

describe("Calendly webhook signatures (POST /api/webhooks/calendly)", () => {
  it("accepts a correctly signed delivery", async () => {
    const response = await postCalendly(t.orgId, booked(newInvitee(uniqueEmail("sig"))));
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ received: true, routed: true });
    await settled();
  });

  it("refuses a signature made with another key (403) and stores nothing", async () => {
    const invitee = newInvitee(uniqueEmail("wrong-key"));
    const response = await postCalendly(t.orgId, booked(invitee), { key: "not-the-key" });
    expect(response.status).toBe(403);
    await settled();
    expect(await meetingsOf(invitee.inviteeUri)).toHaveLength(0);
  });

  it("refuses a stale timestamp outside the 3-minute window", async () => {
    const invitee = newInvitee(uniqueEmail("stale"));
    const response = await postCalendly(t.orgId, booked(invitee), { at: new Date(Date.now() - 4 * 60_000) });
    expect(response.status).toBe(403);
    await settled();
    expect(await meetingsOf(invitee.inviteeUri)).toHaveLength(0);
  });

  it("refuses a body changed after signing", async () => {
    const invitee = newInvitee(uniqueEmail("tampered"));
    const raw = JSON.stringify(booked(invitee));
    const { signCalendlyPayload } = await import("@/lib/integrations/calendly/signature");
    const { calendlySandboxKey } = await import("@/lib/integrations/calendly/config");
    const signature = signCalendlyPayload(raw, calendlySandboxKey(t.orgId));
    const response = await postCalendly(t.orgId, null, { raw: raw.replace("Lena Vogel", "Mallory"), signature });
    expect(response.status).toBe(403);
  });

  it("refuses a delivery without a signature (401)", async () => {
    const response = await postCalendly(t.orgId, booked(newInvitee(uniqueEmail("nosig"))), { signature: null });
    expect(response.status).toBe(401);
  });

  it("one organization's sandbox key does not open another organization's endpoint", async () => {
    const other = await team();
    const { calendlySandboxKey } = await import("@/lib/integrations/calendly/config");
    const response = await postCalendly(other.orgId, booked(newInvitee(uniqueEmail("cross"))), {
      key: calendlySandboxKey(t.orgId),
    });
    expect(response.status).toBe(403);
  });

  it("a hand-made subscription (CALENDLY_WEBHOOK_SIGNING_KEY) is verified with that key; an unresolvable organization is kept as unroutable", async () => {
    const invitee = newInvitee(uniqueEmail("handmade"));
    const response = await postCalendly(null, booked(invitee), { key: HAND_MADE_KEY, query: "" });
    expect(response.status, response.text).toBe(200);
    expect(response.body.routed).toBe(false);
    const stored = await withService(
      async (tx) =>
        (
          await tx.query("select state from public.inbound_events where event_id = $1", [
            `invitee.created:${invitee.inviteeUri}`,
          ])
        ).rows,
    );
    expect(stored).toEqual([{ state: "unroutable" }]);
    const forged = await postCalendly(null, booked(newInvitee(uniqueEmail("handmade"))), { key: "guess", query: "" });
    expect(forged.status).toBe(403);
  });

  it("acknowledges event types it does not handle and answers 422 for a malformed invitee event", async () => {
    const ignored = await postCalendly(t.orgId, {
      event: "routing_form_submission.created",
      created_at: new Date().toISOString(),
      payload: {},
    });
    expect(ignored.status).toBe(200);
    expect(ignored.body).toEqual({ ignored: true });
    const malformed = await postCalendly(t.orgId, {
      event: "invitee.created",
      created_at: new Date().toISOString(),
      payload: { uri: "nope" },
    });
    expect(malformed.status).toBe(422);
    const notJson = await postCalendly(t.orgId, null, { raw: "{not json" });
    expect(notJson.status).toBe(400);
  });
});

describe("Calendly events", () => {
  it("invitee.created matches the lead by email, books the meeting, turns the lead hot with “Calendly meeting booked” and lists it", async () => {
    const lead = await warmLead();
    const invitee = newInvitee(lead.email.toUpperCase());
    expect((await postCalendly(t.orgId, booked(invitee))).status).toBe(200);
    await settled();

    const [meeting] = await meetingsOf(invitee.inviteeUri);
    expect(meeting).toMatchObject({
      lead_id: lead.id,
      owner_id: t.rep.userId,
      status: "scheduled",
      title: "Solar consultation",
      join_url: "https://zoom.us/j/123456789",
      timezone: "Europe/Zurich",
      no_show: false,
    });
    expect(meeting.answers).toEqual([{ question: "Roof size?", answer: "About 80 m²" }]);
    const after = await leadById(lead.id);
    expect(after).toMatchObject({ heat_level: "hot", status: "meeting_scheduled" });
    const events = await eventsOf(lead.id);
    expect(events.find((e) => e.type === "meeting_booked")?.reason).toMatch(
      /^Calendly meeting booked: Solar consultation/,
    );
    expect(events.some((e) => e.type === "heat_changed")).toBe(true);

    const list = await t.rep.browser.get("/api/v1/meetings?tab=upcoming");
    expect(list.status).toBe(200);
    const item = list.body.meetings.find((m: { id: string }) => m.id === meeting.id);
    expect(item).toMatchObject({
      leadId: lead.id,
      leadName: "Lena Vogel",
      status: "scheduled",
      joinUrl: "https://zoom.us/j/123456789",
    });
    const timeline = await t.rep.browser.get(`/api/v1/leads/${lead.id}/events`);
    expect(timeline.body.events.map((e: { reason: string }) => e.reason).join("\n")).toContain(
      "Calendly meeting booked",
    );
  });

  it("invitee.created for an unknown email creates a Calendly lead", async () => {
    const email = uniqueEmail("newcomer");
    const invitee = newInvitee(email, { name: "Noah Keller" } as never);
    await postCalendly(t.orgId, booked({ ...invitee, name: "Noah Keller" }));
    await settled();
    const [meeting] = await meetingsOf(invitee.inviteeUri);
    const lead = await leadById(meeting.lead_id);
    expect(lead).toMatchObject({
      email,
      source: "calendly",
      name: "Noah Keller",
      owner_id: null,
      status: "meeting_scheduled",
    });
  });

  it("a duplicate delivery is a no-op", async () => {
    const lead = await warmLead();
    const invitee = newInvitee(lead.email);
    const body = booked(invitee);
    expect((await postCalendly(t.orgId, body)).status).toBe(200);
    await settled();
    const again = await postCalendly(t.orgId, body);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    await settled();
    expect(await meetingsOf(invitee.inviteeUri)).toHaveLength(1);
    expect((await eventsOf(lead.id)).filter((e) => e.type === "meeting_booked")).toHaveLength(1);
  });

  it("invitee.canceled cancels with the reason and cools the lead", async () => {
    const lead = await warmLead();
    const invitee = newInvitee(lead.email);
    await postCalendly(t.orgId, booked(invitee));
    await settled();
    const hot = await leadById(lead.id);
    await postCalendly(t.orgId, canceled(invitee));
    await settled();
    const [meeting] = await meetingsOf(invitee.inviteeUri);
    expect(meeting).toMatchObject({ status: "canceled", canceled_reason: "Something came up" });
    const after = await leadById(lead.id);
    expect(after.heat_score).toBeLessThan(hot.heat_score);
    expect((await eventsOf(lead.id)).some((e) => e.type === "meeting_canceled")).toBe(true);
    const list = await t.rep.browser.get(`/api/v1/meetings?tab=all&leadId=${lead.id}`);
    expect(list.body.meetings.map((m: { status: string }) => m.status)).toEqual(["canceled"]);
  });

  it("a reschedule is one rescheduled meeting and does not cool the lead", async () => {
    const lead = await warmLead();
    const first = newInvitee(lead.email);
    await postCalendly(t.orgId, booked(first));
    await settled();
    const before = await leadById(lead.id);
    const moved = newInvitee(lead.email, { startsAt: new Date(first.startsAt.getTime() + 3 * 24 * 3600_000) });
    await postCalendly(
      t.orgId,
      canceled(first, {
        rescheduled: true,
        new_invitee: moved.inviteeUri,
        cancellation: { reason: null, canceler_type: "invitee" },
      }),
    );
    await postCalendly(t.orgId, booked(moved, { old_invitee: first.inviteeUri }));
    await settled();

    const [old] = await meetingsOf(first.inviteeUri);
    const [next] = await meetingsOf(moved.inviteeUri);
    expect(old).toMatchObject({ status: "canceled", rescheduled_to_id: next.id });
    expect(next).toMatchObject({ status: "scheduled", rescheduled_from_id: old.id });
    const after = await leadById(lead.id);
    expect(after.heat_score).toBeGreaterThanOrEqual(before.heat_score);
    expect(after.heat_level).toBe("hot");
    const types = (await eventsOf(lead.id)).map((e) => e.type);
    expect(types).toContain("meeting_rescheduled");
    expect(types).not.toContain("meeting_canceled");

    const list = await t.rep.browser.get(`/api/v1/meetings?tab=all&leadId=${lead.id}`);
    expect(list.body.meetings).toHaveLength(1);
    expect(list.body.meetings[0]).toMatchObject({ id: next.id, status: "rescheduled" });
    expect(new Date(list.body.meetings[0].rescheduledFromStartsAt).getTime()).toBe(first.startsAt.getTime());
  });

  it("a reschedule whose new booking arrives before the cancel still ends as one rescheduled meeting", async () => {
    const lead = await warmLead();
    const first = newInvitee(lead.email);
    await postCalendly(t.orgId, booked(first));
    await settled();
    const moved = newInvitee(lead.email);
    await postCalendly(t.orgId, booked(moved, { old_invitee: first.inviteeUri }));
    await settled();
    await postCalendly(t.orgId, canceled(first, { rescheduled: true, new_invitee: moved.inviteeUri }));
    await settled();
    const list = await t.rep.browser.get(`/api/v1/meetings?tab=all&leadId=${lead.id}`);
    expect(list.body.meetings.map((m: { status: string }) => m.status)).toEqual(["rescheduled"]);
    expect((await eventsOf(lead.id)).map((e) => e.type)).not.toContain("meeting_canceled");
  });

  it("out of order: a cancel before its booking creates the meeting canceled, and the late booking does not bring it back", async () => {
    const lead = await warmLead();
    const invitee = newInvitee(lead.email);
    await postCalendly(t.orgId, canceled(invitee));
    await settled();
    let [meeting] = await meetingsOf(invitee.inviteeUri);
    expect(meeting).toMatchObject({ status: "canceled", lead_id: lead.id, title: "Solar consultation" });
    await postCalendly(t.orgId, booked(invitee));
    await settled();
    [meeting] = await meetingsOf(invitee.inviteeUri);
    expect(meeting.status).toBe("canceled");
    const lead2 = await leadById(lead.id);
    expect(lead2.heat_level).toBe("warm");
    expect((await eventsOf(lead.id)).filter((e) => e.type === "meeting_booked")).toHaveLength(0);
  });

  it("out of order: a no-show before its booking waits, then applies once the booking is processed", async () => {
    const lead = await warmLead();
    const invitee = newInvitee(lead.email, { startsAt: new Date(Date.now() - 3 * 3600_000) });
    const early = await postCalendly(t.orgId, noShow(invitee));
    expect(early.status).toBe(200);
    await settled();
    const pending = await withService(
      async (tx) =>
        (
          await tx.query<Row>(
            "select id, state, attempts from public.inbound_events where kind = 'invitee_no_show.created' and payload::text like $1",
            [`%${invitee.inviteeUri}%`],
          )
        ).rows,
    );
    expect(pending).toMatchObject([{ state: "pending", attempts: 1 }]);

    await postCalendly(t.orgId, booked(invitee));
    await settled();
    const [meeting] = await meetingsOf(invitee.inviteeUri);
    expect(meeting.no_show).toBe(true);
    expect((await eventsOf(lead.id)).map((e) => e.type)).toContain("meeting_no_show");
    // Nothing left to do for the retry job or the sweeper.
    expect((await processInboundEvent(pending[0]!.id)).result).toBe("skipped");
  });

  it("no-show set, cleared and set again (a new no-show resource) are all applied", async () => {
    const lead = await warmLead();
    const invitee = newInvitee(lead.email, { startsAt: new Date(Date.now() - 3 * 3600_000) });
    await postCalendly(t.orgId, booked(invitee));
    await settled();
    const first = "https://api.calendly.com/invitee_no_shows/first";
    await postCalendly(
      t.orgId,
      noShow(invitee, `${first}-${invitee.inviteeUri.slice(-8)}`, new Date(Date.now() - 3000)),
    );
    await settled();
    expect((await meetingsOf(invitee.inviteeUri))[0].no_show).toBe(true);
    await postCalendly(
      t.orgId,
      noShowDeleted(invitee, `${first}-${invitee.inviteeUri.slice(-8)}`, new Date(Date.now() - 2000)),
    );
    await settled();
    expect((await meetingsOf(invitee.inviteeUri))[0].no_show).toBe(false);
    await postCalendly(
      t.orgId,
      noShow(
        invitee,
        `https://api.calendly.com/invitee_no_shows/second-${invitee.inviteeUri.slice(-8)}`,
        new Date(Date.now() - 1000),
      ),
    );
    await settled();
    expect((await meetingsOf(invitee.inviteeUri))[0].no_show).toBe(true);
    const types = (await eventsOf(lead.id)).map((e) => e.type);
    expect(types.filter((t) => t === "meeting_no_show")).toHaveLength(2);
    expect(types).toContain("meeting_no_show_cleared");
    const list = await t.rep.browser.get(`/api/v1/meetings?tab=past&status=no_show&leadId=${lead.id}`);
    expect(list.body.meetings).toHaveLength(1);
    expect(list.body.meetings[0].status).toBe("no_show");
  });

  it("the payload carries the full Invitee resource for no-shows too (Invitee shape)", async () => {
    const lead = await warmLead();
    const invitee = newInvitee(lead.email, { startsAt: new Date(Date.now() - 3 * 3600_000) });
    await postCalendly(t.orgId, booked(invitee));
    await settled();
    const body = {
      created_at: new Date().toISOString(),
      event: "invitee_no_show.created",
      payload: inviteeResource(invitee, {
        no_show: { uri: `https://api.calendly.com/invitee_no_shows/${invitee.inviteeUri.slice(-12)}` },
      }),
    };
    expect((await postCalendly(t.orgId, body)).status).toBe(200);
    await settled();
    expect((await meetingsOf(invitee.inviteeUri))[0].no_show).toBe(true);
  });
});

describe("Sandbox simulation and the meetings API", () => {
  it("an admin simulates a booking for a lead through the same pipeline; a rep may not", async () => {
    const lead = await warmLead();
    const denied = await t.rep.browser.post("/api/v1/integrations/calendly/simulate", { leadId: lead.id });
    expect(denied.status).toBe(403);
    const response = await t.admin.browser.post("/api/v1/integrations/calendly/simulate", {
      leadId: lead.id,
      title: "Roof check",
    });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    await settled();
    const [meeting] = await meetingsOf(response.body.inviteeUri);
    expect(meeting).toMatchObject({ lead_id: lead.id, title: "Roof check", status: "scheduled" });
    expect((await leadById(lead.id)).heat_level).toBe("hot");

    const reschedule = await t.admin.browser.post(`/api/v1/meetings/${meeting.id}/simulate`, { action: "reschedule" });
    expect(reschedule.status, JSON.stringify(reschedule.body)).toBe(202);
    await settled();
    const list = await t.admin.browser.get(`/api/v1/meetings?tab=all&leadId=${lead.id}`);
    expect(list.body.meetings.map((m: { status: string }) => m.status)).toEqual(["rescheduled"]);
    const cancel = await t.admin.browser.post(`/api/v1/meetings/${list.body.meetings[0].id}/simulate`, {
      action: "cancel",
      reason: "Budget frozen",
    });
    expect(cancel.status).toBe(202);
    await settled();
    const after = await t.admin.browser.get(`/api/v1/meetings/${list.body.meetings[0].id}`);
    expect(after.body.meeting).toMatchObject({ status: "canceled", canceledReason: "Budget frozen" });
  });

  it("validates the simulate input and the list filters (422, never 500)", async () => {
    expect((await t.admin.browser.post("/api/v1/integrations/calendly/simulate", {})).status).toBe(422);
    expect(
      (await t.admin.browser.post("/api/v1/integrations/calendly/simulate", { email: "not-an-email" })).status,
    ).toBe(422);
    expect((await t.rep.browser.get("/api/v1/meetings?status=bogus")).status).toBe(422);
    expect((await t.rep.browser.get("/api/v1/meetings?cursor=tampered")).status).toBe(400);
  });

  it("pages upcoming meetings with a keyset cursor", async () => {
    const email = uniqueEmail("pager");
    for (let i = 0; i < 3; i++)
      await postCalendly(
        t.orgId,
        booked(newInvitee(email, { startsAt: new Date(Date.now() + (50 + i) * 24 * 3600_000) })),
      );
    await settled();
    const leadId = (await withService(
      async (tx) => (await tx.query("select id from public.leads where email = $1", [email])).rows[0]!.id,
    )) as string;
    const first = await t.rep.browser.get(`/api/v1/meetings?tab=upcoming&leadId=${leadId}&limit=2`);
    expect(first.body.meetings).toHaveLength(2);
    const second = await t.rep.browser.get(
      `/api/v1/meetings?tab=upcoming&leadId=${leadId}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.meetings).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const starts = [...first.body.meetings, ...second.body.meetings].map((m: { startsAt: string }) =>
      Date.parse(m.startsAt),
    );
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
