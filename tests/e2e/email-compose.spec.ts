import { deliverEmail, outboxEmailTo, rawEmail, setUpInboundEmail } from "./email-helpers";
import { expect, test, signIn, untilHydrated } from "./fixtures";

/**
 * Email the other way round: a rep writes the first email of a thread from the lead page, and a
 * manager approves the AI's draft answer to an email, which the card names as an email with its
 * subject. The e2e server has no SMTP, so what leaves is read from its outbox. (Google, which this
 * server has no OAuth client for, is its sandbox: google-sync.spec.ts.)
 */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Settings, the lead page and the inbox in one journey: on a busy 2-core machine close to the default minute. */
const JOURNEY_TIMEOUT = 120_000;

test("a rep writes the first email to a lead from the lead page; it is sent from the mailbox and opens in the inbox", async ({
  page,
  browser,
}) => {
  test.setTimeout(JOURNEY_TIMEOUT);
  const id = run();
  const mailbox = `hello-${id}@acme-solar.example`;
  await signIn(page, "admin@acme.test");
  await setUpInboundEmail(page, mailbox);

  const rep = await (await browser.newContext()).newPage();
  await signIn(rep, "rep@acme.test");
  const origin = new URL(rep.url()).origin;
  const address = `lars.meier.${id}@bergbahn-garage.example`;
  const created = await rep.request.post("/api/v1/leads", {
    data: { name: `Lars Meier ${id}`, email: address, company: "Bergbahn Garage" },
    headers: { origin },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { lead } = (await created.json()) as { lead: { id: string } };

  await rep.goto(`/leads/${lead.id}`);
  const open = rep.getByTestId("start-email");
  await untilHydrated(open);
  await open.click();
  const dialog = rep.getByRole("dialog", { name: "New email" });
  await expect(dialog.getByLabel("From")).toContainText(`Sales <${mailbox}>`);
  await dialog.getByLabel("From").selectOption({ label: `Sales <${mailbox}>` });
  await expect(dialog).toContainText(address);

  // An empty subject is refused next to its field, and nothing is sent.
  await dialog.getByLabel("Message").fill("Hello");
  await dialog.getByRole("button", { name: "Send email" }).click();
  await expect(dialog.getByLabel("Subject")).toHaveAttribute("aria-invalid", "true");

  const subject = `Your carport with solar panels ${id}`;
  const body = `Dear Mr Meier,\n\nthank you for your visit. Shall we plan the carport roof together? ${id}`;
  await dialog.getByLabel("Subject").fill(subject);
  await dialog.getByLabel("Message").fill(body);
  await dialog.getByRole("button", { name: "Send email" }).click();

  // The inbox opens on the new thread: the message with its subject, sent.
  await expect(rep).toHaveURL(/\/inbox\?c=/);
  const message = rep
    .getByTestId("thread")
    .getByTestId("message")
    .filter({ hasText: `carport roof together? ${id}` });
  await expect(message).toHaveAttribute("data-direction", "outbound");
  await expect(message.getByTestId("message-subject")).toHaveText(subject);

  // What left: from the mailbox's thread, to the lead, with the subject and the text as written.
  const sent = await outboxEmailTo(address, (email) => email.subject === subject);
  expect(sent.text).toContain(`carport roof together? ${id}`);
});

test("a manager approves the AI's draft answer to an email: the card names the email and its subject, and the answer goes out", async ({
  page: admin,
  browser,
  request,
}) => {
  test.setTimeout(JOURNEY_TIMEOUT);
  const id = run();
  const mailbox = `offers-${id}@acme-solar.example`;
  await signIn(admin, "admin@acme.test");
  const webhook = await setUpInboundEmail(admin, mailbox);

  const writer = `mira.roth.${id}@seeblick-hotel.example`;
  const subject = `Heat pump for the hotel ${id}`;
  await deliverEmail(
    request,
    webhook,
    rawEmail(
      {
        From: `Mira Roth <${writer}>`,
        To: mailbox,
        Subject: subject,
        Date: new Date().toUTCString(),
        "Message-ID": `<ask.${id}@seeblick-hotel.example>`,
      },
      `Hello, we own the hotel and have about CHF 40k for a heat pump before the winter season. ${id}`,
    ),
  );

  const page = await (await browser.newContext()).newPage();
  await signIn(page, "manager@acme.test");
  await page.goto("/approvals");
  // The AI drafts in the background: the queue shows the draft once it is there.
  const row = page.getByTestId("approval-row").filter({ hasText: subject });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.getByTestId("approval-email-subject")).toContainText(`Re: ${subject}`);
  const conversationId = (await row.getAttribute("data-conversation-id"))!;
  await row.getByRole("button").click();
  const detail = page.getByTestId("approval-detail");
  await expect(detail.getByTestId("draft-email-subject")).toHaveText(`Re: ${subject}`);
  await expect(detail.getByRole("region", { name: "Draft reply" })).toContainText("Draft email reply");
  // The offline draft is a letter: greeting by name, sign-off with the agent's.
  const draft = (await detail.getByTestId("draft-text").innerText()).trim();
  expect(draft).toMatch(/^Hi Mira,/);

  await untilHydrated(detail.getByRole("button", { name: "Approve and send" }));
  await detail.getByRole("button", { name: "Approve and send" }).click();
  await expect(page.getByTestId("approvals-notice")).toContainText("Approved");
  await expect(row).toHaveCount(0);
  const sent = await outboxEmailTo(writer, (email) => email.subject === `Re: ${subject}`);
  expect(sent.text).toContain(draft.split("\n")[0]!);

  // The thread shows the approved email as sent (in the sandbox: no SMTP here), with its subject.
  await page.goto(`/inbox?status=all&c=${conversationId}`);
  const bubble = page
    .getByTestId("thread")
    .getByTestId("message")
    .filter({ hasText: draft.split("\n")[0]! });
  await expect(bubble).toHaveAttribute("data-direction", "outbound");
  await expect(bubble).toHaveAttribute("data-status", "sent", { timeout: 15_000 });
  await expect(bubble.getByTestId("message-subject")).toHaveText(`Re: ${subject}`);
});
