import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { withService } from "@/lib/db";
import { settled } from "@/lib/jobs/soon";
import { translatorFor } from "@/lib/i18n/translator";
import { freshAccessToken } from "@/lib/integrations/connections";
import { renderIntegrationProblem } from "@/lib/integrations/problems";
import { CalendlyApiError, deleteWebhookSubscription } from "@/lib/integrations/calendly/client";
import { refreshToken } from "@/lib/integrations/calendly/oauth";
import { signCalendlyPayload } from "@/lib/integrations/calendly/signature";
import type { Person } from "../api/http";
import { withFakeOAuthProvider, type Row, type Team } from "../oauth-helpers";
import { startFakeCalendly, type FakeCalendly } from "./fake-calendly";
import { booked, calendly, newInvitee } from "./payloads";

let fake: FakeCalendly;
let t: Team;
withFakeOAuthProvider({
  start: startFakeCalendly,
  env: (calendly) => ({
    CALENDLY_CLIENT_ID: calendly.clientId,
    CALENDLY_CLIENT_SECRET: calendly.clientSecret,
    CALENDLY_AUTH_BASE_URL: calendly.url,
    CALENDLY_API_BASE_URL: calendly.url,
  }),
  ready: (calendly, team) => {
    fake = calendly;
    t = team;
  },
});

const connectionRow = (orgId: string) =>
  withService(
    async (tx) =>
      (await tx.query<Row>("select * from public.integration_connections where org_id = $1", [orgId])).rows[0],
  );

/** Connect → Calendly (the fake approves) → the authorization URL's state and challenge. */
async function startAuthorization(person: Person) {
  const start = await person.browser.get("/api/oauth/calendly/start");
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location")!);
  expect(authorize.origin + authorize.pathname).toBe(`${fake.url}/oauth/authorize`);
  const state = authorize.searchParams.get("state")!;
  const challenge = authorize.searchParams.get("code_challenge")!;
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("client_id")).toBe(fake.clientId);
  const redirectUri = authorize.searchParams.get("redirect_uri")!;
  expect(redirectUri).toMatch(/\/api\/oauth\/calendly\/callback$/);
  return { state, code: fake.approve(challenge, redirectUri) };
}

const callback = (person: Person, params: Record<string, string>) =>
  person.browser.get(`/api/oauth/calendly/callback?${new URLSearchParams(params)}`);
const resultOf = (response: { headers: Headers }) =>
  Object.fromEntries(new URL(response.headers.get("location")!).searchParams);

describe("Calendly OAuth connect", () => {
  it("refuses a state that does not match (unknown, or another user's)", async () => {
    const unknown = await callback(t.admin, { state: "made-up-state", code: "whatever" });
    expect(unknown.status).toBe(303);
    expect(resultOf(unknown)).toEqual({ calendly_error: "state" });

    const { state, code } = await startAuthorization(t.admin);
    const stolen = await callback(t.owner, { state, code });
    expect(resultOf(stolen)).toEqual({ calendly_error: "state" });
    expect(fake.tokenRequests.filter((r) => r.grant_type === "authorization_code")).toHaveLength(0);
  });

  it("only admins start the flow, and the state is stored hashed", async () => {
    const rep = await t.rep.browser.get("/api/oauth/calendly/start");
    expect(rep.status).toBe(303);
    expect(resultOf(rep)).toEqual({ calendly_error: "role" });
    const { state } = await startAuthorization(t.admin);
    const rows = await withService(
      async (tx) =>
        (await tx.query<Row>("select to_jsonb(s)::text as row from public.oauth_states s where org_id = $1", [t.orgId]))
          .rows,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.row.includes(state))).toBe(false);
  });

  it("connects: exchanges the code with Basic auth and PKCE, stores the tokens encrypted and subscribes to the organization's invitee events", async () => {
    const { state, code } = await startAuthorization(t.admin);
    const response = await callback(t.admin, { state, code });
    expect(resultOf(response)).toEqual({ calendly: "connected" });
    expect(fake.tokenRequests.at(-1)).toMatchObject({
      grant_type: "authorization_code",
      auth: expect.stringMatching(/^Basic /),
    });

    const row = (await connectionRow(t.orgId))!;
    expect(row).toMatchObject({
      status: "connected",
      account_email: "host@fake-calendly.test",
      scheduling_url: "https://calendly.com/fake-host",
    });
    const [subscriptionUri, subscription] = [...fake.subscriptions].at(-1)!;
    expect(row.webhook_subscription_uri).toBe(subscriptionUri);
    expect(subscription).toMatchObject({
      scope: "organization",
      events: ["invitee.created", "invitee.canceled", "invitee_no_show.created", "invitee_no_show.deleted"],
    });
    expect(subscription.url).toContain(`/api/webhooks/calendly?connection=${row.id}`);

    // No plaintext secret anywhere in the row; each column is a sealed value.
    const text = JSON.stringify(row);
    for (const secret of [fake.issuedAccess.at(-1)!, fake.issuedRefresh.at(-1)!, subscription.signing_key])
      expect(text).not.toContain(secret);
    for (const column of ["access_token_sealed", "refresh_token_sealed", "webhook_signing_key_sealed"])
      expect(row[column]).toMatch(/^v1\./);

    // The browser sees status only.
    const overview = await t.admin.browser.get("/api/v1/integrations");
    expect(overview.status).toBe(200);
    expect(overview.body.calendly.connection).toMatchObject({
      status: "connected",
      accountEmail: "host@fake-calendly.test",
    });
    expect(overview.text).not.toMatch(/sealed|access-|refresh-/);
    expect((await t.rep.browser.get("/api/v1/integrations")).status).toBe(403);
  });

  it("a replayed callback (same state and code) is refused, and Calendly would refuse the code anyway", async () => {
    const { state, code } = await startAuthorization(t.admin);
    expect(resultOf(await callback(t.admin, { state, code }))).toEqual({ calendly: "connected" });
    expect(resultOf(await callback(t.admin, { state, code }))).toEqual({ calendly_error: "used" });
    const codeReplay = await fetch(`${fake.url}/oauth/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        code_verifier: "x".repeat(43),
        redirect_uri: "http://localhost:3000/api/oauth/calendly/callback",
      }),
    });
    expect(codeReplay.status).toBe(400);
  });

  it("deliveries to the created subscription are verified with its own signing key and land in the organization", async () => {
    const row = (await connectionRow(t.orgId))!;
    const subscription = fake.subscriptions.get(row.webhook_subscription_uri)!;
    const invitee = newInvitee(`booker-${Date.now()}@kiln.test`);
    const raw = JSON.stringify(booked(invitee));
    const ok = await calendly.post(`/api/webhooks/calendly?connection=${row.id}`, undefined, {
      rawBody: raw,
      contentType: "application/json",
      origin: null,
      headers: { "calendly-webhook-signature": signCalendlyPayload(raw, subscription.signing_key) },
    });
    expect(ok.status, ok.text).toBe(200);
    await settled();
    const meetings = await withService(
      async (tx) =>
        (
          await tx.query<Row>("select org_id from public.meetings where provider_invitee_uri = $1", [
            invitee.inviteeUri,
          ])
        ).rows,
    );
    expect(meetings).toEqual([{ org_id: t.orgId }]);
    const wrong = await calendly.post(`/api/webhooks/calendly?connection=${row.id}`, undefined, {
      rawBody: raw,
      contentType: "application/json",
      origin: null,
      headers: { "calendly-webhook-signature": signCalendlyPayload(raw, "some-other-key") },
    });
    expect(wrong.status).toBe(403);
  });
});

describe("token refresh", () => {
  it("rotates single-use refresh tokens: two concurrent refreshers make one call, and the old refresh token is dead", async () => {
    const before = (await connectionRow(t.orgId))!;
    await withService((tx) =>
      tx.query("update public.integration_connections set expires_at = now() - interval '1 minute' where org_id = $1", [
        t.orgId,
      ]),
    );
    const oldRefresh = fake.issuedRefresh.at(-1)!;
    const calls = fake.refreshCalls;
    fake.refreshDelayMs = 150;
    const [a, b] = await Promise.all([freshAccessToken(t.orgId), freshAccessToken(t.orgId)]);
    fake.refreshDelayMs = 0;
    expect(fake.refreshCalls - calls).toBe(1);
    expect(a).toBe(b);
    expect(a).toBe(fake.issuedAccess.at(-1));
    const after = (await connectionRow(t.orgId))!;
    expect(after.refresh_token_sealed).not.toBe(before.refresh_token_sealed);
    expect(new Date(after.expires_at).getTime()).toBeGreaterThan(Date.now());
    await expect(
      refreshToken({
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        refreshToken: oldRefresh,
        tokenEndpoint: `${fake.url}/oauth/token`,
      }),
    ).rejects.toMatchObject({ code: "invalid_grant" });
  });

  it("a refresh token Calendly no longer accepts puts the connection in needs re-auth", async () => {
    await withService((tx) =>
      tx.query("update public.integration_connections set expires_at = now() - interval '1 minute' where org_id = $1", [
        t.orgId,
      ]),
    );
    fake.validRefresh.clear();
    await expect(freshAccessToken(t.orgId)).rejects.toMatchObject({ status: "needs_reauth" });
    // Stored as a kind: what Calendly answered stays in the log.
    const problem = { kind: "grant_revoked", params: {} };
    expect((await connectionRow(t.orgId))!).toMatchObject({ status: "needs_reauth", last_errors: [problem] });
    const overview = await t.admin.browser.get("/api/v1/integrations");
    expect(overview.body.calendly.connection).toMatchObject({ status: "needs_reauth", lastErrors: [problem] });
  });

  it("words the problem in each admin's language: in Settings → Integrations and in the notification", async () => {
    const english = renderIntegrationProblem(
      { kind: "grant_revoked", params: {} },
      translatorFor("en", "notificationTexts"),
    );
    try {
      for (const locale of ["de", "he"] as const) {
        await t.admin.browser.patch("/api/v1/preferences", { interface: { language: locale } });
        const overview = await t.admin.browser.get("/api/v1/integrations");
        const [problem] = overview.body.calendly.connection.lastErrors;
        const worded = renderIntegrationProblem(problem, translatorFor(locale, "notificationTexts"));
        expect(worded).not.toBe(english);
        expect(worded).not.toMatch(/notificationTexts\./);
        // The notification list renders on the server, in the caller's language.
        const list = await t.admin.browser.get("/api/v1/notifications?category=integrations&limit=1");
        expect(list.body.notifications[0]).toMatchObject({
          kind: "integration_failing",
          params: { provider: "calendly", status: "needs_reauth", problem: { kind: "grant_revoked", params: {} } },
          message: worded,
        });
      }
    } finally {
      await t.admin.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
    }
  });
});

describe("disconnect", () => {
  it("deletes the subscription, revokes the tokens at Calendly and deletes them here", async () => {
    const { state, code } = await startAuthorization(t.admin);
    expect(resultOf(await callback(t.admin, { state, code }))).toEqual({ calendly: "connected" });
    const row = (await connectionRow(t.orgId))!;
    const access = fake.issuedAccess.at(-1)!;
    const refresh = fake.issuedRefresh.at(-1)!;
    expect((await t.rep.browser.delete("/api/v1/integrations/calendly")).status).toBe(403);
    const response = await t.admin.browser.delete("/api/v1/integrations/calendly");
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ disconnected: true, warnings: [] });
    expect(fake.deletedSubscriptions).toContain(row.webhook_subscription_uri);
    expect(fake.revoked).toEqual(expect.arrayContaining([access, refresh]));
    const after = (await connectionRow(t.orgId))!;
    expect(after).toMatchObject({
      status: "disconnected",
      access_token_sealed: null,
      refresh_token_sealed: null,
      webhook_signing_key_sealed: null,
    });
    const late = await calendly.post(`/api/webhooks/calendly?connection=${row.id}`, undefined, {
      rawBody: "{}",
      contentType: "application/json",
      origin: null,
      headers: { "calendly-webhook-signature": "t=1,v1=00" },
    });
    expect(late.status).toBe(404);
  });
});

describe("Calendly API client", () => {
  it("never sends the bearer token to an origin other than Calendly's API, whatever a stored URI says", async () => {
    const seen: string[] = [];
    const elsewhere = createServer((request, response) => {
      seen.push(String(request.headers.authorization));
      response.end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const { port } = elsewhere.address() as { port: number };
    try {
      await expect(
        deleteWebhookSubscription("secret-token", `http://127.0.0.1:${port}/webhook_subscriptions/x`),
      ).rejects.toBeInstanceOf(CalendlyApiError);
      expect(seen).toEqual([]);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });
});
