import type { Browser, Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";

/**
 * Server and browser must render the same text, whatever zone and locale the browser is in,
 * and a page offers only what the reader's role may do. The browser sits in Tokyo with Swiss
 * German settings, far from the server's UTC and English, to expose any formatting that
 * depends on the machine it runs on.
 */
const HYDRATION_PROBLEM = /hydrat|did not match|server rendered|Minified React error #(418|419|422|423|425)/i;

async function browserFarAway(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo", locale: "de-CH" });
  // The browser asks for German; the language picker's choice (English) wins, so the page's words
  // stay the ones this spec reads while the browser's own locale and zone differ from the server's.
  await context.addCookies([{ name: "kiln-locale", value: "en", url: baseURL }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if ((message.type() === "error" || message.type() === "warning") && HYDRATION_PROBLEM.test(message.text()))
      problems.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (HYDRATION_PROBLEM.test(`${error.name}: ${error.message}`)) problems.push(error.message);
  });
  return { context, page, problems };
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

for (const email of ["owner@acme.test", "rep@acme.test"]) {
  test(`Settings → Organization and the dashboard render without a hydration mismatch for ${email} in another time zone and locale`, async ({
    browser,
    baseURL,
  }) => {
    const { context, page, problems } = await browserFarAway(browser, baseURL!);
    await signIn(page, email);
    await page.waitForLoadState("networkidle");
    await visit(page, "/settings/organization");
    await expect(page.getByLabel("Default phone country")).toBeVisible();
    await visit(page, "/dashboard");
    // The other pages that show dates, times, numbers and relative times.
    for (const path of ["/leads", "/inbox", "/meetings", "/approvals", "/notifications", "/settings/notifications"])
      await visit(page, path);
    if (email.startsWith("owner")) {
      await visit(page, "/settings/audit");
      await visit(page, "/settings/jobs");
    }
    expect(problems).toEqual([]);
    await context.close();
  });
}

test("a rep's dashboard does not offer to invite the team or set up projects; an admin's does", async ({ browser }) => {
  // Pages of contexts of their own (axe analyses pages of contexts made by browser.newContext()).
  const rep = await (await browser.newContext()).newPage();
  await signIn(rep, "rep@acme.test");
  // Next.js may keep the page it rendered during sign-in's navigation as a hidden copy: the visible one counts.
  await expect(rep.getByTestId("dashboard-title").filter({ visible: true })).toBeVisible();
  await expect(rep.getByRole("link", { name: /Invite your team/ })).toHaveCount(0);
  await expect(rep.getByRole("link", { name: /Set up projects/ })).toHaveCount(0);
  await visit(rep, "/settings/organization");
  await expect(rep.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await rep.context().close();

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@acme.test");
  await expect(admin.getByRole("link", { name: /Invite your team/ })).toBeVisible();
  await admin.getByRole("link", { name: /Invite your team/ }).click();
  await expect(admin.getByRole("button", { name: "Send invitation" })).toBeVisible();
  await admin.context().close();
});
