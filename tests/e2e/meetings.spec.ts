import type { Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";

/**
 * Calendly in the sandbox: an admin simulates a booking in Settings → Integrations for a
 * demo lead; the signed delivery goes through the real webhook pipeline, the lead page shows
 * the meeting and turns hot with "Calendly meeting booked", the owner's bell counts up live,
 * and /meetings lists it.
 * (The e2e server is a demo install: embedded database + KILN_DEMO_SEED, so sandbox tools are on.)
 */
async function unread(page: Page): Promise<number> {
  const response = await page.request.get("/api/v1/notifications/unread-count");
  return ((await response.json()) as { unread: number }).unread;
}

const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("an admin simulates a Calendly booking: the lead turns hot and the meeting is listed", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const id = run();
  const name = `Booker ${id}`;
  // A demo lead warm from four confirmed BANT dimensions (40 points): the booking's +25 makes it hot.
  const created = await page.request.post("/api/v1/leads", {
    data: { name, email: `booker.${id}@example.test` },
    headers: { origin: "http://localhost:3100" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const lead = (await created.json()).lead;
  const bant = await page.request.patch(`/api/v1/leads/${lead.id}/bant`, {
    data: {
      budget: { status: "confirmed", value: "CHF 30k" },
      authority: { status: "confirmed", value: "Owner" },
      need: { status: "confirmed", value: "Roof solar" },
      timeline: { status: "confirmed", value: "This quarter" },
    },
    headers: { origin: "http://localhost:3100" },
  });
  expect(bant.status(), await bant.text()).toBe(200);

  await page.goto("/settings/integrations");
  await expect(page.getByTestId("calendly-status")).toHaveText("Sandbox");
  // The admin created the lead, so they own it: the booking rings their bell, live.
  await expect(page.getByTestId("notification-bell")).toBeVisible();
  const unreadBefore = await unread(page);
  await expect(page.getByTestId("calendly-setup")).toContainText("/api/oauth/calendly/callback");
  await page.getByRole("button", { name: "Simulate booking" }).click();
  const form = page.getByTestId("simulate-booking-form");
  await form.getByLabel("Lead").fill(name);
  await form.getByRole("button", { name: new RegExp(name) }).click();
  await form.getByLabel("Meeting").fill(`Roof check ${id}`);
  await form.getByRole("button", { name: "Simulate booking" }).click();
  await expect(form.getByText("Booking delivered.")).toBeVisible();
  await expect(page.getByTestId("toast").filter({ hasText: `${name} booked a meeting` })).toBeVisible();
  await expect.poll(() => unread(page)).toBeGreaterThan(unreadBefore);
  await expect(page.getByTestId("notification-count")).toHaveText(String(await unread(page)));

  await page.goto(`/leads/${lead.id}`);
  const card = page.getByTestId("lead-meetings");
  await expect(card.getByText(`Roof check ${id}`)).toBeVisible();
  await expect(card.getByTestId("meeting-status")).toHaveText("Scheduled");
  await expect(page.getByRole("button", { name: /hot/i }).first()).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Calendly meeting booked");

  await page.goto("/meetings");
  // Next may keep a hidden copy of the page from the navigation before: the visible row is the one.
  const row = page.getByTestId("meeting-row").filter({ hasText: `Roof check ${id}`, visible: true });
  await expect(row).toBeVisible();
  await expect(row.getByRole("link", { name })).toHaveAttribute("href", `/leads/${lead.id}`);
});

test("an admin marks a meeting that has started as held: it shows Completed and the lead's timeline says so", async ({
  page,
}) => {
  await signIn(page, "admin@acme.test");
  const id = run();
  const email = `held.${id}@example.test`;
  // A booking that started an hour ago, delivered through the sandbox webhook pipeline.
  const simulated = await page.request.post("/api/v1/integrations/calendly/simulate", {
    data: {
      email,
      name: `Held ${id}`,
      title: `Site visit ${id}`,
      startsAt: new Date(Date.now() - 60 * 60_000).toISOString(),
      durationMinutes: 30,
    },
    headers: { origin: "http://localhost:3100" },
  });
  expect(simulated.status(), await simulated.text()).toBe(202);

  await page.goto("/meetings?tab=past");
  const row = page.getByTestId("meeting-row").filter({ hasText: `Site visit ${id}` });
  await expect(row.getByTestId("meeting-status")).toHaveText("Scheduled");
  await row.getByRole("button", { name: `Mark “Site visit ${id}” as held` }).click();
  // The dialog asks for an optional outcome; confirming without one marks it held.
  await page.getByTestId("confirm-held").click();
  await expect(row.getByTestId("meeting-status")).toHaveText("Completed");
  await expect(row.getByTestId("mark-held")).toHaveCount(0);

  await row.getByRole("link", { name: `Held ${id}` }).click();
  await expect(page.getByTestId("timeline")).toContainText("Meeting held");
});
