import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Google's OAuth 2 server (authorize, token, revoke, tokeninfo) with
 * Google's rules as far as Kiln depends on them: PKCE S256, single-use codes (a replayed code
 * also revokes what it issued), `include_granted_scopes` adding to the account's earlier grant,
 * granular consent (the user may untick scopes), refresh tokens that may rotate, and revocation
 * of a whole grant by either of its tokens. Everything happens over real HTTP.
 */
export type FakeGoogle = {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in on the consent screen next. */
  account: { sub: string; email: string };
  /** Scopes the user unticks on the consent screen next (granular consent). */
  untick: Set<string>;
  /** "access_denied" on the consent screen next. */
  deny: boolean;
  /** Answer refreshes with a new refresh token (and retire the old one), as Google may. */
  rotateRefreshTokens: boolean;
  refreshDelayMs: number;
  refreshCalls: number;
  /** The token endpoint answers with a redirect to /elsewhere (which records who followed it). */
  redirectTokenRequests: boolean;
  followedRedirects: number;
  /** The consent screens shown: the authorization URL's query. */
  authorizations: Record<string, string>[];
  tokenRequests: Record<string, string>[];
  /** Every token string handed out (to look for them in the database). */
  issued: string[];
  revokedRequests: string[];
  /** Ends every grant of the account as if the user removed Kiln at myaccount.google.com. */
  revokeAll: (sub: string) => void;
  /** Whether this token (access or refresh) is currently honoured. */
  isValid: (token: string) => boolean;
  /** The live grant behind a bearer access token (for the API stand-ins), or null. */
  grantOf: (accessToken: string) => { sub: string; email: string; scopes: ReadonlySet<string> } | null;
  /** More of Google on the same origin (fake-calendar.ts): a handler answers and returns true, or passes. */
  apis: ((req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>)[];
  close: () => Promise<void>;
};

type Grant = {
  sub: string;
  email: string;
  scopes: Set<string>;
  refresh: Set<string>;
  access: Set<string>;
  live: boolean;
};

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

export async function startFakeGoogle(): Promise<FakeGoogle> {
  // One grant per account and client, as at Google: a later authorization adds to it.
  const grants = new Map<string, Grant>();
  const codes = new Map<
    string,
    { challenge: string; redirectUri: string; sub: string; scopes: string[]; used: boolean; issued: string[] }
  >();
  const byToken = new Map<string, Grant>();

  const fake: Omit<FakeGoogle, "url" | "close"> = {
    clientId: "fake-google-client.apps.example.test",
    clientSecret: "fake-google-secret",
    account: { sub: "100000000000000000001", email: "ada.lovelace@northwind-mail.test" },
    untick: new Set(),
    deny: false,
    rotateRefreshTokens: false,
    refreshDelayMs: 0,
    refreshCalls: 0,
    redirectTokenRequests: false,
    followedRedirects: 0,
    authorizations: [],
    tokenRequests: [],
    issued: [],
    revokedRequests: [],
    revokeAll: (sub) => {
      const grant = grants.get(sub);
      if (grant) grant.live = false;
      grants.delete(sub);
    },
    isValid: (token) => {
      const grant = byToken.get(token);
      return Boolean(grant?.live && (grant.access.has(token) || grant.refresh.has(token)));
    },
    grantOf: (token) => {
      const grant = byToken.get(token);
      return grant?.live && grant.access.has(token) ? grant : null;
    },
    apis: [],
  };

  const newToken = (grant: Grant, kind: "access" | "refresh") => {
    const token = `${kind === "access" ? "ya29" : "1//"}fake-${randomBytes(16).toString("hex")}`;
    grant[kind].add(token);
    byToken.set(token, grant);
    fake.issued.push(token);
    return token;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake-google");
    for (const api of fake.apis) if (await api(req, res, url)) return;
    const body = req.method === "POST" ? await read(req) : "";
    const form = Object.fromEntries(new URLSearchParams(body));

    if (req.method === "GET" && url.pathname === "/o/oauth2/v2/auth") {
      const query = Object.fromEntries(url.searchParams);
      fake.authorizations.push(query);
      const back = new URL(query.redirect_uri!);
      back.searchParams.set("state", query.state ?? "");
      if (fake.deny) {
        back.searchParams.set("error", "access_denied");
      } else {
        if (query.client_id !== fake.clientId || query.code_challenge_method !== "S256" || !query.code_challenge)
          return json(res, 400, { error: "invalid_request" });
        const scopes = (query.scope ?? "").split(" ").filter((s) => s && !fake.untick.has(s));
        const code = `4/fake-${randomBytes(12).toString("hex")}`;
        codes.set(code, {
          challenge: query.code_challenge,
          redirectUri: query.redirect_uri!,
          sub: fake.account.sub,
          scopes,
          used: false,
          issued: [],
        });
        back.searchParams.set("code", code);
        back.searchParams.set("scope", scopes.join(" "));
      }
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }

    if (url.pathname === "/elsewhere") {
      fake.followedRedirects += 1;
      return json(res, 200, { access_token: "ya29.stolen", expires_in: 3599, token_type: "Bearer" });
    }
    if (req.method === "POST" && url.pathname === "/token" && fake.redirectTokenRequests) {
      res.writeHead(307, { location: "/elsewhere" });
      return res.end();
    }

    if (req.method === "POST" && url.pathname === "/token") {
      fake.tokenRequests.push({ ...form, client_secret: form.client_secret ? "(sent)" : "" });
      const basic = req.headers.authorization?.startsWith("Basic ")
        ? Buffer.from(req.headers.authorization.slice(6), "base64").toString().split(":")
        : null;
      const [clientId, clientSecret] = basic ?? [form.client_id, form.client_secret];
      if (clientId !== fake.clientId || clientSecret !== fake.clientSecret)
        return json(res, 401, { error: "invalid_client" });

      if (form.grant_type === "authorization_code") {
        const code = codes.get(form.code ?? "");
        if (!code) return json(res, 400, { error: "invalid_grant", error_description: "Malformed auth code." });
        if (code.used) {
          // RFC 6749 §4.1.2: a code used twice revokes what it issued.
          for (const token of code.issued) byToken.get(token)?.access.delete(token);
          return json(res, 400, { error: "invalid_grant", error_description: "Bad Request" });
        }
        code.used = true;
        const verifier = form.code_verifier ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== code.challenge)
          return json(res, 400, { error: "invalid_grant", error_description: "code_verifier mismatch" });
        if (form.redirect_uri !== code.redirectUri) return json(res, 400, { error: "redirect_uri_mismatch" });
        let grant = grants.get(code.sub);
        if (!grant) {
          grant = {
            sub: code.sub,
            email: fake.account.email,
            scopes: new Set(),
            refresh: new Set(),
            access: new Set(),
            live: true,
          };
          grants.set(code.sub, grant);
        }
        for (const scope of code.scopes) grant.scopes.add(scope);
        const access = newToken(grant, "access");
        const refresh = newToken(grant, "refresh");
        code.issued.push(access, refresh);
        return json(res, 200, {
          access_token: access,
          expires_in: 3599,
          refresh_token: refresh,
          scope: [...grant.scopes].join(" "),
          token_type: "Bearer",
        });
      }

      if (form.grant_type === "refresh_token") {
        fake.refreshCalls += 1;
        if (fake.refreshDelayMs) await new Promise((resolve) => setTimeout(resolve, fake.refreshDelayMs));
        const token = form.refresh_token ?? "";
        const grant = byToken.get(token);
        if (!grant?.live || !grant.refresh.has(token))
          return json(res, 400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
        const answer: Record<string, unknown> = {
          access_token: newToken(grant, "access"),
          expires_in: 3599,
          scope: [...grant.scopes].join(" "),
          token_type: "Bearer",
        };
        if (fake.rotateRefreshTokens) {
          grant.refresh.delete(token);
          answer.refresh_token = newToken(grant, "refresh");
        }
        return json(res, 200, answer);
      }
      return json(res, 400, { error: "unsupported_grant_type" });
    }

    if (req.method === "POST" && url.pathname === "/revoke") {
      const token = url.searchParams.get("token") ?? form.token ?? "";
      fake.revokedRequests.push(token);
      const grant = byToken.get(token);
      if (!grant?.live)
        return json(res, 400, { error: "invalid_token", error_description: "Token expired or revoked" });
      // Either token of a grant ends all of it.
      fake.revokeAll(grant.sub);
      return json(res, 200, {});
    }

    if (req.method === "POST" && url.pathname === "/tokeninfo") {
      const token =
        (req.headers.authorization ?? "").replace(/^Bearer /, "") || url.searchParams.get("access_token") || "";
      const grant = byToken.get(token);
      if (!grant?.live || !grant.access.has(token))
        return json(res, 400, { error: "invalid_token", error_description: "Invalid Value" });
      return json(res, 200, {
        aud: fake.clientId,
        azp: fake.clientId,
        sub: grant.sub,
        email: grant.email,
        email_verified: "true",
        scope: [...grant.scopes].join(" "),
        expires_in: 3500,
        access_type: "offline",
      });
    }

    json(res, 404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
