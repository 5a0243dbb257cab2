import type { Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";

/**
 * The dashboard's numbers lead to the lists behind them: a HEAT level opens the lead list with
 * that filter and as many leads as the widget said; a funnel step opens its cohort with its
 * filters shown as chips, and the list holds exactly the step's count.
 */

const MANAGER = "manager@acme.test";
const count = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).textContent()) ?? "").replace(/\D/g, ""));

/** Every lead the list's API returns for a query (all pages). */
async function leadsBehind(page: Page, query: string): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  do {
    const params: URLSearchParams = new URLSearchParams(query);
    params.set("limit", "100");
    if (cursor) params.set("cursor", cursor);
    const response = await page.request.get(`/api/v1/leads?${params.toString()}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { leads: unknown[]; nextCursor: string | null };
    total += body.leads.length;
    cursor = body.nextCursor;
  } while (cursor);
  return total;
}

test("a manager's dashboard shows the demo's numbers and a HEAT level opens its leads", async ({ page }) => {
  await signIn(page, MANAGER);
  await page.goto("/dashboard");
  const hot = page.getByTestId("widget-heat-hot");
  await expect(hot).toBeVisible({ timeout: 20_000 });
  const levels = Object.fromEntries(
    await Promise.all(
      (["cold", "warm", "hot", "burning"] as const).map(async (level) => [
        level,
        await count(page, `widget-heat-${level}`),
      ]),
    ),
  ) as Record<"cold" | "warm" | "hot" | "burning", number>;
  // Acme's demo: its live leads are all somewhere on the heat scale.
  expect(Object.values(levels).reduce((a, b) => a + b, 0)).toBeGreaterThan(400);
  expect(levels.hot).toBeGreaterThan(0);

  await hot.click();
  await expect(page).toHaveURL(/\/leads\?heat=hot$/);
  await expect(page.getByTestId("heat-count-hot")).toHaveAttribute("aria-pressed", "true");
  // The list's own counts by heat (live leads, every project) are the widget's numbers.
  for (const [level, n] of Object.entries(levels))
    await expect(page.getByTestId(`heat-count-${level}`)).toContainText(new RegExp(`^\\D*${n}$`));
  expect(await leadsBehind(page, "heat=hot")).toBe(levels.hot);
});

test("a funnel step opens the lead list with its cohort and condition, holding the step's count", async ({ page }) => {
  await signIn(page, MANAGER);
  await page.goto("/dashboard");
  const created = page.getByTestId("widget-pipeline-created");
  await expect(created).toBeVisible({ timeout: 20_000 });
  const expected = await count(page, "widget-pipeline-created");
  const budget = await count(page, "widget-pipeline-budget");

  await created.click();
  await expect(page).toHaveURL(/\/leads\?.*createdFrom=.*createdTo=/);
  const chips = page.getByTestId("filter-chips");
  await expect(chips).toContainText("Created");
  const query = new URL(page.url()).search.slice(1);
  expect(await leadsBehind(page, query)).toBe(expected);

  await page.goBack();
  await page.getByTestId("widget-pipeline-budget").click();
  await expect(page).toHaveURL(/confirmed=budget/);
  await expect(chips).toContainText("BANT confirmed: Budget");
  expect(await leadsBehind(page, new URL(page.url()).search.slice(1))).toBe(budget);

  // Removing the chip drops the filter and says so in the URL.
  await chips.getByRole("button", { name: /Remove filter: BANT confirmed/ }).click();
  await expect(page).not.toHaveURL(/confirmed=/);
});
