import { expect, test, signIn } from "./fixtures";
import { deliverInboundSms } from "./sandbox-sms";

/**
 * Outbound media in the sandbox: a rep attaches a PDF to a WhatsApp reply (the e2e server has
 * no provider credentials, so the file is stored and shown, and nothing leaves Kiln), after the
 * composer refused a file type WhatsApp does not take before uploading anything.
 */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const newLeadNumber = () => `+4179556${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(4_000, 0x20), Buffer.from("\n%%EOF\n")]);

test("a rep attaches a PDF to a WhatsApp reply in the sandbox and sees it in the thread", async ({ page, request }) => {
  await signIn(page, "rep@acme.test");
  const question = `Can you send the offer as a PDF? ${run()}`;
  await deliverInboundSms(page, request, newLeadNumber(), question, { whatsapp: true });

  await page.goto("/inbox?status=all");
  await page.waitForLoadState("networkidle");
  await page.getByTestId("conversation-row").filter({ hasText: question }).click();
  const thread = page.getByTestId("thread");
  await expect(thread.getByTestId("message").filter({ hasText: question })).toBeVisible();

  // The picker offers WhatsApp's types; a text file is refused in the browser, before any upload.
  const input = page.getByTestId("attach-input");
  await expect(input).toHaveAttribute("accept", "image/jpeg,image/png,application/pdf");
  let uploads = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/v1/attachments") && r.method() === "POST") uploads += 1;
  });
  await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  const refused = page.getByTestId("held-attachment").filter({ hasText: "notes.txt" });
  await expect(refused).toHaveAttribute("data-state", "failed");
  await expect(refused).toContainText("This channel takes only these file types: JPEG, PNG, PDF.");
  expect(uploads).toBe(0);
  await refused.getByRole("button", { name: "Remove notes.txt" }).click();

  await input.setInputFiles({ name: "Offer Acme.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByTestId("held-attachment").filter({ hasText: "Offer Acme.pdf" })).toHaveAttribute(
    "data-state",
    "ready",
  );
  const reply = `Here is the offer. ${run()}`;
  await page.getByTestId("composer-input").fill(reply);
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("attachment-tray")).toHaveCount(0);

  const bubble = thread.getByTestId("message").filter({ hasText: reply });
  await expect(bubble).toHaveAttribute("data-status", "sent");
  await expect(bubble.getByTestId("sandbox-tag")).toBeVisible();
  const link = bubble.getByRole("link", { name: "Download Offer Acme.pdf" });
  await expect(link).toBeVisible();

  // The file stays in the thread after a reload, served to members from Kiln's storage.
  await page.reload();
  await page.waitForLoadState("networkidle");
  const again = page.getByTestId("thread").getByTestId("message").filter({ hasText: reply });
  const href = await again.getByRole("link", { name: "Download Offer Acme.pdf" }).getAttribute("href");
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect((await file.body()).equals(PDF)).toBe(true);
});
