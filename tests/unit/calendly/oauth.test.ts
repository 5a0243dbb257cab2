import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  authorizeUrl,
  CalendlyOAuthError,
  codeChallengeS256,
  createCodeVerifier,
  createPkcePair,
  exchangeCode,
  refreshToken,
  revokeToken,
} from "@/lib/integrations/calendly/oauth";

describe("PKCE", () => {
  it("derives the RFC 7636 appendix B challenge from its verifier", () => {
    expect(codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("creates 43-character base64url verifiers that differ every time", () => {
    const verifiers = Array.from({ length: 50 }, createCodeVerifier);
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(verifiers).size).toBe(50);
  });

  it("pairs a verifier with its S256 challenge", () => {
    const { codeVerifier, codeChallenge } = createPkcePair();
    expect(codeChallenge).toBe(createHash("sha256").update(codeVerifier).digest("base64url"));
    expect(codeChallenge).not.toContain("=");
  });

  it.each([
    ["42 characters", "a".repeat(42)],
    ["129 characters", "a".repeat(129)],
    ["a character outside the unreserved set", `${"a".repeat(42)}+`],
    ["padding", `${"a".repeat(42)}=`],
  ])("refuses a verifier with %s", (_label, verifier) => {
    expect(() => codeChallengeS256(verifier)).toThrow(RangeError);
  });

  it.each([43, 128])("accepts a verifier of %i characters", (length) => {
    expect(codeChallengeS256("~".repeat(length))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("authorizeUrl", () => {
  it("asks Calendly for a code with an S256 challenge and the state", () => {
    const url = new URL(
      authorizeUrl({
        clientId: "client 1",
        redirectUri: "https://kiln.example/api/oauth/calendly/callback",
        state: "st&te",
        codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://auth.calendly.com/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "client 1",
      response_type: "code",
      redirect_uri: "https://kiln.example/api/oauth/calendly/callback",
      state: "st&te",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
  });

  it("can point at another authorization server", () => {
    expect(
      authorizeUrl({
        clientId: "c",
        redirectUri: "http://localhost/cb",
        state: "s",
        codeChallenge: "x",
        authorizeEndpoint: "http://127.0.0.1:9/authorize",
      }),
    ).toMatch(/^http:\/\/127\.0\.0\.1:9\/authorize\?/);
  });
});

/**
 * A local stand-in for auth.calendly.com/oauth/token: checks client authentication and
 * PKCE, answers like Doorkeeper (which Calendly's errors match), rotates refresh tokens
 * (single use), and misbehaves on request.
 */
const CLIENT_ID = "kiln-client";
const CLIENT_SECRET = "kiln-secret:with/odd chars";
const REDIRECT_URI = "http://localhost:3000/api/oauth/calendly/callback";
const OWNER = "https://api.calendly.com/users/U-1";
const ORG = "https://api.calendly.com/organizations/O-1";

type Seen = { method?: string; headers: IncomingMessage["headers"]; form: Record<string, string> };

let server: Server;
let base: string;
let seen: Seen[] = [];
const codes = new Map<string, string>(); // code → code_challenge
const liveRefreshTokens = new Set<string>();
let revoked: string[] = [];

function issue(res: ServerResponse) {
  const refresh = `rt-${randomBytes(8).toString("hex")}`;
  liveRefreshTokens.add(refresh);
  json(res, 200, {
    token_type: "Bearer",
    expires_in: 7200,
    created_at: 1, // Deliberately absurd: expiry must come from our clock, not theirs.
    refresh_token: refresh,
    access_token: `at-${randomBytes(8).toString("hex")}`,
    scope: "default",
    owner: OWNER,
    organization: ORG,
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const invalidGrant = (res: ServerResponse) =>
  json(res, 400, {
    error: "invalid_grant",
    error_description:
      "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
  });

function clientAuthenticated(req: IncomingMessage, form: Record<string, string>): boolean {
  const header = req.headers.authorization;
  if (header?.startsWith("Basic ")) {
    const [user, pass] = Buffer.from(header.slice(6), "base64").toString().split(":").map(decodeURIComponent);
    return user === CLIENT_ID && pass === CLIENT_SECRET;
  }
  return form.client_id === CLIENT_ID && form.client_secret === CLIENT_SECRET;
}

function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
  const form = Object.fromEntries(new URLSearchParams(raw));
  seen.push({ method: req.method, headers: req.headers, form });

  if (req.url === "/oauth/revoke") {
    if (form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET)
      return json(res, 403, { error: "unauthorized_client", error_description: "nope" });
    revoked.push(form.token ?? "");
    return res.writeHead(200).end();
  }
  if (req.url === "/redirect") return res.writeHead(302, { location: "/oauth/token" }).end();
  if (req.url !== "/oauth/token" || req.method !== "POST") return json(res, 404, { error: "not_found" });
  if (req.headers["content-type"] !== "application/x-www-form-urlencoded")
    return json(res, 415, { error: "invalid_request" });
  if (!clientAuthenticated(req, form))
    return json(res, 401, { error: "invalid_client", error_description: "Client authentication failed." });

  const subject = form.code ?? form.refresh_token;
  if (subject === "server-error")
    return res.writeHead(500, { "content-type": "text/html" }).end("<h1>We're sorry</h1>");
  if (subject === "rate-limited") return json(res, 429, { error: "too_many_requests" });
  if (subject === "not-json")
    return res.writeHead(200, { "content-type": "application/json" }).end('{"access_token": ');
  if (subject === "wrong-shape") return json(res, 200, { access_token: "at", token_type: "Bearer" });
  if (subject === "html-400") return res.writeHead(400, { "content-type": "text/html" }).end("<p>bad</p>");
  if (subject === "slow") return void setTimeout(() => issue(res), 500);

  if (form.grant_type === "authorization_code") {
    const challenge = codes.get(form.code ?? "");
    codes.delete(form.code ?? ""); // Codes are single use.
    if (!challenge || form.redirect_uri !== REDIRECT_URI) return invalidGrant(res);
    if (
      createHash("sha256")
        .update(form.code_verifier ?? "")
        .digest("base64url") !== challenge
    )
      return invalidGrant(res);
    return issue(res);
  }
  if (form.grant_type === "refresh_token") {
    if (!liveRefreshTokens.delete(form.refresh_token ?? "")) return invalidGrant(res);
    return issue(res);
  }
  return json(res, 400, { error: "unsupported_grant_type" });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => handle(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  revoked = [];
});

const client = () => ({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenEndpoint: `${base}/oauth/token` });

function authorize(): { code: string; codeVerifier: string } {
  const { codeVerifier, codeChallenge } = createPkcePair();
  const code = randomBytes(16).toString("hex");
  codes.set(code, codeChallenge);
  return { code, codeVerifier };
}

async function failure(promise: Promise<unknown>): Promise<CalendlyOAuthError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CalendlyOAuthError);
  return error as CalendlyOAuthError;
}

describe("exchangeCode (against a local token endpoint)", () => {
  it("exchanges a code and its verifier for tokens, with expiry counted from our clock", async () => {
    const now = new Date("2026-05-04T12:00:00Z");
    const tokens = await exchangeCode({ ...client(), ...authorize(), redirectUri: REDIRECT_URI, now: () => now });
    expect(tokens).toEqual({
      accessToken: expect.stringMatching(/^at-/),
      refreshToken: expect.stringMatching(/^rt-/),
      expiresAt: new Date("2026-05-04T14:00:00Z"),
      scope: "default",
      owner: { userUri: OWNER, organizationUri: ORG },
    });
  });

  it("sends a form with the grant, code, redirect URI and verifier, and the client in HTTP Basic", async () => {
    const grant = authorize();
    await exchangeCode({ ...client(), ...grant, redirectUri: REDIRECT_URI });
    const [request] = seen;
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request?.headers.authorization).toMatch(/^Basic /);
    expect(request?.form).toEqual({
      grant_type: "authorization_code",
      code: grant.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: grant.codeVerifier,
      client_id: CLIENT_ID,
    });
  });

  it("can send the client secret in the form instead", async () => {
    await exchangeCode({ ...client(), ...authorize(), redirectUri: REDIRECT_URI, clientAuth: "client_secret_post" });
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(seen[0]?.form).toMatchObject({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  });

  it("answers a replayed code with invalid_grant and reauthRequired", async () => {
    const grant = authorize();
    await exchangeCode({ ...client(), ...grant, redirectUri: REDIRECT_URI });
    const error = await failure(exchangeCode({ ...client(), ...grant, redirectUri: REDIRECT_URI }));
    expect(error).toMatchObject({ code: "invalid_grant", status: 400, reauthRequired: true, retryable: false });
    expect(error.message).toMatch(/^invalid_grant: The provided authorization grant is invalid/);
  });

  it("answers a verifier that does not match the challenge with invalid_grant", async () => {
    const { code } = authorize();
    const error = await failure(
      exchangeCode({ ...client(), code, codeVerifier: createCodeVerifier(), redirectUri: REDIRECT_URI }),
    );
    expect(error.code).toBe("invalid_grant");
  });

  it("reports wrong client credentials as invalid_client, which no reconnect fixes", async () => {
    const error = await failure(
      exchangeCode({ ...client(), clientSecret: "wrong", ...authorize(), redirectUri: REDIRECT_URI }),
    );
    expect(error).toMatchObject({ code: "invalid_client", status: 401, reauthRequired: false, retryable: false });
  });

  it.each([
    ["a 500 page", "server-error", { code: "server_error", status: 500, retryable: true }],
    ["429", "rate-limited", { code: "rate_limited", status: 429, retryable: true }],
    ["malformed JSON on 200", "not-json", { code: "invalid_response", status: 200, retryable: false }],
    ["a 200 without the token fields", "wrong-shape", { code: "invalid_response", status: 200, retryable: false }],
    ["an HTML 400", "html-400", { code: "invalid_response", status: 400, retryable: false }],
  ])("maps %s to a typed error", async (_label, code, expected) => {
    const error = await failure(
      exchangeCode({ ...client(), code, codeVerifier: createCodeVerifier(), redirectUri: REDIRECT_URI }),
    );
    expect(error).toMatchObject({ ...expected, reauthRequired: false });
  });

  it("gives up after the timeout", async () => {
    const error = await failure(
      exchangeCode({
        ...client(),
        code: "slow",
        codeVerifier: createCodeVerifier(),
        redirectUri: REDIRECT_URI,
        timeoutMs: 100,
      }),
    );
    expect(error).toMatchObject({ code: "timeout", retryable: true });
  });

  it("refuses to follow a redirect from the token endpoint", async () => {
    const error = await failure(
      exchangeCode({ ...client(), tokenEndpoint: `${base}/redirect`, ...authorize(), redirectUri: REDIRECT_URI }),
    );
    expect(error).toMatchObject({ code: "unexpected_redirect", retryable: false });
    expect(seen.filter((request) => request.form.grant_type)).toHaveLength(1);
  });

  it("reports an unreachable endpoint as a retryable network error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      exchangeCode({
        ...client(),
        tokenEndpoint: `http://127.0.0.1:${port}/oauth/token`,
        ...authorize(),
        redirectUri: REDIRECT_URI,
      }),
    );
    expect(error).toMatchObject({ code: "network", retryable: true });
  });

  it("never puts the secret or the code in an error message", async () => {
    const error = await failure(
      exchangeCode({
        ...client(),
        code: "server-error",
        codeVerifier: createCodeVerifier(),
        redirectUri: REDIRECT_URI,
      }),
    );
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(error.message).not.toContain("server-error");
  });
});

describe("refreshToken (against a local token endpoint)", () => {
  it("rotates: each refresh returns a new refresh token and the old one stops working", async () => {
    const first = await exchangeCode({ ...client(), ...authorize(), redirectUri: REDIRECT_URI });
    const second = await refreshToken({ ...client(), refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(seen.at(-1)?.form).toEqual({
      grant_type: "refresh_token",
      refresh_token: first.refreshToken,
      client_id: CLIENT_ID,
    });

    const replay = await failure(refreshToken({ ...client(), refreshToken: first.refreshToken }));
    expect(replay).toMatchObject({ code: "invalid_grant", reauthRequired: true });

    const third = await refreshToken({ ...client(), refreshToken: second.refreshToken });
    expect(third.owner).toEqual({ userUri: OWNER, organizationUri: ORG });
  });

  it("maps a 500 during refresh to a retryable error that keeps the connection", async () => {
    const error = await failure(refreshToken({ ...client(), refreshToken: "server-error" }));
    expect(error).toMatchObject({ code: "server_error", retryable: true, reauthRequired: false });
  });
});

describe("revokeToken (against a local revoke endpoint)", () => {
  it("posts the token with the client credentials", async () => {
    await revokeToken({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      token: "rt-1",
      revokeEndpoint: `${base}/oauth/revoke`,
    });
    expect(revoked).toEqual(["rt-1"]);
  });

  it("throws a typed error when Calendly refuses", async () => {
    const error = await failure(
      revokeToken({
        clientId: CLIENT_ID,
        clientSecret: "wrong",
        token: "rt-1",
        revokeEndpoint: `${base}/oauth/revoke`,
      }),
    );
    expect(error).toMatchObject({ code: "unauthorized_client", status: 403 });
  });
});
