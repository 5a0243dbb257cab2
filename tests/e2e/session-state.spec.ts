import type { Browser, Page } from "@playwright/test";
import { expect, test, signUpInNewContext } from "./fixtures";

const PASSWORD = "correct-horse-battery";

/** A person of their own: the demo accounts are shared with other specs, whose pages must not be offered this state. */
const signUp = (browser: Browser) =>
  signUpInNewContext(browser, { prefix: "state", fullName: "Sam Wanderer", team: "State" }, PASSWORD);

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** The state is saved ~1 s after the last change; wait for that write to be answered. */
const stateSaved = (page: Page, containing = "") =>
  page.waitForResponse(
    (r) =>
      r.url().endsWith("/api/v1/session-state") &&
      r.request().method() === "PUT" &&
      (r.request().postData() ?? "").includes(containing),
  );

test("lead-list filters follow the user: silently on the same browser, offered on a new one", async ({ browser }) => {
  const { page, email } = await signUp(browser);
  await page.goto("/leads");
  await page.waitForLoadState("networkidle");
  const saved = stateSaved(page, '"sort":"heat"');
  await page.getByLabel("Status", { exact: true }).selectOption("contacted");
  await page.getByLabel("Sort by").selectOption("heat");
  await expect(page).toHaveURL(/status=contacted/);
  await expect(page).toHaveURL(/sort=heat/);
  expect((await saved).status()).toBe(204);

  // The same browser opening the plain list gets its view back without being asked.
  await page.goto("/leads");
  await expect(page).toHaveURL(/status=contacted/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("contacted");
  await expect(page.getByLabel("Sort by")).toHaveValue("heat");
  // Explicit URL parameters win over what was remembered.
  await page.goto("/leads?status=new");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("new");
  // Back to the view to continue with, and its (debounced) save answered before signing out.
  const resaved = stateSaved(page, '"status":"contacted"');
  await page.goto("/leads?status=contacted&sort=heat");
  expect((await resaved).status()).toBe(204);

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // A new browser: offered to continue, and continuing restores the filters.
  const second = await (await browser.newContext()).newPage();
  await signIn(second, email);
  const banner = second.getByTestId("continue-banner");
  await expect(banner).toContainText("Continue where you left off on your other device?");
  await banner.getByRole("button", { name: "Continue" }).click();
  await expect(second).toHaveURL(/\/leads\?.*status=contacted/);
  await expect(second.getByLabel("Status", { exact: true })).toHaveValue("contacted");
  await expect(second.getByLabel("Sort by")).toHaveValue("heat");

  // That browser now has state of its own: no more offers, and a reload restores silently.
  await second.goto("/leads");
  await expect(second).toHaveURL(/status=contacted/);
  await expect(second.getByTestId("continue-banner")).toHaveCount(0);
  await second.reload();
  await expect(second.getByLabel("Status", { exact: true })).toHaveValue("contacted");
});

test("saved views: save the current lead-list view under a name, apply, rename and delete it", async ({
  browser,
  axe,
}) => {
  const { page } = await signUp(browser);
  await page.goto("/leads?status=qualified&sort=created");
  await page.waitForLoadState("networkidle");
  // The list at rest is what the accessibility check looks at, before any dialog covers it.
  await axe.check(page);
  await page.getByTestId("saved-views").click();
  await page.getByRole("menuitem", { name: "Save current view…" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Qualified first");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.goto("/leads?status=new");
  await page.getByTestId("saved-views").click();
  await page.getByRole("menuitem", { name: "Qualified first", exact: true }).click();
  await expect(page).toHaveURL(/status=qualified/);
  await expect(page.getByLabel("Sort by")).toHaveValue("created");

  await page.getByTestId("saved-views").click();
  await page.getByRole("menuitem", { name: "Rename “Qualified first”…" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Ready to buy");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByTestId("saved-views").click();
  await expect(page.getByRole("menuitem", { name: "Ready to buy", exact: true })).toBeVisible();
  await page.getByRole("menuitem", { name: "Delete “Ready to buy”…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await page.getByTestId("saved-views").click();
  await expect(page.getByText("No saved views yet")).toBeVisible();
});
