import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

/**
 * A meeting arranged by phone, entered by hand on the lead's page: typed in the user's own time
 * zone and shown in whichever zone the viewer has chosen (New York, then Zurich), rescheduled,
 * then marked held with a note of what came of it.
 */
const ORIGIN = { origin: "http://localhost:3100" };
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function setTimeZone(page: Page, timeZone: string | null) {
  const response = await page.request.patch("/api/v1/preferences", {
    data: { data: { timeZone } },
    headers: ORIGIN,
    timeout: 15_000,
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Yesterday's date as a date input's value, in `timeZone`. */
const yesterdayIn = (timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() - 24 * 3600_000),
  );

test("a meeting entered by hand on a lead shows in each viewer's time zone, is rescheduled and marked held with a note", async ({
  page,
}) => {
  await signIn(page, "admin@acme.test");
  const before = await page.request.get("/api/v1/preferences");
  const previousZone = ((await before.json()) as { preferences?: { data?: { timeZone?: string } } }).preferences?.data
    ?.timeZone;
  const id = run();
  const name = `Caller ${id}`;
  const created = await page.request.post("/api/v1/leads", {
    data: { name, email: `caller.${id}@example.test` },
    headers: ORIGIN,
  });
  expect(created.status(), await created.text()).toBe(201);
  const lead = (await created.json()).lead as { id: string };

  try {
    // Typed in New York: 15 January 2027, 10:00 there is 15:00 UTC.
    await setTimeZone(page, "America/New_York");
    await page.goto(`/leads/${lead.id}`);
    const card = page.getByTestId("lead-meetings");
    // The card's header action, beside "All meetings".
    await page.getByTestId("new-meeting").click();
    const form = page.getByTestId("meeting-form");
    await expect(page.getByRole("dialog")).toContainText("America/New_York");
    await form.getByLabel("Title").fill(`Site visit ${id}`);
    await form.getByLabel("Date").fill("2027-01-15");
    await form.getByLabel("Start time").fill("10:00");
    await form.getByLabel("Duration").selectOption("45");
    await form.getByLabel("Location").fill("Bahnhofstrasse 1, Zürich");
    await form.getByRole("button", { name: "Add meeting" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);

    const row = card.getByTestId("meeting-row").filter({ hasText: `Site visit ${id}` });
    await expect(row.getByTestId("meeting-status")).toHaveText("Scheduled");
    await expect(row).toContainText("added by hand");
    await expect(row.locator("time").first()).toHaveAttribute("datetime", "2027-01-15T15:00:00.000Z");
    await expect(row.locator("time").first()).toHaveText(/10:00/);
    await expect(row.locator("time").nth(1)).toHaveText(/10:45.*EST/);
    await expect(page.getByTestId("timeline")).toContainText(`Meeting scheduled: Site visit ${id}`);
    await expect(page.getByRole("button", { name: /hot/i }).first()).toBeVisible();

    // The same meeting for a viewer in Zurich: 16:00–16:45 there.
    await setTimeZone(page, "Europe/Zurich");
    await page.reload();
    await expect(row.locator("time").first()).toHaveText(/(16:00|04:00 PM)/);
    await expect(row.locator("time").nth(1)).toHaveText(/(16:45|04:45 PM).*GMT\+1/);

    // Rescheduled to yesterday 09:00 (Zurich): the new time, labelled rescheduled.
    await row.getByRole("button", { name: "Edit" }).click();
    await expect(form.getByLabel("Start time")).toHaveValue("16:00");
    await form.getByLabel("Date").fill(yesterdayIn("Europe/Zurich"));
    await form.getByLabel("Start time").fill("09:00");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(row.getByTestId("meeting-status")).toHaveText("Rescheduled");
    await expect(row.locator("time").first()).toHaveText(/09:00/);
    await expect(page.getByTestId("timeline")).toContainText(`Meeting rescheduled: Site visit ${id} moved from`);

    // Held, with what came of it.
    await row.getByRole("button", { name: `Mark “Site visit ${id}” as held` }).click();
    await page.getByLabel("Outcome (optional)").fill("Wants an offer for 12 kWp");
    await page.getByTestId("confirm-held").click();
    await expect(row.getByTestId("meeting-status")).toHaveText("Completed");
    await expect(row.getByTestId("meeting-outcome")).toContainText("Wants an offer for 12 kWp");
    await expect(page.getByTestId("timeline")).toContainText("Outcome: “Wants an offer for 12 kWp”");
  } finally {
    await setTimeZone(page, previousZone ?? null);
  }
});
