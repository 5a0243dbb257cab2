import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/client";
import { fromWallClock, wallClock } from "@/lib/tasks/dates";
import { signUpPerson, team } from "../api/http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const TASKS = "/api/v1/tasks";
let t: Team;
let lead: Json;

beforeAll(async () => {
  t = await team();
  const created = await t.rep.browser.post("/api/v1/leads", { name: "Anna Keller", email: "anna@tasks-api.test" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  lead = created.body.lead;
  const zone = await t.rep.browser.patch("/api/v1/preferences", { data: { timeZone: "America/New_York" } });
  expect(zone.status, JSON.stringify(zone.body)).toBe(200);
});

/** Tomorrow at `hour`:00 on New York's wall clock. */
const tomorrowInNewYork = (hour: number) => {
  const wall = wallClock(new Date(), "America/New_York");
  return fromWallClock({ ...wall, day: wall.day + 1, hour, minute: 0 }, "America/New_York").toISOString();
};

describe("tasks API", () => {
  it("a quick add reads its date in the caller's zone and files the task for them, 201", async () => {
    const response = await t.rep.browser.post(TASKS, { quickAdd: "Call Anna tomorrow 9", leadId: lead.id });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.task).toMatchObject({
      title: "Call Anna",
      dueAt: tomorrowInNewYork(9),
      assigneeId: t.rep.userId,
      leadId: lead.id,
      leadName: "Anna Keller",
      category: "follow_up",
      completedAt: null,
    });
  });

  it("invalid fields are a 422 with problem+json field errors", async () => {
    const response = await t.rep.browser.post(TASKS, { title: "", category: "lunch", dueAt: "tomorrow" });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(Object.keys(response.errors ?? {}).sort()).toEqual(["category", "dueAt", "title"]);
    const snooze = await t.rep.browser.patch(`${TASKS}/${crypto.randomUUID()}`, { action: "snooze" });
    expect(snooze.status).toBe(422);
    expect(snooze.errors?.snooze).toBeDefined();
  });

  it("a rep cannot give a task to someone else; a manager can", async () => {
    const refused = await t.rep.browser.post(TASKS, { title: "For the boss", assigneeId: t.manager.userId });
    expect(refused.status).toBe(403);
    const given = await t.manager.browser.post(TASKS, { title: "For the rep", assigneeId: t.rep.userId });
    expect(given.status).toBe(201);
    expect(given.body.task.assigneeId).toBe(t.rep.userId);
  });

  it("completing a task on a lead writes 'task completed' on the lead's timeline, and it leaves the open views", async () => {
    const created = (await t.rep.browser.post(TASKS, { title: "Send the offer", leadId: lead.id, category: "email" }))
      .body.task;
    const done = await t.rep.browser.patch(`${TASKS}/${created.id}`, { action: "complete" });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.task.completedBy).toBe(t.rep.userId);
    expect(done.body.task.completedAt).not.toBeNull();

    const events = (await t.rep.browser.get(`/api/v1/leads/${lead.id}/events`)).body.events as Json[];
    const entry = events.find((e) => e.type === "task_completed");
    expect(entry).toMatchObject({ reasonKey: "task_completed", reasonParams: { title: "Send the offer" } });
    expect(entry.reason).toBe("Completed the task “Send the offer”");

    const mine = (await t.rep.browser.get(`${TASKS}?view=mine`)).body.tasks as Json[];
    expect(mine.map((task) => task.id)).not.toContain(created.id);
    const finished = (await t.rep.browser.get(`${TASKS}?view=done`)).body.tasks as Json[];
    expect(finished.map((task) => task.id)).toContain(created.id);

    const reopened = await t.rep.browser.patch(`${TASKS}/${created.id}`, { action: "reopen" });
    expect(reopened.body.task).toMatchObject({ completedAt: null, completedBy: null });
  });

  it("snoozing to tomorrow moves the due time to 09:00 on the caller's wall clock and counts the snooze", async () => {
    const created = (await t.rep.browser.post(TASKS, { title: "Nudge", dueAt: new Date(Date.now() - 3_600_000) })).body
      .task;
    expect((await t.rep.browser.get(`${TASKS}/summary`)).body.overdue).toBeGreaterThanOrEqual(1);
    const overdue = (await t.rep.browser.get(`${TASKS}?view=overdue`)).body.tasks as Json[];
    expect(overdue.map((task) => task.id)).toContain(created.id);

    const snoozed = await t.rep.browser.patch(`${TASKS}/${created.id}`, { action: "snooze", snooze: "tomorrow" });
    expect(snoozed.status, JSON.stringify(snoozed.body)).toBe(200);
    expect(snoozed.body.task).toMatchObject({ dueAt: tomorrowInNewYork(9), snoozeCount: 1 });
    const upcoming = (await t.rep.browser.get(`${TASKS}?view=upcoming`)).body.tasks as Json[];
    expect(upcoming.map((task) => task.id)).toContain(created.id);
  });

  it("the lead's widget lists the lead's open tasks whoever holds them", async () => {
    await t.manager.browser.post(TASKS, { title: "Manager's follow-up", leadId: lead.id });
    const tasks = (await t.rep.browser.get(`${TASKS}?leadId=${lead.id}`)).body.tasks as Json[];
    expect(tasks.map((task) => task.title)).toEqual(expect.arrayContaining(["Call Anna", "Manager's follow-up"]));
  });

  it("another organization cannot read, change or delete a task: 404", async () => {
    const task = (await t.rep.browser.post(TASKS, { title: "Private" })).body.task;
    const outsider = await signUpPerson({ prefix: "outsider" });
    expect((await outsider.browser.get(`${TASKS}/${task.id}`)).status).toBe(404);
    expect((await outsider.browser.patch(`${TASKS}/${task.id}`, { action: "complete" })).status).toBe(404);
    expect((await outsider.browser.delete(`${TASKS}/${task.id}`)).status).toBe(404);
    expect((await outsider.browser.get(`${TASKS}?view=all`)).body.tasks).toEqual([]);
    const onTheirLead = await outsider.browser.post(TASKS, { title: "Sneaky", leadId: lead.id });
    expect(onTheirLead.status).toBe(404);
    expect((await t.rep.browser.delete(`${TASKS}/${task.id}`)).status).toBe(204);
  });
});
