import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "kiln-demo-pass";

export const uniqueEmail = (prefix: string) =>
  `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle"); // typed values before hydration would be reset by the form library
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/**
 * The newest `linkPath` link emailed to `to`, read from the e2e server's outbox folder (it has
 * no SMTP, so every email lands there: scripts/e2e-server.mjs, KILN_DATA_DIR=.data/e2e).
 */
export async function emailedLink(to: string, linkPath: string): Promise<string> {
  const dir = path.join(".data", "e2e", "outbox");
  let link: string | undefined;
  await expect
    .poll(() => {
      const names = readdirSync(dir)
        .filter((n) => n.endsWith(".json"))
        .sort()
        .reverse();
      for (const name of names) {
        const email = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { to: string; text: string };
        if (email.to !== to.toLowerCase()) continue;
        link = email.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === linkPath);
        if (link) break;
      }
      return link;
    })
    .toBeTruthy();
  return new URL(link!).pathname + new URL(link!).search;
}
