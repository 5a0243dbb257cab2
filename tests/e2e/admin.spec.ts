import { expect, test, signIn, untilHydrated } from "./fixtures";

/**
 * The platform admin console. scripts/e2e-server.mjs names owner@globex.test in
 * KILN_PLATFORM_ADMINS; the demo seed leaves one dead-lettered job in Acme Solar
 * (lib/demo/platform.ts), so there is an error to find.
 */
test("a platform admin finds an organization and its errors", async ({ page }) => {
  await signIn(page, "owner@globex.test");
  await page.goto("/leads");
  await untilHydrated(page.getByTestId("user-menu"));
  await page.getByTestId("user-menu").click();
  await page.getByTestId("user-menu-admin").click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Organizations" })).toBeVisible();

  await untilHydrated(page.getByTestId("console-search"));
  await page.getByTestId("console-search").fill("acme");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\?q=acme$/);
  const rows = page.getByTestId("admin-organization");
  await expect(rows).toHaveCount(1);
  const acme = rows.first();
  await expect(acme).toContainText("Acme Solar");
  await expect(acme).toContainText("Trial");

  await acme.getByTestId("admin-organization-errors").click();
  await expect(page).toHaveURL(/\/admin\/errors\?org=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("errors-org-filter")).toContainText("Only Acme Solar.");
  const error = page.getByTestId("admin-error").filter({ hasText: "analytics.rebuild" });
  await expect(error).toHaveCount(1);
  await expect(error).toContainText("Dead-lettered job");
  await expect(error).toContainText("statement timeout while rebuilding the analytics rollups");

  // The same error is found by its text from the unfiltered log.
  await page.goto("/admin/errors");
  await untilHydrated(page.getByTestId("console-search"));
  await page.getByTestId("console-search").fill("statement timeout");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("admin-error").first()).toContainText("Acme Solar");
});

test("the console is a 404 for everyone who is not a platform admin", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/leads");
  await untilHydrated(page.getByTestId("user-menu"));
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menuitem", { name: "Your account" })).toBeVisible();
  await expect(page.getByTestId("user-menu-admin")).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  const api = await page.request.get("/api/v1/platform/admin/organizations");
  expect(api.status()).toBe(404);
});
