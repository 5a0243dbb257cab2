import { expect, test, emailedLink, signIn, uniqueEmail } from "./fixtures";

test("a new user signs up, invites a teammate who joins, and sees a role change made by the owner", async ({
  browser,
}) => {
  const ownerEmail = uniqueEmail("founder");
  const teammateEmail = uniqueEmail("teammate");
  const orgName = `Helio Works ${Date.now().toString(36)}`;

  // The founder signs up and lands in their new organization.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await owner.goto("/sign-up");
  await owner.waitForLoadState("networkidle");
  await owner.getByLabel("Full name").fill("Nora Quist");
  await owner.getByLabel("Email").fill(ownerEmail);
  await owner.getByLabel("Password").fill("correct-horse-battery");
  await owner.getByLabel("Company or team name").fill(orgName);
  await owner.getByRole("button", { name: "Create account" }).click();
  // The account is created from the link emailed to the address.
  await expect(owner.getByText(`we sent a link to ${ownerEmail}`)).toBeVisible();
  await owner.goto(await emailedLink(ownerEmail, "/sign-up/confirm"));
  await owner.waitForLoadState("networkidle");
  await owner.getByRole("button", { name: "Create my account" }).click();
  await expect(owner).toHaveURL(/\/dashboard$/);
  await expect(owner.getByTestId("dashboard-role")).toContainText(`${orgName} as Owner`);

  // They invite a teammate as a sales rep; without SMTP the link is shown to them.
  await owner.goto("/settings/organization");
  await owner.waitForLoadState("networkidle"); // typed values before hydration would be reset by the form library
  await owner.getByLabel("Email", { exact: true }).fill(teammateEmail);
  await owner.getByLabel("Role", { exact: true }).selectOption("rep");
  await owner.getByRole("button", { name: "Send invitation" }).click();
  const link = (await owner.getByTestId("invite-link").textContent())!.trim();
  expect(link).toContain("/invite/");
  await expect(owner.getByTestId("invitations-list")).toContainText(teammateEmail);

  // The teammate opens the link in their own browser and creates an account.
  const teammateContext = await browser.newContext();
  const teammate = await teammateContext.newPage();
  await teammate.goto(new URL(link).pathname);
  await teammate.waitForLoadState("networkidle");
  await expect(teammate.getByRole("heading", { name: `Join ${orgName} on Kiln` })).toBeVisible();
  await expect(teammate.getByLabel("Email")).toHaveValue(teammateEmail);
  await teammate.getByLabel("Full name").fill("Theo Marsh");
  await teammate.getByLabel("Password").fill("another-good-passphrase");
  await teammate.getByRole("button", { name: "Create account" }).click();
  await expect(teammate).toHaveURL(/\/dashboard$/);
  await expect(teammate.getByTestId("dashboard-role")).toContainText(`${orgName} as Sales rep`);

  // The invitation is used up: opening the link again says so.
  await teammate.goto(new URL(link).pathname);
  await expect(teammate.getByText("This invitation has already been used.")).toBeVisible();

  // The owner sees the new member and makes them a manager.
  await owner.reload();
  await owner.waitForLoadState("networkidle");
  const row = owner.getByTestId(`member-${teammateEmail}`);
  await expect(row).toContainText("Theo Marsh");
  await row.getByRole("combobox").selectOption("manager");
  await expect(row.getByRole("combobox")).toHaveValue("manager");
  await owner.goto("/settings/audit");
  await expect(owner.getByTestId("audit-table")).toContainText("member.role_changed");

  // The teammate sees the change on their next page load.
  await teammate.goto("/dashboard");
  await expect(teammate.getByTestId("dashboard-role")).toContainText(`${orgName} as Manager`);

  await ownerContext.close();
  await teammateContext.close();
});

test("a rep sees members but no controls to change roles, invite or rename", async ({ page }) => {
  await signIn(page, "rep@acme.test");
  await page.goto("/settings/organization");
  await expect(page.getByTestId("members-list")).toContainText("owner@acme.test");
  await expect(page.getByTestId("members-list").getByRole("combobox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(page.getByLabel("Organization name")).toBeDisabled();
});
