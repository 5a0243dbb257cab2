import { expect, test, signIn, untilHydrated } from "./fixtures";

/**
 * Conversation handling: a manager defines a tag in Settings → Inbox, selects conversations in
 * the inbox list, tags and assigns them in bulk (each one action, all or nothing), and filters
 * the list by the tag.
 */
test("a manager bulk-tags and assigns conversations, then filters the inbox by the tag", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const tagName = `Bulk ${Date.now().toString(36)}`;

  // Settings → Inbox: the new tag appears in the list with its colour named in the picker.
  await page.goto("/settings/inbox");
  const create = page.getByTestId("tag-create");
  await untilHydrated(create.getByRole("button", { name: "Add tag" }));
  await create.getByLabel("Name").fill(tagName);
  await create.getByLabel("Colour").selectOption("teal");
  await create.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByTestId("tags-list").getByTestId("tag-chip").filter({ hasText: tagName })).toBeVisible();

  // The inbox: tick the first two conversations.
  await page.goto("/inbox?status=all");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.nth(1)).toBeVisible();
  await untilHydrated(page.getByTestId("select-all"));
  const ids = await rows.evaluateAll((links) => links.slice(0, 2).map((a) => a.getAttribute("data-conversation-id")!));
  const checkboxes = page.getByTestId("conversation-select");
  await checkboxes.nth(0).check();
  await checkboxes.nth(1).check();
  const toolbar = page.getByTestId("bulk-toolbar");
  await expect(toolbar).toContainText("2 selected");

  // Add the tag to both, in one action.
  await toolbar.getByTestId("bulk-add-tag").click();
  await page.getByRole("menuitem").filter({ hasText: tagName }).click();
  await expect(toolbar.getByTestId("bulk-done")).toHaveText("2 conversations updated.");
  for (const id of ids)
    await expect(page.locator(`[data-conversation-id="${id}"]`).getByTestId("tag-chip")).toContainText(tagName);

  // Assign both to the manager, in one action.
  await checkboxes.nth(0).check();
  await checkboxes.nth(1).check();
  await toolbar.getByTestId("bulk-assign").click();
  await page.getByRole("menuitem", { name: "Maya Chen" }).click();
  await expect(toolbar.getByTestId("bulk-done")).toHaveText("2 conversations updated.");

  // Filter by the tag: exactly those two remain, and the URL keeps the filter.
  await page.getByTestId("filter-tags").click();
  await page.getByRole("menuitemcheckbox").filter({ hasText: tagName }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]tags=[0-9a-f-]{36}/);
  await expect(rows).toHaveCount(2);
  expect((await rows.evaluateAll((links) => links.map((a) => a.getAttribute("data-conversation-id")))).sort()).toEqual(
    [...ids].sort(),
  );

  // Both are the manager's (Maya Chen, the demo's manager) now: the API agrees with the list.
  for (const id of ids) {
    const response = await page.request.get(`/api/v1/conversations/${id}`);
    const { conversation } = (await response.json()) as {
      conversation: { assigneeName: string | null; tags: { name: string }[] };
    };
    expect(conversation.tags.map((t) => t.name)).toContain(tagName);
    expect(conversation.assigneeName).toBe("Maya Chen");
  }
});
