import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { problemTexts } from "@/lib/http/problem";
import { settled } from "@/lib/jobs/soon";
import type { HeatLine } from "@/lib/scoring";
import { englishHeatLine } from "@/lib/scoring/english";
import { Browser, signUpPerson, team, uniqueEmail, type Person } from "../api/http";
import { booked, canceled, newInvitee, noShow, postCalendly } from "./payloads";
import { REASON_COLUMNS, withReasonText } from "../timeline-text";

/**
 * "Mark as held" (POST /api/v1/meetings/[id]/held) on meetings Calendly booked through the
 * real webhook pipeline: who may, which meetings qualify, and what it does to the lead.
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

const meetingRow = (inviteeUri: string) =>
  withService(
    async (tx) =>
      (await tx.query<Row>("select * from public.meetings where provider_invitee_uri = $1", [inviteeUri]))
        .rows[0] as Row,
  );
const statusOf = (id: string) =>
  withService(
    async (tx) =>
      (await tx.query<{ status: string }>("select status from public.meetings where id = $1", [id])).rows[0]?.status,
  );
const leadById = (id: string) =>
  withService(async (tx) => (await tx.query<Row>("select * from public.leads where id = $1", [id])).rows[0] as Row);
const eventsOf = (leadId: string) =>
  withService(async (tx) =>
    (
      await tx.query<
        Row & { reason: string | null; reason_key: string | null; reason_params: Record<string, unknown> }
      >(
        `select type, ${REASON_COLUMNS}, actor_type, actor_id, evidence, data from public.lead_events where lead_id = $1 order by created_at, id`,
        [leadId],
      )
    ).rows.map(withReasonText),
  );

/** A lead `owner` owns, warm from four confirmed BANT dimensions, with a Calendly booking that started `startedAgo` ms ago (negative: in the future). */
async function bookedMeeting(owner: Person, startedAgo = 2 * HOUR) {
  const email = uniqueEmail("held");
  const created = await owner.browser.post("/api/v1/leads", { name: "Mara Huber", email, ownerId: owner.userId });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const leadId = (created.body.lead?.id ?? created.body.id) as string;
  const bant = await owner.browser.patch(`/api/v1/leads/${leadId}/bant`, {
    budget: { status: "confirmed", value: "CHF 25k" },
    authority: { status: "confirmed", value: "Owner" },
    need: { status: "confirmed", value: "Roof solar" },
    timeline: { status: "confirmed", value: "This quarter" },
  });
  expect(bant.status, JSON.stringify(bant.body)).toBe(200);
  const startsAt = new Date(Date.now() - startedAgo);
  const invitee = newInvitee(email, { startsAt, endsAt: new Date(startsAt.getTime() + HOUR / 2) });
  expect((await postCalendly(t.orgId, booked(invitee))).status).toBe(200);
  await settled();
  const meeting = await meetingRow(invitee.inviteeUri);
  expect(meeting).toMatchObject({ lead_id: leadId, owner_id: owner.userId, status: "scheduled" });
  return { leadId, invitee, meetingId: meeting.id as string };
}

const markHeld = (who: Person, meetingId: string) => who.browser.post(`/api/v1/meetings/${meetingId}/held`);

describe("POST /api/v1/meetings/[id]/held", () => {
  it("the meeting's owner marks a past meeting held: completed, heat up with the reason, and a timeline entry", async () => {
    const { leadId, meetingId } = await bookedMeeting(t.rep);
    const before = await leadById(leadId);

    const listed = await t.rep.browser.get(`/api/v1/meetings?tab=past&leadId=${leadId}`);
    expect(listed.body.meetings).toEqual([
      expect.objectContaining({ id: meetingId, status: "scheduled", canMarkHeld: true }),
    ]);

    const response = await markHeld(t.rep, meetingId);
    expect(response.status, response.text).toBe(200);
    expect(response.body.meeting).toMatchObject({ id: meetingId, status: "completed", canMarkHeld: false });
    expect(response.body.lead).toMatchObject({ id: leadId });
    expect(response.body.explanation.join("\n")).toMatch(/Meeting held/);

    expect(await statusOf(meetingId)).toBe("completed");
    const after = await leadById(leadId);
    expect(after.heat_score).toBeGreaterThan(before.heat_score);
    expect(response.body.lead.heatScore).toBe(after.heat_score);
    // Stored as keys and parameters; read here in English with UTC dates.
    expect((after.heat_explanation as unknown as HeatLine[]).map(englishHeatLine)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Meeting held on \d{4}-\d{2}-\d{2} \(\+\d+\)$/)]),
    );
    expect(after.engagement).toMatchObject({ meetingsHeld: 1 });

    const events = await eventsOf(leadId);
    const held = events.filter((e) => e.type === "meeting_held");
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      actor_type: "user",
      actor_id: t.rep.userId,
      evidence: { kind: "meeting", ref: meetingId },
      data: { meetingId },
    });
    expect(held[0]!.reason).toMatch(/^Meeting held: Solar consultation on /);
    expect(events.some((e) => e.type === "signal" && e.data.signal === "meeting_held")).toBe(true);

    // The timeline as the lead page reads it.
    const timeline = await t.rep.browser.get(`/api/v1/leads/${leadId}/events`);
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toContain("meeting_held");

    // Once only: the second click is a conflict and changes nothing.
    const again = await markHeld(t.rep, meetingId);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("This meeting is already marked as held.");
    expect((await eventsOf(leadId)).filter((e) => e.type === "meeting_held")).toHaveLength(1);
    expect((await leadById(leadId)).heat_score).toBe(after.heat_score);
  });

  it("a rep cannot mark another owner's meeting (403), a manager can", async () => {
    const { leadId, meetingId } = await bookedMeeting(t.manager);
    const listed = await t.rep.browser.get(`/api/v1/meetings?tab=past&leadId=${leadId}`);
    expect(listed.body.meetings).toEqual([expect.objectContaining({ id: meetingId, canMarkHeld: false })]);

    const refused = await markHeld(t.rep, meetingId);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("Only the meeting's owner or a manager can mark it as held.");
    expect((await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "de" } })).status).toBe(200);
    try {
      expect((await markHeld(t.rep, meetingId)).body.detail).toBe(problemTexts("de").problems("dbMarkHeldNeedsOwner"));
    } finally {
      await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
    }
    expect((await eventsOf(leadId)).some((e) => e.type === "meeting_held")).toBe(false);

    const repsMeeting = await bookedMeeting(t.rep);
    const byManager = await markHeld(t.manager, repsMeeting.meetingId);
    expect(byManager.status, byManager.text).toBe(200);
    const [event] = (await eventsOf(repsMeeting.leadId)).filter((e) => e.type === "meeting_held");
    expect(event).toMatchObject({ actor_id: t.manager.userId });

    // The organization's owner is a manager and above too.
    expect((await markHeld(t.owner, meetingId)).status).toBe(200);
  });

  it("refuses a meeting that has not started (422), a canceled one and a no-show (409)", async () => {
    const future = await bookedMeeting(t.rep, -24 * HOUR);
    const early = await markHeld(t.rep, future.meetingId);
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual({ meetingId: ["This meeting has not started yet."] });
    expect((await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "de" } })).status).toBe(200);
    try {
      const german = problemTexts("de").problems;
      const worded = await markHeld(t.rep, future.meetingId);
      expect(worded.body).toMatchObject({
        detail: german("meetingNotStarted"),
        errors: { meetingId: [german("dbMeetingNotStarted")] },
        errorCodes: { meetingId: ["dbMeetingNotStarted"] },
      });
    } finally {
      await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
    }
    expect((await meetingRow(future.invitee.inviteeUri)).status).toBe("scheduled");
    expect((await t.rep.browser.get(`/api/v1/meetings/${future.meetingId}`)).body.meeting.canMarkHeld).toBe(false);

    const called = await bookedMeeting(t.rep);
    expect((await postCalendly(t.orgId, canceled(called.invitee))).status).toBe(200);
    await settled();
    const off = await markHeld(t.rep, called.meetingId);
    expect(off.status).toBe(409);
    expect(off.body.detail).toMatch(/canceled/);

    const missed = await bookedMeeting(t.rep);
    expect((await postCalendly(t.orgId, noShow(missed.invitee))).status).toBe(200);
    await settled();
    const absent = await markHeld(t.rep, missed.meetingId);
    expect(absent.status).toBe(409);
    expect(absent.body.detail).toMatch(/no-show/);

    for (const leadId of [future.leadId, called.leadId, missed.leadId]) {
      expect((await eventsOf(leadId)).some((e) => e.type === "meeting_held")).toBe(false);
    }
  });

  it("another organization's member gets 404, and so does an id that does not exist", async () => {
    const { meetingId } = await bookedMeeting(t.rep);
    const outsider = await signUpPerson({ prefix: "outsider" });
    expect((await markHeld(outsider, meetingId)).status).toBe(404);
    expect((await markHeld(t.rep, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await markHeld(t.rep, "not-a-uuid")).status).toBe(404);
    expect(await statusOf(meetingId)).toBe("scheduled");
  });

  it("two people marking the same meeting at once: one succeeds, the other is told it is already held", async () => {
    const { leadId, meetingId } = await bookedMeeting(t.rep);
    const results = await Promise.all([markHeld(t.rep, meetingId), markHeld(t.manager, meetingId)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await eventsOf(leadId)).filter((e) => e.type === "meeting_held")).toHaveLength(1);
    expect((await leadById(leadId)).engagement).toMatchObject({ meetingsHeld: 1 });
  });

  it("needs a signed-in member", async () => {
    const { meetingId } = await bookedMeeting(t.rep);
    expect((await new Browser().post(`/api/v1/meetings/${meetingId}/held`)).status).toBe(401);
  });
});
