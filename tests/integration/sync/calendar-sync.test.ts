import { describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { translatorFor } from "@/lib/i18n/translator";
import { JOB_CATALOG } from "@/lib/jobs/catalog";
import { settled } from "@/lib/jobs/soon";
import { runCalendarSync } from "@/lib/sync/calendar/run";
import { queueDueCalendarSyncs } from "@/lib/sync/calendar/start";
import { renderSyncError } from "@/lib/sync/kinds";
import { WINDOW_DAYS } from "@/lib/sync/calendar/map";
import { Browser, signUpPerson, type Person } from "../api/http";
import { connectGoogle } from "../google/connect-flow";
import type { FakeCalendar } from "../google/fake-calendar";
import type { FakeGoogle } from "../google/fake-google";
import { withFakeGoogleCalendar } from "../google/suite";
import type { Row, Team } from "../oauth-helpers";
import { REASON_COLUMNS, withReasonText } from "../timeline-text";

let google: FakeGoogle;
let calendar: FakeCalendar;
let t: Team;
withFakeGoogleCalendar({
  env: { KILN_SANDBOX: "true" },
  ready: (fake, fakeCalendar, team) => {
    google = fake;
    calendar = fakeCalendar;
    t = team;
  },
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000);
const slot = (start: Date, minutes = 30) => ({
  start: { dateTime: start.toISOString(), timeZone: "Europe/Zurich" },
  end: { dateTime: new Date(start.getTime() + minutes * 60_000).toISOString(), timeZone: "Europe/Zurich" },
});
let ids = 0;
const eventId = () => `evt${Date.now().toString(36)}${(ids++).toString(36)}`;

/** Connects a person's own Google account (a Google account of their own) with Calendar on. */
async function connectCalendar(person: Person, account: { sub: string; email: string }) {
  google.account = account;
  expect(await connectGoogle(person, "calendar")).toEqual({ google: "connected" });
}

async function createLead(person: Person, name: string, email: string): Promise<string> {
  const response = await person.browser.post("/api/v1/leads", { name, email });
  expect(response.status, response.text).toBe(201);
  return response.body.lead?.id ?? response.body.id;
}

/** "Sync now", then the job's first attempt (it runs right after the response). */
async function syncNow(person: Person) {
  const response = await person.browser.post("/api/v1/sync/calendar");
  expect(response.status, response.text).toBe(202);
  await settled();
  const jobs = await person.browser.get("/api/v1/sync/jobs?target=calendar");
  expect(jobs.status, jobs.text).toBe(200);
  const job = jobs.body.jobs.find((j: Row) => j.id === response.body.jobId);
  expect(job, "the job is listed").toBeTruthy();
  return job;
}

/** Rows as the database holds them (past RLS), to check what the sync wrote. */
const rowsOf = async (sql: string, params: unknown[]) =>
  withService(async (tx) => (await tx.query<Row>(sql, params)).rows);
/** Every meeting of a lead, whichever provider reported it. */
const meetingsOf = (leadId: string) =>
  rowsOf(
    "select id, provider, status, title, starts_at, ends_at from public.meetings where lead_id = $1 order by created_at",
    [leadId],
  );
/** The lead's timeline as a reader sees it (English). */
const timelineOf = async (leadId: string) =>
  (
    await rowsOf(`select type, ${REASON_COLUMNS} from public.lead_events where lead_id = $1 order by created_at, id`, [
      leadId,
    ])
  )
    .map((row) =>
      withReasonText(
        row as Row & { reason: string | null; reason_key: string | null; reason_params: Record<string, unknown> },
      ),
    )
    .map((e) => e.reason ?? "");
const syncEventsOf = (jobId: string) =>
  rowsOf("select action, reason, provider_id, params from public.sync_events where job_id = $1 order by created_at", [
    jobId,
  ]);

const REP_ACCOUNT = { sub: "200000000000000000001", email: "rosa.rep@fernhill-mail.test" };
const rep = () => t.rep;

describe("Google Calendar sync", () => {
  let leadId: string;
  let meetingEvent: string;
  const leadEmail = "marta.quell@blauwerk-solar.test";

  it("an initial sync reads the window of the primary calendar and attaches an event with a lead attendee as a meeting", async () => {
    await connectCalendar(rep(), REP_ACCOUNT);
    leadId = await createLead(rep(), "Marta Quell", leadEmail);
    meetingEvent = eventId();
    calendar.put(REP_ACCOUNT.sub, {
      id: meetingEvent,
      summary: "Roof survey with Blauwerk",
      ...slot(at(2 * DAY)),
      organizer: { email: REP_ACCOUNT.email, self: true },
      attendees: [
        { email: REP_ACCOUNT.email, self: true, responseStatus: "accepted" },
        { email: "Marta.Quell@Blauwerk-Solar.test", responseStatus: "needsAction" },
        { email: "room-3@fernhill-mail.test", resource: true },
      ],
      hangoutLink: "https://meet.example.test/abc-defg-hij",
    });
    calendar.put(REP_ACCOUNT.sub, {
      id: eventId(),
      summary: "Dentist",
      ...slot(at(3 * DAY)),
      attendees: [{ email: "front-desk@smile-dental.test" }],
    });
    calendar.put(REP_ACCOUNT.sub, {
      id: eventId(),
      summary: "Trade fair",
      start: {
        date: at(4 * DAY)
          .toISOString()
          .slice(0, 10),
      },
      end: {
        date: at(5 * DAY)
          .toISOString()
          .slice(0, 10),
      },
      attendees: [{ email: leadEmail }],
    });
    calendar.put(REP_ACCOUNT.sub, {
      id: eventId(),
      summary: "Far away",
      ...slot(at(120 * DAY)),
      attendees: [{ email: leadEmail }],
    });

    calendar.pageSize = 2; // the sync follows pages
    const job = await syncNow(rep());
    calendar.pageSize = 250;
    expect(job).toMatchObject({
      target: "calendar",
      kind: "initial",
      status: "succeeded",
      error: null,
      counts: { seen: 3, created: 1, updated: 0, deleted: 0, skipped: 2 },
    });

    const first = calendar.requests[0]!;
    expect(first).toMatchObject({ singleEvents: "true", showDeleted: "false" });
    expect(first.syncToken).toBeUndefined();
    expect(Date.parse(first.timeMin!)).toBeCloseTo(Date.now() - WINDOW_DAYS.back * DAY, -6);
    expect(Date.parse(first.timeMax!)).toBeCloseTo(Date.now() + WINDOW_DAYS.ahead * DAY, -6);
    expect(calendar.requests.filter((r) => r.pageToken)).toHaveLength(1);

    const meetings = await meetingsOf(leadId);
    expect(meetings).toEqual([
      expect.objectContaining({ provider: "google", status: "scheduled", title: "Roof survey with Blauwerk" }),
    ]);
    expect(new Date(meetings[0]!.starts_at).getTime()).toBe(at(2 * DAY).getTime());

    const listed = await rep().browser.get("/api/v1/meetings?tab=upcoming");
    expect(listed.body.meetings).toContainEqual(
      expect.objectContaining({ leadId, provider: "google", joinUrl: "https://meet.example.test/abc-defg-hij" }),
    );
    expect(await timelineOf(leadId)).toContainEqual(
      expect.stringContaining("Google Calendar meeting: Roof survey with Blauwerk"),
    );

    expect((await syncEventsOf(job.id)).map((e) => [e.action, e.reason])).toEqual(
      expect.arrayContaining([
        ["created", "lead_attendee"],
        ["skipped", "no_lead_attendee"],
        ["skipped", "all_day"],
      ]),
    );

    const events = await rep().browser.get(
      `/api/v1/sync/calendar/events?${new URLSearchParams({
        from: at(-DAY).toISOString(),
        to: at(10 * DAY).toISOString(),
        leadId,
      })}`,
    );
    expect(events.status, events.text).toBe(200);
    expect(events.body.events.map((e: Row) => e.googleEventId)).toContain(meetingEvent);
    expect(events.body.events.every((e: Row) => e.leadIds.includes(leadId))).toBe(true);
  });

  it("an incremental sync reads only the changes since the sync token: a moved event updates its meeting, a cancelled one cancels it", async () => {
    const movedTo = at(2 * DAY + 3 * HOUR);
    calendar.put(REP_ACCOUNT.sub, {
      id: meetingEvent,
      summary: "Roof survey with Blauwerk (moved)",
      ...slot(movedTo, 45),
      attendees: [{ email: REP_ACCOUNT.email, self: true }, { email: leadEmail }],
    });
    const job = await syncNow(rep());
    expect(job).toMatchObject({
      kind: "incremental",
      status: "succeeded",
      counts: { seen: 1, updated: 1, created: 0 },
    });
    expect(calendar.requests.at(-1)!.syncToken).toBeTruthy();
    expect(calendar.requests.at(-1)!.timeMin).toBeUndefined();
    const [moved] = await meetingsOf(leadId);
    expect(moved).toMatchObject({ status: "scheduled", title: "Roof survey with Blauwerk (moved)" });
    expect(new Date(moved!.starts_at).getTime()).toBe(movedTo.getTime());
    expect(new Date(moved!.ends_at).getTime()).toBe(movedTo.getTime() + 45 * 60_000);

    // Nothing changed: nothing read, nothing done.
    expect(await syncNow(rep())).toMatchObject({ kind: "incremental", counts: { seen: 0, updated: 0 } });

    calendar.cancel(REP_ACCOUNT.sub, meetingEvent);
    const canceled = await syncNow(rep());
    expect(canceled).toMatchObject({ kind: "incremental", status: "succeeded", counts: { seen: 1, deleted: 1 } });
    expect(await meetingsOf(leadId)).toEqual([expect.objectContaining({ provider: "google", status: "canceled" })]);
    const timeline = await timelineOf(leadId);
    expect(timeline).toContainEqual(
      expect.stringContaining("Google Calendar meeting moved: Roof survey with Blauwerk (moved)"),
    );
    expect(timeline).toContainEqual(expect.stringContaining("Google Calendar meeting canceled"));
  });

  it("a 410 for an expired sync token drops it and reads everything again, marked as a full resync", async () => {
    const again = eventId();
    calendar.put(REP_ACCOUNT.sub, {
      id: again,
      summary: "Follow-up call",
      ...slot(at(6 * DAY)),
      attendees: [{ email: leadEmail }],
    });
    calendar.expireSyncTokens();
    const before = calendar.requests.length;
    const job = await syncNow(rep());
    expect(job).toMatchObject({ kind: "full_resync", status: "succeeded", error: null });
    const [rejected, full] = calendar.requests.slice(before);
    expect(rejected!.syncToken).toBeTruthy();
    expect(full!.syncToken).toBeUndefined();
    expect(full!.timeMin).toBeTruthy();
    expect(await syncEventsOf(job.id)).toContainEqual(
      expect.objectContaining({ action: "resync", reason: "sync_token_expired" }),
    );
    // The meeting found before is found again, not added a second time; the new event is added.
    const meetings = await meetingsOf(leadId);
    expect(meetings.filter((m) => m.title === "Follow-up call")).toHaveLength(1);
    expect(meetings).toHaveLength(2);
    // And the next run goes on from the new token.
    expect(await syncNow(rep())).toMatchObject({ kind: "incremental", status: "succeeded" });
  });

  it("the same event delivered twice is stored once, as one meeting", async () => {
    const twice = eventId();
    calendar.put(REP_ACCOUNT.sub, {
      id: twice,
      summary: "Contract review",
      ...slot(at(8 * DAY)),
      attendees: [{ email: leadEmail }],
    });
    calendar.duplicateItems = true;
    const job = await syncNow(rep());
    calendar.duplicateItems = false;
    expect(job).toMatchObject({ status: "succeeded", counts: { seen: 2, created: 1, skipped: 1 } });
    const stored = await rowsOf("select id from public.google_calendar_events where google_event_id = $1", [twice]);
    expect(stored).toHaveLength(1);
    expect((await meetingsOf(leadId)).filter((m) => m.title === "Contract review")).toHaveLength(1);
  });

  it("does not add a meeting Calendly already reported for the same lead and start", async () => {
    const startsAt = at(10 * DAY);
    const booked = await t.owner.browser.post("/api/v1/integrations/calendly/simulate", {
      leadId,
      startsAt: startsAt.toISOString(),
    });
    expect(booked.status, booked.text).toBe(202);
    await settled();
    expect((await meetingsOf(leadId)).filter((m) => m.provider === "calendly")).toHaveLength(1);

    // Calendly put the booking into the rep's calendar a minute off (its own rounding).
    const copy = eventId();
    calendar.put(REP_ACCOUNT.sub, {
      id: copy,
      summary: "Calendly: Intro call",
      ...slot(new Date(startsAt.getTime() + 60_000)),
      attendees: [{ email: REP_ACCOUNT.email, self: true }, { email: leadEmail }],
    });
    const job = await syncNow(rep());
    expect(job).toMatchObject({ status: "succeeded", counts: { created: 0, skipped: 1 } });
    const meetings = await meetingsOf(leadId);
    expect(meetings.filter((m) => Math.abs(new Date(m.starts_at).getTime() - startsAt.getTime()) < 5 * 60_000)).toEqual(
      [expect.objectContaining({ provider: "calendly" })],
    );
    expect(await syncEventsOf(job.id)).toContainEqual(
      expect.objectContaining({
        action: "skipped",
        reason: "already_known",
        provider_id: copy,
        params: expect.objectContaining({ provider: "calendly" }),
      }),
    );
  });
});

describe("who sees sync jobs", () => {
  it("a user lists only their own jobs and calendar: not a colleague's, not another organization's", async () => {
    const managerAccount = { sub: "200000000000000000002", email: "milo.manager@fernhill-mail.test" };
    await connectCalendar(t.manager, managerAccount);
    calendar.put(managerAccount.sub, { id: eventId(), summary: "Manager's 1:1", ...slot(at(DAY)) });
    const managerJob = await syncNow(t.manager);
    expect(managerJob.status).toBe("succeeded");

    const repJobs = (await t.rep.browser.get("/api/v1/sync/jobs")).body.jobs as Row[];
    expect(repJobs.length).toBeGreaterThan(0);
    expect(repJobs.map((j) => j.id)).not.toContain(managerJob.id);
    const managerJobs = (await t.manager.browser.get("/api/v1/sync/jobs")).body.jobs as Row[];
    expect(managerJobs.map((j) => j.id)).toEqual([managerJob.id]);
    // Not even the owner of the organization reads them.
    expect((await t.owner.browser.get("/api/v1/sync/jobs")).body.jobs).toEqual([]);

    const outsider = await signUpPerson({ prefix: "outsider" });
    expect((await outsider.browser.get("/api/v1/sync/jobs")).body.jobs).toEqual([]);
    const range = new URLSearchParams({ from: at(-40 * DAY).toISOString(), to: at(100 * DAY).toISOString() });
    expect((await outsider.browser.get(`/api/v1/sync/calendar/events?${range}`)).body.events).toEqual([]);
    const ownerEvents = (await t.owner.browser.get(`/api/v1/sync/calendar/events?${range}`)).body.events as Row[];
    expect(ownerEvents).toEqual([]);
    const managerEvents = (await t.manager.browser.get(`/api/v1/sync/calendar/events?${range}`)).body.events as Row[];
    expect(managerEvents.map((e) => e.summary)).toEqual(["Manager's 1:1"]);
  });
});

describe("the sync API", () => {
  const problem = (response: { status: number; headers: Headers }) => ({
    status: response.status,
    type: response.headers.get("content-type"),
  });

  it("answers 409 problem+json to 'sync now' without Calendar connected and on, and 401 signed out", async () => {
    const nobody = await t.admin.browser.post("/api/v1/sync/calendar");
    expect(problem(nobody)).toEqual({ status: 409, type: expect.stringContaining("application/problem+json") });

    // Turned off: nothing to sync either.
    const off = await t.manager.browser.patch("/api/v1/integrations/google", { calendar: false });
    expect(off.status, off.text).toBe(200);
    const refused = await t.manager.browser.post("/api/v1/sync/calendar");
    expect(problem(refused)).toEqual({ status: 409, type: expect.stringContaining("application/problem+json") });
    expect(refused.body.detail).toContain("Google Calendar is not turned on");

    expect((await new Browser().post("/api/v1/sync/calendar")).status).toBe(401);
  });

  it("'sync now' again while a sync runs joins the running job", async () => {
    calendar.delayMs = 1_000;
    const first = await t.rep.browser.post("/api/v1/sync/calendar");
    expect(first.body).toEqual({ jobId: expect.any(String), alreadyQueued: false });
    const second = await t.rep.browser.post("/api/v1/sync/calendar");
    expect(second.body).toEqual({ jobId: first.body.jobId, alreadyQueued: true });
    await settled();
    calendar.delayMs = 0;
    const [latest] = (await t.rep.browser.get("/api/v1/sync/jobs?target=calendar&limit=1")).body.jobs;
    expect(latest).toMatchObject({ id: first.body.jobId, status: "succeeded" });
  });

  it("validates the events query and the jobs filter (422 problem+json)", async () => {
    const get = (query: string) => t.rep.browser.get(`/api/v1/sync/calendar/events?${query}`);
    const from = at(0).toISOString();
    for (const [query, field] of [
      ["", "from"],
      [`from=${from}`, "to"],
      [`from=yesterday&to=${from}`, "from"],
      [`from=${from}&to=${at(-DAY).toISOString()}`, "to"],
      [`from=${from}&to=${at(500 * DAY).toISOString()}`, "to"],
      [`from=${from}&to=${at(DAY).toISOString()}&leadId=not-a-lead`, "leadId"],
      [`from=${from}&to=${at(DAY).toISOString()}&limit=100000`, "limit"],
    ] as const) {
      const response = await get(query);
      expect(problem(response), query).toEqual({
        status: 422,
        type: expect.stringContaining("application/problem+json"),
      });
      expect(Object.keys(response.errors ?? {}), query).toContain(field);
    }
    const jobs = await t.rep.browser.get("/api/v1/sync/jobs?target=outlook");
    expect(problem(jobs)).toEqual({ status: 422, type: expect.stringContaining("application/problem+json") });
    expect(jobs.errors).toHaveProperty("target");
  });
});

describe("the schedule", () => {
  it("queues one job per connection with Calendar on, joining a job already waiting, and runs them", async () => {
    const queued = await queueDueCalendarSyncs();
    // The rep's connection has Calendar on; the manager turned it off; the others have none.
    expect(queued.map((job) => job.userId)).toEqual([t.rep.userId]);
    expect((await queueDueCalendarSyncs()).map((job) => job.jobId)).toEqual(queued.map((job) => job.jobId));
    await runCalendarSync(queued[0]!.jobId);
    const [latest] = (await t.rep.browser.get("/api/v1/sync/jobs?target=calendar&limit=1")).body.jobs;
    expect(latest).toMatchObject({ id: queued[0]!.jobId, kind: "incremental", status: "succeeded" });
    expect(JOB_CATALOG.map((job) => [job.name, job.schedule])).toEqual(
      expect.arrayContaining([
        ["sync.calendar", undefined],
        ["sync.calendar.sweep", "*/5 * * * *"],
      ]),
    );
  });
});

describe("a sync Google refuses", () => {
  it("ends failed with the reason as a kind, which the user reads in their language", async () => {
    google.revokeAll(REP_ACCOUNT.sub);
    const job = await syncNow(rep());
    expect(job).toMatchObject({ status: "failed", error: { kind: "needs_reauth" } });
    expect(renderSyncError(job.error, translatorFor("de", "integrations.google.sync"))).toContain(
      "Verbinden Sie Google neu",
    );
  });
});
