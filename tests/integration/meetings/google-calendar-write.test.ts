import { describe, expect, it } from "vitest";
import { seal } from "@/lib/crypto/secret-box";
import { withService } from "@/lib/db";
import { env } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/translator";
import { jobQueue } from "@/lib/jobs/boss";
import { settled } from "@/lib/jobs/soon";
import { writeGoogleEvent } from "@/lib/meetings/google-write";
import { googleEventQueue } from "@/lib/meetings/queue";
import { uniqueEmail, type Person } from "../api/http";
import { connectGoogle } from "../google/connect-flow";
import type { FakeCalendar } from "../google/fake-calendar";
import type { FakeGoogle } from "../google/fake-google";
import { withFakeGoogleCalendar } from "../google/suite";
import type { Row, Team } from "../oauth-helpers";

/**
 * Meetings booked in Kiln written to the owner's Google Calendar (lib/meetings/google-write.ts):
 * over real HTTP to the local Google stand-in, through the same routes the meeting form uses.
 */
let google: FakeGoogle;
let calendar: FakeCalendar;
let t: Team;
withFakeGoogleCalendar({
  ready: (fake, fakeCalendar, team) => {
    google = fake;
    calendar = fakeCalendar;
    t = team;
  },
});

const HOUR = 3_600_000;
const REP_ACCOUNT = { sub: "300000000000000000001", email: "rosa.rep@fernhill-mail.test" };
const at = (ms: number) => new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000);
const english = translatorFor("en", "meetings.googleCalendar", "UTC");

const rowsOf = async (sql: string, params: unknown[]) =>
  withService(async (tx) => (await tx.query<Row>(sql, params)).rows);
const linkOf = async (meetingId: string) =>
  (await rowsOf("select * from public.meeting_google_events where meeting_id = $1", [meetingId]))[0];

async function newLead(person: Person, name: string) {
  const email = uniqueEmail("gcal");
  const created = await person.browser.post("/api/v1/leads", { name, email, ownerId: person.userId });
  expect(created.status, created.text).toBe(201);
  return { id: created.body.lead.id as string, email };
}

async function book(person: Person, body: Record<string, unknown>) {
  const response = await person.browser.post("/api/v1/meetings", {
    title: "Roof survey",
    startsAt: at(48 * HOUR).toISOString(),
    durationMinutes: 60,
    timezone: "Europe/Zurich",
    location: "Bahnhofstrasse 1, Zürich",
    joinUrl: "https://meet.example.test/roof",
    ...body,
  });
  expect(response.status, response.text).toBe(201);
  await settled();
  return response.body.meeting as Row;
}

const meetingOf = async (person: Person, id: string) => {
  const response = await person.browser.get(`/api/v1/meetings/${id}`);
  expect(response.status, response.text).toBe(200);
  return response.body.meeting as Row;
};

describe("a meeting booked in Kiln goes to the owner's Google Calendar", () => {
  let lead: { id: string; email: string };
  let meetingId: string;
  let eventId: string;

  it("a meeting entered by hand is inserted into the owner's primary calendar with the lead as attendee", async () => {
    google.account = REP_ACCOUNT;
    expect(await connectGoogle(t.rep, "calendar")).toEqual({ google: "connected" });
    lead = await newLead(t.rep, "Marta Quell");

    const start = at(48 * HOUR);
    const meeting = await book(t.rep, { leadId: lead.id, startsAt: start.toISOString() });
    meetingId = meeting.id;
    // The answer is written before the event (the write runs after the response).
    expect(meeting.googleCalendar).toMatchObject({ state: "pending", errorKind: null });

    const inserts = calendar.writes.filter((w) => w.method === "POST");
    expect(inserts).toHaveLength(1);
    expect(inserts[0]!.query).toMatchObject({ sendUpdates: "all" });
    const link = (await linkOf(meetingId))!;
    eventId = link.google_event_id;
    expect(eventId).toMatch(/^kiln[0-9a-f]{32}$/);

    const event = calendar.get(REP_ACCOUNT.sub, eventId)!;
    expect(event).toMatchObject({
      status: "confirmed",
      summary: "Roof survey",
      location: "Bahnhofstrasse 1, Zürich",
      attendees: [{ email: lead.email, displayName: "Marta Quell" }],
      start: { dateTime: start.toISOString(), timeZone: "Europe/Zurich" },
      end: { dateTime: new Date(start.getTime() + HOUR).toISOString(), timeZone: "Europe/Zurich" },
    });
    expect(event.description).toContain("https://meet.example.test/roof");
    expect(event.description).toContain(`/leads/${lead.id}`);

    const shown = await meetingOf(t.rep, meetingId);
    expect(shown.googleCalendar).toEqual({ id: link.id, state: "added", errorKind: null });
    expect(english(`added`)).toBe("Added to Google Calendar");
  });

  it("a reschedule (a new meeting row in Kiln) moves the same event, and an edit changes it", async () => {
    const start = at(72 * HOUR);
    const moved = await t.rep.browser.patch(`/api/v1/meetings/${meetingId}`, { startsAt: start.toISOString() });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.meeting.id).not.toBe(meetingId);
    await settled();
    const newId = moved.body.meeting.id as string;

    expect(await linkOf(meetingId)).toBeUndefined();
    expect((await linkOf(newId))!.google_event_id).toBe(eventId);
    const last = calendar.writes.at(-1)!;
    expect(last).toMatchObject({ method: "PATCH", id: eventId, query: { sendUpdates: "all" } });
    expect(calendar.get(REP_ACCOUNT.sub, eventId)).toMatchObject({
      status: "confirmed",
      start: { dateTime: start.toISOString() },
      end: { dateTime: new Date(start.getTime() + HOUR).toISOString() },
      // People the owner added in Google are not replaced by a move.
      attendees: [{ email: lead.email, displayName: "Marta Quell" }],
    });
    expect(calendar.writes.filter((w) => w.method === "POST")).toHaveLength(1);

    const edited = await t.rep.browser.patch(`/api/v1/meetings/${newId}`, { title: "Roof survey (final)" });
    expect(edited.status, edited.text).toBe(200);
    await settled();
    expect(calendar.get(REP_ACCOUNT.sub, eventId)).toMatchObject({ summary: "Roof survey (final)" });
    expect((await meetingOf(t.rep, newId)).googleCalendar).toMatchObject({ state: "added" });
    meetingId = newId;
  });

  it("the calendar read sync afterwards knows the event as Kiln's own and adds no second meeting", async () => {
    const response = await t.rep.browser.post("/api/v1/sync/calendar");
    expect(response.status, response.text).toBe(202);
    await settled();
    const [job] = await rowsOf("select status, error from public.sync_jobs where id = $1", [response.body.jobId]);
    expect(job).toMatchObject({ status: "succeeded", error: null });

    const meetings = await rowsOf("select provider, status from public.meetings where lead_id = $1", [lead.id]);
    expect(meetings.map((m) => m.provider)).toEqual(["manual", "manual"]);
    expect(
      await rowsOf("select action, reason, meeting_id from public.sync_events where job_id = $1 and provider_id = $2", [
        response.body.jobId,
        eventId,
      ]),
    ).toEqual([{ action: "skipped", reason: "already_known", meeting_id: meetingId }]);
  });

  it("canceling the meeting deletes the event, and a later sync still adds nothing", async () => {
    const canceled = await t.rep.browser.post(`/api/v1/meetings/${meetingId}/cancel`, { reason: "Lead is away" });
    expect(canceled.status, canceled.text).toBe(200);
    await settled();
    expect(calendar.writes.at(-1)).toMatchObject({ method: "DELETE", id: eventId, query: { sendUpdates: "all" } });
    expect(calendar.get(REP_ACCOUNT.sub, eventId)?.status).toBe("cancelled");
    expect((await meetingOf(t.rep, meetingId)).googleCalendar).toMatchObject({ state: "removed" });

    const response = await t.rep.browser.post("/api/v1/sync/calendar");
    expect(response.status, response.text).toBe(202);
    await settled();
    const meetings = await rowsOf("select provider from public.meetings where lead_id = $1", [lead.id]);
    expect(meetings.every((m) => m.provider === "manual")).toBe(true);
  });

  it("an access token Google no longer takes (401) is refreshed once and the write goes through", async () => {
    const { id: leadId } = await newLead(t.rep, "Jonas Brandt");
    // A token that looks unexpired to Kiln but that Google does not know.
    await withService((tx) =>
      tx.query(
        "update public.google_connections set access_token_sealed = $3, expires_at = now() + interval '1 hour' where org_id = $1 and user_id = $2",
        [
          t.orgId,
          t.rep.userId,
          seal(
            "ya29.unknown-to-google",
            env().ENCRYPTION_KEY,
            `google_connections:${t.orgId}:${t.rep.userId}:access_token`,
          ),
        ],
      ),
    );
    const refreshes = google.refreshCalls;
    const writes = calendar.writes.length;
    const meeting = await book(t.rep, { leadId, title: "Contract talk" });
    expect(google.refreshCalls).toBe(refreshes + 1);
    expect(calendar.writes.slice(writes).map((w) => w.method)).toEqual(["POST", "POST"]);
    expect((await meetingOf(t.rep, meeting.id)).googleCalendar).toMatchObject({ state: "added" });
    const link = (await linkOf(meeting.id))!;
    expect(calendar.get(REP_ACCOUNT.sub, link.google_event_id)).toMatchObject({ summary: "Contract talk" });
  });

  it("a write Google refuses (403) shows on the meeting, in the reader's language, and is tried again", async () => {
    const { id: leadId } = await newLead(t.rep, "Ines Vogt");
    calendar.failWrites = { status: 403, reason: "forbidden", times: 1 };
    const meeting = await book(t.rep, { leadId, title: "Demo" });
    const shown = await meetingOf(t.rep, meeting.id);
    expect(shown.googleCalendar).toMatchObject({ state: "failed", errorKind: "forbidden" });
    expect(english("failed", { reason: english(`errors.${shown.googleCalendar.errorKind}`) })).toBe(
      "Could not add to Google Calendar: Google refused access to the calendar",
    );
    expect(translatorFor("de", "meetings.googleCalendar", "UTC")("failed", { reason: "x" })).toContain(
      "Google Kalender",
    );

    // The first attempt handed the write to the queue; its retry (run here as the worker would) adds it.
    const link = (await linkOf(meeting.id))!;
    const queued = await (
      await jobQueue()
    ).findJobs(googleEventQueue.name, { data: { eventId: link.id }, queued: true });
    expect(queued).toHaveLength(1);
    expect(await writeGoogleEvent(link.id)).toBe("done");
    expect((await meetingOf(t.rep, meeting.id)).googleCalendar).toMatchObject({ state: "added", errorKind: null });
    expect(calendar.get(REP_ACCOUNT.sub, link.google_event_id)).toMatchObject({ summary: "Demo" });
  });

  it("Google down (503) is a passing failure; a revoked grant ends in 'reconnect Google'", async () => {
    const { id: leadId } = await newLead(t.rep, "Paul Roth");
    calendar.failWrites = { status: 503, reason: "backendError", times: 1 };
    const meeting = await book(t.rep, { leadId });
    expect((await meetingOf(t.rep, meeting.id)).googleCalendar).toMatchObject({
      state: "failed",
      errorKind: "unavailable",
    });
    google.revokeAll(REP_ACCOUNT.sub);
    const link = (await linkOf(meeting.id))!;
    expect(await writeGoogleEvent(link.id)).toBe("retry");
    expect((await meetingOf(t.rep, meeting.id)).googleCalendar).toMatchObject({
      state: "failed",
      errorKind: "needs_reauth",
    });
  });
});

describe("without Google Calendar nothing changes", () => {
  it("a member without a Google connection books as before: no event row, no job, no call to Google", async () => {
    const { id: leadId } = await newLead(t.manager, "Lea Sommer");
    const writes = calendar.writes.length;
    const jobs = async () => (await (await jobQueue()).findJobs(googleEventQueue.name, { queued: true })).length;
    const queued = await jobs();
    const meeting = await book(t.manager, { leadId });
    expect(meeting.googleCalendar).toBeNull();
    expect(await linkOf(meeting.id)).toBeUndefined();
    expect(calendar.writes.length).toBe(writes);
    expect(await jobs()).toBe(queued);
  });

  it("a rep who unticks 'add to Google Calendar' gets no event", async () => {
    const { id: leadId } = await newLead(t.admin, "Tom Weiss");
    google.account = { sub: "300000000000000000002", email: "ada.admin@fernhill-mail.test" };
    expect(await connectGoogle(t.admin, "calendar")).toEqual({ google: "connected" });
    const writes = calendar.writes.length;
    const meeting = await book(t.admin, { leadId, googleCalendar: false });
    expect(meeting.googleCalendar).toBeNull();
    expect(calendar.writes.length).toBe(writes);
  });
});
