import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, signIn, test } from "./fixtures";

/**
 * Every page passes axe (no serious or critical WCAG 2.1 A/AA violation) in light and dark, in
 * English and Hebrew. Signed in, theme and language are the user's preferences (PATCH
 * /api/v1/preferences), so the server renders them on the first paint; signed out, the language
 * is the `kiln-locale` cookie and the theme next-themes' `theme` key in localStorage. The `axe`
 * fixture (tests/e2e/fixtures.ts) collects every page's findings and fails the test at its end
 * with all of them listed. One context per combination, reused across its pages, each page
 * analysed once in it. Signed in through the API: the sign-in page itself is checked signed out.
 */

const THEMES = ["light", "dark"] as const;
const LANGUAGES = ["en", "he"] as const;
const SIGNED_OUT_PAGES = ["/sign-in", "/sign-up", "/forgot-password"];
const OWNER = "owner@acme.test";

type Theme = (typeof THEMES)[number];
type Language = (typeof LANGUAGES)[number];

async function setPreferences(page: Page, origin: string, theme: Theme | "system", language: Language) {
  const response = await page.request.patch("/api/v1/preferences", {
    data: { interface: { theme, language } },
    headers: { origin },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

async function firstId(page: Page, path: string, key: "leads" | "conversations"): Promise<string> {
  const response = await page.request.get(path);
  expect(response.ok(), await response.text()).toBe(true);
  const [row] = ((await response.json()) as Record<typeof key, { id: string }[]>)[key];
  expect(row, `a demo row from ${path}`).toBeDefined();
  return row!.id;
}

/** The document is rendered in the combination under test: no page is checked in the wrong one. */
async function expectRenderedAs(page: Page, theme: Theme, language: Language) {
  const html = page.locator("html");
  await expect(html).toHaveAttribute("lang", language);
  await expect(html).toHaveAttribute("dir", language === "he" ? "rtl" : "ltr");
  await expect(html).toHaveClass(new RegExp(`(^|\\s)${theme}(\\s|$)`));
}

for (const theme of THEMES) {
  for (const language of LANGUAGES) {
    test(`every signed-in page has no serious or critical axe violation in the ${theme} theme in ${language}`, async ({
      page,
      baseURL,
      axe,
    }) => {
      test.setTimeout(240_000);
      const origin = new URL(baseURL!).origin;
      // Through the API, so no page is rendered (and analysed) before the combination is set.
      const signedIn = await page.request.post("/api/auth/sign-in", {
        data: { email: OWNER, password: DEMO_PASSWORD },
        headers: { origin },
      });
      expect(signedIn.ok(), await signedIn.text()).toBe(true);
      await setPreferences(page, origin, theme, language);
      try {
        const leadId = await firstId(page, "/api/v1/leads?limit=1", "leads");
        const conversationId = await firstId(page, "/api/v1/conversations?status=all&limit=1", "conversations");
        const check = async (path: string) => {
          await page.goto(path);
          await expectRenderedAs(page, theme, language);
          await expect(page.locator("main#main").getByRole("heading").first(), `${path} rendered`).toBeVisible();
          await axe.check(page, `${path} (${theme}, ${language})`);
        };

        // Every settings page the owner is offered, so a new one is checked without editing this list.
        const first = "/settings/organization";
        await check(first);
        const settingsLinks = page.locator("main nav a[href^='/settings/']");
        await expect(settingsLinks.first()).toBeVisible();
        const settingsPages = await settingsLinks.evaluateAll((links) =>
          links.map((link) => link.getAttribute("href")!),
        );
        expect(settingsPages).toContain("/settings/account");
        expect(settingsPages).toContain(first);

        const pages = [
          "/dashboard",
          "/leads",
          `/leads/${leadId}`,
          "/leads/new",
          "/leads/import",
          "/inbox",
          `/inbox?status=all&c=${conversationId}`,
          "/approvals",
          "/meetings",
          "/notifications",
          "/agents",
          ...settingsPages.filter((path) => path !== first),
        ];
        for (const path of pages) await check(path);
      } finally {
        // The demo owner is shared with the other specs: leave them the defaults.
        await setPreferences(page, origin, "system", "en");
      }
    });

    test(`the sign-in, sign-up and forgot-password pages have no serious or critical axe violation in the ${theme} theme in ${language}`, async ({
      page,
      context,
      baseURL,
      axe,
    }) => {
      await context.addCookies([{ name: "kiln-locale", value: language, url: baseURL! }]);
      await context.addInitScript((value) => window.localStorage.setItem("theme", value), theme);
      for (const path of SIGNED_OUT_PAGES) {
        await page.goto(path);
        await expectRenderedAs(page, theme, language);
        await expect(page.locator("form").first()).toBeVisible();
        await axe.check(page, `${path} (${theme}, ${language})`);
      }
    });
  }
}

test("the first Tab stop on a signed-in page is the skip link, and it moves focus to the page's content", async ({
  page,
}) => {
  await signIn(page, "rep@acme.test");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("the approvals shortcuts announce what they did, and ? lists them in a dialog that traps and returns focus", async ({
  page,
}) => {
  await signIn(page, "manager@acme.test");
  await page.goto("/approvals");
  await expect(page.getByTestId("approval-row").nth(1)).toBeVisible();
  const announcer = page.getByTestId("approvals-announcer");
  await expect(announcer).toHaveAttribute("aria-live", "polite");

  await page.keyboard.press("j");
  await expect(announcer).toHaveText(/task 2 of \d+/);
  // x ticks the open task when it can be approved in bulk (it has a tick box).
  const bulkable = page
    .getByTestId("approval-row")
    .filter({ has: page.getByTestId("approval-check") })
    .first();
  await bulkable.getByRole("button").click();
  await expect(bulkable).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("x");
  await expect(announcer).toContainText("ticked for bulk approval, 1 ticked");
  await page.keyboard.press("x");
  await expect(announcer).toContainText("unticked, 0 ticked");

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Approve the open draft and send it");
  // Tab cycles inside the dialog.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    expect(await help.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Opened from the legend's button, closing returns focus to it.
  const open = page.getByTestId("shortcuts-help-open");
  await open.click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();
  await expect(open).toBeFocused();
});
