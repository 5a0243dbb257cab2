import { describe, expect, it } from "vitest";
import { withRls, withService } from "@/lib/db";
import { settled } from "@/lib/jobs/soon";
import { translatorFor } from "@/lib/i18n/translator";
import { googleAccessToken, getGoogleConnection, withGoogleToken } from "@/lib/integrations/google/connection";
import { PART_SCOPES } from "@/lib/integrations/google/parts";
import { renderIntegrationProblem } from "@/lib/integrations/problems";
import { signUpPerson, type Person } from "../api/http";
import { withFakeOAuthProvider, type Row, type Team } from "../oauth-helpers";
import { authorizeGoogle, callbackResult, connectGoogle, googleCallback } from "./connect-flow";
import { startFakeGoogle, type FakeGoogle } from "./fake-google";
import { googleOAuthEnv } from "./suite";

let fake: FakeGoogle;
let t: Team;
withFakeOAuthProvider({
  start: startFakeGoogle,
  env: (google) => googleOAuthEnv(google),
  ready: (google, team) => {
    fake = google;
    t = team;
  },
});

const connectionRow = (orgId: string, userId: string) =>
  withService(
    async (tx) =>
      (
        await tx.query<Row>("select * from public.google_connections where org_id = $1 and user_id = $2", [
          orgId,
          userId,
        ])
      ).rows[0],
  );
const expireAccessToken = (person: Person) =>
  withService((tx) =>
    tx.query(
      "update public.google_connections set expires_at = now() - interval '1 minute' where org_id = $1 and user_id = $2",
      [person.orgId, person.userId],
    ),
  );

/** What the audit log says a person did (their metadata only: never an account or a token). */
const auditOf = (person: Person, action: string) =>
  withService(async (tx) =>
    (
      await tx.query<Row>("select metadata from public.audit_log where org_id = $1 and actor_id = $2 and action = $3", [
        person.orgId,
        person.userId,
        action,
      ])
    ).rows.map((r) => r.metadata),
  );

describe("connecting Google", () => {
  it("asks Google for the identity and only the parts being turned on, with PKCE, offline access and earlier grants kept", async () => {
    await authorizeGoogle(t.rep, "gmail");
    const asked = fake.authorizations.at(-1)!;
    expect(asked).toMatchObject({
      client_id: fake.clientId,
      response_type: "code",
      access_type: "offline",
      include_granted_scopes: "true",
      code_challenge_method: "S256",
      redirect_uri: "http://localhost:3000/api/oauth/google/callback",
    });
    expect(asked.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.scope!.split(" ").sort()).toEqual(
      ["openid", "https://www.googleapis.com/auth/userinfo.email", ...PART_SCOPES.gmail].sort(),
    );
    // The state is stored hashed only.
    const states = await withService(
      async (tx) =>
        (
          await tx.query<Row>("select to_jsonb(s)::text as row from public.oauth_states s where user_id = $1", [
            t.rep.userId,
          ])
        ).rows,
    );
    expect(states.length).toBeGreaterThan(0);
    expect(states.some((s) => s.row.includes(asked.state!))).toBe(false);
  });

  it("refuses a state that does not match: unknown, or started by another user", async () => {
    const unknown = await googleCallback(t.manager, { state: "made-up-state", code: "4/whatever" });
    expect(unknown.status).toBe(303);
    expect(callbackResult(unknown)).toEqual({ google_error: "state" });

    const exchanges = fake.tokenRequests.filter((r) => r.grant_type === "authorization_code").length;
    const { state, code } = await authorizeGoogle(t.manager);
    // The rep replays the manager's callback URL in their own session.
    expect(callbackResult(await googleCallback(t.rep, { state, code: code! }))).toEqual({ google_error: "state" });
    // The same user in another session (a copied state, not a copied cookie) is refused too.
    const otherSession = await signUpPerson({ prefix: "mallory" });
    expect(callbackResult(await googleCallback(otherSession, { state, code: code! }))).toEqual({
      google_error: "state",
    });
    expect(fake.tokenRequests.filter((r) => r.grant_type === "authorization_code")).toHaveLength(exchanges);
    // The rightful user could still finish (the refusals did not burn the state).
    expect(callbackResult(await googleCallback(t.manager, { state, code: code! }))).toEqual({ google: "connected" });
  });

  it("refuses a state that expired before Google sent the user back", async () => {
    const { state, code } = await authorizeGoogle(t.owner);
    await withService((tx) =>
      tx.query(
        "update public.oauth_states set expires_at = now() - interval '1 minute' where user_id = $1 and used_at is null",
        [t.owner.userId],
      ),
    );
    expect(callbackResult(await googleCallback(t.owner, { state, code: code! }))).toEqual({ google_error: "expired" });
    expect(await connectionRow(t.orgId, t.owner.userId)).toBeUndefined();
  });

  it("connects: exchanges the code with its verifier, learns the account, and stores the tokens encrypted", async () => {
    fake.account = { sub: "100000000000000000042", email: "grace.hopper@northwind-mail.test" };
    expect(await connectGoogle(t.rep, "gmail")).toEqual({ google: "connected" });
    expect(fake.tokenRequests.at(-1)).toMatchObject({ grant_type: "authorization_code", client_secret: "(sent)" });
    expect(fake.tokenRequests.at(-1)!.code_verifier).toMatch(/^[A-Za-z0-9~_.-]{43,128}$/);

    const row = (await connectionRow(t.orgId, t.rep.userId))!;
    expect(row).toMatchObject({
      status: "connected",
      google_user_id: "100000000000000000042",
      google_email: "grace.hopper@northwind-mail.test",
      gmail_enabled: true,
      calendar_enabled: false,
    });
    expect(row.scopes).toEqual(expect.arrayContaining([...PART_SCOPES.gmail]));

    const overview = await t.rep.browser.get("/api/v1/integrations/google");
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({
      configured: true,
      connection: {
        status: "connected",
        email: "grace.hopper@northwind-mail.test",
        parts: { gmail: { enabled: true, granted: true }, calendar: { enabled: false, granted: false } },
      },
    });
    expect(overview.text).not.toMatch(/sealed|ya29|1\/\/fake/);
    expect(await auditOf(t.rep, "integration.connected")).toEqual([{ provider: "google" }]);
  });

  it("never stores a token in plaintext: every token Google issued is absent from the database", async () => {
    const dump = await withService(async (tx) => {
      const tables = ["google_connections", "oauth_states", "notifications", "audit_log"];
      const texts: string[] = [];
      for (const table of tables)
        texts.push(
          ...(await tx.query<{ row: string }>(`select to_jsonb(x)::text as row from public.${table} x`)).rows.map(
            (r) => r.row,
          ),
        );
      return texts.join("\n");
    });
    expect(fake.issued.length).toBeGreaterThan(0);
    for (const token of fake.issued) expect(dump).not.toContain(token);
    const row = (await connectionRow(t.orgId, t.rep.userId))!;
    for (const column of ["access_token_sealed", "refresh_token_sealed"]) expect(row[column]).toMatch(/^v1\./);
    // A sealed value is bound to its row and column: copied into another user's row it does not open.
    await withService((tx) =>
      tx.query(
        `update public.google_connections set access_token_sealed = $3, expires_at = now() + interval '1 hour'
          where org_id = $1 and user_id = $2`,
        [t.orgId, t.manager.userId, row.access_token_sealed],
      ),
    );
    await expect(googleAccessToken(t.orgId, t.manager.userId)).rejects.toThrow();
    await expireAccessToken(t.manager);
  });

  it("a replayed callback is refused, and Google refuses the replayed code and revokes what it issued", async () => {
    fake.account = { sub: "100000000000000000055", email: "mary.jackson@northwind-mail.test" };
    const { state, code } = await authorizeGoogle(t.admin);
    expect(callbackResult(await googleCallback(t.admin, { state, code: code! }))).toEqual({ google: "connected" });
    expect(callbackResult(await googleCallback(t.admin, { state, code: code! }))).toEqual({ google_error: "used" });
    const replay = await fetch(`${fake.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: code!,
        client_id: fake.clientId,
        client_secret: fake.clientSecret,
        code_verifier: "x".repeat(43),
        redirect_uri: "http://localhost:3000/api/oauth/google/callback",
      }),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("a denied consent or an unticked part is explained, and only granted parts are turned on", async () => {
    fake.deny = true;
    const denied = await authorizeGoogle(t.owner, "gmail");
    fake.deny = false;
    expect(denied.error).toBe("access_denied");
    expect(callbackResult(await googleCallback(t.owner, { state: denied.state, error: denied.error! }))).toEqual({
      google_error: "denied",
    });

    fake.account = { sub: "100000000000000000077", email: "katherine.johnson@northwind-mail.test" };
    fake.untick = new Set([PART_SCOPES.calendar[1]!]);
    try {
      expect(await connectGoogle(t.owner, "gmail,calendar")).toEqual({ google_error: "scopes" });
    } finally {
      fake.untick = new Set();
    }
    expect((await connectionRow(t.orgId, t.owner.userId))!).toMatchObject({
      status: "connected",
      gmail_enabled: true,
      calendar_enabled: false,
    });
  });
});

describe("talking to Google", () => {
  it("refuses to follow a redirect from the token endpoint, which would replay the code and secret", async () => {
    const { state, code } = await authorizeGoogle(t.owner);
    fake.redirectTokenRequests = true;
    try {
      expect(callbackResult(await googleCallback(t.owner, { state, code: code! }))).toEqual({
        google_error: "exchange",
      });
    } finally {
      fake.redirectTokenRequests = false;
    }
    expect(fake.followedRedirects).toBe(0);
  });
});

describe("incremental scopes", () => {
  it("turning on a part that Google has not granted asks for that part alone, and the callback turns it on", async () => {
    const patch = await t.rep.browser.patch("/api/v1/integrations/google", { calendar: true });
    expect(patch.status, patch.text).toBe(200);
    expect(patch.body.authorizeUrl).toBe("/api/oauth/google/start?parts=calendar");
    expect(patch.body.connection.parts.calendar).toEqual({ enabled: false, granted: false });

    fake.account = { sub: "100000000000000000042", email: "grace.hopper@northwind-mail.test" };
    expect(await connectGoogle(t.rep, "calendar")).toEqual({ google: "connected" });
    expect(fake.authorizations.at(-1)!.scope!.split(" ")).not.toContain(PART_SCOPES.gmail[0]);
    const row = (await connectionRow(t.orgId, t.rep.userId))!;
    // The earlier grant is kept (include_granted_scopes): Gmail stays on beside the calendar.
    expect(row).toMatchObject({ gmail_enabled: true, calendar_enabled: true });
    expect(row.scopes).toEqual(expect.arrayContaining([...PART_SCOPES.gmail, ...PART_SCOPES.calendar]));
  });

  it("turning a part off and on again needs no trip to Google while it stays granted", async () => {
    const off = await t.rep.browser.patch("/api/v1/integrations/google", { gmail: false });
    expect(off.body).toMatchObject({
      authorizeUrl: null,
      connection: { parts: { gmail: { enabled: false, granted: true } } },
    });
    const on = await t.rep.browser.patch("/api/v1/integrations/google", { gmail: true });
    expect(on.body).toMatchObject({ authorizeUrl: null, connection: { parts: { gmail: { enabled: true } } } });
    expect((await t.rep.browser.patch("/api/v1/integrations/google", {})).status).toBe(422);
  });
});

describe("token refresh", () => {
  it("keeps the refresh token when Google does not rotate it, and two racing callers make one refresh", async () => {
    await expireAccessToken(t.rep);
    const before = (await connectionRow(t.orgId, t.rep.userId))!;
    const calls = fake.refreshCalls;
    fake.refreshDelayMs = 150;
    const [a, b] = await Promise.all([
      googleAccessToken(t.orgId, t.rep.userId),
      googleAccessToken(t.orgId, t.rep.userId),
    ]);
    fake.refreshDelayMs = 0;
    expect(fake.refreshCalls - calls).toBe(1);
    expect(a).toBe(b);
    expect(fake.isValid(a)).toBe(true);
    const after = (await connectionRow(t.orgId, t.rep.userId))!;
    expect(after.refresh_token_sealed).toBe(before.refresh_token_sealed);
    expect(after.access_token_sealed).not.toBe(before.access_token_sealed);
    expect(new Date(after.expires_at).getTime()).toBeGreaterThan(Date.now());
    // Fresh now: no further call to Google.
    await googleAccessToken(t.orgId, t.rep.userId);
    expect(fake.refreshCalls - calls).toBe(1);
  });

  it("stores a rotated refresh token, after which the old one is dead and the new one works", async () => {
    fake.rotateRefreshTokens = true;
    try {
      await expireAccessToken(t.rep);
      const before = (await connectionRow(t.orgId, t.rep.userId))!;
      const issuedBefore = fake.issued.length;
      await googleAccessToken(t.orgId, t.rep.userId);
      const rotated = fake.issued.slice(issuedBefore).filter((token) => token.startsWith("1//"));
      expect(rotated).toHaveLength(1);
      const after = (await connectionRow(t.orgId, t.rep.userId))!;
      expect(after.refresh_token_sealed).not.toBe(before.refresh_token_sealed);
      // The next refresh goes out with the rotated token, which Google still honours.
      await expireAccessToken(t.rep);
      const token = await googleAccessToken(t.orgId, t.rep.userId);
      expect(fake.isValid(token)).toBe(true);
      expect(fake.tokenRequests.at(-1)).toMatchObject({ grant_type: "refresh_token" });
      expect(fake.isValid(rotated[0]!)).toBe(false);
    } finally {
      fake.rotateRefreshTokens = false;
    }
  });

  it("a 401 from an API call gets one forced refresh and a retry with the new token", async () => {
    const seen: string[] = [];
    const result = await withGoogleToken(t.orgId, t.rep.userId, async (token) => {
      seen.push(token);
      if (seen.length === 1) throw Object.assign(new Error("Unauthorized"), { response: { status: 401 } });
      return "ok";
    });
    expect(result).toBe("ok");
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]);
  });

  it("a grant revoked at Google puts the connection in needs re-auth and tells its user, in their language", async () => {
    fake.revokeAll("100000000000000000042");
    await expireAccessToken(t.rep);
    await expect(googleAccessToken(t.orgId, t.rep.userId)).rejects.toMatchObject({ status: "needs_reauth" });
    const problem = { kind: "grant_revoked", params: {} };
    expect((await connectionRow(t.orgId, t.rep.userId))!).toMatchObject({
      status: "needs_reauth",
      last_errors: [problem],
    });
    // Needs re-auth: later calls fail fast, without asking Google again.
    const calls = fake.refreshCalls;
    await expect(googleAccessToken(t.orgId, t.rep.userId)).rejects.toMatchObject({ status: "needs_reauth" });
    expect(fake.refreshCalls).toBe(calls);
    await settled();

    // Only the user whose account it is hears of it; the organization's admins do not.
    const notices = await withService(
      async (tx) =>
        (
          await tx.query<Row>(
            "select user_id, kind, params from public.notifications where org_id = $1 and kind = 'integration_failing'",
            [t.orgId],
          )
        ).rows,
    );
    expect(notices).toEqual([
      {
        user_id: t.rep.userId,
        kind: "integration_failing",
        params: { provider: "google", status: "needs_reauth", problem },
      },
    ]);
    try {
      for (const locale of ["en", "de", "he"] as const) {
        await t.rep.browser.patch("/api/v1/preferences", { interface: { language: locale } });
        const list = await t.rep.browser.get("/api/v1/notifications?category=integrations&limit=1");
        const notification = list.body.notifications[0];
        const texts = translatorFor(locale, "notificationTexts");
        expect(notification.message).toBe(renderIntegrationProblem(problem as never, texts));
        expect(notification.title).toContain("Google");
        expect(notification.title).not.toMatch(/notificationTexts\.|needs_reauth/);
      }
    } finally {
      await t.rep.browser.patch("/api/v1/preferences", { interface: { language: "en" } });
    }
    const overview = await t.rep.browser.get("/api/v1/integrations/google");
    expect(overview.body.connection).toMatchObject({ status: "needs_reauth", lastErrors: [problem] });

    // Reconnecting restores it.
    fake.account = { sub: "100000000000000000042", email: "grace.hopper@northwind-mail.test" };
    expect(await connectGoogle(t.rep, "gmail,calendar")).toEqual({ google: "connected" });
    expect((await connectionRow(t.orgId, t.rep.userId))!).toMatchObject({ status: "connected", last_errors: [] });
  });
});

describe("who sees a connection", () => {
  it("nobody but its user reads it: not an admin of the same organization, not another organization", async () => {
    const outsider = await signUpPerson({ prefix: "outsider" });
    const rows = async (person: Person, orgId: string) =>
      withRls(
        { sub: person.userId, role: "authenticated" },
        async (tx) =>
          (await tx.query<Row>("select id, user_id from public.google_connections where org_id = $1", [orgId])).rows,
      );
    expect((await rows(t.rep, t.orgId)).map((r) => r.user_id)).toEqual([t.rep.userId]);
    expect((await rows(t.admin, t.orgId)).map((r) => r.user_id)).toEqual([t.admin.userId]);
    expect(await rows(t.owner, t.orgId)).toHaveLength(1);
    expect(await rows(outsider, t.orgId)).toEqual([]);
    expect(
      await withRls({ sub: t.admin.userId, role: "authenticated" }, (tx) =>
        getGoogleConnection(tx, t.orgId, t.rep.userId),
      ),
    ).toBeNull();
    // Nor switch its parts, nor read its tokens.
    const changed = await withRls({ sub: t.admin.userId, role: "authenticated" }, (tx) =>
      tx.query("update public.google_connections set gmail_enabled = false where user_id = $1", [t.rep.userId]),
    );
    expect(changed.rowCount).toBe(0);
    await expect(
      withRls({ sub: t.rep.userId, role: "authenticated" }, (tx) =>
        tx.query("select refresh_token_sealed from public.google_connections"),
      ),
    ).rejects.toThrow(/permission denied/);
    const outsiderView = await outsider.browser.get("/api/v1/integrations/google");
    expect(outsiderView.body.connection).toBeNull();
  });
});

describe("disconnecting", () => {
  it("revokes the grant at Google, deletes the tokens and turns every part off", async () => {
    const row = (await connectionRow(t.orgId, t.rep.userId))!;
    expect(row.status).toBe("connected");
    const token = await googleAccessToken(t.orgId, t.rep.userId);
    const response = await t.rep.browser.delete("/api/v1/integrations/google");
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ disconnected: true, warnings: [] });
    expect(fake.isValid(token)).toBe(false);
    expect((await connectionRow(t.orgId, t.rep.userId))!).toMatchObject({
      status: "disconnected",
      access_token_sealed: null,
      refresh_token_sealed: null,
      scopes: [],
      gmail_enabled: false,
      calendar_enabled: false,
    });
    expect(await auditOf(t.rep, "integration.disconnected")).toEqual([{ provider: "google" }]);
    expect((await t.rep.browser.delete("/api/v1/integrations/google")).status).toBe(404);
    expect((await t.rep.browser.patch("/api/v1/integrations/google", { gmail: true })).status).toBe(404);
  });

  it("disconnects even when Google already forgot the grant", async () => {
    fake.account = { sub: "100000000000000000099", email: "dorothy.vaughan@northwind-mail.test" };
    expect(await connectGoogle(t.manager, "gmail")).toEqual({ google: "connected" });
    fake.revokeAll("100000000000000000099");
    const response = await t.manager.browser.delete("/api/v1/integrations/google");
    expect(response.body).toEqual({ disconnected: true, warnings: [] });
    expect((await connectionRow(t.orgId, t.manager.userId))!.status).toBe("disconnected");
  });
});
