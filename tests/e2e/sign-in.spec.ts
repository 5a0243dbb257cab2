import { expect, test, signInWithForm, uniqueEmail } from "./fixtures";

const DEMO_USERS = [
  { email: "owner@acme.test", org: "Acme Solar", role: "Owner" },
  { email: "admin@acme.test", org: "Acme Solar", role: "Admin" },
  { email: "manager@acme.test", org: "Acme Solar", role: "Manager" },
  { email: "rep@acme.test", org: "Acme Solar", role: "Sales rep" },
  { email: "owner@globex.test", org: "Globex", role: "Owner" },
];

for (const user of DEMO_USERS) {
  test(`demo user ${user.email} signs in and lands in ${user.org} as ${user.role}`, async ({ page }) => {
    await signInWithForm(page, user.email);
    await expect(page.getByTestId("dashboard-role")).toContainText(`${user.org} as ${user.role}`);
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard$/);
  });
}

test("five wrong passwords for one email throttle the sixth attempt with a clear message", async ({ page }) => {
  // An address of its own, so the lock-out does not touch the demo accounts other tests use.
  const email = uniqueEmail("throttled");
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(email);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  }
  await page.getByLabel("Password").fill("wrong-password-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts" })).toBeVisible();
});

test("a signed-out visitor is sent to sign-in and back to where they were going", async ({ page }) => {
  await page.goto("/settings/organization");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Forganization$/);
  await page.getByLabel("Email").fill("manager@acme.test");
  await page.getByLabel("Password").fill("kiln-demo-pass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/organization$/);
});

test("the sign-in form reports invalid input next to the field without a request", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
});
