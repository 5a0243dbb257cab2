import type { Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";
import { deliverInboundSms } from "./sandbox-sms";

/**
 * The inbox: live arrival of inbound messages, replying in the sandbox, keyset paging,
 * the WhatsApp 24-hour window and retrying a failed message. The e2e server has no Twilio
 * credentials, so webhooks go to Acme's sandbox URL, signed with Acme's sandbox secret derived
 * from the server's AUTH_SECRET and the organization's id (lib/channels/secrets.ts).
 */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** A Swiss mobile number no demo lead has. */
const newLeadNumber = () => `+4179555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;

async function openInbox(page: Page, query = "") {
  await page.goto(`/inbox${query}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
}

const rowIds = (page: Page) =>
  page.getByTestId("conversation-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-conversation-id")));

type Row = { id: string; medium: string; lastMessageDirection: string | null };
async function listConversations(page: Page, query: string): Promise<Row[]> {
  const response = await page.request.get(`/api/v1/conversations?${query}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { conversations: Row[] }).conversations;
}

test("an inbound SMS shows up in the open inbox without a reload, and a reply is sent in the sandbox", async ({
  page,
  request,
}) => {
  await signIn(page, "manager@acme.test");
  await openInbox(page);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  // Marks this document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const text = `Do you install on flat roofs? ${run()}`;
  const from = newLeadNumber();
  await deliverInboundSms(page, request, from, text);

  const arrived = page.getByTestId("conversation-row").filter({ hasText: text });
  await expect(arrived).toBeVisible({ timeout: 5_000 });
  // From here on, the row is found by its thread (its preview changes with every message).
  const row = page.locator(
    `[data-testid=conversation-row][data-conversation-id="${await arrived.getAttribute("data-conversation-id")}"]`,
  );
  await expect(row.getByTestId("unread-count")).toHaveText("1");
  await expect(row.getByTestId("channel-badge")).toHaveText("SMS");
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Open it: the message is in the thread, the thread is marked read, the sandbox is labelled.
  await row.click();
  await expect(page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
  const thread = page.getByTestId("thread");
  await expect(thread.getByTestId("message").filter({ hasText: text })).toHaveAttribute("data-direction", "inbound");
  await expect(row.getByTestId("unread-count")).toHaveCount(0);
  await expect(page.getByTestId("sandbox-banner")).toHaveText("Sandbox — messages are not really sent");
  await expect(page.getByTestId("thread-lead-link")).toHaveAttribute("href", /^\/leads\/[0-9a-f-]{36}$/);

  // A second inbound message while the thread is open arrives live too.
  const followUp = `And what about batteries? ${run()}`;
  await deliverInboundSms(page, request, from, followUp);
  await expect(thread.getByTestId("message").filter({ hasText: followUp })).toBeVisible({ timeout: 5_000 });

  // Reply: Enter sends; the bubble goes queued → sent, tagged as sandbox.
  const reply = `Yes, we do. A technician can visit next week. ${run()}`;
  const composer = page.getByTestId("composer-input");
  await composer.fill(reply);
  await expect(page.getByTestId("composer-count")).toHaveText(`${reply.length} / 1600`);
  await composer.press("Enter");
  await expect(composer).toHaveValue("");
  const bubble = thread.getByTestId("message").filter({ hasText: reply });
  await expect(bubble).toHaveAttribute("data-direction", "outbound");
  await expect(bubble).toHaveAttribute("data-status", "sent");
  await expect(bubble.getByTestId("sandbox-tag")).toBeVisible();
  await expect(bubble.getByTestId("message-status")).toHaveAttribute("aria-label", "Sent");
  // The list shows the reply as the thread's latest message.
  await expect(row.getByTestId("conversation-preview")).toHaveText(`You: ${reply}`);
});

test("Older and Newer page through the inbox by keyset", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  // The demo data has 40 conversations: two pages of "all".
  await openInbox(page, "?status=all");
  await expect(page.getByTestId("conversation-row")).toHaveCount(25);
  await expect(page.getByTestId("newer-page")).toBeDisabled();
  const first = await rowIds(page);

  await page.getByTestId("older-page").click();
  await expect(page).toHaveURL(/cursor=.+direction=next/);
  await expect.poll(async () => (await rowIds(page)).some((id) => first.includes(id))).toBe(false);
  const second = await rowIds(page);
  expect(second.length).toBeGreaterThan(0);
  await expect(page.getByTestId("newer-page")).toBeEnabled();

  await page.getByTestId("newer-page").click();
  await expect(page).toHaveURL(/direction=prev/);
  await expect.poll(() => rowIds(page)).toEqual(first);
  await expect(page.getByTestId("newer-page")).toBeDisabled();

  // Back in the browser history returns to the older page.
  await page.goBack();
  await expect.poll(() => rowIds(page)).toEqual(second);
});

test("filters live in the URL: channel, status and search", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  await openInbox(page, "?status=all");
  await page.getByTestId("filter-channel").selectOption("whatsapp");
  await expect(page).toHaveURL(/channel=whatsapp/);
  await expect
    .poll(async () => [
      ...new Set(await page.getByTestId("conversation-row").getByTestId("channel-badge").allTextContents()),
    ])
    .toEqual(["WhatsApp"]);
  await expect(page.getByTestId("conversation-list")).not.toHaveAttribute("aria-busy", "true");

  await page.getByTestId("status-tab-closed").click();
  await expect(page).toHaveURL(/status=closed/);
  await expect(page.getByTestId("status-tab-closed")).toHaveAttribute("aria-pressed", "true");

  // Search by a lead's name, from the first row of the unfiltered list.
  await page.goto("/inbox?status=all");
  await page.waitForLoadState("networkidle");
  const name = (await page.getByTestId("conversation-name").first().textContent())!.trim();
  await page.getByTestId("inbox-search").fill(name);
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("conversation-name").first()).toHaveText(name);
  await page.reload();
  await expect(page.getByTestId("inbox-search")).toHaveValue(name);
});

test("a WhatsApp thread whose 24-hour window is closed cannot be answered, and says why", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const whatsapp = await listConversations(page, "status=all&channel=whatsapp&limit=100");
  let closedId: string | null = null;
  for (const conversation of whatsapp) {
    const detail = (await (await page.request.get(`/api/v1/conversations/${conversation.id}`)).json()) as {
      conversation: { windowOpenUntil: string | null };
    };
    if (!detail.conversation.windowOpenUntil) {
      closedId = conversation.id;
      break;
    }
  }
  expect(closedId, "the demo data has a WhatsApp thread with a closed window").not.toBeNull();

  await page.goto(`/inbox?status=all&c=${closedId}`);
  await expect(page.getByTestId("composer-blocked")).toContainText("The WhatsApp 24-hour window is closed");
  await expect(page.getByTestId("composer-input")).toBeDisabled();
  await expect(page.getByTestId("composer-send")).toBeDisabled();

  // The API refuses too, with the explanation the UI shows for it.
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`/api/v1/conversations/${closedId}/messages`, {
    data: { body: "Hello?" },
    headers: { origin },
  });
  expect(response.status()).toBe(422);
  expect(((await response.json()) as { code?: string }).code).toBe("whatsapp_window_closed");
});

test("a failed message shows the provider's reason and can be retried", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  // The demo data has one failed SMS: the last message of an open SMS thread.
  const candidates = (await listConversations(page, "status=open&channel=sms&limit=100")).filter(
    (c) => c.lastMessageDirection === "outbound",
  );
  let target: { conversationId: string; messageId: string } | null = null;
  for (const conversation of candidates) {
    const { messages } = (await (
      await page.request.get(`/api/v1/conversations/${conversation.id}/messages`)
    ).json()) as { messages: { id: string; status: string }[] };
    const failed = messages.find((m) => m.status === "failed");
    if (failed) {
      target = { conversationId: conversation.id, messageId: failed.id };
      break;
    }
  }
  expect(target, "the demo data has a failed message").not.toBeNull();

  await page.goto(`/inbox?c=${target!.conversationId}`);
  await page.waitForLoadState("networkidle");
  const bubble = page.locator(`[data-message-id="${target!.messageId}"]`);
  await expect(bubble).toHaveAttribute("data-status", "failed");
  await expect(bubble.getByTestId("message-error")).toContainText("Not delivered");
  await bubble.getByTestId("retry-message").click();
  // Requeued and sent again (in the sandbox), updated live.
  await expect(bubble).toHaveAttribute("data-status", "sent");
  await expect(bubble.getByTestId("message-error")).toHaveCount(0);
});
