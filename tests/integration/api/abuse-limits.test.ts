import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AI_RUNS_PER_ORGANIZATION, AI_RUNS_PER_USER } from "@/lib/ai/rate-limits";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { hashedKey } from "@/lib/http/rate-limit";
import { INVITATIONS_PER_EMAIL, INVITATIONS_PER_ORGANIZATION } from "@/lib/orgs/invitation-limits";
import { salesTemplate } from "../approvals/harness";
import { team, uniqueEmail } from "./http";

/**
 * Limits on what costs the operator money or reputation: AI runs on demand (on the
 * operator's key) and invitation emails (sent through the operator's SMTP, naming an
 * organization the inviter chose).
 */
afterAll(() => closeDatabase());

type Team = Awaited<ReturnType<typeof team>>;
let t: Team;
let agentId: string;

beforeAll(async () => {
  t = await team();
  const created = await t.manager.browser.post("/api/v1/agents", { ...salesTemplate, name: "Limited" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  agentId = created.body.agent.id;
});

/** Sets a limit's count for `key` to its maximum in the current window, as if that many requests had just come in. */
const useUp = (scope: string, key: string, windowSeconds: number, hits: number) =>
  withService((tx) =>
    tx.query(
      `insert into public.rate_limit_counters (scope, key, window_start, hits)
       values ($1, $2, to_timestamp(floor(extract(epoch from now()) / $3) * $3), $4)
       on conflict (scope, key, window_start) do update set hits = excluded.hits`,
      [scope, key, windowSeconds, hits],
    ),
  );
const forget = (scope: string, key: string) =>
  withService((tx) => tx.query("delete from public.rate_limit_counters where scope = $1 and key = $2", [scope, key]));

const expectThrottled = (response: { status: number; headers: Headers }) => {
  expect(response.status).toBe(429);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
};

describe("AI on demand", () => {
  const sample = { message: "We have a budget and I decide.", leadName: "Lena" };

  it("the agent test console answers 429 with Retry-After once a person has used their runs; a colleague still can", async () => {
    for (let run = 1; run <= AI_RUNS_PER_USER.max; run++) {
      expect((await t.manager.browser.post(`/api/v1/agents/${agentId}/test`, sample)).status, `run ${run}`).toBe(200);
    }
    expectThrottled(await t.manager.browser.post(`/api/v1/agents/${agentId}/test`, sample));
    expect((await t.owner.browser.post(`/api/v1/agents/${agentId}/test`, sample)).status).toBe(200);
  });

  it("the agent test console answers 429 once the organization has used its runs, for everyone in it", async () => {
    await useUp(
      AI_RUNS_PER_ORGANIZATION.scope,
      t.orgId,
      AI_RUNS_PER_ORGANIZATION.windowSeconds,
      AI_RUNS_PER_ORGANIZATION.max,
    );
    try {
      expectThrottled(await t.admin.browser.post(`/api/v1/agents/${agentId}/test`, sample));
      expectThrottled(await t.owner.browser.post(`/api/v1/agents/${agentId}/test`, sample));
    } finally {
      await forget(AI_RUNS_PER_ORGANIZATION.scope, t.orgId);
    }
    expect((await t.admin.browser.post(`/api/v1/agents/${agentId}/test`, sample)).status).toBe(200);
  });

  it("suggest answers 429 with Retry-After once a person has used their runs", async () => {
    await useUp(AI_RUNS_PER_USER.scope, t.rep.userId, AI_RUNS_PER_USER.windowSeconds, AI_RUNS_PER_USER.max);
    expectThrottled(await t.rep.browser.post(`/api/v1/conversations/${randomUUID()}/suggest`));
  });
});

describe("invitations", () => {
  it("answers 429 with Retry-After once an organization has sent its invitations for the hour", async () => {
    // team() has already invited its admin, manager and rep this hour.
    for (let i = 1; i <= INVITATIONS_PER_ORGANIZATION.max - 3; i++) {
      const response = await t.admin.browser.post("/api/v1/invitations", {
        email: uniqueEmail("invitee"),
        role: "rep",
      });
      expect(response.status, `invitation ${i}`).toBe(201);
    }
    const email = uniqueEmail("one-too-many");
    expectThrottled(await t.admin.browser.post("/api/v1/invitations", { email, role: "rep" }));
    expect(
      (await t.admin.browser.get("/api/v1/invitations")).body.invitations.map((i: { email: string }) => i.email),
    ).not.toContain(email);
  });

  it("answers 429 once one address has received its invitations for the day, whichever organization invites", async () => {
    const other = await team();
    const email = uniqueEmail("popular");
    await useUp(
      INVITATIONS_PER_EMAIL.scope,
      hashedKey(email),
      INVITATIONS_PER_EMAIL.windowSeconds,
      INVITATIONS_PER_EMAIL.max,
    );
    expectThrottled(await other.owner.browser.post("/api/v1/invitations", { email, role: "rep" }));
  });
});
