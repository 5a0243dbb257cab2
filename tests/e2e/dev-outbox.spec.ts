import { expect, test, signIn } from "./fixtures";

/**
 * /dev/outbox holds reset and invitation links, so it needs a session and shows a person
 * only the emails addressed to them (a platform admin sees all).
 */
test("the development outbox sends a signed-out visitor to sign-in", async ({ request }) => {
  const response = await request.get("/dev/outbox", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toBe("/sign-in?next=%2Fdev%2Foutbox");
});

test("the development outbox shows a signed-in person only the emails addressed to them", async ({ page, request }) => {
  // Email to two people: password-reset requests need no session.
  for (const email of ["owner@acme.test", "rep@acme.test"]) {
    const response = await request.post("/api/auth/password-reset", { data: { email } });
    expect(response.status(), await response.text()).toBeLessThan(300);
  }

  await signIn(page, "rep@acme.test");
  await page.goto("/dev/outbox");
  await expect(page.getByTestId("outbox-scope")).toContainText("Emails to rep@acme.test");
  const emails = page.getByTestId("outbox-email");
  await expect(emails.first()).toBeVisible();
  const recipients = await emails.evaluateAll((items) => items.map((item) => item.getAttribute("data-to")));
  expect(new Set(recipients)).toEqual(new Set(["rep@acme.test"]));
  await expect(page.getByText("owner@acme.test")).toHaveCount(0);
});
