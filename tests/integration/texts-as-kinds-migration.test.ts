import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Driver } from "@/lib/db/types";
import { databaseBefore } from "./migration-replay";

/**
 * The migration that turned the last stored English sentences (a failed draft's detail, a
 * delivery's error, an integration's problems) into kinds, replayed on a database of its own: a
 * fresh in-memory PGlite migrated up to the one before it, filled with rows as the old code wrote
 * them, then migrated to the end.
 */
const MIGRATION = "20261204030000";

let driver: Driver;
const ids = { user: "", org: "", notification: "" };
const query = <T>(sql: string, params: unknown[] = []) =>
  driver.transaction(async (tx) => (await tx.query<T>(sql, params)).rows);

const OLD_DETAILS: [string, unknown][] = [
  ["The AI provider did not answer within 30 seconds.", { kind: "timeout", params: { seconds: 30 } }],
  ["The AI provider did not answer within 20 s.", { kind: "timeout", params: { seconds: 20 } }],
  ["The AI provider returned HTTP 502.", { kind: "http_error", params: { status: 502 } }],
  [
    "The model's answer was invalid twice: intent: bad; reply: too long",
    { kind: "invalid_twice", params: { problems: 2 } },
  ],
  ["The AI provider rejected the API key (HTTP 401). Check OPENAI_API_KEY.", { kind: "auth_rejected", params: {} }],
  ["The offline assistant failed: TypeError", { kind: "assistant_failed", params: {} }],
  ["Something nobody wrote a pattern for", { kind: "unknown", params: {} }],
];

const OLD_DELIVERY_ERRORS: [string, string, unknown][] = [
  ["email", "451 4.3.0 Try again later", { kind: "email_deferred", params: { code: 451 } }],
  ["email", "550 5.1.1 No such user here", { kind: "email_rejected", params: { code: 550 } }],
  ["push", "No browser is subscribed to push notifications.", { kind: "push_no_subscription", params: {} }],
  ["sms", "Demo data: not sent.", { kind: "demo_not_sent", params: {} }],
  ["sms", "Twilio said something odd", { kind: "unknown", params: {} }],
];

beforeAll(async () => {
  const before = await databaseBefore(MIGRATION);
  driver = before.driver;

  await driver.transaction(async (tx) => {
    ids.user = (
      await tx.query<{ id: string }>("insert into auth.users (email) values ('maya@kinds.test') returning id")
    ).rows[0]!.id;
    ids.org = (
      await tx.query<{ id: string }>("insert into public.organizations (name) values ('Kinds') returning id")
    ).rows[0]!.id;
    await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner')", [
      ids.org,
      ids.user,
    ]);
    // `at` keeps the rows in order: they share one created_at.
    for (const [at, [detail]] of OLD_DETAILS.entries())
      await tx.query("insert into public.hil_tasks (org_id, kind, payload) values ($1, 'manual_review', $2::jsonb)", [
        ids.org,
        JSON.stringify({ reason: "error", detail, inboundMessageId: null, at }),
      ]);
    ids.notification = (
      await tx.query<{ id: string }>(
        `insert into public.notifications (org_id, user_id, kind, category, params)
         values ($1, $2, 'integration_failing', 'integrations', $3::jsonb) returning id`,
        [
          ids.org,
          ids.user,
          JSON.stringify({
            provider: "calendly",
            status: "needs_reauth",
            detail: "Calendly refused our access token (401).",
          }),
        ],
      )
    ).rows[0]!.id;
    // One notification per delivery (a notification has one delivery per channel); `attempts` keeps the order.
    for (const [at, [channel, error]] of OLD_DELIVERY_ERRORS.entries()) {
      const notification = (
        await tx.query<{ id: string }>(
          `insert into public.notifications (org_id, user_id, kind, category, params)
           values ($1, $2, 'integration_failing', 'integrations', '{}') returning id`,
          [ids.org, ids.user],
        )
      ).rows[0]!.id;
      await tx.query(
        `insert into public.notification_deliveries (notification_id, org_id, user_id, channel, status, attempts, last_error)
         values ($1, $2, $3, $4, 'failed', $5, $6)`,
        [notification, ids.org, ids.user, channel, at, error],
      );
    }
    await tx.query(
      `insert into public.integration_connections (org_id, provider, status, last_error) values ($1, 'calendly', 'disconnected', $2)`,
      [
        ids.org,
        "The webhook subscription could not be deleted at Calendly: HTTP 500 The refresh token could not be revoked at Calendly: HTTP 400",
      ],
    );
  });
  await before.migrateRest();
}, 180_000);

afterAll(async () => {
  await driver?.close();
});

describe("stored sentences become kinds", () => {
  it("a manual-review task's detail becomes its kind and parameters, an unknown sentence the generic kind", async () => {
    const rows = await query<{ detail: unknown }>(
      "select payload -> 'detail' as detail from public.hil_tasks where org_id = $1 order by (payload ->> 'at')::int",
      [ids.org],
    );
    expect(rows.map((r) => r.detail)).toEqual(OLD_DETAILS.map(([, kind]) => kind));
  });

  it("a delivery's error becomes its kind, with the SMTP code of an email and without the server's words", async () => {
    const rows = await query<{ channel: string; kind: string; params: Record<string, unknown> }>(
      `select channel, last_error_kind as kind, last_error_params as params
         from public.notification_deliveries where org_id = $1 order by attempts`,
      [ids.org],
    );
    expect(rows.map((r) => ({ kind: r.kind, params: r.params }))).toEqual(
      OLD_DELIVERY_ERRORS.map(([, , kind]) => kind),
    );
    expect(JSON.stringify(rows)).not.toMatch(/Try again|No such user|Twilio/);
  });

  it("an integration's problems and its notification's detail become kinds", async () => {
    const [connection] = await query<{ last_errors: unknown }>(
      "select last_errors from public.integration_connections where org_id = $1",
      [ids.org],
    );
    expect(connection!.last_errors).toEqual([
      { kind: "webhook_delete_failed", params: {} },
      { kind: "token_revoke_failed", params: { token: "refresh_token" } },
    ]);
    const [notification] = await query<{ params: unknown }>("select params from public.notifications where id = $1", [
      ids.notification,
    ]);
    expect(notification!.params).toEqual({
      provider: "calendly",
      status: "needs_reauth",
      problem: { kind: "token_rejected", params: {} },
    });
  });
});
