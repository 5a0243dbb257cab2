import type { Page } from "@playwright/test";
import { expect, test, DEMO_PASSWORD, uniqueEmail } from "./fixtures";

/**
 * Forms that carry a password or an email never submit by GET: before hydration (a slow first
 * load, a script that failed, JavaScript off) a form without a method put every field into the
 * URL, and from there into access logs, proxies, history and sync. Without hydration each such
 * form is filled and submitted the ways a person would (Enter, the button), and no URL the
 * browser requested or landed on may contain the secret.
 */

const SECRET_PASSWORD = "Sup3r-Secret-Passw0rd!";

/** Every URL the page requests, collected from the start. */
function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

async function submitEveryWay(
  page: Page,
  lastField: ReturnType<Page["getByLabel"]>,
  button: string,
  { noscript = true } = {},
) {
  const form = page.locator("form").filter({ has: lastField });
  await expect(form).toHaveAttribute("method", "post");
  const submit = form.getByRole("button", { name: button });
  // Inert until hydrated: the button is disabled, so neither Enter nor a click submits natively.
  await expect(submit).toBeDisabled();
  // Playwright's text locators skip <noscript>; its markup is what a browser without JavaScript shows.
  if (noscript) expect(await form.locator("noscript").innerHTML()).toContain("This form needs JavaScript.");
  await lastField.press("Enter");
  await submit.click({ force: true });
  await page.waitForLoadState("load");
}

function expectNoSecretIn(urls: string[], page: Page, secrets: string[]) {
  const all = [...urls, page.url()];
  for (const secret of secrets) {
    for (const variant of new Set([
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, "+"),
    ])) {
      expect(
        all.filter((url) => url.includes(variant)),
        `"${secret}" in a URL`,
      ).toEqual([]);
    }
  }
}

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in form with JavaScript disabled never puts the email or password in a URL", async ({ page }) => {
    const urls = watchRequests(page);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("rep@acme.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await submitEveryWay(page, page.getByLabel("Password"), "Sign in");
    expectNoSecretIn(urls, page, ["rep@acme.test", DEMO_PASSWORD]);
  });

  test("the sign-up form with JavaScript disabled never puts the email or password in a URL", async ({ page }) => {
    const email = uniqueEmail("nojs");
    const urls = watchRequests(page);
    await page.goto("/sign-up");
    await page.getByLabel("Full name").fill("No Script");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(SECRET_PASSWORD);
    await page.getByLabel("Company or team name").fill("No Script Org");
    await submitEveryWay(page, page.getByLabel("Company or team name"), "Create account");
    expectNoSecretIn(urls, page, [email, SECRET_PASSWORD]);
  });

  test("the forgot-password form with JavaScript disabled never puts the email in a URL", async ({ page }) => {
    const urls = watchRequests(page);
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill("owner@acme.test");
    await submitEveryWay(page, page.getByLabel("Email"), "Send reset link");
    expectNoSecretIn(urls, page, ["owner@acme.test"]);
  });

  test("the reset-password form with JavaScript disabled never puts the new password in a URL", async ({ page }) => {
    const urls = watchRequests(page);
    await page.goto("/reset-password?token=not-a-real-token-but-a-form-to-fill");
    await page.getByLabel("New password").fill(SECRET_PASSWORD);
    await submitEveryWay(page, page.getByLabel("New password"), "Set new password");
    expectNoSecretIn(urls, page, [SECRET_PASSWORD]);
  });
});

// The signed-in pages stream behind a loading state that only JavaScript reveals, so this one is
// checked the way a failed script load leaves it: inline scripts run, the app's bundles never arrive.
test("the change-password form, when the app's scripts fail to load, never puts either password in a URL", async ({
  page,
}) => {
  // Signed in through the API; the page shares its cookies.
  const signedIn = await page.request.post("/api/auth/sign-in", {
    data: { email: "rep@acme.test", password: DEMO_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  const urls = watchRequests(page);
  await page.goto("/settings/account");
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password").fill(SECRET_PASSWORD);
  await submitEveryWay(page, page.getByLabel("New password"), "Change password", { noscript: false });
  expectNoSecretIn(urls, page, [DEMO_PASSWORD, SECRET_PASSWORD]);
});

test("the new-lead form, when the app's scripts fail to load, never puts the lead's name, email, phone or company in a URL", async ({
  page,
}) => {
  const signedIn = await page.request.post("/api/auth/sign-in", {
    data: { email: "manager@acme.test", password: DEMO_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  const urls = watchRequests(page);
  await page.goto("/leads/new");
  const lead = {
    name: "Nojs Privatelead",
    email: uniqueEmail("nojs-lead"),
    phone: "+41 79 555 12 34",
    company: "Unlisted Holdings",
    title: "Quiet Buyer",
  };
  await page.getByLabel("Name", { exact: true }).fill(lead.name);
  await page.getByLabel("Email", { exact: true }).fill(lead.email);
  await page.getByLabel("Phone", { exact: true }).fill(lead.phone);
  await page.getByLabel("Company", { exact: true }).fill(lead.company);
  await page.getByLabel("Job title", { exact: true }).fill(lead.title);
  await submitEveryWay(page, page.getByLabel("Job title", { exact: true }), "Create lead", { noscript: false });
  expectNoSecretIn(urls, page, Object.values(lead));
});

test("the sign-in form, when the app's scripts fail to load, never puts the email or password in a URL", async ({
  page,
}) => {
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  const urls = watchRequests(page);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("rep@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await submitEveryWay(page, page.getByLabel("Password"), "Sign in", { noscript: false });
  expectNoSecretIn(urls, page, ["rep@acme.test", DEMO_PASSWORD]);
});
