import { expect, signIn, test, untilHydrated } from "./fixtures";

test("an admin creates an API key, copies it once, revokes it, and the key stops working", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "admin@acme.test");
  await page.goto("/settings/api-keys");
  await untilHydrated(page.getByRole("button", { name: "Create key" }));

  const name = `Website form ${Date.now().toString(36)}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Leads", { exact: true }).selectOption("read");
  await page.getByRole("button", { name: "Create key" }).click();

  // The secret is shown once, with a copy button.
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toContainText(`The key "${name}" is ready`);
  const key = await shown.getByLabel("API key", { exact: true }).inputValue();
  expect(key).toMatch(/^kiln_[A-Za-z0-9_-]{43}$/);
  await shown.getByRole("button", { name: "Copy API key" }).click();
  await expect(shown.getByRole("button", { name: /API key/ })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  // The key works, as the organization, with no cookie.
  const ok = await request.get("/api/v1/leads", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);

  // Once dismissed, the secret is gone for good: the list shows only its prefix.
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await page.reload();
  const row = page.getByTestId("api-keys-list").getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(key.slice(0, 13));
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(row).toContainText("Leads: Read");

  // Revoking asks first, then takes effect at once.
  await untilHydrated(row.getByRole("button", { name: `Revoke ${name}` }));
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await request.get("/api/v1/leads", { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});
