import { readFileSync } from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { RETRY_WINDOW_MS, retryDelaySeconds } from "@/lib/webhooks/schedule";
import { WEBHOOK_ENVELOPES, WEBHOOK_EVENT_TYPES, WEBHOOK_PAYLOADS } from "@/lib/webhooks/events";
import { webhookOperations } from "@/lib/webhooks/openapi";
import { newSecret, signDelivery } from "@/lib/webhooks/signing";

const migration = readFileSync(
  path.resolve(__dirname, "../../../supabase/migrations/20261206120000_outbound_webhooks.sql"),
  "utf8",
);

describe("outbound webhook events", () => {
  it("are the same list in TypeScript and in the database's check", () => {
    const listed = migration.match(/event_types <@ array\[([^\]]+)\]/)![1]!.match(/'([a-z_.]+)'/g)!;
    expect(listed.map((s) => s.slice(1, -1))).toEqual([...WEBHOOK_EVENT_TYPES]);
  });

  it("each have a versioned envelope and an OpenAPI description", () => {
    const operations = webhookOperations();
    for (const type of WEBHOOK_EVENT_TYPES) {
      expect(WEBHOOK_PAYLOADS[type]).toBeDefined();
      expect(operations[type]?.post.requestBody).toBeTruthy();
    }
    expect(operations["webhook.test"]).toBeTruthy();
    const parsed = WEBHOOK_ENVELOPES["meeting.canceled"].safeParse({
      id: "0f6f4f0e-3b8a-4a51-9d0c-5b7c6c1d2e3f",
      type: "meeting.canceled",
      version: 1,
      timestamp: "2026-12-05T09:30:12.345Z",
      data: {
        meeting: {
          id: "1f6f4f0e-3b8a-4a51-9d0c-5b7c6c1d2e3f",
          leadId: "2f6f4f0e-3b8a-4a51-9d0c-5b7c6c1d2e3f",
          title: "Roof survey",
          startsAt: "2026-12-08T10:00:00.000Z",
          provider: "calendly",
        },
        reason: null,
      },
    });
    expect(parsed.success).toBe(true);
  });
});

describe("outbound webhook signatures", () => {
  it("verify with the Standard Webhooks library, with either secret during a rotation", () => {
    const current = newSecret();
    const previous = newSecret();
    const body = JSON.stringify({ id: "evt", type: "lead.created", data: {} });
    const headers = signDelivery("evt", new Date(), body, [current, previous]);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toMatchObject({ type: "lead.created" });
    expect(new Webhook(previous).verify(body, headers)).toMatchObject({ type: "lead.created" });
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });

  it("are refused by receivers when stale", () => {
    const secret = newSecret();
    const headers = signDelivery("evt", new Date(Date.now() - 60 * 60_000), "{}", [secret]);
    expect(() => new Webhook(secret).verify("{}", headers)).toThrow();
  });
});

describe("the retry schedule", () => {
  it("doubles from 30 seconds, capped at 6 hours, and fits a dozen or more attempts in 24 hours", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(30)).toBe(6 * 3600);
    let elapsed = 0;
    let attempts = 1;
    while (elapsed + retryDelaySeconds(attempts) * 1000 <= RETRY_WINDOW_MS) {
      elapsed += retryDelaySeconds(attempts) * 1000;
      attempts += 1;
    }
    expect(attempts).toBeGreaterThanOrEqual(12);
  });
});
