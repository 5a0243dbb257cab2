import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxWebhookSecret } from "@/lib/billing/config";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { fromDatabaseError } from "@/lib/http/errors";
import { settled } from "@/lib/jobs/soon";
import { Browser, signUpPerson, team, uniqueEmail } from "../api/http";
import { addSmsLine, drained, leadWritesTo, salesTemplate, supportTemplate } from "../approvals/harness";
import { mobile } from "../inbox/webhook-client";

/**
 * Stripe webhooks end to end: POST /api/webhooks/stripe verifies the signature with the
 * official SDK (payloads here are signed by the SDK's own generateTestHeaderString), stores
 * each event once in inbound_events and processes it into public.subscriptions; the limits
 * and the read-only state follow. No STRIPE_SECRET_KEY: events are applied by their `created`
 * order (the refetch path needs a key).
 */
const WEBHOOK_SECRET = "whsec_kiln_integration_tests_0123456789";
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;

const stripe = new Stripe("sk_test_kiln_tests_no_api_calls");

afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;

beforeAll(async () => {
  t = await team();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
const subscriptionOf = (orgId: string) =>
  withService(
    async (tx) => (await tx.query<Row>("select * from public.subscriptions where org_id = $1", [orgId])).rows[0]!,
  );
const storedEvents = (eventId: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<Row>(
          "select state, org_id, sandbox from public.inbound_events where provider = 'stripe' and event_id = $1",
          [eventId],
        )
      ).rows,
  );
const setSubscription = (orgId: string, sql: string, params: unknown[] = []) =>
  withService((tx) => tx.query(`update public.subscriptions set ${sql} where org_id = $1`, [orgId, ...params]));

const nowSeconds = () => Math.floor(Date.now() / 1000);
const PRICE = {
  basic: "price_sandbox_basic_monthly",
  pro: "price_sandbox_pro_monthly",
  enterprise: "price_sandbox_enterprise_yearly",
};

function subscription(
  orgId: string,
  ids: { sub: string; cus: string },
  fields: { status?: string; price?: string; cancelAtPeriodEnd?: boolean; periodEnd?: number } = {},
) {
  return {
    id: ids.sub,
    object: "subscription",
    customer: ids.cus,
    status: fields.status ?? "active",
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    trial_end: null,
    metadata: { org_id: orgId },
    items: {
      object: "list",
      data: [
        {
          id: `si_${ids.sub}`,
          current_period_end: fields.periodEnd ?? nowSeconds() + 30 * 86_400,
          price: {
            id: fields.price ?? PRICE.pro,
            recurring: { interval: fields.price?.endsWith("yearly") ? "year" : "month" },
          },
        },
      ],
    },
  };
}

function event(type: string, object: Record<string, unknown>, created = nowSeconds()) {
  return { id: `evt_test_${randomUUID()}`, object: "event", type, created, livemode: false, data: { object } };
}

async function post(
  payload: unknown,
  options: { secret?: string; timestamp?: number; signature?: string | null } = {},
) {
  const raw = JSON.stringify(payload);
  const signature =
    options.signature === undefined
      ? stripe.webhooks.generateTestHeaderString({
          payload: raw,
          secret: options.secret ?? WEBHOOK_SECRET,
          timestamp: options.timestamp,
        })
      : options.signature;
  const response = await new Browser().post("/api/webhooks/stripe", undefined, {
    rawBody: raw,
    origin: null,
    headers: signature === null ? {} : { "stripe-signature": signature },
  });
  await settled();
  await drained();
  return response;
}

const ids = () => ({ sub: `sub_test_${randomUUID().slice(0, 12)}`, cus: `cus_test_${randomUUID().slice(0, 12)}` });

describe("a new organization", () => {
  it("starts a 14-day trial of Enterprise", async () => {
    const row = await subscriptionOf(t.orgId);
    expect(row).toMatchObject({ plan: "enterprise", status: "trialing", stripe_subscription_id: null });
    const days = (new Date(row.trial_end).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13);
    expect(days).toBeLessThan(15);
    const billing = await t.owner.browser.get("/api/v1/billing");
    expect(billing.status).toBe(200);
    expect(billing.body).toMatchObject({
      mode: "sandbox",
      plan: "enterprise",
      status: "trialing",
      readOnlyReason: null,
      usage: { agents: { used: 0, limit: 10 }, numbers: { used: 0, limit: 5 }, seats: { used: 4, limit: 100 } },
    });
  });
});

describe("POST /api/webhooks/stripe signatures", () => {
  it("accepts a correctly signed event once; Stripe's retry of it is a no-op", async () => {
    const org = await signUpPerson({ prefix: "sig" });
    const stripeIds = ids();
    const created = event("customer.subscription.created", subscription(org.orgId, stripeIds));
    const first = await post(created);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ received: true, duplicate: false });
    const again = await post(created);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: true, duplicate: true });
    const stored = await storedEvents(created.id);
    expect(stored).toEqual([{ state: "processed", org_id: org.orgId, sandbox: false }]);
    expect(await subscriptionOf(org.orgId)).toMatchObject({
      plan: "pro",
      status: "active",
      stripe_subscription_id: stripeIds.sub,
      stripe_customer_id: stripeIds.cus,
    });
  });

  it("refuses an event signed with another secret (403) and stores nothing", async () => {
    const org = await signUpPerson({ prefix: "forged" });
    const forged = event("customer.subscription.created", subscription(org.orgId, ids(), { price: PRICE.enterprise }));
    const response = await post(forged, { secret: "whsec_not_the_secret" });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await storedEvents(forged.id)).toEqual([]);
    expect(await subscriptionOf(org.orgId)).toMatchObject({ plan: "enterprise", status: "trialing" });
  });

  it("refuses an unsigned event (401) and a tampered body (403)", async () => {
    const org = await signUpPerson({ prefix: "unsigned" });
    const unsigned = event("customer.subscription.created", subscription(org.orgId, ids()));
    expect((await post(unsigned, { signature: null })).status).toBe(401);
    const genuine = event("customer.subscription.created", subscription(org.orgId, ids()));
    const signature = stripe.webhooks.generateTestHeaderString({
      payload: JSON.stringify(genuine),
      secret: WEBHOOK_SECRET,
    });
    const tampered = { ...genuine, data: { object: subscription(org.orgId, ids(), { price: PRICE.enterprise }) } };
    expect((await post(tampered, { signature })).status).toBe(403);
    expect(await storedEvents(genuine.id)).toEqual([]);
  });

  it("refuses a stale signature (timestamp outside Stripe's five-minute tolerance)", async () => {
    const org = await signUpPerson({ prefix: "stale" });
    const stale = event("customer.subscription.created", subscription(org.orgId, ids()));
    const response = await post(stale, { timestamp: nowSeconds() - 3600 });
    expect(response.status).toBe(403);
    expect(await storedEvents(stale.id)).toEqual([]);
  });

  it("acknowledges event types Kiln does not handle without storing them", async () => {
    const response = await post(event("customer.created", { id: "cus_x", object: "customer" }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ignored: true });
  });

  it("keeps an event that names no known organization as unroutable", async () => {
    const lost = event("customer.subscription.updated", { ...subscription(randomUUID(), ids()), metadata: {} });
    expect((await post(lost)).status).toBe(200);
    expect(await storedEvents(lost.id)).toEqual([{ state: "unroutable", org_id: null, sandbox: false }]);
  });
});

describe("every handled event type", () => {
  it("checkout → subscription → invoices → cancellation, mirrored in public.subscriptions", async () => {
    const org = await signUpPerson({ prefix: "lifecycle" });
    const stripeIds = ids();
    const t0 = nowSeconds() - 100;

    const session = {
      id: "cs_test_1",
      object: "checkout.session",
      mode: "subscription",
      customer: stripeIds.cus,
      subscription: stripeIds.sub,
      client_reference_id: org.orgId,
      metadata: { org_id: org.orgId },
    };
    expect((await post(event("checkout.session.completed", session, t0))).status).toBe(200);
    expect(await subscriptionOf(org.orgId)).toMatchObject({ stripe_customer_id: stripeIds.cus });

    await post(
      event("customer.subscription.created", subscription(org.orgId, stripeIds, { price: PRICE.pro }), t0 + 1),
    );
    expect(await subscriptionOf(org.orgId)).toMatchObject({ plan: "pro", status: "active", billing_interval: "month" });

    const invoice = {
      id: "in_test_1",
      object: "invoice",
      customer: stripeIds.cus,
      parent: { subscription_details: { subscription: stripeIds.sub, metadata: { org_id: org.orgId } } },
    };
    await post(event("invoice.payment_failed", invoice, t0 + 2));
    const failed = await subscriptionOf(org.orgId);
    expect(failed).toMatchObject({ status: "past_due" });
    expect(failed.past_due_since).not.toBeNull();
    const billing = await org.browser.get("/api/v1/billing");
    expect(billing.body).toMatchObject({ status: "past_due", readOnlyReason: null });
    expect(billing.body.graceEndsAt).not.toBeNull();

    // An invoice from before API 2025-03-31 names its subscription at the top level.
    await post(
      event(
        "invoice.paid",
        { id: "in_test_2", object: "invoice", customer: stripeIds.cus, subscription: stripeIds.sub },
        t0 + 3,
      ),
    );
    expect(await subscriptionOf(org.orgId)).toMatchObject({ status: "active", past_due_since: null });

    await post(
      event(
        "customer.subscription.updated",
        subscription(org.orgId, stripeIds, { price: PRICE.pro, cancelAtPeriodEnd: true }),
        t0 + 4,
      ),
    );
    expect(await subscriptionOf(org.orgId)).toMatchObject({ cancel_at_period_end: true, status: "active" });

    await post(
      event("customer.subscription.deleted", subscription(org.orgId, stripeIds, { status: "canceled" }), t0 + 5),
    );
    expect(await subscriptionOf(org.orgId)).toMatchObject({ status: "canceled" });
    const canceled = await org.browser.get("/api/v1/billing");
    expect(canceled.body.readOnlyReason).toBe("canceled");
  });

  it("an older subscription.updated arriving after a newer one changes nothing", async () => {
    const org = await signUpPerson({ prefix: "order" });
    const stripeIds = ids();
    const t0 = nowSeconds() - 100;
    await post(event("customer.subscription.created", subscription(org.orgId, stripeIds, { price: PRICE.basic }), t0));
    const newer = event(
      "customer.subscription.updated",
      subscription(org.orgId, stripeIds, { price: PRICE.enterprise }),
      t0 + 20,
    );
    const older = event(
      "customer.subscription.updated",
      subscription(org.orgId, stripeIds, { price: PRICE.pro }),
      t0 + 10,
    );
    await post(newer);
    await post(older);
    expect(await subscriptionOf(org.orgId)).toMatchObject({
      plan: "enterprise",
      billing_interval: "year",
      price_id: PRICE.enterprise,
    });
    expect(await storedEvents(older.id)).toEqual([{ state: "processed", org_id: org.orgId, sandbox: false }]);
    // organizations.plan, which every limit reads, follows the mirror.
    const plan = await withService(
      async (tx) =>
        (await tx.query<Row>("select plan from public.organizations where id = $1", [org.orgId])).rows[0]!.plan,
    );
    expect(plan).toBe("enterprise");
  });
});

describe("limits after a downgrade", () => {
  it("pauses what is over the limit, refuses more, and deletes nothing", async () => {
    const stripeIds = ids();
    const t0 = nowSeconds() - 100;
    await post(
      event("customer.subscription.created", subscription(t.orgId, stripeIds, { price: PRICE.enterprise }), t0),
    );
    expect((await subscriptionOf(t.orgId)).plan).toBe("enterprise");

    const agents: string[] = [];
    for (const [i, template] of [salesTemplate, supportTemplate, salesTemplate].entries()) {
      const created = await t.manager.browser.post("/api/v1/agents", { ...template, name: `Agent ${i}` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      agents.push(created.body.agent.id);
    }
    const first = await addSmsLine(t);
    const second = await addSmsLine(t);

    // Downgrade to Basic: 1 agent, 1 number.
    await post(
      event("customer.subscription.updated", subscription(t.orgId, stripeIds, { price: PRICE.basic }), t0 + 10),
    );
    const billing = await t.owner.browser.get("/api/v1/billing");
    expect(billing.body).toMatchObject({
      plan: "basic",
      usage: { agents: { used: 3, limit: 1 }, numbers: { used: 2, limit: 1 } },
    });
    expect(billing.body.usage.agents.paused.map((a: { id: string }) => a.id)).toEqual(agents.slice(1));
    expect(billing.body.usage.numbers.paused).toHaveLength(1);

    // Nothing was deleted or turned off.
    const active = await withService(
      async (tx) =>
        (await tx.query<Row>("select count(*)::int as n from public.ai_agents where org_id = $1 and active", [t.orgId]))
          .rows[0]!.n,
    );
    expect(active).toBe(3);

    // Another number is refused with the plan's problem.
    const third = await t.admin.browser.post("/api/v1/channels", {
      provider: "twilio",
      address: mobile(),
      capabilities: ["sms"],
      label: "Third",
    });
    expect(third.status, JSON.stringify(third.body)).toBe(409);
    expect(third.body).toMatchObject({ code: "plan_limit", title: "Plan limit reached" });

    // A reply on the paused number is refused; on the kept number it goes out.
    const paused = await leadWritesTo(t.orgId, second, mobile(), "Hello from the second line");
    const refused = await t.owner.browser.post(`/api/v1/conversations/${paused.id}/messages`, { body: "Hi" });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.code).toBe("plan_limit");
    const kept = await leadWritesTo(t.orgId, first, mobile(), "Hello from the first line");
    const sent = await t.owner.browser.post(`/api/v1/conversations/${kept.id}/messages`, { body: "Hi" });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    // Seats: the team has 4 members on Basic's 10; six open invitations fill it, a seventh is refused.
    for (let i = 0; i < 6; i++) {
      const invited = await t.admin.browser.post("/api/v1/invitations", { email: uniqueEmail("seat"), role: "rep" });
      expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    }
    const over = await t.admin.browser.post("/api/v1/invitations", { email: uniqueEmail("over"), role: "rep" });
    expect(over.status, JSON.stringify(over.body)).toBe(409);
    expect(over.body.code).toBe("plan_limit");

    // Choosing what to keep: turning two agents off un-pauses nothing else but frees the one left.
    for (const id of agents.slice(0, 2)) {
      const off = await t.manager.browser.patch(`/api/v1/agents/${id}`, { active: false });
      expect(off.status, JSON.stringify(off.body)).toBe(200);
    }
    const after = await t.owner.browser.get("/api/v1/billing");
    expect(after.body.usage.agents).toMatchObject({ used: 1, limit: 1, paused: [] });
  }, 120_000);
});

describe("read-only organizations", () => {
  it("a trial that ended refuses sends with 402 and an explanation; reading and exports still work", async () => {
    const org = await team();
    const number = await addSmsLine(org);
    const conversation = await leadWritesTo(org.orgId, number, mobile(), "Are you there?");
    await setSubscription(org.orgId, "trial_end = now() - interval '1 hour'");
    const billing = await org.owner.browser.get("/api/v1/billing");
    expect(billing.body).toMatchObject({ status: "trialing", readOnlyReason: "trial_ended" });
    const refused = await org.rep.browser.post(`/api/v1/conversations/${conversation.id}/messages`, { body: "Yes!" });
    expect(refused.status, JSON.stringify(refused.body)).toBe(402);
    expect(refused.body).toMatchObject({ title: "Payment required", code: "billing_read_only" });
    expect(refused.body.detail).toContain("trial has ended");
    const read = await org.rep.browser.get(`/api/v1/conversations/${conversation.id}/messages`);
    expect(read.status).toBe(200);
    const exported = await org.owner.browser.get("/api/v1/settings/export");
    expect(exported.status).toBe(200);
  });

  it("past_due keeps working through the grace period and turns read-only after it", async () => {
    const org = await signUpPerson({ prefix: "grace" });
    const stripeIds = ids();
    await post(event("customer.subscription.created", subscription(org.orgId, stripeIds), nowSeconds() - 50));
    await post(
      event(
        "customer.subscription.updated",
        subscription(org.orgId, stripeIds, { status: "past_due" }),
        nowSeconds() - 40,
      ),
    );
    expect((await org.browser.get("/api/v1/billing")).body).toMatchObject({ status: "past_due", readOnlyReason: null });
    await setSubscription(org.orgId, "past_due_since = now() - interval '8 days'");
    expect((await org.browser.get("/api/v1/billing")).body).toMatchObject({
      status: "past_due",
      readOnlyReason: "past_due",
    });
    // The database refuses an AI draft too (the drafting job checks first and skips).
    const error = await withService((tx) =>
      tx.query(`insert into public.hil_tasks (org_id, kind, payload) values ($1, 'message_approval', '{}')`, [
        org.orgId,
      ]),
    ).catch((e: unknown) => e);
    const problem = fromDatabaseError(error);
    expect(problem?.status).toBe(402);
    expect(problem?.detailValues).toEqual({ reason: "past_due" });
  });
});

describe("the sandbox checkout and portal", () => {
  it("checkout and portal answer Kiln's own sandbox pages; admins only", async () => {
    const org = await team();
    const checkout = await org.admin.browser.post("/api/v1/billing/checkout", { plan: "pro", interval: "year" });
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(200);
    expect(checkout.body.url).toBe("/settings/billing/sandbox?flow=checkout&plan=pro&interval=year");
    const portal = await org.owner.browser.post("/api/v1/billing/portal", {});
    expect(portal.body.url).toBe("/settings/billing/sandbox?flow=portal");
    expect((await org.manager.browser.post("/api/v1/billing/checkout", { plan: "pro", interval: "year" })).status).toBe(
      403,
    );
    expect((await org.admin.browser.post("/api/v1/billing/checkout", { plan: "gold", interval: "year" })).status).toBe(
      422,
    );
  });

  it("paying in the sandbox drives the same webhook handler with signed events and sets the plan's limits", async () => {
    const org = await team();
    const paid = await org.owner.browser.post("/api/v1/billing/sandbox", {
      action: "checkout",
      plan: "pro",
      interval: "month",
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({
      plan: "pro",
      status: "active",
      sandbox: true,
      usage: { agents: { limit: 3 }, numbers: { limit: 2 }, seats: { limit: 25 } },
    });
    const row = await subscriptionOf(org.orgId);
    expect(row.stripe_subscription_id).toMatch(/^sub_sandbox_/);
    const events = await withService(
      async (tx) =>
        (
          await tx.query<Row>(
            "select kind, state, sandbox from public.inbound_events where provider = 'stripe' and org_id = $1 order by received_at",
            [org.orgId],
          )
        ).rows,
    );
    expect(events.map((e) => e.kind)).toEqual([
      "customer.subscription.created",
      "checkout.session.completed",
      "invoice.paid",
    ]);
    expect(events.every((e) => e.state === "processed" && e.sandbox)).toBe(true);

    await org.owner.browser.post("/api/v1/billing/sandbox", { action: "payment_failed" });
    expect((await subscriptionOf(org.orgId)).status).toBe("past_due");
    await org.owner.browser.post("/api/v1/billing/sandbox", { action: "pay" });
    expect((await subscriptionOf(org.orgId)).status).toBe("active");
    await org.owner.browser.post("/api/v1/billing/sandbox", { action: "cancel" });
    expect((await subscriptionOf(org.orgId)).cancel_at_period_end).toBe(true);
    await org.owner.browser.post("/api/v1/billing/sandbox", { action: "cancel_now" });
    expect((await org.owner.browser.get("/api/v1/billing")).body).toMatchObject({
      status: "canceled",
      readOnlyReason: "canceled",
    });
  });

  it("an event signed with the sandbox secret reaches only the organization it names", async () => {
    const a = await signUpPerson({ prefix: "sandbox-a" });
    const b = await signUpPerson({ prefix: "sandbox-b" });
    await b.browser.post("/api/v1/billing/sandbox", { action: "checkout", plan: "pro", interval: "month" });
    const bRow = await subscriptionOf(b.orgId);
    // Names A in its metadata but B's subscription: it may only touch A, which has no such subscription link.
    const sneaky = event("customer.subscription.updated", {
      ...subscription(
        a.orgId,
        { sub: bRow.stripe_subscription_id, cus: bRow.stripe_customer_id },
        { price: PRICE.enterprise },
      ),
    });
    await post(sneaky, { secret: sandboxWebhookSecret() });
    expect((await subscriptionOf(b.orgId)).plan).toBe("pro");
  });
});
