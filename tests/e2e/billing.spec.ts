import { expect, test, emailedLink, uniqueEmail } from "./fixtures";

/**
 * Billing in the sandbox (the browser tests' server has no Stripe keys): a new organization on
 * its trial upgrades through the sandbox checkout, which signs Stripe-shaped events with the
 * SDK's test helper and hands them to the real webhook handler, and sees the new limits.
 */
test("an owner upgrades in the sandbox checkout and sees the new limits", async ({ page }) => {
  const email = uniqueEmail("billing");
  await page.goto("/sign-up");
  await page.waitForLoadState("networkidle"); // typed values before hydration would be reset by the form library
  await page.getByLabel("Full name").fill("Ilse Brandt");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByLabel("Company or team name").fill(`Lumen Roofing ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(`we sent a link to ${email}`)).toBeVisible();
  await page.goto(await emailedLink(email, "/sign-up/confirm"));
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // Settings → Billing: the trial (everything Enterprise has), its limits, and a clear sandbox label.
  await page.goto("/settings/billing");
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("billing-sandbox-label")).toBeVisible();
  await expect(page.getByTestId("billing-plan")).toHaveText("Enterprise");
  await expect(page.getByTestId("billing-status")).toHaveText("Trial");
  await expect(page.getByTestId("meter-agents-value")).toHaveText("0 of 10");

  // Subscribe to Basic through the sandbox checkout.
  await page.getByTestId("plan-basic").getByRole("button", { name: "Choose Basic" }).click();
  await expect(page).toHaveURL(/\/settings\/billing\/sandbox\?flow=checkout&plan=basic&interval=month$/);
  await expect(page.getByTestId("sandbox-banner")).toContainText("Sandbox.");
  await expect(page.getByTestId("sandbox-checkout-summary")).toContainText("Subscribe to Basic");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Pay (sandbox)" }).click();
  await expect(page).toHaveURL(/\/settings\/billing\?sandbox=paid$/);
  await expect(page.getByTestId("billing-plan")).toHaveText("Basic");
  await expect(page.getByTestId("billing-status")).toHaveText("Active");
  await expect(page.getByTestId("meter-agents-value")).toHaveText("0 of 1");
  await expect(page.getByTestId("meter-numbers-value")).toHaveText("0 of 1");

  // Upgrade to Pro: the sandbox checkout again, then Pro's limits.
  await page.waitForLoadState("networkidle");
  await page.getByTestId("plan-pro").getByRole("button", { name: "Upgrade to Pro" }).click();
  await expect(page).toHaveURL(/\/settings\/billing\/sandbox\?flow=checkout&plan=pro&interval=month$/);
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Pay (sandbox)" }).click();
  await expect(page).toHaveURL(/\/settings\/billing\?sandbox=paid$/);
  await expect(page.getByText("Thank you! Your plan is active.")).toBeVisible();
  await expect(page.getByTestId("billing-plan")).toHaveText("Pro");
  await expect(page.getByTestId("billing-status")).toHaveText("Active");
  await expect(page.getByTestId("meter-agents-value")).toHaveText("0 of 3");
  await expect(page.getByTestId("meter-numbers-value")).toHaveText("0 of 2");
  await expect(page.getByTestId("meter-seats-value")).toHaveText("1 of 25");

  // The same plan is reported by the API the UI and API clients read.
  const billing = await page.request.get("/api/v1/billing");
  expect(await billing.json()).toMatchObject({ plan: "pro", status: "active", limits: { agents: 3, numbers: 2 } });
});
