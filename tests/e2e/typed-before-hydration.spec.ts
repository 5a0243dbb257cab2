import type { Route } from "@playwright/test";
import { DEMO_PASSWORD, expect, test } from "./fixtures";

/**
 * A slow first load shows the server-rendered form before React runs. Whatever a person types
 * then is kept when the page hydrates (components/ui/form.tsx → lib/client/use-typed-before-hydration.ts)
 * and is what the form submits, while the submit button stays inert until the handler is attached.
 */
test("what is typed into the sign-in form before the page hydrates is kept, and signs in", async ({ page }) => {
  const held: Route[] = [];
  let holding = true;
  // The app's scripts wait until the fields have been filled: the page is server-rendered HTML until then.
  await page.route("**/_next/static/**/*.js", (route) => (holding ? held.push(route) : route.continue()));
  await page.goto("/sign-in", { waitUntil: "domcontentloaded" });

  const submit = page.getByRole("button", { name: "Sign in" });
  await expect(submit).toBeDisabled();
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  expect(held.length, "the app's scripts were held back").toBeGreaterThan(0);

  holding = false;
  for (const route of held.splice(0)) await route.continue();
  await expect(submit).toBeEnabled();
  await expect(page.getByLabel("Email")).toHaveValue("owner@acme.test");
  await expect(page.getByLabel("Password")).toHaveValue(DEMO_PASSWORD);

  await submit.click();
  await expect(page).toHaveURL(/\/dashboard$/);
});
