import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/boss";
import { settled } from "@/lib/jobs/soon";
import { deliverDigest, deliverNotification, gatherDigests } from "@/lib/notifications/delivery";
import { notifyWithResult } from "@/lib/notifications/notify";
import { lastEmailTo, team, type Person } from "../api/http";

/**
 * Emails and digests are written in the recipient's formats, read from their stored app
 * preferences (lib/preferences) when the job sends them: a German reader with Swiss dates,
 * Swiss numbers and a 24-hour clock gets "03.12.2026, 14:05", whoever caused the notification.
 */

afterAll(async () => {
  await settled();
  await stopJobQueue();
  await closeDatabase();
});

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let reader: Person;
let leadId: string;

const SWISS = { timeZone: "Europe/Zurich", dateFormat: "dd.MM.yyyy", hourCycle: "h23", numberLocale: "de-CH" };

/** Meeting reminders by email, and quiet hours as asked (the form's zone is the preferences' zone). */
async function reminders(person: Person, quiet: boolean) {
  const current = (await person.browser.get("/api/v1/notification-settings")).body.settings;
  current.channels.meeting_reminders = { in_app: true, email: true, push: false, sms: false };
  current.quietHours = { enabled: quiet, start: "22:00", end: "08:00" };
  current.timezone = SWISS.timeZone;
  const saved = await person.browser.put("/api/v1/notification-settings", current);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

const remind = (startsAt: string, now?: Date) =>
  withService((tx) =>
    notifyWithResult(
      tx,
      {
        kind: "meeting_reminder",
        orgId: t.orgId,
        leadId,
        meetingId: randomUUID(),
        title: "Dachbegehung",
        startsAt,
        userId: reader.userId,
      },
      now,
    ),
  );

beforeAll(async () => {
  t = await team();
  reader = t.rep;
  const saved = await reader.browser.patch("/api/v1/preferences", { interface: { language: "de" }, data: SWISS });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const lead = await reader.browser.post("/api/v1/leads", {
    name: "Dana Cohen",
    email: `formats-${randomUUID()}@formats.test`,
    ownerId: reader.userId,
  });
  expect(lead.status, JSON.stringify(lead.body)).toBe(201);
  leadId = lead.body.lead.id;
});

describe("the recipient's formats in emails and digests", () => {
  it("a meeting reminder email for a reader with Swiss formats and 24 hours shows 03.12.2026, 14:05", async () => {
    await reminders(reader, false);
    await remind("2026-12-03T13:05:00Z");
    await settled();
    const mail = await lastEmailTo(reader.email);
    expect(mail?.text).toContain("Dachbegehung – Do., 03.12.2026, 14:05 MEZ");
    expect(mail?.text).not.toMatch(/PM|12\/03\/2026|3 Dec/);
  });

  it("a digest after quiet hours names the time since and each meeting in the reader's formats", async () => {
    await reminders(reader, true);
    // 23:30 in Zurich: quiet until 08:00. The meeting is a week away: not urgent.
    const night = new Date("2026-12-03T22:30:00Z");
    const { notifications } = await remind("2026-12-10T13:05:00Z", night);
    const delivery = notifications
      .find((n) => n.userId === reader.userId)!
      .deliveries.find((d) => d.channel === "email")!;
    expect(await deliverNotification(delivery.id, night)).toBe("held");
    const digests = await gatherDigests(new Date("2026-12-04T07:00:30Z"));
    const mine = await withService(
      async (tx) =>
        (
          await tx.query<{ id: string }>(
            "select id from public.notification_digests where id = any ($1::uuid[]) and user_id = $2",
            [digests, reader.userId],
          )
        ).rows,
    );
    expect(mine).toHaveLength(1);
    expect(await deliverDigest(mine[0]!.id)).toBe("sent");
    const mail = await lastEmailTo(reader.email);
    // Since when: the notification's own time (the database's clock), in the same form.
    expect(mail?.text).toMatch(/\(seit [A-Z][a-z]\., \d{2}\.\d{2}\.\d{4}, [0-2]\d:\d{2} MES?Z\)/);
    // The minutes until the meeting with Swiss grouping, the meeting's time in Swiss form.
    expect(mail?.text).toContain("Termin mit Dana Cohen in 9'515 Min. — Dachbegehung – Do., 10.12.2026, 14:05 MEZ");
  });
});
