import type { Browser, Page } from "@playwright/test";
import { expect, test, signUpInNewContext } from "./fixtures";

const PASSWORD = "correct-horse-battery";

/** A person of their own (the demo accounts are shared with other specs, whose language must not change). */
const signUp = (browser: Browser) =>
  signUpInNewContext(browser, { prefix: "prefs", fullName: "Pia Reber", team: "Prefs" }, PASSWORD);

/** The `<html>` start tag of a page as the server sends it, before any script runs. */
async function serverHtmlTag(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path);
  expect(response.ok()).toBe(true);
  return (await response.text()).match(/<html[^>]*>/)![0];
}

test("dark theme and German chosen in Settings → Preferences are there on another browser's first paint", async ({
  browser,
}) => {
  const { page, email } = await signUp(browser);
  await page.goto("/settings/preferences");
  await page.waitForLoadState("networkidle");
  await page.getByTestId("pref-theme").selectOption("dark");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/); // at once, before any reload
  await expect(page.getByTestId("preferences-status")).toHaveText("Saved.");
  await page.getByTestId("pref-language").selectOption("de");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");

  // Swiss formats: the live examples follow at once.
  await page.getByTestId("pref-date-format").selectOption("dd.MM.yyyy");
  await page.getByTestId("pref-hour-cycle").selectOption("h23");
  await page.getByTestId("pref-number-locale").selectOption("de-CH");
  await expect(page.getByTestId("example-date")).toHaveText("03.12.2026");
  await expect(page.getByTestId("example-number")).toHaveText(/^1[’']234\.50$/);

  // A second browser, with nothing in its storage, signs in as the same person.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/sign-in");
  await second.waitForLoadState("networkidle");
  await second.getByTestId("language-picker").selectOption("en");
  await second.waitForLoadState("networkidle");
  await second.getByLabel("Email").fill(email);
  await second.getByLabel("Password").fill(PASSWORD);
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(second).toHaveURL(/\/dashboard$/);

  const tag = await serverHtmlTag(second, "/dashboard");
  expect(tag).toMatch(/\blang="de"/);
  expect(tag).toMatch(/\bclass="dark"/);
  expect(tag).toMatch(/\bdir="ltr"/);
  await expect(second.locator("html")).toHaveClass(/\bdark\b/);
  await expect(second.locator("html")).toHaveAttribute("lang", "de");
  await other.close();
});

test("a visitor whose browser prefers German gets the sign-in page in German", async ({ browser }) => {
  const context = await browser.newContext({
    locale: "de-CH",
    extraHTTPHeaders: { "Accept-Language": "de-CH,de;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto("/sign-in");
  expect(await serverHtmlTag(page, "/sign-in")).toMatch(/\blang="de"/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByTestId("language-picker")).toHaveValue("de");
  await context.close();
});

test("the language picker on the sign-in page switches the page and is remembered", async ({ page }) => {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await page.getByTestId("language-picker").selectOption("he");
  await expect(page.locator("html")).toHaveAttribute("lang", "he");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.goto("/sign-up");
  await expect(page.locator("html")).toHaveAttribute("lang", "he");
  expect((await page.context().cookies()).find((c) => c.name === "kiln-locale")?.value).toBe("he");
});

test("the default Calendly event type is one of the sandbox's, and booking notifications show where they are set", async ({
  browser,
}) => {
  const { page } = await signUp(browser);
  await page.goto("/settings/preferences");
  await page.waitForLoadState("networkidle");
  const picker = page.getByTestId("pref-calendly-event-type");
  await expect(picker).toBeEnabled();
  await expect(picker.locator("option")).toHaveText([
    "None (agents offer their own link)",
    "Intro call · 30 min (sandbox)",
    "Site visit · 60 min (sandbox)",
  ]);
  await picker.selectOption({ label: "Intro call · 30 min (sandbox)" });
  await expect(page.getByTestId("preferences-status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByTestId("pref-calendly-event-type")).toHaveValue(/\/event_types\/kiln-sandbox-intro-call$/);

  // Booking notifications have one home: the notification settings' "Meeting bookings" row.
  const notifications = page.getByTestId("pref-calendly-notifications");
  await expect(notifications).toContainText("In app and Email");
  await notifications.getByRole("link", { name: "Change them in Notifications" }).click();
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  await expect(page.getByTestId("switch-calendly_bookings-email")).toBeChecked();
});
