/**
 * The dashboard as a PDF and scheduled email reports: the download, subscriptions and their
 * validation, a due subscription's run (stored, emailed with the PDF attached to the development
 * outbox, idempotent), "send now", what a restricted rep's report counts, and that nobody sees
 * or touches another person's subscriptions and reports.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import type { OutboxEmail } from "@/lib/email/outbox";
import { settled } from "@/lib/jobs/soon";
import { dispatchDueReports } from "@/lib/reports/dispatch";
import { generateReport } from "@/lib/reports/generate";
import { reportPeriod } from "@/lib/reports/schedule";
import { pdfText, pdfTextLines, pdfTitle } from "../../fixtures/pdf-text";
import { Browser, lastEmailTo, signUpPerson, team, type Person } from "../api/http";

afterAll(() => closeDatabase());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Team = Awaited<ReturnType<typeof team>>;

let t: Team;
let other: Person;
let orgName: string;
const run = randomUUID().slice(0, 8);
let counter = 0;

async function newLead(browser: Browser, ownerId: string): Promise<void> {
  const response = await browser.post("/api/v1/leads", {
    name: `Report lead ${++counter}`,
    email: `report-${run}-${counter}@reports.test`,
    ownerId,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

async function subscribe(browser: Browser, body: Record<string, unknown> = {}): Promise<Json> {
  const response = await browser.post("/api/v1/reports/subscriptions", {
    cadence: "weekly",
    weekday: 1,
    hour: 8,
    timeZone: "Europe/Zurich",
    ...body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.subscription;
}

/** Makes a subscription due now, as if its hour had come. */
const makeDue = (id: string, at: Date) =>
  withService((tx) => tx.query("update public.report_subscriptions set next_run_at = $2 where id = $1", [id, at]));

const attachedPdf = (mail: OutboxEmail | undefined) => {
  const file = mail?.attachments?.[0];
  expect(file, "an email with an attachment").toBeTruthy();
  return { file: file!, pdf: Buffer.from(file!.contentBase64, "base64") };
};

/** The HEAT table's total of leads now, as printed in the PDF ("Total", now, at start, change). */
const heatTotal = (pdf: Buffer) => {
  const lines = pdfTextLines(pdf);
  return Number(lines[lines.indexOf("Total") + 1]);
};

beforeAll(async () => {
  t = await team();
  other = await signUpPerson({ prefix: "reports-other" });
  orgName = await withService(
    async (tx) =>
      (await tx.query<{ name: string }>("select name from public.organizations where id = $1", [t.orgId])).rows[0]!
        .name,
  );
  await newLead(t.manager.browser, t.manager.userId);
  await newLead(t.manager.browser, t.manager.userId);
  await newLead(t.rep.browser, t.rep.userId);
  await newLead(t.rep.browser, t.rep.userId);
});

describe("GET /api/v1/analytics/pdf", () => {
  it("answers a PDF download with the organization's name in its title and on the page", async () => {
    const response = await t.manager.browser.get("/api/v1/analytics/pdf?range=7d");
    expect(response.status, response.text.slice(0, 300)).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="kiln-report-.+\.pdf"$/);
    expect(response.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfTitle(response.bytes)).toMatch(new RegExp(`^${orgName}: dashboard report `));
    const text = pdfText(response.bytes);
    expect(text).toContain(orgName);
    expect(heatTotal(response.bytes)).toBe(4);
  });

  it("is written in the downloader's language and formats: Swiss dates in German, Hebrew right to left", async () => {
    const patch = (body: Json) => t.manager.browser.patch("/api/v1/preferences", body);
    try {
      expect(
        (
          await patch({
            interface: { language: "de" },
            data: { dateFormat: "dd.MM.yyyy", hourCycle: "h23", numberLocale: "de-CH" },
          })
        ).status,
      ).toBe(200);
      const german = pdfText((await t.manager.browser.get("/api/v1/analytics/pdf?range=7d")).bytes);
      expect(german).toMatch(/Zeitraum: \d{2}\.\d{2}\.\d{4} – \d{2}\.\d{2}\.\d{4}/);
      expect(german).toMatch(/Erstellt am \d{2}\.\d{2}\.\d{4}, [0-2]\d:\d{2} \(/);

      expect((await patch({ interface: { language: "he" } })).status).toBe(200);
      const response = await t.manager.browser.get("/api/v1/analytics/pdf?range=7d");
      expect(response.bytes.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
      const hebrew = pdfText(response.bytes);
      // "דוח לוח בקרה" and "התפלגות רמות החום", drawn in visual order.
      for (const title of ["דוח לוח בקרה", "התפלגות רמות החום"])
        expect(hebrew).toContain([...title].reverse().join(""));
      expect(hebrew).toContain(orgName);
    } finally {
      await patch({
        interface: { language: "en" },
        data: { dateFormat: "auto", hourCycle: "auto", numberLocale: "auto" },
      });
    }
  });

  it("validates the query like the analytics API, as problem+json", async () => {
    const bad = await t.manager.browser.get("/api/v1/analytics/pdf?range=1y");
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(bad.errors?.range).toBeTruthy();
    const half = await t.manager.browser.get("/api/v1/analytics/pdf?range=custom&from=2026-11-01");
    expect(half.status).toBe(422);
    expect(half.errors?.to).toBeTruthy();
  });

  it("refuses a signed-out visitor and another organization's project", async () => {
    expect((await new Browser().get("/api/v1/analytics/pdf")).status).toBe(401);
    const project = await other.browser.post("/api/v1/projects", { name: `Theirs ${run}`, description: "" });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const theirs = await t.manager.browser.get(`/api/v1/analytics/pdf?project=${project.body.project.id}`);
    expect(theirs.status).toBe(404);
  });
});

describe("report subscriptions", () => {
  it("rejects invalid schedules field by field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ cadence: "daily", weekday: 1, hour: 8, timeZone: "UTC" }, "cadence"],
      [{ cadence: "weekly", hour: 8, timeZone: "UTC" }, "weekday"],
      [{ cadence: "monthly", weekday: 1, hour: 8, timeZone: "UTC" }, "dayOfMonth"],
      [{ cadence: "monthly", dayOfMonth: 32, hour: 8, timeZone: "UTC" }, "dayOfMonth"],
      [{ cadence: "weekly", weekday: 1, hour: 24, timeZone: "UTC" }, "hour"],
      [{ cadence: "weekly", weekday: 1, hour: 8, timeZone: "Mars/Olympus_Mons" }, "timeZone"],
      [{ cadence: "weekly", weekday: 1, hour: 8, timeZone: "UTC", projectId: "nope" }, "projectId"],
      [{ cadence: "weekly", weekday: 1, hour: 8, timeZone: "UTC", projectId: randomUUID() }, "projectId"],
    ];
    for (const [body, field] of cases) {
      const response = await t.rep.browser.post("/api/v1/reports/subscriptions", body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(Object.keys(response.errors ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await t.rep.browser.patch(`/api/v1/reports/subscriptions/${randomUUID()}`, {})).status).toBe(422);
  });

  it("schedules the first run at the chosen local hour and day", async () => {
    const monthly = await subscribe(t.rep.browser, {
      cadence: "monthly",
      dayOfMonth: 31,
      weekday: null,
      hour: 6,
      timeZone: "America/New_York",
    });
    expect(monthly).toMatchObject({ cadence: "monthly", dayOfMonth: 31, weekday: null, hour: 6, active: true });
    const next = new Date(monthly.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    const local = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/New_York",
      hour: "numeric",
      hourCycle: "h23",
    }).format(next);
    expect(Number(local)).toBe(6);
    expect((await t.rep.browser.delete(`/api/v1/reports/subscriptions/${monthly.id}`)).status).toBe(204);
  });

  it("pausing keeps a due subscription from being dispatched; resuming schedules it from now", async () => {
    const s = await subscribe(t.manager.browser);
    const paused = await t.manager.browser.patch(`/api/v1/reports/subscriptions/${s.id}`, { active: false });
    expect(paused.status).toBe(200);
    expect(paused.body.subscription.active).toBe(false);
    await makeDue(s.id, new Date(Date.now() - 60_000));
    expect((await dispatchDueReports()).map((i) => i.subscriptionId)).not.toContain(s.id);
    const resumed = await t.manager.browser.patch(`/api/v1/reports/subscriptions/${s.id}`, { active: true });
    expect(new Date(resumed.body.subscription.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect((await t.manager.browser.delete(`/api/v1/reports/subscriptions/${s.id}`)).status).toBe(204);
  });
});

describe("a due subscription", () => {
  let subscription: Json;
  let runId: string;

  it("is dispatched once, generates a run and emails the PDF to the subscriber", async () => {
    subscription = await subscribe(t.manager.browser);
    const slot = new Date(Date.now() - 5 * 60_000);
    await makeDue(subscription.id, slot);

    const dispatched = (await dispatchDueReports()).filter((i) => i.subscriptionId === subscription.id);
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]).toMatchObject({ scheduled: true, runAt: slot.toISOString() });
    // Moved on: the next dispatch finds nothing for it.
    expect((await dispatchDueReports()).map((i) => i.subscriptionId)).not.toContain(subscription.id);
    const moved = await t.manager.browser.get("/api/v1/reports/subscriptions");
    const after = moved.body.subscriptions.find((s: Json) => s.id === subscription.id);
    expect(new Date(after.nextRunAt).getTime()).toBeGreaterThan(Date.now());

    expect(await generateReport(dispatched[0]!)).toBe("sent");
    runId = dispatched[0]!.runId;

    const runs = await t.manager.browser.get("/api/v1/reports/runs");
    expect(runs.status).toBe(200);
    const period = reportPeriod(
      { cadence: "weekly", weekday: 1, dayOfMonth: null, hour: 8, timeZone: "Europe/Zurich" },
      slot,
      true,
    );
    expect(runs.body.runs.find((r: Json) => r.id === runId)).toMatchObject({
      subscriptionId: subscription.id,
      status: "sent",
      errorKind: null,
      hasPdf: true,
      periodFrom: period.from,
      periodTo: period.to,
      timeZone: "Europe/Zurich",
    });

    const mail = await lastEmailTo(t.manager.email);
    // The period's days in the subscriber's date format (English, no format chosen: MM/dd/yyyy).
    const usDay = (day: string) => day.replace(/^(\d{4})-(\d{2})-(\d{2})$/, "$2/$3/$1");
    expect(mail?.subject).toBe(`${orgName}: dashboard report ${usDay(period.from)} to ${usDay(period.to)}`);
    expect(mail?.text).toContain("/settings/reports");
    const { file, pdf } = attachedPdf(mail);
    expect(file).toMatchObject({ contentType: "application/pdf", filename: expect.stringMatching(/\.pdf$/) });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfText(pdf)).toContain(orgName);
  });

  it("is not sent twice when its job runs again", async () => {
    const before = (await lastEmailTo(t.manager.email))?.id;
    const again = await generateReport({
      subscriptionId: subscription.id,
      runId,
      runAt: new Date().toISOString(),
      scheduled: false,
    });
    expect(again).toBe("already-sent");
    expect((await lastEmailTo(t.manager.email))?.id).toBe(before);
  });

  it("can be downloaded again from the history", async () => {
    const response = await t.manager.browser.get(`/api/v1/reports/runs/${runId}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(pdfText(response.bytes)).toContain(orgName);
  });

  it("stays invisible and untouchable for everyone but its subscriber", async () => {
    for (const stranger of [t.owner, t.rep, other]) {
      const list = await stranger.browser.get("/api/v1/reports/subscriptions");
      expect(list.body.subscriptions.map((s: Json) => s.id)).not.toContain(subscription.id);
      const runs = await stranger.browser.get("/api/v1/reports/runs");
      expect(runs.body.runs.map((r: Json) => r.id)).not.toContain(runId);
      expect((await stranger.browser.get(`/api/v1/reports/runs/${runId}/pdf`)).status).toBe(404);
      expect(
        (await stranger.browser.patch(`/api/v1/reports/subscriptions/${subscription.id}`, { active: false })).status,
      ).toBe(404);
      expect((await stranger.browser.post(`/api/v1/reports/subscriptions/${subscription.id}/send`)).status).toBe(404);
      expect((await stranger.browser.delete(`/api/v1/reports/subscriptions/${subscription.id}`)).status).toBe(404);
    }
    const mine = await t.manager.browser.get("/api/v1/reports/subscriptions");
    expect(mine.body.subscriptions.find((s: Json) => s.id === subscription.id).active).toBe(true);
  });
});

describe("send now", () => {
  it("emails a restricted rep a report that counts only the leads the rep can see", async () => {
    const patched = await t.owner.browser.patch("/api/v1/organization", { repsSeeOwnLeadsOnly: true });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    try {
      const s = await subscribe(t.rep.browser);
      const sent = await t.rep.browser.post(`/api/v1/reports/subscriptions/${s.id}/send`);
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      await settled();
      const runs = await t.rep.browser.get("/api/v1/reports/runs");
      expect(runs.body.runs.find((r: Json) => r.id === sent.body.runId)).toMatchObject({
        status: "sent",
        hasPdf: true,
      });
      const { pdf } = attachedPdf(await lastEmailTo(t.rep.email));
      expect(heatTotal(pdf)).toBe(2); // the rep's two leads, not the manager's
      const text = pdfText(pdf);
      expect(text).toContain(orgName);
      expect(text).not.toContain(`${t.manager.fullName}`);
    } finally {
      await t.owner.browser.patch("/api/v1/organization", { repsSeeOwnLeadsOnly: false });
    }
  });
});
