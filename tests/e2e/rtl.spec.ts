import type { Page, TestInfo } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { deliverInboundSms } from "./sandbox-sms";

/**
 * Hebrew renders right to left: a user switches their language to Hebrew (PATCH
 * /api/v1/preferences) and the leads list, a lead, the inbox and the dashboard come back with
 * `<html dir="rtl">`, the sidebar on the right, and mixed Hebrew/Latin values (a lead's name, its
 * phone number and email, a message) isolated so the bidi algorithm cannot scramble them. Each
 * page is screenshotted into the report. The demo admin is shared with other specs: the language
 * goes back to English at the end, whatever happens.
 */
const USER = "admin@acme.test";
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function setLanguage(page: Page, language: "en" | "he") {
  const origin = new URL(page.url()).origin;
  const response = await page.request.patch("/api/v1/preferences", {
    data: { interface: { language } },
    headers: { origin },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

async function expectRightToLeft(page: Page) {
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", /^he\b/);
  const sidebar = page.locator("aside").first();
  const box = await sidebar.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, "the sidebar is shown at this width").not.toBeNull();
  // Entirely in the right half: it starts where the page starts in Hebrew.
  expect(box!.x).toBeGreaterThanOrEqual(viewport.width / 2);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 1);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  // Live data settles before the picture (charts do not animate: reduced motion, see below).
  await page.waitForLoadState("networkidle");
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("a user who switches to Hebrew gets right-to-left pages with the sidebar on the right and isolated names and numbers", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  // Recharts skips its entry animation, so the charts are drawn when the picture is taken.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await signIn(page, USER);
  const id = run();
  const name = `דנה כהן Dana Cohen ${id}`;
  const phone = `+97250${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
  const origin = new URL(page.url()).origin;
  const created = await page.request.post("/api/v1/leads", {
    data: { name, phone, email: `dana.${id}@example.test`, company: "Acme Solar GmbH", title: "מנהלת רכש" },
    headers: { origin },
  });
  expect(created.status(), await created.text()).toBe(201);
  const lead = ((await created.json()) as { lead: { id: string; phone: string } }).lead;
  const message = `שלום, we need 12 panels for 3,400 ₪? ${id}`;
  await deliverInboundSms(page, request, lead.phone, message);

  // The same dashboard in English, to compare the charts with.
  await page.goto("/dashboard");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await screenshot(page, testInfo, "ltr-dashboard");

  await setLanguage(page, "he");
  try {
    // The leads list, filtered to this run's lead.
    await page.goto(`/leads?q=${encodeURIComponent(id)}`);
    await expectRightToLeft(page);
    const row = page.getByTestId("lead-row").filter({ hasText: id });
    await expect(row).toHaveCount(1);
    await expect(row.locator("bdi", { hasText: name })).toHaveCount(1);
    await screenshot(page, testInfo, "rtl-leads-list");

    // The lead: its name isolated in its own direction, phone and email forced left to right.
    await page.goto(`/leads/${lead.id}`);
    await expectRightToLeft(page);
    await expect(page.getByTestId("lead-name").locator("bdi")).toHaveText(name);
    const phoneText = page.getByTestId("lead-phone");
    await expect(phoneText).toHaveAttribute("dir", "ltr");
    expect(await phoneText.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe("isolate");
    await expect(page.getByTestId("lead-email")).toHaveAttribute("dir", "ltr");
    await screenshot(page, testInfo, "rtl-lead");

    // The inbox: the thread with this lead, the message in its own direction.
    await page.goto("/inbox?status=all");
    await expectRightToLeft(page);
    const conversation = page.getByTestId("conversation-row").filter({ hasText: id });
    await expect(conversation).toBeVisible();
    await conversation.click();
    const body = page.getByTestId("thread").getByTestId("message-body").filter({ hasText: id });
    await expect(body).toHaveAttribute("dir", "auto");
    // An inbound message sits at the start side: the right.
    const bubble = await body.boundingBox();
    const list = await page.getByTestId("thread").boundingBox();
    expect(bubble!.x + bubble!.width).toBeGreaterThan(list!.x + list!.width / 2);
    await screenshot(page, testInfo, "rtl-inbox");

    await page.goto("/dashboard");
    await expectRightToLeft(page);
    await expect(page.getByTestId("dashboard-grid")).toBeVisible();
    await screenshot(page, testInfo, "rtl-dashboard");

    // A menu aligned to its trigger's start opens under it from the right edge (Radix reads the direction).
    const switcher = page.getByTestId("org-switcher");
    await switcher.click();
    const menu = page.getByRole("menu");
    await expect(menu).toBeVisible();
    const trigger = (await switcher.boundingBox())!;
    const opened = (await menu.boundingBox())!;
    expect(Math.abs(opened.x + opened.width - (trigger.x + trigger.width))).toBeLessThan(2);
    await page.keyboard.press("Escape");

    // On a phone, the navigation drawer comes from the start side: the right.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.locator("header button[aria-haspopup='dialog']").first().click();
    const drawer = page.getByRole("dialog");
    await expect(drawer).toBeVisible();
    const sheet = (await drawer.boundingBox())!;
    expect(sheet.x + sheet.width).toBeGreaterThan(390 - 2);
    expect(sheet.x).toBeGreaterThan(0);
    await screenshot(page, testInfo, "rtl-mobile-nav");
  } finally {
    await setLanguage(page, "en");
  }
});
