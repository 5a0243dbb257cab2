import { expect, test, DEMO_PASSWORD, signInWithForm } from "./fixtures";

/**
 * The sign-in page's `next` parameter leads only to a path on this app. Browsers drop tab,
 * CR and LF from URLs and read `\` as `/`, so `/%09/evil.example` used to pass the check
 * and land on //evil.example: both the redirect of a signed-in visitor and the navigation
 * after the form.
 */
const ORIGIN = "http://localhost:3100";
const HOSTILE_NEXT = [
  "/%09/evil.example",
  "/%0d%0a/evil.example",
  "/%0a/evil.example",
  "//evil.example",
  "/%5Cevil.example",
  "https://evil.example",
  "javascript:alert(1)",
];

test("a signed-in user visiting /sign-in?next=/%09/evil.example is redirected to a same-origin path", async ({
  page,
}) => {
  await signInWithForm(page, "rep@acme.test");
  const hosts = new Set<string>();
  page.on("request", (request) => hosts.add(new URL(request.url()).host));
  for (const next of HOSTILE_NEXT) {
    await page.goto(`/sign-in?next=${next}`);
    expect(new URL(page.url()).origin, next).toBe(ORIGIN);
    await expect(page, next).toHaveURL(/\/dashboard$/);
  }
  expect([...hosts]).toEqual(["localhost:3100"]);
});

test("after signing in from /sign-in?next=/%09/evil.example the browser stays on this origin", async ({ page }) => {
  const hosts = new Set<string>();
  page.on("request", (request) => hosts.add(new URL(request.url()).host));
  await page.goto("/sign-in?next=/%09/evil.example");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill("manager@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(new URL(page.url()).origin).toBe(ORIGIN);
  expect([...hosts]).toEqual(["localhost:3100"]);
});

test("a repeated next, a lone newline and control characters in next never give a server error", async ({ page }) => {
  const queries = [
    "next=a&next=b",
    "next=%2Fleads&next=%2F%2Fevil.example",
    "next=%0a",
    "next=/%0a",
    "next=/%0d%0a/evil",
    "next=/%00/evil",
    "email=a&email=b",
  ];
  const check = async (who: string) => {
    for (const query of queries) {
      const response = await page.request.get(`/sign-in?${query}`, { maxRedirects: 0 });
      expect(response.status(), `${who}: ${query}`).toBeLessThan(500);
      const location = response.headers()["location"];
      if (location) expect(new URL(location, ORIGIN).origin, `${who}: ${query}`).toBe(ORIGIN);
    }
  };
  await check("signed out");
  await signInWithForm(page, "rep@acme.test");
  await check("signed in");
});

test("a signed-out visitor of a protected page is sent to sign-in with a next that leads back here", async ({
  page,
}) => {
  const response = await page.request.get("/leads?status=hot", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toBe("/sign-in?next=%2Fleads%3Fstatus%3Dhot");
});
