import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test, signIn, signUpInNewContext, untilHydrated } from "./fixtures";

/**
 * Interface preferences that change how pages look and answer keys: the collapsed sidebar, the
 * compact density, keyboard shortcuts on/off and the inbox betas (compact-inbox, keyboard-triage).
 * Journeys that need no data use a person of their own; the ones that need the demo inbox and
 * approvals queue put the demo user's feature preferences back afterwards, whatever happens.
 */
const PASSWORD = "correct-horse-battery";
const signUp = (browser: Browser) =>
  signUpInNewContext(browser, { prefix: "iface", fullName: "Ines Faber", team: "Interface" }, PASSWORD);

/** The page as the server sends it, before any script runs (what the first paint shows). */
async function serverHtml(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path);
  expect(response.ok()).toBe(true);
  return response.text();
}

/** Writes go through the API with the signed-in user's cookies (Origin is required for writes). */
async function send(page: Page, method: "PATCH" | "POST", path: string, data: unknown) {
  const response = await page.request.fetch(path, {
    method,
    data,
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
}

/** Runs `journey` as the signed-in demo user, then puts their feature preferences back as they were. */
async function keepingFeatures(page: Page, journey: () => Promise<void>) {
  const response = await page.request.get("/api/v1/preferences");
  expect(response.ok()).toBe(true);
  const { features } = ((await response.json()) as { preferences: { features: unknown } }).preferences;
  try {
    await journey();
  } finally {
    await send(page, "PATCH", "/api/v1/preferences", { features });
  }
}

async function openPreferences(page: Page) {
  await page.goto("/settings/preferences");
  await page.waitForLoadState("networkidle");
  // A click on a checkbox before React hydrates the form toggles it back: wait for the form to be live.
  await untilHydrated(page.getByTestId("pref-beta-compact-inbox"));
}
const saved = (page: Page) => expect(page.getByTestId("preferences-status")).toHaveText("Saved.");

async function height(locator: Locator): Promise<number> {
  await expect(locator).toBeVisible();
  return (await locator.boundingBox())!.height;
}

test("a collapsed sidebar is collapsed on the first paint after a reload and in another browser", async ({
  browser,
}) => {
  const { page, email } = await signUp(browser);
  const sidebar = page.locator("aside").first();
  await expect(sidebar).not.toHaveAttribute("data-collapsed");
  await page.getByRole("button", { name: "Collapse the sidebar" }).click();
  await expect(page.getByRole("button", { name: "Expand the sidebar" })).toBeVisible();
  await expect(sidebar).toHaveAttribute("data-collapsed", "true");

  expect(await serverHtml(page, "/dashboard")).toMatch(/<aside[^>]*data-collapsed="true"/);
  await page.reload();
  await expect(sidebar).toHaveAttribute("data-collapsed", "true");

  // A second browser, nothing in its storage, the same person.
  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second, email, PASSWORD);
  expect(await serverHtml(second, "/dashboard")).toMatch(/<aside[^>]*data-collapsed="true"/);
  await expect(second.locator("aside").first()).toHaveAttribute("data-collapsed", "true");
  await expect(second.getByRole("button", { name: "Expand the sidebar" })).toBeVisible();
  await other.close();
});

test("compact density chosen in Settings → Preferences marks the document and makes the lead list's rows shorter", async ({
  browser,
}) => {
  const { page } = await signUp(browser);
  await send(page, "POST", "/api/v1/leads", { name: "Dora Dense", email: "dora.dense@example.test" });
  await page.goto("/leads");
  const row = page.getByTestId("lead-row").first();
  const comfortable = await height(row);
  await expect(page.locator("html")).toHaveAttribute("data-density", "comfortable");

  await openPreferences(page);
  await page.getByTestId("pref-density").selectOption("compact");
  await expect(page.locator("html")).toHaveAttribute("data-density", "compact"); // at once, before any reload
  await saved(page);

  await page.goto("/leads");
  expect(await serverHtml(page, "/leads")).toMatch(/<html[^>]*data-density="compact"/);
  await expect(page.locator("html")).toHaveAttribute("data-density", "compact");
  const compact = await height(row);
  test.info().annotations.push({ type: "lead row height (px)", description: `${comfortable} → ${compact}` });
  expect(compact).toBeLessThan(comfortable - 2);
});

test("with keyboard shortcuts off, the approvals queue ignores its keys and shows no legend", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  await keepingFeatures(page, async () => {
    await send(page, "PATCH", "/api/v1/preferences", { features: { keyboardShortcuts: true } });
    // On: j moves to the next task and says so.
    await page.goto("/approvals?status=pending");
    await expect(page.getByTestId("approval-row").nth(1)).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.getByTestId("shortcut-legend")).toBeVisible();
    await page.keyboard.press("j");
    await expect(page.getByTestId("approvals-announcer")).toHaveText(/task 2 of/);

    await openPreferences(page);
    await page.getByTestId("pref-keyboard-shortcuts").uncheck();
    await saved(page);

    // Off: no legend, and j, ? and e do nothing.
    await page.goto("/approvals?status=pending");
    await expect(page.getByTestId("approval-row").nth(1)).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.getByTestId("shortcut-legend")).toHaveCount(0);
    const url = page.url();
    for (const key of ["j", "?", "e"]) await page.keyboard.press(key);
    // Nothing should happen, so there is nothing to wait for: give a handler time to have acted.
    await page.waitForTimeout(500);
    expect(page.url()).toBe(url);
    await expect(page.getByTestId("approvals-announcer")).toHaveText("");
    await expect(page.getByTestId("shortcuts-help")).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Draft reply" })).toHaveCount(0);
  });
});

test("the compact-inbox beta renders one-line conversation rows from the first paint", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  await keepingFeatures(page, async () => {
    await send(page, "PATCH", "/api/v1/preferences", { features: { beta: [] } });
    await page.goto("/inbox?status=all");
    const row = page.getByTestId("conversation-row").first();
    const regular = await height(row);
    await expect(row.getByTestId("heat-badge")).toBeVisible();

    await openPreferences(page);
    await expect(page.getByTestId("pref-beta-compact-inbox-hint")).toContainText("on one line");
    await page.getByTestId("pref-beta-compact-inbox").check();
    await saved(page);

    expect(await serverHtml(page, "/inbox?status=all")).toContain('data-compact="true"');
    await page.goto("/inbox?status=all");
    await expect(page.getByTestId("conversation-list").locator("ul")).toHaveAttribute("data-compact", "true");
    const compact = await height(row);
    test.info().annotations.push({ type: "inbox row height (px)", description: `${regular} → ${compact}` });
    expect(compact).toBeLessThan(regular * 0.7);
    // Name, channel (an icon named for screen readers), time and unread count; no heat or assignee line.
    await expect(row.getByTestId("conversation-name")).toBeVisible();
    await expect(row.getByTestId("channel-badge")).toHaveText(/^(SMS|WhatsApp)$/);
    await expect(row.getByTestId("heat-badge")).toHaveCount(0);
  });
});

test("the keyboard-triage beta moves through the inbox with j/k, opens, replies and closes, and says what it did", async ({
  page,
}) => {
  await signIn(page, "manager@acme.test");
  await keepingFeatures(page, async () => {
    await send(page, "PATCH", "/api/v1/preferences", { features: { beta: [], keyboardShortcuts: true } });
    await openPreferences(page);
    await expect(page.getByTestId("pref-beta-keyboard-triage-hint")).toContainText("j and k");
    await page.getByTestId("pref-beta-keyboard-triage").check();
    await saved(page);

    // SMS threads: no 24-hour window can disable their reply box.
    await page.goto("/inbox?status=open&channel=sms");
    await expect(page.getByTestId("conversation-row").nth(1)).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.getByTestId("shortcut-legend")).toBeVisible();
    const ids = await page
      .getByTestId("conversation-row")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-conversation-id")!));
    const row = (id: string) => page.locator(`[data-testid=conversation-row][data-conversation-id="${id}"]`);
    const announcer = page.getByTestId("inbox-announcer");

    await page.keyboard.press("j");
    await expect(row(ids[0]!)).toBeFocused();
    await expect(announcer).toHaveText(
      `${await row(ids[0]!).getByTestId("conversation-name").textContent()}: conversation 1 of ${ids.length}`,
    );
    await page.keyboard.press("j");
    await expect(row(ids[1]!)).toBeFocused();
    await expect(announcer).toHaveText(/: conversation 2 of/);
    await page.keyboard.press("k");
    await expect(row(ids[0]!)).toBeFocused();
    await expect(announcer).toHaveText(/: conversation 1 of/);
    await page.keyboard.press("ArrowDown"); // the list has focus: the arrows move too
    await expect(row(ids[1]!)).toBeFocused();
    // Moving does not open (opening marks a thread read).
    expect(new URL(page.url()).searchParams.get("c")).toBeNull();

    await page.keyboard.press("o");
    await expect(page).toHaveURL(new RegExp(`[?&]c=${ids[1]}`));
    await expect(row(ids[1]!)).toHaveAttribute("aria-current", "true");
    await expect(announcer).toHaveText(/^Opened the conversation with /);
    const thread = page.getByTestId("thread");
    await expect(thread).toHaveAttribute("data-conversation-id", ids[1]!);

    // r: the reply box, where letters are text, not shortcuts.
    await page.keyboard.press("r");
    const reply = thread.getByTestId("composer-input");
    await expect(reply).toBeFocused();
    await expect(announcer).toHaveText(/^Replying to /);
    await page.keyboard.type("jk e");
    await expect(reply).toHaveValue("jk e");
    await expect(row(ids[1]!)).toHaveAttribute("aria-current", "true");
    await reply.fill("");
    await reply.blur();

    // ? lists the keys; Escape closes the list.
    await page.keyboard.press("?");
    const help = page.getByTestId("shortcuts-help");
    await expect(help).toBeVisible();
    await expect(help).toContainText("Close the open conversation");
    await page.keyboard.press("Escape");
    await expect(help).toHaveCount(0);

    // e closes the open conversation (put back open afterwards: the demo data is shared).
    try {
      await page.keyboard.press("e");
      await expect(announcer).toHaveText(/^Closed the conversation with /);
      await expect(thread.getByTestId("thread-status")).toHaveAttribute("data-status", "closed");
    } finally {
      await send(page, "PATCH", `/api/v1/conversations/${ids[1]}`, { status: "open" });
    }
  });
});
