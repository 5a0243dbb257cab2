import type { Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";

/** A suffix that keeps this run's leads apart from the demo data and from earlier runs. */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type NewLead = { name: string; email?: string; status?: string; tags?: string[]; company?: string };

/** Creates leads through the API with the signed-in user's cookies (Origin is required for writes). */
async function createLeads(page: Page, leads: NewLead[]): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const ids: string[] = [];
  for (let i = 0; i < leads.length; i += 10) {
    const batch = await Promise.all(
      leads.slice(i, i + 10).map(async (lead) => {
        const response = await page.request.post("/api/v1/leads", { data: lead, headers: { origin } });
        expect(response.status(), await response.text()).toBe(201);
        return ((await response.json()) as { lead: { id: string } }).lead.id;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}

const rowNames = (page: Page) => page.getByTestId("lead-row").locator("td:nth-child(2) a").allTextContents();

test("a manager pages forward three times and back through the leads list, keyset by keyset", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const tag = `paging-${run()}`;
  await createLeads(
    page,
    Array.from({ length: 80 }, (_, i) => ({ name: `Paging ${String(i).padStart(2, "0")} ${tag}`, tags: [tag] })),
  );

  await page.goto(`/leads?tag=${tag}`);
  await expect(page.getByTestId("lead-row")).toHaveCount(25);
  // While the navigation streams in, the outgoing render can still be in the DOM for a moment.
  await expect(page.getByTestId("prev-page")).toHaveCount(1);
  await expect(page.getByTestId("prev-page")).toBeDisabled();
  const pages = [await rowNames(page)];

  for (let i = 1; i <= 3; i++) {
    await page.getByTestId("next-page").click();
    await expect.poll(() => rowNames(page)).not.toEqual(pages[i - 1]);
    await expect(page).toHaveURL(/cursor=.+direction=next/);
    await expect(page.getByTestId("leads-table")).not.toHaveAttribute("aria-busy", "true");
    pages.push(await rowNames(page));
  }
  // 80 leads: 25 + 25 + 25 + 5, no page repeats a lead, and the last page has no Next.
  expect(pages.map((p) => p.length)).toEqual([25, 25, 25, 5]);
  expect(new Set(pages.flat()).size).toBe(80);
  await expect(page.getByTestId("next-page")).toBeDisabled();

  for (let i = 2; i >= 0; i--) {
    await page.getByTestId("prev-page").click();
    await expect.poll(() => rowNames(page)).toEqual(pages[i]);
    await expect(page).toHaveURL(/direction=prev/);
  }
  await expect(page.getByTestId("prev-page")).toBeDisabled();

  // Back in the browser history walks the same pages.
  await page.goBack();
  await expect.poll(() => rowNames(page)).toEqual(pages[1]);
});

test("filters live in the URL, so a reload shows the same view", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const tag = `filters-${run()}`;
  await createLeads(page, [
    { name: `Alpha Filter ${tag}`, status: "contacted", tags: [tag] },
    { name: `Beta Filter ${tag}`, status: "contacted", tags: [tag] },
    { name: `Gamma Filter ${tag}`, status: "new", tags: [tag] },
  ]);
  await page.goto("/leads");
  await page.getByLabel("Tag", { exact: true }).fill(tag);
  await page.getByLabel("Tag", { exact: true }).press("Enter");
  await expect(page.getByTestId("lead-row")).toHaveCount(3);
  await page.getByLabel("Status", { exact: true }).selectOption("contacted");
  await expect(page.getByTestId("lead-row")).toHaveCount(2);
  await page.getByLabel("Search").fill("alpha");
  await expect(page).toHaveURL(/q=alpha/);
  await expect(page.getByTestId("lead-row")).toHaveCount(1);
  await page.getByLabel("Sort by").selectOption("heat");
  await expect(page).toHaveURL(/sort=heat/);

  const url = page.url();
  expect(url).toContain(`tag=${tag}`);
  expect(url).toContain("status=contacted");
  await page.reload();
  await expect(page.getByTestId("lead-row")).toHaveCount(1);
  await expect(page.getByTestId("lead-row")).toContainText(`Alpha Filter ${tag}`);
  await expect(page.getByLabel("Search")).toHaveValue("alpha");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("contacted");
  await expect(page.getByLabel("Tag", { exact: true })).toHaveValue(tag);
  await expect(page.getByLabel("Sort by")).toHaveValue("heat");

  // The same link in a new tab shows the same view too.
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByTestId("lead-row")).toHaveCount(1);
  await other.close();
});

test("creating a lead with a bad email shows the field error, and once fixed lands on the lead page", async ({
  page,
}) => {
  await signIn(page, "manager@acme.test");
  const name = `Nina Created ${run()}`;
  await page.goto("/leads");
  await page.getByRole("link", { name: "New lead" }).click();
  await expect(page).toHaveURL(/\/leads\/new$/);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill("nina-at-example");
  await page.getByRole("button", { name: "Create lead" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/leads\/new$/);

  await page.getByLabel("Email").fill(`nina.${run()}@example.test`);
  await page.getByLabel("Company").fill("Sunny Roofs AG");
  await page.getByRole("button", { name: "Create lead" }).click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("lead-name")).toHaveText(name);
  await expect(page.getByTestId("timeline")).toContainText("Created");
});

test("confirming Budget moves the BANT and heat scores and the timeline says who set it", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const [id] = await createLeads(page, [{ name: `Bea Budget ${run()}` }]);
  await page.goto(`/leads/${id}`);
  await expect(page.getByTestId("bant-score")).toContainText("0");
  const heatBefore = await page.getByTestId("heat-badge").first().getAttribute("aria-label");

  const budget = page.getByTestId("bant-budget");
  await budget.getByLabel("Budget status").selectOption("confirmed");
  await budget.getByLabel("Budget value").fill("CHF 20k");
  await budget.getByLabel("Budget evidence").fill("We have CHF 20k approved for this year.");
  await page.getByRole("button", { name: "Save Budget" }).click();

  await expect(page.getByTestId("bant-score")).toContainText("30");
  await expect(page.getByTestId("heat-badge").first()).not.toHaveAttribute("aria-label", heatBefore ?? "");
  await expect(page.getByTestId("bant-explanation")).toContainText("Budget");
  await expect(page.getByTestId("bant-budget-evidence")).toContainText("set by Maya Chen");

  const event = page.locator('[data-testid="timeline-event"][data-type="bant_changed"]').first();
  await expect(event).toContainText("Budget");
  await expect(event).toContainText("set by Maya Chen");
  await expect(event).toContainText("We have CHF 20k approved");

  // The heat badge explains itself.
  await page.getByRole("button", { name: /Show why/ }).click();
  await expect(page.getByTestId("heat-explanation")).toContainText("Why this heat");
});

test("a manager bulk-assigns selected leads to a rep and the owner column shows it", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const tag = `bulk-${run()}`;
  await createLeads(
    page,
    [1, 2, 3].map((n) => ({ name: `Bulk ${n} ${tag}`, tags: [tag] })),
  );
  await page.goto(`/leads?tag=${tag}`);
  await expect(page.getByTestId("lead-row")).toHaveCount(3);
  for (const owner of await page.getByTestId("lead-owner").all()) await expect(owner).toHaveText("Unassigned");

  await page.getByLabel("Select all leads on this page").check();
  await expect(page.getByTestId("bulk-bar")).toContainText("3 leads selected");
  await page.getByTestId("bulk-bar").getByLabel("Assign to").selectOption({ label: "Ravi Patel" });
  await expect(page.getByText("Updated 3 leads.")).toBeVisible();
  for (const owner of await page.getByTestId("lead-owner").all()) await expect(owner).toHaveText("Ravi Patel");

  // And it sticks: the rep filter finds them after a reload.
  await page.reload();
  for (const owner of await page.getByTestId("lead-owner").all()) await expect(owner).toHaveText("Ravi Patel");
});

test("a rep sees no Delete, heat override or reassign controls", async ({ page }) => {
  await signIn(page, "rep@acme.test");
  const [id] = await createLeads(page, [{ name: `Rita Rep ${run()}` }]);
  await page.goto(`/leads/${id}`);
  await expect(page.getByTestId("lead-name")).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(page.getByTestId("heat-override")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Pin heat" })).toHaveCount(0);
  await expect(page.getByLabel("Owner")).toHaveCount(0);
  // An unassigned lead can be taken.
  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);
  await expect(page.getByText("Ravi Patel").first()).toBeVisible();

  await page.goto("/leads");
  await expect(page.getByRole("button", { name: "Deleted leads" })).toHaveCount(0);
  await page.getByTestId("lead-row").first().getByRole("checkbox").check();
  await expect(page.getByTestId("bulk-bar")).toBeVisible();
  await expect(page.getByTestId("bulk-bar").getByLabel("Assign to")).toHaveCount(0);
});

test("a manager deletes a lead after confirming and restores it from Deleted leads", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const name = `Dora Deleted ${run()}`;
  const [id] = await createLeads(page, [{ name }]);
  await page.goto(`/leads/${id}`);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("This lead is deleted.")).toBeVisible();

  await page.goto("/leads?deleted=true");
  const row = page.getByTestId("lead-row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("Lead restored.")).toBeVisible();
  await expect(page.getByTestId("lead-row").filter({ hasText: name })).toHaveCount(0);
  await page.goto(`/leads/${id}`);
  await expect(page.getByText("This lead is deleted.")).toHaveCount(0);
});

test("a manager imports a CSV: preview, column mapping, per-row report", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const tag = `import-${run()}`;
  const csv = [
    "Full Name,E-mail,Firma,Notes",
    `Ida Import,ida.${tag}@example.test,Sunny AG,first`,
    `Jon Import,jon.${tag}@example.test,Roof GmbH,second`,
    `,broken.${tag}@example.test,No Name Ltd,third`,
  ].join("\n");
  await page.goto("/leads");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("import-preview")).toContainText("Ida Import");
  await page.getByLabel("Field for column Full Name").selectOption("name");
  await page.getByLabel("Field for column Firma").selectOption("company");
  await page.getByLabel("Field for column Notes").selectOption("");
  await page.getByRole("button", { name: "Import leads" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("Created");
  await expect(report).toContainText("2");
  await expect(page.getByText(/1 row was skipped/)).toBeVisible();

  await page.goto(`/leads?q=${tag}`);
  await expect(page.getByTestId("lead-row")).toHaveCount(2);
});
