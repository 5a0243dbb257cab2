import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";

/**
 * A manager arranges the dashboard: drags and resizes widgets, hides and shows them, gives a
 * project its own layout and resets; the layout is the first paint (the server's HTML already
 * has it, nothing moves when the page wakes up) and follows the user to another browser.
 */

const MANAGER = "manager@acme.test";
const PROJECT = "Residential rooftop";
const origin = "http://localhost:3100";

type Tile = { i: string; x: number; y: number; w: number; h: number };

/** Every tile's grid position, as the page renders it, in reading order. */
async function layoutOf(page: Page): Promise<Tile[]> {
  const tiles = page.locator("[data-testid^='dashboard-widget-']");
  return (
    await tiles.evaluateAll((nodes) =>
      nodes.map((node) => {
        const el = node as HTMLElement;
        return {
          i: el.dataset.widget!,
          x: Number(el.dataset.x),
          y: Number(el.dataset.y),
          w: Number(el.dataset.w),
          h: Number(el.dataset.h),
        };
      }),
    )
  ).sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Where each tile is drawn on the page, in CSS pixels, rounded (the grids may differ by a sub-pixel). */
async function boxesOf(page: Page): Promise<Record<string, number[]>> {
  const tiles = page.locator("[data-testid^='dashboard-widget-']");
  const entries = await tiles.evaluateAll((nodes) =>
    nodes.map((node) => {
      const r = node.getBoundingClientRect();
      return [
        (node as HTMLElement).dataset.widget!,
        [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.round),
      ] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Records where each tile is the moment it first shows (the server's HTML, before React wakes
 * up): a mutation observer runs before the browser paints what was inserted.
 */
async function recordFirstPaint(page: Page) {
  await page.addInitScript(() => {
    const first: Record<string, number[]> = {};
    (window as unknown as { firstBoxes: typeof first }).firstBoxes = first;
    const capture = () => {
      for (const node of document.querySelectorAll<HTMLElement>("[data-testid^='dashboard-widget-']")) {
        const r = node.getBoundingClientRect();
        if (r.width > 0 && !(node.dataset.widget! in first))
          first[node.dataset.widget!] = [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.round);
      }
    };
    new MutationObserver(capture).observe(document, { childList: true, subtree: true, attributes: true });
  });
}

const closeTo = (a: Record<string, number[]>, b: Record<string, number[]>) => {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const [name, box] of Object.entries(a))
    box.forEach((value, index) =>
      expect(
        Math.abs(value - b[name]![index]!),
        `${name} moved: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
      ).toBeLessThanOrEqual(2),
    );
};

async function openDashboard(page: Page, path = "/dashboard") {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("dashboard-grid")).toBeVisible();
}

/** Waits until the last change is stored (the debounced PUT answered). */
async function saved(page: Page) {
  await expect(page.getByTestId("dashboard-save-status")).toHaveAttribute("data-state", "saved");
}

/** Drags with the mouse in small steps, as a person does (the grid starts dragging after a few pixels). */
async function dragBy(page: Page, handle: Locator, dx: number, dy: number) {
  await handle.scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 8 });
  await page.mouse.move(x + dx, y + dy, { steps: 8 });
  await page.mouse.up();
}

async function columnWidth(page: Page): Promise<number> {
  return ((await page.getByTestId("dashboard-grid").boundingBox())!.width + 16) / 12;
}

/** Starts the manager from the built-in default in every scope this spec touches. */
async function resetAll(page: Page) {
  const projects = (await (await page.request.get("/api/v1/projects")).json()) as { projects: { id: string }[] };
  for (const scope of ["", ...projects.projects.map((p) => `?project=${p.id}`)])
    expect((await page.request.delete(`/api/v1/dashboard-settings${scope}`, { headers: { origin } })).ok()).toBe(true);
}

async function signedIn(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, MANAGER);
  return { context, page };
}

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ browser }) => {
  // Leave the demo manager's dashboard as the other specs expect it: the default.
  const { context, page } = await signedIn(browser);
  await resetAll(page);
  await context.close();
});

test("the saved layout is the first paint: the server's HTML and the woken page draw every widget in the same place", async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser);
  await resetAll(page);
  await openDashboard(page);
  await page.getByTestId("dashboard-customize").click();
  await dragBy(page, page.getByTestId("dashboard-drag-heat"), (await columnWidth(page)) * 8, 0);
  await expect(page.getByTestId("dashboard-widget-heat")).toHaveAttribute("data-x", "8");
  await saved(page);
  await page.getByTestId("dashboard-customize-done").click();
  const layout = await layoutOf(page);

  // A fresh page: where the tiles first show is where they stay once the page is awake.
  const fresh = await context.newPage();
  await recordFirstPaint(fresh);
  await openDashboard(fresh);
  const firstPaint = await fresh.evaluate(
    () => (window as unknown as { firstBoxes: Record<string, number[]> }).firstBoxes,
  );
  expect(Object.keys(firstPaint)).toHaveLength(layout.length);
  expect(await layoutOf(fresh)).toEqual(layout);
  closeTo(await boxesOf(fresh), firstPaint);
  // Arranging starts from the same places too.
  await fresh.getByTestId("dashboard-customize").click();
  await expect(fresh.getByTestId("dashboard-grid")).toHaveAttribute("data-mode", "arrange");
  closeTo(await boxesOf(fresh), firstPaint);
  await context.close();
});

test("a manager rearranges and resizes widgets; reload and another browser show the same layout", async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser);
  await resetAll(page);
  await openDashboard(page);
  const before = await layoutOf(page);
  expect(before.find((t) => t.i === "heat")).toMatchObject({ x: 0, y: 0, w: 4 });

  await page.getByTestId("dashboard-customize").click();
  await expect(page.getByTestId("dashboard-grid")).toHaveAttribute("data-mode", "arrange");
  const column = await columnWidth(page);
  // Heat moves to the right edge: the pipeline makes way.
  await dragBy(page, page.getByTestId("dashboard-drag-heat"), column * 8, 0);
  await expect(page.getByTestId("dashboard-widget-heat")).toHaveAttribute("data-x", "8");
  // Team shrinks to half the width from its lower right corner.
  await dragBy(page, page.getByTestId("dashboard-widget-team").locator(".react-resizable-handle"), -column * 6, 0);
  await expect(page.getByTestId("dashboard-widget-team")).toHaveAttribute("data-w", "6");
  await saved(page);
  const arranged = await layoutOf(page);
  expect(arranged).not.toEqual(before);

  await page.reload();
  await page.waitForLoadState("networkidle");
  expect(await layoutOf(page)).toEqual(arranged);
  await context.close();

  const elsewhere = await signedIn(browser);
  await openDashboard(elsewhere.page);
  expect(await layoutOf(elsewhere.page)).toEqual(arranged);
  await elsewhere.context.close();
});

test("a project starts from the all-projects layout and keeps its own; hide, show again and reset", async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser);
  await openDashboard(page);
  const allProjects = await layoutOf(page);

  await page.getByTestId("dashboard-project").selectOption({ label: PROJECT });
  await expect(page).toHaveURL(/[?&]project=[0-9a-f-]{36}/);
  const projectUrl = page.url();
  await expect.poll(() => layoutOf(page)).toEqual(allProjects);

  // The project's own arrangement: the agents widget hidden there only.
  await page.getByTestId("dashboard-customize").click();
  await page.getByTestId("dashboard-hide-agents").click();
  await expect(page.getByTestId("dashboard-widget-agents")).toHaveCount(0);
  await saved(page);
  await openDashboard(page, projectUrl);
  await expect(page.getByTestId("dashboard-widget-agents")).toHaveCount(0);
  await openDashboard(page);
  await expect(page.getByTestId("dashboard-widget-agents")).toHaveCount(1);
  expect(await layoutOf(page)).toEqual(allProjects);

  // Shown again in the project, where it was.
  await openDashboard(page, projectUrl);
  await page.getByTestId("dashboard-customize").click();
  await page.getByTestId("dashboard-hidden-widgets").click();
  await page.getByTestId("dashboard-show-agents").click();
  await expect(page.getByTestId("dashboard-widget-agents")).toHaveCount(1);
  await saved(page);
  expect(await layoutOf(page)).toEqual(allProjects);

  // A project's reset goes back to the all-projects layout; the all-projects reset to the default.
  await page.getByTestId("dashboard-hide-team").click();
  await saved(page);
  await page.getByTestId("dashboard-reset").click();
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(page.getByTestId("dashboard-widget-team")).toHaveCount(1);
  expect(await layoutOf(page)).toEqual(allProjects);

  await page.getByTestId("dashboard-project").selectOption({ label: "All projects" });
  await expect(page).not.toHaveURL(/project=/);
  await page.getByTestId("dashboard-reset").click();
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(page.getByTestId("dashboard-widget-heat")).toHaveAttribute("data-x", "0");
  await expect(page.getByTestId("dashboard-widget-heat")).toHaveAttribute("data-y", "0");
  await expect(page.getByTestId("dashboard-widget-team")).toHaveAttribute("data-w", "12");
  await context.close();
});
