import type { Page } from "@playwright/test";
import { deliverEmail, openLiveInbox, rawEmail, setUpInboundEmail } from "./email-helpers";
import { expect, test, signIn, untilHydrated } from "./fixtures";

/**
 * Inbound email, as an admin meets it: Settings → Channels → Inbound email shows the URL and the
 * signing secret and takes a mailbox; a mail provider (Playwright's `request`, an outsider) posts
 * raw RFC 822 there, signed as lib/email/README.md says; the email shows up live in the open
 * inbox with its subject, a reply naming it in In-Reply-To joins its thread, and an HTML email's
 * remote image stays blocked in the sandboxed frame until the reader asks for images.
 */
const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Where the HTML email's image lives: answered by the test (page.route), never by the network. */
const IMAGE_URL = "https://images.lindenhof-baeckerei.example/roof-plan.png";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/** Sign-in, Settings and the inbox in one journey: on a busy 2-core machine close to the default minute. */
const JOURNEY_TIMEOUT = 120_000;

const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

test("an admin connects inbound email; a signed email arrives live with its subject and a reply joins its thread", async ({
  page,
  request,
}) => {
  test.setTimeout(JOURNEY_TIMEOUT);
  const id = run();
  const mailbox = `sales-${id}@acme-solar.example`;
  await signIn(page, "admin@acme.test");
  const webhook = await setUpInboundEmail(page, mailbox);
  await openLiveInbox(page);

  const from = `Hanna Vogt <hanna.vogt.${id}@lindenhof-baeckerei.example>`;
  const subject = `Solar roof for our bakery ${id}`;
  const firstId = `first.${id}@lindenhof-baeckerei.example`;
  const question = `Could you quote a solar roof for our bakery in Winterthur? ${id}`;
  await deliverEmail(
    request,
    webhook,
    rawEmail(
      {
        From: from,
        To: mailbox,
        Subject: subject,
        Date: new Date().toUTCString(),
        "Message-ID": `<${firstId}>`,
      },
      `Good morning,\r\n\r\n${question}\r\n\r\n-- \r\nHanna Vogt\r\nLindenhof Bäckerei`,
    ),
  );

  const arrived = page.getByTestId("conversation-row").filter({ hasText: subject });
  await expect(arrived).toBeVisible({ timeout: 10_000 });
  const conversationId = await arrived.getAttribute("data-conversation-id");
  const row = page.locator(`[data-testid=conversation-row][data-conversation-id="${conversationId}"]`);
  await expect(row.getByTestId("channel-badge")).toHaveText("Email");
  await expect(row.getByTestId("unread-count")).toHaveText("1");
  await expect(row.getByTestId("conversation-preview")).toContainText(subject);
  expect(await sameDocument(page)).toBe(true);

  // Open it: the bubble carries the subject and the lead's own words (the signature is cut).
  await row.click();
  await expect(page).toHaveURL(new RegExp(`[?&]c=${conversationId}`));
  const thread = page.getByTestId("thread");
  const first = thread.getByTestId("message").filter({ hasText: question });
  await expect(first).toHaveAttribute("data-direction", "inbound");
  await expect(first.getByTestId("message-subject")).toHaveText(subject);
  await expect(first.getByTestId("message-body")).not.toContainText("Lindenhof Bäckerei");
  await expect(first.getByTestId("email-flag")).toHaveCount(0);

  // A reply naming the first message lands in the same thread, live, quote and all kept out of the bubble.
  const followUp = `One more thing: the roof faces south-west. ${id}`;
  await deliverEmail(
    request,
    webhook,
    rawEmail(
      {
        From: from,
        To: mailbox,
        Subject: `Re: ${subject}`,
        Date: new Date().toUTCString(),
        "Message-ID": `<second.${id}@lindenhof-baeckerei.example>`,
        "In-Reply-To": `<${firstId}>`,
        References: `<${firstId}>`,
      },
      `${followUp}\r\n\r\nOn Fri, 4 Dec 2026 at 09:14, Hanna Vogt <hanna.vogt.${id}@lindenhof-baeckerei.example> wrote:\r\n> ${question}`,
    ),
  );
  const second = thread.getByTestId("message").filter({ hasText: followUp });
  await expect(second).toBeVisible({ timeout: 10_000 });
  await expect(second.getByTestId("message-subject")).toHaveText(`Re: ${subject}`);
  await expect(second.getByTestId("message-body")).not.toContainText(question);
  await expect(thread.getByTestId("message")).toHaveCount(2);
  // Still one conversation: the list's row for it now previews the reply.
  await expect(row.getByTestId("conversation-preview")).toContainText(followUp);
  await expect(page.getByTestId("conversation-row").filter({ hasText: subject })).toHaveCount(1);
  expect(await sameDocument(page)).toBe(true);
});

test("an HTML email's remote image stays blocked in the sandboxed frame until the reader shows images", async ({
  page,
  request,
}) => {
  test.setTimeout(JOURNEY_TIMEOUT);
  const id = run();
  const mailbox = `sales-${id}@acme-solar.example`;
  // Counts every request for the image, from any frame: none may leave before "Show images".
  let imageRequests = 0;
  await page.route(IMAGE_URL, async (route) => {
    imageRequests += 1;
    await route.fulfill({ status: 200, contentType: "image/png", body: PNG });
  });
  await signIn(page, "admin@acme.test");
  const webhook = await setUpInboundEmail(page, mailbox);
  await openLiveInbox(page);

  const subject = `Roof plan for the bakery ${id}`;
  const words = `Here is our roof plan, as promised. ${id}`;
  const html = [
    "<!doctype html><html><body>",
    `<p>${words}</p>`,
    `<p><img src="${IMAGE_URL}" alt="Roof plan" width="120" height="40"></p>`,
    "<p>Kind regards,<br>Jonas Keller</p>",
    "</body></html>",
  ].join("\r\n");
  await deliverEmail(
    request,
    webhook,
    rawEmail(
      {
        From: `Jonas Keller <jonas.keller.${id}@lindenhof-baeckerei.example>`,
        To: mailbox,
        Subject: subject,
        Date: new Date().toUTCString(),
        "Message-ID": `<html.${id}@lindenhof-baeckerei.example>`,
      },
      html,
      "text/html; charset=utf-8",
    ),
  );

  const row = page.getByTestId("conversation-row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 10_000 });
  expect(await sameDocument(page)).toBe(true);
  await row.click();
  const bubble = page.getByTestId("thread").getByTestId("message").filter({ hasText: words });
  await expect(bubble.getByTestId("message-subject")).toHaveText(subject);
  const toggle = bubble.getByRole("button", { name: "Show the whole email" });
  await untilHydrated(toggle);
  await toggle.click();

  // The frame: no scripts, an opaque origin, and a policy that lets images come from data: only.
  const frame = bubble.getByTestId("email-frame");
  await expect(frame).toHaveAttribute("sandbox", "allow-popups allow-popups-to-escape-sandbox");
  await expect(frame).toHaveAttribute("referrerpolicy", "no-referrer");
  // The frame's document comes from Kiln with its policy as a header (a srcdoc frame would take the page's too).
  const policy = async () => {
    const response = await page.request.get((await frame.getAttribute("src"))!);
    expect(response.status()).toBe(200);
    return response
      .headers()
      ["content-security-policy"]?.match(/img-src ([^;]*)/)?.[1]
      ?.trim();
  };
  expect(await policy()).toBe("data:");
  const blocked = bubble.getByTestId("email-images-blocked");
  await expect(blocked).toContainText("1 image was blocked so the sender cannot tell when you read this.");
  const content = bubble.frameLocator("[data-testid=email-frame]");
  await expect(content.getByText(words)).toBeVisible();
  await expect(content.locator("img")).toHaveCount(0);
  await expect(content.locator(".kiln-blocked-image")).toHaveText("Roof plan");
  expect(imageRequests).toBe(0);

  // Show images: the policy admits the web, the image loads, the notice goes.
  await blocked.getByRole("button", { name: "Show images" }).click();
  await expect(blocked).toHaveCount(0);
  await expect.poll(policy).toBe("data: https: http:");
  const image = content.locator("img");
  await expect(image).toHaveAttribute("src", IMAGE_URL);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  expect(imageRequests).toBe(1);
  await expect(frame).toHaveAttribute("sandbox", "allow-popups allow-popups-to-escape-sandbox");
});
