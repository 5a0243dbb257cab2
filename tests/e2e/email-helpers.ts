import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, untilHydrated } from "./fixtures";

/** Inbound email as a mail provider sends it (signed raw RFC 822), and the admin's set-up of a mailbox. */
export type Webhook = { path: string; secret: string };

/** A raw message with CRLF line ends, as a provider would forward it. */
export function rawEmail(
  headers: Record<string, string>,
  body: string,
  contentType = "text/plain; charset=utf-8",
): Buffer {
  const lines = [...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  lines.push("MIME-Version: 1.0", `Content-Type: ${contentType}`, "", body);
  return Buffer.from(lines.join("\r\n"));
}

/** Posts `raw` the way lib/email/signature.ts verifies it: v1=<hex HMAC-SHA256(secret, "<ts>." + raw)>. */
export async function deliverEmail(request: APIRequestContext, webhook: Webhook, raw: Buffer) {
  const timestamp = Math.floor(Date.now() / 1000);
  const mac = createHmac("sha256", webhook.secret).update(`${timestamp}.`).update(raw).digest("hex");
  const response = await request.post(webhook.path, {
    data: raw,
    headers: {
      "content-type": "message/rfc822",
      "kiln-email-timestamp": String(timestamp),
      "kiln-email-signature": `v1=${mac}`,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, stored: true });
}

/** Reads the URL and the secret where an admin finds them, and adds `mailbox` to the organization. */
export async function setUpInboundEmail(page: Page, mailbox: string): Promise<Webhook> {
  await page.goto("/settings/channels");
  await page.waitForLoadState("networkidle");
  const card = page.getByTestId("inbound-email");
  const url = (await card.getByLabel("Inbound email URL", { exact: true }).textContent())!.trim();
  // The secret is masked until revealed.
  await expect(card.getByLabel("Signing secret", { exact: true })).toHaveText("•".repeat(24));
  const reveal = card.getByRole("button", { name: "Reveal Signing secret" });
  await untilHydrated(reveal);
  await reveal.click();
  await expect(card.getByLabel("Signing secret", { exact: true })).not.toHaveText("•".repeat(24));
  const secret = (await card.getByLabel("Signing secret", { exact: true }).textContent())!.trim();
  expect(secret.length).toBeGreaterThanOrEqual(32);

  // The same values the API gives admins (with the page's cookies).
  const overview = (await (await page.request.get("/api/v1/channels/email")).json()) as { url: string; secret: string };
  expect(overview).toMatchObject({ url, secret });
  const parsed = new URL(url);
  expect(parsed.pathname).toBe("/api/webhooks/email/inbound");
  expect(parsed.searchParams.get("org")).toMatch(/^[0-9a-f-]{36}$/);

  const form = page.getByTestId("add-mailbox-form");
  await untilHydrated(form.getByRole("button", { name: "Add mailbox" }));
  await form.getByLabel("Email address", { exact: true }).fill(mailbox);
  await form.getByLabel("Name", { exact: true }).fill("Sales");
  await form.getByRole("button", { name: "Add mailbox" }).click();
  await expect(card.getByText("Mailbox added.")).toBeVisible();
  await expect(card.getByTestId("mailboxes")).toContainText(mailbox);
  return { path: parsed.pathname + parsed.search, secret };
}

export async function openLiveInbox(page: Page) {
  await page.goto("/inbox");
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  // Marks this document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

/** The newest email the e2e server wrote to its outbox for `to` (it has no SMTP), once one matches. */
export async function outboxEmailTo(
  to: string,
  matches: (email: { subject: string; text: string }) => boolean = () => true,
): Promise<{ to: string; subject: string; text: string; attachments?: { filename: string }[] }> {
  const dir = path.join(".data", "e2e", "outbox");
  let found: { to: string; subject: string; text: string } | undefined;
  await expect
    .poll(() => {
      found = readdirSync(dir)
        .filter((name) => name.endsWith(".json"))
        .sort()
        .reverse()
        .map(
          (name) =>
            JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { to: string; subject: string; text: string },
        )
        .find((email) => email.to === to.toLowerCase() && matches(email));
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}
