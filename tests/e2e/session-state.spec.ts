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

test("a filter set just before signing out is there at the next sign-in: sign-out saves the last change first", async ({
  browser,
}) => {
  const { page, email } = await signUp(browser);
  await page.goto("/leads");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Status", { exact: true }).selectOption("qualified");
  await expect(page).toHaveURL(/status=qualified/);
  // At once, well inside the second the writer waits for more changes before it saves.
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await signIn(page, email);
  await page.goto("/leads");
  await expect(page).toHaveURL(/status=qualified/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("qualified");
});

test("collapsed lead-list sections, the compact table and closed inbox panels are on the first paint, here and on a new browser after continuing", async ({
  browser,
}) => {
  const { page, email } = await signUp(browser);
  // Wide enough for the lead panel beside the thread (below 1400px it is a sheet).
  const wide = { width: 1440, height: 900 };
  await page.setViewportSize(wide);
  // One lead with one SMS thread, made through the API as the owner of the new organization.
  const origin = new URL(page.url()).origin;
  const post = async (path: string, data: unknown) => {
    const response = await page.request.post(path, { data, headers: { origin } });
    expect(response.status(), await response.text()).toBe(201);
    return response.json();
  };
  const number = () => String(Math.floor(1_000_000 + Math.random() * 8_999_999));
  const { channel } = await post("/api/v1/channels", {
    provider: "twilio",
    address: `+4176${number()}`,
    capabilities: ["sms"],
    label: "State line",
  });
  const { lead } = await post("/api/v1/leads", { name: "Paula Panel", phone: `+4179${number()}` });
  const { conversation } = await post("/api/v1/conversations", {
    leadId: lead.id,
    channelId: channel.id,
    medium: "sms",
  });

  // The lead list: collapse the filters, switch the table to compact rows.
  await page.goto("/leads");
  await page.waitForLoadState("networkidle");
  const listSaved = stateSaved(page, '"leads.table":"compact"');
  const filtersButton = page.getByRole("button", { name: "Filters", exact: true });
  await expect(filtersButton).toHaveAttribute("aria-expanded", "true");
  await filtersButton.click();
  await expect(filtersButton).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByLabel("Status", { exact: true })).toBeHidden();
  await page.getByTestId("table-density").getByRole("button", { name: "Compact" }).click();
  await expect(page.getByTestId("leads-table")).toHaveAttribute("data-density", "compact");
  expect((await listSaved).status()).toBe(204);

  // The inbox: close the lead panel beside the thread and the AI suggestion panel.
  await page.goto(`/inbox?c=${conversation.id}`);
  const leadToggle = page.getByTestId("toggle-lead-panel");
  const aiToggle = page.getByTestId("toggle-ai-panel");
  await expect(page.getByTestId("lead-panel")).toBeVisible();
  await expect(page.getByTestId("ai-suggestion")).toBeVisible();
  const inboxSaved = stateSaved(page, '"openPanels":[]');
  await leadToggle.click();
  await aiToggle.click();
  await expect(leadToggle).toHaveAttribute("aria-expanded", "false");
  await expect(aiToggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("lead-panel")).toBeHidden();
  await expect(page.getByTestId("ai-suggestion")).toBeHidden();
  expect((await inboxSaved).status()).toBe(204);

  // Reloaded: the thread's first render already has both panels closed.
  await page.reload();
  await expect(leadToggle).toHaveAttribute("aria-expanded", "false");
  await expect(aiToggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("lead-panel")).toBeHidden();
  await expect(page.getByTestId("ai-suggestion")).toBeHidden();
  // The lead list as the server sends it to this browser, before any script runs: the filters
  // section collapsed (its button says so), the heat counts open, the rows compact.
  const html = await (await page.request.get("/leads")).text();
  expect(html).toMatch(
    /data-testid="leads-filters-section" data-state="closed"><div[^>]*><h2[^>]*><button[^>]*aria-expanded="false"/,
  );
  expect(html).toContain('data-testid="leads-heat-section" data-state="open"');
  expect(html).toContain('data-testid="leads-table" data-density="compact"');

  // A new browser of the same person: continuing brings the panels, sections and rows along.
  const second = await (await browser.newContext({ viewport: wide })).newPage();
  await signIn(second, email);
  const banner = second.getByTestId("continue-banner");
  await banner.getByRole("button", { name: "Continue" }).click();
  await expect(second).toHaveURL(new RegExp(`/inbox\\?.*c=${conversation.id}`));
  await expect(second.getByTestId("toggle-lead-panel")).toHaveAttribute("aria-expanded", "false");
  await expect(second.getByTestId("toggle-ai-panel")).toHaveAttribute("aria-expanded", "false");
  await expect(second.getByTestId("lead-panel")).toBeHidden();
  await second.goto("/leads");
  await expect(second.getByRole("button", { name: "Filters", exact: true })).toHaveAttribute("aria-expanded", "false");
  await expect(second.getByTestId("leads-table")).toHaveAttribute("data-density", "compact");
});
