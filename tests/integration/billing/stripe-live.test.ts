import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { settled } from "@/lib/jobs/soon";
import { Browser, signUpPerson, team } from "../api/http";
import { drained } from "../approvals/harness";

/**
 * Billing with Stripe keys: the official SDK talks to a local stand-in for Stripe's API
 * (STRIPE_API_BASE_URL), so checkout, the portal and the webhook handler's refetch of the
 * subscription run for real, without the network.
 */
const WEBHOOK_SECRET = "whsec_kiln_live_tests_0123456789";
process.env.STRIPE_SECRET_KEY = "sk_test_kiln_live_tests";
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
process.env.STRIPE_PRICE_PRO_MONTHLY = "price_live_pro_monthly";
process.env.STRIPE_PRICE_ENTERPRISE_MONTHLY = "price_live_enterprise_monthly";
process.env.STRIPE_PRICE_BASIC_MONTHLY = "price_live_basic_monthly";

const signer = new Stripe("sk_test_kiln_signer_only");
/** What the stand-in answers for each subscription: Stripe's "current" state. */
const latest = new Map<string, Record<string, unknown>>();
const requests: { method: string; path: string; form: URLSearchParams }[] = [];

const read = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => resolve(body));
  });

// Listening before anything reads the environment (env() is read once and kept).
const server: Server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://stripe.test");
  const form = new URLSearchParams(await read(request));
  requests.push({ method: request.method ?? "GET", path: url.pathname, form });
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json", "request-id": `req_${randomUUID()}` });
    response.end(JSON.stringify(body));
  };
  const subscription = /^\/v1\/subscriptions\/([\w]+)$/.exec(url.pathname);
  if (subscription && request.method === "GET") {
    const found = latest.get(subscription[1]!);
    return found
      ? reply(200, found)
      : reply(404, { error: { type: "invalid_request_error", message: "No such subscription" } });
  }
  if (url.pathname === "/v1/checkout/sessions" && request.method === "POST")
    return reply(200, {
      id: "cs_live_1",
      object: "checkout.session",
      url: "https://checkout.stripe.test/c/pay/cs_live_1",
    });
  if (url.pathname === "/v1/billing_portal/sessions" && request.method === "POST")
    return reply(200, {
      id: "bps_1",
      object: "billing_portal.session",
      url: "https://billing.stripe.test/p/session/1",
    });
  reply(404, { error: { type: "invalid_request_error", message: "Not here" } });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.env.STRIPE_API_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await closeDatabase();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function subscription(orgId: string, sub: string, price: string, status = "active") {
  return {
    id: sub,
    object: "subscription",
    customer: `cus_${sub}`,
    status,
    cancel_at_period_end: false,
    trial_end: null,
    metadata: { org_id: orgId },
    items: {
      object: "list",
      data: [
        {
          id: `si_${sub}`,
          current_period_end: nowSeconds() + 86_400 * 30,
          price: { id: price, recurring: { interval: "month" } },
        },
      ],
    },
  };
}

async function post(type: string, object: Record<string, unknown>, created: number) {
  const payload = JSON.stringify({
    id: `evt_${randomUUID()}`,
    object: "event",
    type,
    created,
    livemode: false,
    data: { object },
  });
  const response = await new Browser().post("/api/webhooks/stripe", undefined, {
    rawBody: payload,
    origin: null,
    headers: { "stripe-signature": signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) },
  });
  await settled();
  await drained();
  return response;
}

const subscriptionOf = (orgId: string) =>
  withService(
    async (tx) =>
      (await tx.query("select * from public.subscriptions where org_id = $1", [orgId])).rows[0] as Record<
        string,
        unknown
      >,
  );

describe("with Stripe keys", () => {
  it("checkout opens a Stripe Checkout session for the organization's plan", async () => {
    const org = await team();
    const response = await org.admin.browser.post("/api/v1/billing/checkout", { plan: "pro", interval: "month" });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.url).toBe("https://checkout.stripe.test/c/pay/cs_live_1");
    const sent = requests.findLast((r) => r.path === "/v1/checkout/sessions")!;
    expect(sent.form.get("mode")).toBe("subscription");
    expect(sent.form.get("client_reference_id")).toBe(org.orgId);
    expect(sent.form.get("line_items[0][price]")).toBe("price_live_pro_monthly");
    expect(sent.form.get("subscription_data[metadata][org_id]")).toBe(org.orgId);
    // The rest of the 14-day trial goes to Stripe.
    expect(Number(sent.form.get("subscription_data[trial_end]"))).toBeGreaterThan(nowSeconds() + 12 * 86_400);
    // A plan with no configured price for an interval is not sold.
    const yearly = await org.admin.browser.post("/api/v1/billing/checkout", { plan: "pro", interval: "year" });
    expect(yearly.status).toBe(422);
    // No Stripe customer yet: the portal has nothing to show.
    expect((await org.owner.browser.post("/api/v1/billing/portal", {})).status).toBe(409);
  }, 120_000);

  it("an event that arrives out of order ends in Stripe's latest state (the subscription is read back)", async () => {
    const org = await signUpPerson({ prefix: "live-order" });
    const sub = `sub_live_${randomUUID().slice(0, 8)}`;
    latest.set(sub, subscription(org.orgId, sub, "price_live_enterprise_monthly"));
    // The newest state was applied first; then an older event (still naming Pro) arrives.
    await post(
      "customer.subscription.updated",
      subscription(org.orgId, sub, "price_live_enterprise_monthly"),
      nowSeconds() - 10,
    );
    await post(
      "customer.subscription.created",
      subscription(org.orgId, sub, "price_live_pro_monthly"),
      nowSeconds() - 60,
    );
    expect(await subscriptionOf(org.orgId)).toMatchObject({ plan: "enterprise", status: "active", sandbox: false });
    expect(requests.some((r) => r.method === "GET" && r.path === `/v1/subscriptions/${sub}`)).toBe(true);

    // Stripe moves on (a failed renewal); the invoice event makes Kiln read the new state.
    latest.set(sub, subscription(org.orgId, sub, "price_live_enterprise_monthly", "past_due"));
    await post(
      "invoice.payment_failed",
      {
        id: "in_live_1",
        object: "invoice",
        customer: `cus_${sub}`,
        parent: { subscription_details: { subscription: sub, metadata: { org_id: org.orgId } } },
      },
      nowSeconds(),
    );
    const row = await subscriptionOf(org.orgId);
    expect(row).toMatchObject({ status: "past_due" });
    expect(row.past_due_since).not.toBeNull();

    // With a customer, the portal opens.
    const portal = await org.browser.post("/api/v1/billing/portal", {});
    expect(portal.status, JSON.stringify(portal.body)).toBe(200);
    expect(portal.body.url).toBe("https://billing.stripe.test/p/session/1");
    expect(requests.findLast((r) => r.path === "/v1/billing_portal/sessions")!.form.get("customer")).toBe(`cus_${sub}`);
  });

  it("the sandbox is off when Stripe keys are set", async () => {
    const org = await signUpPerson({ prefix: "live-sandbox" });
    const response = await org.browser.post("/api/v1/billing/sandbox", {
      action: "checkout",
      plan: "pro",
      interval: "month",
    });
    expect(response.status).toBe(404);
  });
});
