import { readFile } from "node:fs/promises";
import { pdfText, pdfTitle } from "../fixtures/pdf-text";
import { expect, test, signIn } from "./fixtures";

/**
 * The dashboard as a PDF and by email: "Download PDF" on the dashboard gives a PDF of the
 * organization's dashboard; a weekly report subscribed in Settings → Reports and sent now lands
 * in the development outbox (the e2e server has no SMTP) with the PDF attached, and in the
 * report history with a download link.
 */
test("Download PDF on the dashboard downloads a PDF with the organization's name", async ({ page }) => {
  await signIn(page, "manager@acme.test");
  const button = page.getByTestId("dashboard-download-pdf").getByRole("button", { name: "Download PDF" });
  await expect(button).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^kiln-report-acme-solar-.+\.pdf$/);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdfTitle(pdf)).toMatch(/^Acme Solar: dashboard report /);
  expect(pdfText(pdf)).toContain("Acme Solar");
});

test("a weekly report subscribed in Settings → Reports and sent now arrives in the outbox with the PDF", async ({
  page,
}) => {
  await signIn(page, "manager@acme.test");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/settings\/reports$/);
  await page.waitForLoadState("networkidle");

  const form = page.getByTestId("report-subscribe-form");
  await form.getByLabel("Frequency").selectOption("weekly");
  await form.getByLabel("Day of the week").selectOption({ label: "Monday" });
  await form.getByLabel("Hour").selectOption("8");
  await form.getByLabel("Time zone").selectOption("Europe/Zurich");
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByText(/Subscribed\. The first report arrives Monday/)).toBeVisible();

  const subscription = page.getByTestId("report-subscription").filter({ hasText: "Every Monday at 08:00" }).last();
  await expect(subscription).toContainText("Europe/Zurich");
  await subscription.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByText("The report is being generated")).toBeVisible();

  // The history refreshes itself while a report is on its way.
  const sent = page
    .getByTestId("report-run")
    .filter({ has: page.getByText("Sent", { exact: true }) })
    .first();
  await expect(sent).toBeVisible({ timeout: 30_000 });
  await expect(sent.getByRole("link", { name: "Download PDF" })).toHaveAttribute(
    "href",
    /\/api\/v1\/reports\/runs\/.+\/pdf$/,
  );

  await page.goto("/dev/outbox");
  const email = page.getByTestId("outbox-email").filter({ hasText: "Acme Solar: dashboard report" }).first();
  await expect(email).toBeVisible();
  await expect(email).toHaveAttribute("data-to", "manager@acme.test");
  await expect(email.getByTestId("outbox-attachment")).toContainText(/kiln-report-acme-solar-.+\.pdf/);
  const href = await email.getByTestId("outbox-attachment").getByRole("link").getAttribute("href");
  const pdf = Buffer.from(href!.replace(/^data:application\/pdf;base64,/, ""), "base64");
  expect(pdfText(pdf)).toContain("Acme Solar");
});
