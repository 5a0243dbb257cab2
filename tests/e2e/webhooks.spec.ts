import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { expect, signIn, test } from "./fixtures";

/**
 * An admin adds a webhook endpoint pointing at a receiver this test runs, copies the secret
 * shown once, sends a test event, sees it delivered in the endpoint's log, and the receiver
 * verifies the delivery with the Standard Webhooks library. (The test server allows private
 * addresses: scripts/e2e-server.mjs sets KILN_WEBHOOKS_ALLOW_PRIVATE=true.)
 */

let server: Server;
let url: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("received by the test receiver");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kiln-hooks/${Date.now()}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("an admin adds a webhook endpoint and sees a test delivery in its log", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/settings/webhooks");
  await expect(page.getByRole("heading", { name: "Add a webhook endpoint" })).toBeVisible();

  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Description (optional)").fill("Order system sync");
  await page.getByRole("checkbox", { name: /lead\.created/ }).check();
  await page.getByRole("checkbox", { name: /meeting\.booked/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();

  const secret = await page.getByTestId("webhook-secret").getByLabel("Signing secret", { exact: true }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);

  const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: url });
  await expect(endpoint).toContainText("Order system sync");
  await endpoint.getByRole("button", { name: "Send test event" }).click();
  await expect(endpoint.getByText("Test event queued. It appears in the log below.")).toBeVisible();

  const delivery = endpoint.getByTestId("webhook-delivery").first();
  await expect(delivery).toContainText("webhook.test");
  await expect(delivery).toContainText("Delivered");
  await expect(delivery.getByTestId("webhook-delivery-status")).toHaveText("200");
  await expect(delivery).toContainText("received by the test receiver");

  expect(received).toHaveLength(1);
  const payload = new Webhook(secret).verify(received[0]!.body, {
    "webhook-id": String(received[0]!.headers["webhook-id"]),
    "webhook-timestamp": String(received[0]!.headers["webhook-timestamp"]),
    "webhook-signature": String(received[0]!.headers["webhook-signature"]),
  }) as { type: string };
  expect(payload.type).toBe("webhook.test");
});

test("a rep finds no webhooks page", async ({ page }) => {
  await signIn(page, "rep@acme.test");
  await page.goto("/settings/account");
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await page.goto("/settings/webhooks");
  await expect(page.getByRole("heading", { name: "Add a webhook endpoint" })).toHaveCount(0);
});
