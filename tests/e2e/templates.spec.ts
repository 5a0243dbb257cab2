import { expect, test, signIn } from "./fixtures";

/**
 * A rep reaches a lead who has been silent for days on WhatsApp: the 24-hour window is closed,
 * free text is locked, and the composer offers the channel's approved templates (the sandbox's
 * labelled samples on the e2e server) with the variables filled from the lead, editable, and a
 * preview. The template goes out through the usual outbound path and shows in the thread.
 */
type Row = { id: string; medium: string };
type Detail = { conversation: { windowOpenUntil: string | null; channel: { active: boolean; sandbox: boolean } } };

test("a rep sends a template to a lead silent for days", async ({ page }) => {
  await signIn(page, "rep@acme.test");

  // A WhatsApp thread the rep can see whose window closed days ago (the demo has several).
  const list = (await (
    await page.request.get("/api/v1/conversations?status=all&channel=whatsapp&limit=100")
  ).json()) as {
    conversations: Row[];
  };
  let target: string | null = null;
  for (const row of list.conversations) {
    const detail = (await (await page.request.get(`/api/v1/conversations/${row.id}`)).json()) as Detail;
    if (!detail.conversation.windowOpenUntil && detail.conversation.channel.active) {
      const consent = await page.request.get(`/api/v1/conversations/${row.id}/templates`);
      if (consent.ok()) {
        target = row.id;
        break;
      }
    }
  }
  expect(target, "a WhatsApp thread with a closed window").not.toBeNull();

  await page.goto(`/inbox?c=${target}`);
  await page.waitForLoadState("networkidle");
  const thread = page.getByTestId("thread");
  await expect(thread.getByTestId("composer-blocked")).toBeVisible();
  await expect(thread.getByTestId("composer-input")).toBeDisabled();

  const sender = thread.getByTestId("template-sender");
  await expect(sender).toBeVisible();
  const option = sender.getByTestId("template-select").locator("option", { hasText: "kiln_sample_check_in" });
  await sender.getByTestId("template-select").selectOption((await option.getAttribute("value"))!);
  // Filled from the lead; a value Kiln does not know (a missing company) is typed in.
  const first = sender.getByTestId("template-variable-1");
  await expect(first).not.toHaveValue("");
  const company = sender.getByTestId("template-variable-3");
  if (!(await company.inputValue())) await company.fill("your project");
  await sender.getByTestId("template-variable-2").fill("Riley from Acme");
  const preview = sender.getByTestId("template-preview");
  await expect(preview).toContainText("this is Riley from Acme");
  const text = (await preview.innerText()).trim();

  await sender.getByTestId("template-send").click();
  const bubble = thread.getByTestId("message").filter({ hasText: "this is Riley from Acme" }).last();
  await expect(bubble).toBeVisible();
  await expect(bubble).toHaveAttribute("data-status", "sent");
  await expect(bubble.getByTestId("sandbox-tag")).toBeVisible();
  expect(text.startsWith("Hi ")).toBe(true);
});
