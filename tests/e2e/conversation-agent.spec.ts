import type { Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";

/**
 * The agent per conversation: in the thread's AI panel a manager points one thread at the
 * seeded support agent, the agents page counts it, and the thread goes back to the default.
 * A rep cannot change the agent of someone else's thread.
 */

type ConversationRow = { id: string; assigneeId: string | null; status: string };

async function conversations(page: Page, query: string): Promise<ConversationRow[]> {
  const response = await page.request.get(`/api/v1/conversations?${query}`);
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { conversations: ConversationRow[] }).conversations;
}

test("a manager chooses the support agent for one thread and returns it to the default", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const [conversation] = await conversations(page, "status=all&limit=1");
  expect(conversation).toBeDefined();

  await page.goto(`/inbox?status=all&c=${conversation!.id}`);
  const select = page.getByTestId("thread").getByTestId("conversation-agent");
  await expect(select).toBeEnabled();
  await expect(select.locator("option:checked")).toHaveText("Sunny (default)");

  await select.selectOption({ label: "Support desk" });
  await expect(select.locator("option:checked")).toHaveText("Support desk");
  const detail = await page.request.get(`/api/v1/conversations/${conversation!.id}`);
  expect(
    ((await detail.json()) as { conversation: { agent: { name: string; isDefault: boolean } } }).conversation.agent,
  ).toMatchObject({
    name: "Support desk",
    isDefault: false,
  });

  // The choice survives a reload and shows on the agent's card.
  await page.reload();
  await expect(page.getByTestId("thread").getByTestId("conversation-agent").locator("option:checked")).toHaveText(
    "Support desk",
  );
  await page.goto("/agents");
  await expect(page.getByRole("listitem", { name: "Support desk" }).getByTestId("agent-conversations")).toHaveText(
    /^Answers \d+ conversations?$/,
  );

  await page.goto(`/inbox?status=all&c=${conversation!.id}`);
  const again = page.getByTestId("thread").getByTestId("conversation-agent");
  await again.selectOption("");
  await expect(again.locator("option:checked")).toHaveText("Sunny (default)");
});

test("a rep cannot change the agent of a thread assigned to someone else", async ({ page }) => {
  await signIn(page, "rep@acme.test");
  const mine = await conversations(page, "status=all&assigned=me&limit=1");
  const repId = mine[0]?.assigneeId ?? null;
  const others = (await conversations(page, "status=all&limit=100")).filter(
    (c) => c.assigneeId && c.assigneeId !== repId,
  );
  // The Acme demo inbox gives the rep sight of threads other people handle.
  expect(others.length, "the demo rep sees threads assigned to someone else").toBeGreaterThan(0);

  await page.goto(`/inbox?status=all&c=${others[0]!.id}`);
  const select = page.getByTestId("thread").getByTestId("conversation-agent");
  await expect(select).toBeVisible();
  await expect(select).toBeDisabled();
});
