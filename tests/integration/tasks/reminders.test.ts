import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { deliverNotification } from "@/lib/notifications/delivery";
import { fromWallClock, wallClock } from "@/lib/tasks/dates";
import { sendTaskReminders } from "@/lib/tasks/reminders";
import { team } from "../api/http";

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
const TASKS = "/api/v1/tasks";
const ZONE = "America/New_York";
let t: Team;

beforeAll(async () => {
  t = await team();
  const zone = await t.rep.browser.patch("/api/v1/preferences", { data: { timeZone: ZONE } });
  expect(zone.status, JSON.stringify(zone.body)).toBe(200);
});

const remindersOf = (taskId: string) =>
  withService(async (tx) => {
    const { rows } = await tx.query<{ id: string; user_id: string; dedupe_key: string; params: unknown }>(
      `select id, user_id, dedupe_key, params from public.notifications
        where kind = 'task_reminder' and metadata ->> 'taskId' = $1 order by created_at`,
      [taskId],
    );
    return rows;
  });

const emailDeliveryOf = (notificationId: string) =>
  withService(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      "select id from public.notification_deliveries where notification_id = $1 and channel = 'email'",
      [notificationId],
    );
    return rows[0]?.id;
  });

const minutes = (at: string | Date, delta: number) => new Date(new Date(at).getTime() + delta * 60_000);

describe("task reminders", () => {
  it("'tomorrow 9' for a user in New York is reminded at 09:00 New York time, to them, once", async () => {
    const created = await t.rep.browser.post(TASKS, { quickAdd: "Call the Smiths tomorrow 9" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const task = created.body.task;
    const wall = wallClock(new Date(), ZONE);
    const nine = fromWallClock({ ...wall, day: wall.day + 1, hour: 9, minute: 0 }, ZONE);
    expect(task.dueAt).toBe(nine.toISOString());

    await sendTaskReminders(minutes(nine, -1));
    expect(await remindersOf(task.id)).toHaveLength(0);

    await sendTaskReminders(nine);
    const sent = await remindersOf(task.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      user_id: t.rep.userId,
      dedupe_key: `task_reminder:${task.id}:${nine.toISOString()}`,
    });
    expect(sent[0]!.params).toMatchObject({ title: "Call the Smiths", dueAt: nine.toISOString() });

    await sendTaskReminders(minutes(nine, 1));
    await sendTaskReminders(minutes(nine, 30));
    expect(await remindersOf(task.id)).toHaveLength(1);
  });

  it("a snoozed task is reminded again at its new due time, and a completed one never", async () => {
    const due = minutes(new Date(), -5);
    const task = (await t.rep.browser.post(TASKS, { title: "Chase the invoice", dueAt: due })).body.task;
    await sendTaskReminders(new Date());
    expect(await remindersOf(task.id)).toHaveLength(1);

    const snoozed = (await t.rep.browser.patch(`${TASKS}/${task.id}`, { action: "snooze", snooze: "hour" })).body.task;
    await sendTaskReminders(minutes(snoozed.dueAt, -1));
    expect(await remindersOf(task.id)).toHaveLength(1);
    await sendTaskReminders(new Date(snoozed.dueAt));
    expect(await remindersOf(task.id)).toHaveLength(2);

    const done = (await t.rep.browser.post(TASKS, { title: "Already done", dueAt: minutes(new Date(), 10) })).body.task;
    await t.rep.browser.patch(`${TASKS}/${done.id}`, { action: "complete" });
    await sendTaskReminders(minutes(new Date(), 20));
    expect(await remindersOf(done.id)).toHaveLength(0);
  });

  it("a reminder due in the user's quiet hours is in the app at once and its email waits for the morning in their zone", async () => {
    const wall = wallClock(new Date(), ZONE);
    const lateEvening = fromWallClock({ ...wall, day: wall.day + 2, hour: 23, minute: 30 }, ZONE);
    const task = (await t.rep.browser.post(TASKS, { title: "Late one", dueAt: lateEvening })).body.task;
    await sendTaskReminders(lateEvening);
    const [reminder] = await remindersOf(task.id);
    expect(reminder).toBeDefined();
    const email = await emailDeliveryOf(reminder!.id);
    expect(email).toBeDefined();
    expect(await deliverNotification(email!, lateEvening)).toBe("held");
    const heldUntil = await withService(
      async (tx) =>
        (
          await tx.query<{ held_until: Date }>("select held_until from public.notification_deliveries where id = $1", [
            email,
          ])
        ).rows[0]!.held_until,
    );
    const morning = fromWallClock({ ...wall, day: wall.day + 3, hour: 8, minute: 0 }, ZONE);
    expect(new Date(heldUntil).toISOString()).toBe(morning.toISOString());
  });
});
