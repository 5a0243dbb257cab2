import type { Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";
import { deliverInboundSms } from "./sandbox-sms";

/**
 * The notification center: a rep with the app open hears about a new message in a
 * conversation assigned to them without reloading (bell count, toast), marks it read,
 * and changes their preferences, which persist. Inbound SMS go to Acme's sandbox webhook
 * URL, signed with Acme's sandbox secret (./sandbox-sms.ts).
 */
const newLeadNumber = () => `+4179666${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;

async function unread(page: Page): Promise<number> {
  const response = await page.request.get("/api/v1/notifications/unread-count");
  return ((await response.json()) as { unread: number }).unread;
}

test("a new message in the rep's conversation rings the bell live; mark read; preferences persist", async ({
  page,
  request,
}) => {
  await signIn(page, "rep@acme.test");

  // A thread the rep owns: a first message from a new number, which the rep takes.
  const from = newLeadNumber();
  await deliverInboundSms(page, request, from, "Hello, is anyone there?");
  let conversationId: string | undefined;
  await expect
    .poll(async () => {
      const list = (await (await page.request.get("/api/v1/conversations?status=all&limit=50")).json()) as {
        conversations: { id: string; leadPhone: string | null }[];
      };
      conversationId = list.conversations.find((c) => c.leadPhone === from)?.id;
      return conversationId;
    })
    .toBeTruthy();
  const me = (await (await page.request.get("/api/me")).json()) as { user: { id: string } };
  const taken = await page.request.patch(`/api/v1/conversations/${conversationId}`, {
    data: { assigneeId: me.user.id },
    headers: { origin: "http://localhost:3100" },
  });
  expect(taken.status(), await taken.text()).toBe(200);

  await page.goto("/inbox");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const before = await unread(page);
  const bell = page.getByTestId("notification-bell");

  const text = `Can you send the quote today? ${Date.now().toString(36)}`;
  await deliverInboundSms(page, request, from, text);

  // Live: a toast appears and the count goes up, without a reload. (The message may bring more
  // than one notification: the AI's draft for the thread asks its assignee for approval too.)
  await expect(page.getByTestId("toast").filter({ hasText: text })).toBeVisible({ timeout: 5_000 });
  const after = await unread(page);
  expect(after).toBeGreaterThan(before);
  await expect(page.getByTestId("notification-count")).toHaveText(String(after));
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The dropdown lists it; opening it deep-links to the thread and marks it read.
  await bell.click();
  const item = page.getByTestId("notification").filter({ hasText: text });
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute("data-unread", "true");
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/inbox\\?c=${conversationId}`));
  await expect.poll(() => unread(page)).toBe(after - 1);

  // Mark all read from the bell.
  if (after - 1 > 0) {
    await bell.click();
    await page.getByTestId("mark-all-read").click();
    await expect(page.getByTestId("notification-count")).toHaveCount(0);
  }

  // Preferences: no email for inbox messages, a time zone; both survive a reload.
  await page.goto("/settings/notifications");
  const emailSwitch = page.getByTestId("switch-inbox_messages-email");
  await expect(emailSwitch).toBeChecked();
  await emailSwitch.uncheck();
  await page.getByTestId("timezone").selectOption("America/New_York");
  await page.getByTestId("save-notification-settings").click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("switch-inbox_messages-email")).not.toBeChecked();
  await expect(page.getByTestId("switch-inbox_messages-in_app")).toBeChecked();
  await expect(page.getByTestId("timezone")).toHaveValue("America/New_York");

  // A bad value is refused next to its field.
  await page.getByTestId("reminder-minutes").fill("5000");
  await page.getByTestId("save-notification-settings").click();
  await expect(page.getByText("At most 24 hours (1440 minutes) ahead.")).toBeVisible();
});

test("the development outbox is reachable on the e2e server and lists emails that were not sent", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  const response = await page.goto("/dev/outbox");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Development outbox" })).toBeVisible();
});
