import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { translatorFor } from "@/lib/i18n/translator";
import { settled } from "@/lib/jobs/soon";
import { sendMeetingReminders } from "@/lib/notifications/reminders";
import { renderNotification } from "@/lib/notifications/render";
import { heatLineTextFor } from "@/lib/scoring/readers";
import { team, uniqueEmail, type Person } from "../api/http";
import { booked, newInvitee, postCalendly } from "../calendly/payloads";
import { REASON_COLUMNS, withReasonText } from "../timeline-text";

/**
 * Meetings entered by hand (POST/PATCH /api/v1/meetings, …/cancel, …/no-show, …/held): the
 * same timeline entries, heat (the meeting floor), reminders and notifications as a Calendly
 * booking, through the same lib/meetings functions; Calendly's own meetings stay Calendly's.
 */
afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
beforeAll(async () => {
  t = await team();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
const HOUR = 3600_000;

const lead = (id: string) =>
  withService(async (tx) => (await tx.query<Row>("select * from public.leads where id = $1", [id])).rows[0] as Row);
const meetingRow = (id: string) =>
  withService(async (tx) => (await tx.query<Row>("select * from public.meetings where id = $1", [id])).rows[0] as Row);
const timeline = (leadId: string) =>
  withService(async (tx) =>
    (
      await tx.query<
        Row & { reason: string | null; reason_key: string | null; reason_params: Record<string, unknown> }
      >(
        `select type, ${REASON_COLUMNS}, actor_type, actor_id, data from public.lead_events where lead_id = $1 order by created_at, id`,
        [leadId],
      )
    ).rows.map(withReasonText),
  );
const english = translatorFor("en", "notificationTexts", "UTC");
const notificationsOf = (userId: string, kind: string) =>
  withService(async (tx) =>
    (
      await tx.query<{ kind: string; params: Row; metadata: Row }>(
        "select kind, params, metadata from public.notifications where user_id = $1 and kind = $2 order by created_at",
        [userId, kind],
      )
    ).rows.map((r) => ({ ...r, text: renderNotification(r.kind, r.params, english, heatLineTextFor("en", "UTC")) })),
  );

async function newLead(owner: Person, name = "Nora Keller") {
  const created = await owner.browser.post("/api/v1/leads", {
    name,
    email: uniqueEmail("manual"),
    ownerId: owner.userId,
  });
  expect(created.status, created.text).toBe(201);
  return created.body.lead.id as string;
}

const create = (who: Person, body: Record<string, unknown>) => who.browser.post("/api/v1/meetings", body);

describe("meetings entered by hand", () => {
  it("lifecycle: created, rescheduled, reminded and held with a note, with the heat floor and timeline of a Calendly booking", async () => {
    const leadId = await newLead(t.rep);
    expect((await lead(leadId)).heat_level).toBe("cold");

    const startsAt = new Date(Date.now() + 2 * 24 * HOUR);
    const created = await create(t.rep, {
      leadId,
      title: "Site visit",
      startsAt: startsAt.toISOString(),
      durationMinutes: 60,
      timezone: "Europe/Zurich",
      location: "Bahnhofstrasse 1, Zürich",
      attendees: "Roofer, the lead's partner",
    });
    expect(created.status, created.text).toBe(201);
    const first = created.body.meeting;
    expect(first).toMatchObject({
      provider: "manual",
      title: "Site visit",
      status: "scheduled",
      ownerId: t.rep.userId,
      location: "Bahnhofstrasse 1, Zürich",
      attendees: "Roofer, the lead's partner",
      canChange: true,
      canMarkHeld: false,
    });
    expect(new Date(first.endsAt).getTime() - new Date(first.startsAt).getTime()).toBe(HOUR);

    // The scoring engine's meeting floor: a meeting still to come keeps the lead at least hot.
    const booked = await lead(leadId);
    expect(booked.heat_score).toBeGreaterThanOrEqual(55);
    expect(booked.heat_level).toBe("hot");
    expect(booked.status).toBe("meeting_scheduled");
    expect(booked.engagement).toMatchObject({ meetingsBooked: 1 });
    const afterCreate = await timeline(leadId);
    expect(afterCreate.filter((e) => e.type === "meeting_booked")).toEqual([
      expect.objectContaining({
        actor_type: "user",
        actor_id: t.rep.userId,
        reason: expect.stringMatching(/^Meeting scheduled: Site visit on /),
      }),
    ]);

    // Reminded before it starts, to its owner, once.
    expect(await sendMeetingReminders(new Date(startsAt.getTime() - 10 * 60_000))).toBeGreaterThanOrEqual(1);
    await sendMeetingReminders(new Date(startsAt.getTime() - 5 * 60_000));
    const reminders = (await notificationsOf(t.rep.userId, "meeting_reminder")).filter(
      (n) => n.metadata.meetingId === first.id,
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text.title).toMatch(/^Meeting with Nora Keller in [\d,]+ min$/);
    expect(reminders[0]!.text.message).toMatch(/^Site visit — /);

    // Rescheduled to an hour ago: a new row replaces it, the floor stays, the old time is on the timeline.
    const moved = await t.rep.browser.patch(`/api/v1/meetings/${first.id}`, {
      startsAt: new Date(Date.now() - HOUR).toISOString(),
    });
    expect(moved.status, moved.text).toBe(200);
    const second = moved.body.meeting;
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({
      status: "rescheduled",
      title: "Site visit",
      attendees: "Roofer, the lead's partner",
    });
    expect(new Date(second.endsAt).getTime() - new Date(second.startsAt).getTime()).toBe(HOUR);
    expect(await meetingRow(first.id)).toMatchObject({ status: "canceled", rescheduled_to_id: second.id });
    expect((await lead(leadId)).heat_level).toBe("hot");
    expect((await timeline(leadId)).filter((e) => e.type === "meeting_rescheduled")).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^Meeting rescheduled: Site visit moved from .+ to /) }),
    ]);
    // The replaced half is no longer reminded; the list shows the new one only.
    const listed = await t.rep.browser.get(`/api/v1/meetings?tab=all&leadId=${leadId}`);
    expect(listed.body.meetings.map((m: Row) => m.id)).toEqual([second.id]);

    const held = await t.rep.browser.post(`/api/v1/meetings/${second.id}/held`, {
      note: "Wants an offer for 12 kWp by Friday",
    });
    expect(held.status, held.text).toBe(200);
    expect(held.body.meeting).toMatchObject({
      status: "completed",
      outcomeNote: "Wants an offer for 12 kWp by Friday",
    });
    const after = await lead(leadId);
    expect(after.engagement).toMatchObject({ meetingsHeld: 1 });
    expect(after.heat_level).toBe("hot");
    expect((await timeline(leadId)).filter((e) => e.type === "meeting_held")).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(
          /^Meeting held: Site visit on .+\. Outcome: “Wants an offer for 12 kWp by Friday”$/,
        ),
      }),
    ]);
    // Held: nothing left to change.
    expect((await t.rep.browser.patch(`/api/v1/meetings/${second.id}`, { title: "Other" })).status).toBe(409);
  });

  it("a manager enters a meeting for a rep's lead: the rep is notified in the wording of a meeting entered by hand", async () => {
    const leadId = await newLead(t.rep, "Ivo Brunner");
    const created = await create(t.manager, {
      leadId,
      title: "Call back",
      startsAt: new Date(Date.now() + 5 * HOUR).toISOString(),
      ownerId: t.rep.userId,
      joinUrl: "https://meet.example.com/abc",
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.meeting).toMatchObject({ ownerId: t.rep.userId, joinUrl: "https://meet.example.com/abc" });
    const [note] = (await notificationsOf(t.rep.userId, "meeting_booked")).filter(
      (n) => n.metadata.meetingId === created.body.meeting.id,
    );
    expect(note?.text.title).toBe("Meeting with Ivo Brunner scheduled");
    expect(note?.text.message).toMatch(/^Call back — /);
  });

  it("cancel with a reason drops the floor and costs the cancellation's points; a no-show needs a started meeting", async () => {
    const leadId = await newLead(t.rep);
    const future = (
      await create(t.rep, { leadId, title: "Intro", startsAt: new Date(Date.now() + 24 * HOUR).toISOString() })
    ).body.meeting;
    expect((await lead(leadId)).heat_level).toBe("hot");
    const early = await t.rep.browser.post(`/api/v1/meetings/${future.id}/no-show`, { noShow: true });
    expect(early.status).toBe(422);

    const canceled = await t.rep.browser.post(`/api/v1/meetings/${future.id}/cancel`, { reason: "Lead is travelling" });
    expect(canceled.status, canceled.text).toBe(200);
    expect(canceled.body.meeting).toMatchObject({
      status: "canceled",
      canceledReason: "Lead is travelling",
      canChange: false,
    });
    const cooled = await lead(leadId);
    expect(cooled.heat_score).toBeLessThan(55);
    expect(cooled.engagement).toMatchObject({ meetingCancellations: 1 });
    expect((await timeline(leadId)).filter((e) => e.type === "meeting_canceled")).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(/^Meeting canceled: Intro on .+ \(“Lead is travelling”\)$/),
      }),
    ]);
    expect((await t.rep.browser.post(`/api/v1/meetings/${future.id}/cancel`, {})).status).toBe(409);

    const past = (
      await create(t.rep, { leadId, title: "Follow-up", startsAt: new Date(Date.now() - 2 * HOUR).toISOString() })
    ).body.meeting;
    const missed = await t.rep.browser.post(`/api/v1/meetings/${past.id}/no-show`, { noShow: true });
    expect(missed.status, missed.text).toBe(200);
    expect(missed.body.meeting).toMatchObject({ status: "no_show", noShow: true });
    expect((await lead(leadId)).engagement).toMatchObject({ meetingNoShows: 1 });
    expect((await timeline(leadId)).some((e) => e.reason?.startsWith("No-show for Follow-up on "))).toBe(true);
  });

  it("who may: a rep cannot change a manager's meeting (403), another organization gets 404, a bad end is 422", async () => {
    // An unassigned lead: the rep sees it and its meeting, but the meeting is the manager's.
    const made = await t.manager.browser.post("/api/v1/leads", { name: "Open Lead", email: uniqueEmail("open") });
    expect(made.status, made.text).toBe(201);
    const leadId = made.body.lead.id as string;
    const created = await create(t.manager, { leadId, startsAt: new Date(Date.now() + HOUR).toISOString() });
    expect(created.status, created.text).toBe(201);
    const id = created.body.meeting.id as string;
    const refused = await t.rep.browser.patch(`/api/v1/meetings/${id}`, { title: "Mine now" });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.detail).toBe("Only the meeting's owner or a manager can change it.");
    expect((await t.rep.browser.post(`/api/v1/meetings/${id}/cancel`, {})).status).toBe(403);
    const outsider = await team();
    expect((await outsider.owner.browser.patch(`/api/v1/meetings/${id}`, { title: "x" })).status).toBe(404);
    expect((await create(outsider.owner, { leadId, startsAt: new Date().toISOString() })).status).toBe(404);
    const backwards = await create(t.manager, {
      leadId,
      startsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      endsAt: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toHaveProperty("endsAt");
  });

  it("Calendly owns its meetings: editing one's times, canceling it or marking a no-show is 409", async () => {
    const email = uniqueEmail("calendly-owned");
    const made = await t.rep.browser.post("/api/v1/leads", { name: "Lena Vogel", email, ownerId: t.rep.userId });
    const leadId = made.body.lead.id as string;
    const invitee = newInvitee(email, { startsAt: new Date(Date.now() - HOUR) });
    expect((await postCalendly(t.orgId, booked(invitee))).status).toBe(200);
    await settled();
    const listed = await t.rep.browser.get(`/api/v1/meetings?tab=all&leadId=${leadId}`);
    const meeting = listed.body.meetings[0];
    expect(meeting).toMatchObject({ provider: "calendly", canChange: false });

    const moved = await t.rep.browser.patch(`/api/v1/meetings/${meeting.id}`, {
      startsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    });
    expect(moved.status).toBe(409);
    expect(moved.body.detail).toBe("Calendly owns this meeting. Change it in Calendly.");
    expect((await t.rep.browser.post(`/api/v1/meetings/${meeting.id}/cancel`, {})).status).toBe(409);
    expect((await t.rep.browser.post(`/api/v1/meetings/${meeting.id}/no-show`, { noShow: true })).status).toBe(409);
    expect((await meetingRow(meeting.id)).starts_at.toISOString()).toBe(invitee.startsAt.toISOString());
  });

  it("an untitled meeting stores an empty title; its timeline entry and reminder word the fallback in the reader's language", async () => {
    const leadId = await newLead(t.rep, "Ada Frei");
    const startsAt = new Date(Date.now() + 3 * HOUR);
    const created = await create(t.rep, { leadId, startsAt: startsAt.toISOString() });
    expect(created.status, created.text).toBe(201);
    const id = created.body.meeting.id as string;
    expect((await meetingRow(id)).title).toBe("");

    await sendMeetingReminders(new Date(startsAt.getTime() - 5 * 60_000));
    const [reminder] = (await notificationsOf(t.rep.userId, "meeting_reminder")).filter(
      (n) => n.metadata.meetingId === id,
    );
    expect(reminder?.params.title).toBe("");
    expect(reminder?.text.message).toMatch(/^Meeting — /);

    const moved = await t.rep.browser.patch(`/api/v1/meetings/${id}`, {
      startsAt: new Date(Date.now() - HOUR).toISOString(),
    });
    const held = await t.rep.browser.post(`/api/v1/meetings/${moved.body.meeting.id}/held`, {});
    expect(held.status, held.text).toBe(200);
    const entry = (await timeline(leadId)).find((e) => e.type === "meeting_held")!;
    expect(entry.reason_params.title).toBe("");
    expect(entry.reason).toMatch(/^Meeting held: untitled meeting on /);
  });
});
