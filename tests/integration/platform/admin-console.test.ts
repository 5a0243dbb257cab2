import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/cookies";
import { planLimits } from "@/lib/billing/plans";
import { grantPlatformAdmin, revokePlatformAdmin } from "@/lib/auth/platform";
import { withService } from "@/lib/db";
import { closeDatabase } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { recordJobFailure } from "@/lib/jobs/failures";
import {
  APP_ORIGIN,
  Browser,
  type ApiResponse,
  PASSWORD,
  signUpPerson,
  team,
  uniqueName,
  type Person,
} from "../api/http";

/**
 * The platform admin console (/api/v1/platform/admin/*, lib/platform/admin.ts) and /api/me.
 * One platform admin is named by KILN_PLATFORM_ADMINS (read once per process, so set before
 * anything reads the environment); another is granted through public.platform_admins, as
 * `npm run admin:grant` does.
 */
const ENV_ADMIN = `platform-${randomUUID()}@kiln.test`;
process.env.KILN_PLATFORM_ADMINS = `someone-else@kiln.test, ${ENV_ADMIN.toUpperCase()}`;

afterAll(() => closeDatabase());

const CONSOLE_ROUTES = [
  "/api/v1/platform/admin/organizations",
  "/api/v1/platform/admin/users",
  "/api/v1/platform/admin/errors",
  "/api/v1/platform/admin/queues",
];

let admin: Person;
let t: Awaited<ReturnType<typeof team>>;

beforeAll(async () => {
  admin = await signUpPerson({ email: ENV_ADMIN, prefix: "platform" });
  t = await team();
});

const platformAudit = (targetId: string) =>
  withService(async (tx) => {
    const { rows } = await tx.query<{
      actor_id: string | null;
      actor_email: string | null;
      action: string;
      metadata: Record<string, unknown>;
    }>(
      "select actor_id, actor_email, action, metadata from public.platform_audit_log where target_id = $1 order by created_at, id",
      [targetId],
    );
    return rows;
  });

describe("GET /api/me", () => {
  it("answers the user, every membership with its role, and the current organization's plan, status and limits", async () => {
    const second = uniqueName("Second");
    expect((await t.admin.browser.post("/api/v1/organizations", { name: second })).status).toBe(201);
    const me = await t.admin.browser.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: t.admin.userId, email: t.admin.email });
    expect(me.body.memberships).toEqual(
      expect.arrayContaining([
        { orgId: t.orgId, orgName: expect.any(String), role: "admin" },
        { orgId: expect.any(String), orgName: second, role: "owner" },
      ]),
    );
    // Creating an organization works in it from then on.
    expect(me.body.organization).toMatchObject({
      orgName: second,
      role: "owner",
      plan: expect.any(String),
      subscription: { status: "trialing", readOnlyReason: null },
    });
    // The limits are the plan's, as lib/billing/plans.ts states them.
    expect(me.body.organization.limits).toEqual(planLimits(me.body.organization.plan));
    expect(new Date(me.body.organization.subscription.trialEnd).getTime()).toBeGreaterThan(Date.now());
    expect(me.body.platformAdmin).toBe(false);
  });

  it("says whether the caller is a platform admin", async () => {
    expect((await admin.browser.get("/api/me")).body.platformAdmin).toBe(true);
  });

  it("is a 401 problem when signed out", async () => {
    const response = await new Browser().get("/api/me");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("organizations through the API", () => {
  it("lists the caller's organizations with their role and which one is current", async () => {
    const response = await t.rep.browser.get("/api/v1/organizations");
    expect(response.status).toBe(200);
    expect(response.body.organizations).toEqual([
      expect.objectContaining({ id: t.orgId, role: "rep", current: true, plan: expect.any(String), members: 4 }),
    ]);
  });

  it("renames one of the caller's organizations by id, for admins and owners only", async () => {
    const name = uniqueName("Renamed by id");
    const renamed = await t.owner.browser.patch(`/api/v1/organizations/${t.orgId}`, { name });
    expect(renamed.status).toBe(200);
    expect(renamed.body.organization).toMatchObject({ id: t.orgId, name, role: "owner" });
    expect((await t.rep.browser.get(`/api/v1/organizations/${t.orgId}`)).body.organization.name).toBe(name);

    const byRep = await t.rep.browser.patch(`/api/v1/organizations/${t.orgId}`, { name: "Taken over" });
    expect(byRep.status).toBe(403);
    expect(byRep.headers.get("content-type")).toContain("application/problem+json");
    const outsider = await signUpPerson({ prefix: "outsider" });
    expect((await outsider.browser.patch(`/api/v1/organizations/${t.orgId}`, { name: "Mine now" })).status).toBe(404);
    expect((await outsider.browser.get(`/api/v1/organizations/${t.orgId}`)).status).toBe(404);
    const empty = await t.owner.browser.patch(`/api/v1/organizations/${t.orgId}`, { name: "   " });
    expect(empty.status).toBe(422);
    expect(empty.errors?.name).toBeTruthy();
  });
});

describe("who may use the console", () => {
  it("answers 404 to members and owners, whatever they send, and 401 to signed-out callers", async () => {
    for (const browser of [t.owner.browser, t.rep.browser]) {
      for (const path of CONSOLE_ROUTES) {
        expect((await browser.get(path)).status, path).toBe(404);
        expect((await browser.get(`${path}?limit=nonsense&extra=1`)).status, path).toBe(404);
      }
      const put = await browser.put(`/api/v1/platform/admin/users/${t.rep.userId}/sign-in`, { enabled: "x" });
      expect(put.status).toBe(404);
    }
    for (const path of CONSOLE_ROUTES) expect((await new Browser().get(path)).status, path).toBe(401);
    expect((await t.rep.browser.get("/api/me")).status).toBe(200);
  });

  it("lets a user granted at the shell in, until the grant is revoked; both are audited", async () => {
    const granted = await signUpPerson({ prefix: "granted" });
    expect((await granted.browser.get(CONSOLE_ROUTES[0]!)).status).toBe(404);
    const cli = { cli: "cli:operator" };
    expect(await withService((tx) => grantPlatformAdmin(tx, cli, granted.email.toUpperCase()))).toBe("granted");
    expect(await withService((tx) => grantPlatformAdmin(tx, cli, granted.email))).toBe("already");
    expect((await granted.browser.get(CONSOLE_ROUTES[0]!)).status).toBe(200);
    expect((await granted.browser.get("/api/me")).body.platformAdmin).toBe(true);

    expect(await withService((tx) => revokePlatformAdmin(tx, cli, granted.email))).toBe("revoked");
    expect((await granted.browser.get(CONSOLE_ROUTES[0]!)).status).toBe(404);
    expect(await withService((tx) => grantPlatformAdmin(tx, cli, "nobody-here@kiln.test"))).toBe("no_such_user");

    expect(await platformAudit(granted.userId)).toEqual([
      expect.objectContaining({
        actor_id: null,
        action: "platform_admin.granted",
        metadata: expect.objectContaining({ via: "cli:operator" }),
      }),
      expect.objectContaining({ actor_id: null, action: "platform_admin.revoked" }),
    ]);
  });
});

describe("organizations in the console", () => {
  it("lists every organization with plan, status, members, leads, messages, onboarding and errors", async () => {
    const response = await admin.browser.get(`/api/v1/platform/admin/organizations?q=${encodeURIComponent(t.orgId)}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        id: t.orgId,
        billing: expect.objectContaining({ plan: expect.any(String), status: "trialing" }),
        members: 4,
        leads: 0,
        messagesThisMonth: 0,
        errors7d: 0,
        onboarding: { done: ["teammate"], total: 5 },
      }),
    ]);
    expect(response.body.nextCursor).toBeNull();
  });

  it("searches by name and pages with a keyset cursor, newest first", async () => {
    const tag = `Pagetest ${randomUUID().slice(0, 8)}`;
    const names: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const name = `${tag} ${n}`;
      names.push(name);
      await signUpPerson({ prefix: `pager${n}`, organizationName: name });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: URLSearchParams = new URLSearchParams({
        q: tag.toLowerCase(),
        limit: "2",
        ...(cursor ? { cursor } : {}),
      });
      const response: ApiResponse = await admin.browser.get(`/api/v1/platform/admin/organizations?${query}`);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items.map((o: { name: string }) => o.name));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].reverse());
  });

  it("treats search text literally and refuses a tampered cursor or a bad limit with a 4xx problem", async () => {
    const percent = await admin.browser.get("/api/v1/platform/admin/organizations?q=%25");
    expect(percent.status).toBe(200);
    expect(percent.body.items.every((o: { name: string }) => o.name.includes("%"))).toBe(true);
    expect((await admin.browser.get("/api/v1/platform/admin/organizations?cursor=forged.cursor")).status).toBe(400);
    const limit = await admin.browser.get("/api/v1/platform/admin/organizations?limit=1000");
    expect(limit.status).toBe(422);
    expect(limit.errors?.limit).toBeTruthy();
    expect((await admin.browser.get("/api/v1/platform/admin/organizations?unknown=1")).status).toBe(422);
  });
});

describe("users in the console", () => {
  it("lists people with their organizations and roles, found by email", async () => {
    const response = await admin.browser.get(`/api/v1/platform/admin/users?q=${encodeURIComponent(t.manager.email)}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        id: t.manager.userId,
        email: t.manager.email,
        signInDisabled: false,
        platformAdmin: false,
        organizations: [expect.objectContaining({ orgId: t.orgId, role: "manager" })],
      }),
    ]);
    const self = await admin.browser.get(`/api/v1/platform/admin/users?q=${encodeURIComponent(ENV_ADMIN)}`);
    expect(self.body.items[0]).toMatchObject({ id: admin.userId, platformAdmin: true });
  });

  it("disables a person's sign-in: their sessions end at once, they cannot sign in, and it is audited", async () => {
    const person = await signUpPerson({ prefix: "disabled" });
    const otherDevice = new Browser();
    expect((await otherDevice.post("/api/auth/sign-in", { email: person.email, password: PASSWORD })).status).toBe(200);
    expect((await person.browser.get("/api/me")).status).toBe(200);

    const disabled = await admin.browser.put(`/api/v1/platform/admin/users/${person.userId}/sign-in`, {
      enabled: false,
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user).toMatchObject({ userId: person.userId, signInDisabled: true, sessionsEnded: 2 });

    expect((await person.browser.get("/api/me")).status).toBe(401);
    expect((await otherDevice.get("/api/v1/organization")).status).toBe(401);
    const signIn = await new Browser().post("/api/auth/sign-in", { email: person.email, password: PASSWORD });
    expect(signIn.status).toBe(401);
    const listed = await admin.browser.get(`/api/v1/platform/admin/users?q=${encodeURIComponent(person.email)}`);
    expect(listed.body.items[0]).toMatchObject({ signInDisabled: true });

    const enabled = await admin.browser.put(`/api/v1/platform/admin/users/${person.userId}/sign-in`, { enabled: true });
    expect(enabled.status).toBe(200);
    const again = new Browser();
    expect((await again.post("/api/auth/sign-in", { email: person.email, password: PASSWORD })).status).toBe(200);
    expect((await again.get("/api/me")).status).toBe(200);

    expect(await platformAudit(person.userId)).toEqual([
      expect.objectContaining({ actor_id: admin.userId, actor_email: ENV_ADMIN, action: "user.sign_in_disabled" }),
      expect.objectContaining({ actor_id: admin.userId, actor_email: ENV_ADMIN, action: "user.sign_in_enabled" }),
    ]);
  });

  it("refuses to lock the admin out of their own account, an unknown user, and a malformed body", async () => {
    const self = await admin.browser.put(`/api/v1/platform/admin/users/${admin.userId}/sign-in`, { enabled: false });
    expect(self.status).toBe(409);
    expect(self.body.detail).toBe("You cannot disable your own sign-in.");
    expect(
      (await admin.browser.put(`/api/v1/platform/admin/users/${randomUUID()}/sign-in`, { enabled: false })).status,
    ).toBe(404);
    const bad = await admin.browser.put(`/api/v1/platform/admin/users/${t.rep.userId}/sign-in`, { enabled: "no" });
    expect(bad.status).toBe(422);
    expect(bad.errors?.enabled).toBeTruthy();
    expect((await t.rep.browser.get("/api/me")).status).toBe(200);
  });
});

describe("the error log", () => {
  it("records a 500 with the request id its response carried, and finds it by that id and by organization", async () => {
    const failing = route({ org: true }, async () => {
      throw new Error(`disk on fire ${randomUUID()}`);
    });
    const cookie = `${SESSION_COOKIE}=${t.manager.browser.cookie(SESSION_COOKIE)}`;
    const requestId = `req-${randomUUID()}`;
    const response = await failing(
      new Request(`${APP_ORIGIN}/api/v1/leads/export?token=secret-value`, {
        headers: { cookie, "x-request-id": requestId },
      }),
    );
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe(requestId);

    const found = await admin.browser.get(`/api/v1/platform/admin/errors?q=${encodeURIComponent(requestId)}`);
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        kind: "server",
        reference: requestId,
        orgId: t.orgId,
        where: "GET /api/v1/leads/export",
        status: 500,
        errorName: "Error",
        message: expect.stringContaining("disk on fire"),
      }),
    ]);
    // The query string (which can carry tokens) is never stored.
    expect(JSON.stringify(found.body)).not.toContain("secret-value");

    const byOrg = await admin.browser.get(`/api/v1/platform/admin/errors?org=${t.orgId}&kind=server`);
    expect(byOrg.body.items.map((e: { reference: string }) => e.reference)).toContain(requestId);
    const organizations = await admin.browser.get(`/api/v1/platform/admin/organizations?q=${t.orgId}`);
    expect(organizations.body.items[0].errors7d).toBeGreaterThanOrEqual(1);
  });

  it("shows dead-lettered jobs of every organization beside the server errors", async () => {
    const jobId = randomUUID();
    await recordJobFailure({
      orgId: t.orgId,
      queue: "analytics.rebuild",
      jobId,
      data: { orgId: t.orgId },
      error: "statement timeout",
      attempts: 3,
    });
    const response = await admin.browser.get(`/api/v1/platform/admin/errors?org=${t.orgId}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "job", reference: jobId, where: "analytics.rebuild", attempts: 3 }),
        expect.objectContaining({ kind: "server" }),
      ]),
    );
    const jobsOnly = await admin.browser.get(`/api/v1/platform/admin/errors?org=${t.orgId}&kind=job`);
    expect(jobsOnly.body.items.every((e: { kind: string }) => e.kind === "job")).toBe(true);
  });
});

describe("queue health", () => {
  it("reports the webhook backlog per provider and every job queue's backlog and failure rate", async () => {
    const response = await admin.browser.get("/api/v1/platform/admin/queues");
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body.webhooks)).toBe(true);
    expect(Array.isArray(response.body.jobs)).toBe(true);
    const rebuild = response.body.jobs.find((q: { queue: string }) => q.queue === "analytics.rebuild");
    expect(rebuild).toMatchObject({ deadLetters24h: expect.any(Number) });
    expect(rebuild.deadLetters24h).toBeGreaterThanOrEqual(1);
  });
});
