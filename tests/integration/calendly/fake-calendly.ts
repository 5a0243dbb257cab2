import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Calendly's OAuth server and the few API endpoints Kiln calls, with
 * Calendly's rules: HTTP Basic client auth, PKCE S256, single-use codes and single-use
 * refresh tokens (a refresh revokes the old pair), bearer tokens on the API.
 */
export type FakeCalendly = {
  url: string;
  clientId: string;
  clientSecret: string;
  /** What the consent screen would do: issue a code for this PKCE challenge. */
  approve: (codeChallenge: string, redirectUri: string) => string;
  refreshCalls: number;
  tokenRequests: { grant_type: string; auth: string | null }[];
  subscriptions: Map<
    string,
    { url: string; signing_key: string; events: string[]; scope: string; organization: string }
  >;
  deletedSubscriptions: string[];
  revoked: string[];
  validAccess: Set<string>;
  validRefresh: Set<string>;
  issuedAccess: string[];
  issuedRefresh: string[];
  /** Lets a test make refreshes slow, to overlap two of them. */
  refreshDelayMs: number;
  /** What GET /event_types lists (active and inactive alike; `active=true` filters as Calendly does). */
  eventTypes: { uri: string; name: string; scheduling_url: string; duration: number; active: boolean }[];
  close: () => Promise<void>;
};

const USER = "https://api.calendly.com/users/FAKEUSER";
const ORG = `https://api.calendly.com/organizations/FAKEORG-${randomBytes(4).toString("hex")}`;

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeCalendly(): Promise<FakeCalendly> {
  const codes = new Map<string, { challenge: string; redirectUri: string; used: boolean }>();
  const fake: Omit<FakeCalendly, "url" | "close"> = {
    clientId: "fake-client-id",
    clientSecret: "fake-client-secret",
    approve: (challenge, redirectUri) => {
      const code = `code-${randomBytes(8).toString("hex")}`;
      codes.set(code, { challenge, redirectUri, used: false });
      return code;
    },
    refreshCalls: 0,
    tokenRequests: [],
    subscriptions: new Map(),
    deletedSubscriptions: [],
    revoked: [],
    validAccess: new Set(),
    validRefresh: new Set(),
    issuedAccess: [],
    issuedRefresh: [],
    refreshDelayMs: 0,
    eventTypes: [],
  };
  const issue = () => {
    const access = `access-${randomBytes(12).toString("hex")}`;
    const refresh = `refresh-${randomBytes(12).toString("hex")}`;
    fake.validAccess.add(access);
    fake.validRefresh.add(refresh);
    fake.issuedAccess.push(access);
    fake.issuedRefresh.push(refresh);
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: "Bearer",
      expires_in: 7200,
      scope: "default",
      created_at: Math.floor(Date.now() / 1000),
      owner: USER,
      organization: ORG,
    };
  };
  const json = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const bearer = (req: IncomingMessage) => (req.headers.authorization ?? "").replace(/^Bearer /, "");

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await read(req);
    if (req.method === "POST" && url.pathname === "/oauth/token") {
      const form = new URLSearchParams(body);
      const auth = req.headers.authorization ?? null;
      fake.tokenRequests.push({ grant_type: form.get("grant_type") ?? "", auth });
      const expected = `Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString("base64")}`;
      if (auth !== expected)
        return json(res, 401, { error: "invalid_client", error_description: "Client authentication failed." });
      if (form.get("grant_type") === "authorization_code") {
        const code = codes.get(form.get("code") ?? "");
        const verifier = form.get("code_verifier") ?? "";
        const challenge = createHash("sha256").update(verifier).digest("base64url");
        if (!code || code.used || code.challenge !== challenge || code.redirectUri !== form.get("redirect_uri")) {
          if (code) code.used = true;
          return json(res, 400, {
            error: "invalid_grant",
            error_description: "The provided authorization grant is invalid.",
          });
        }
        code.used = true;
        return json(res, 200, issue());
      }
      if (form.get("grant_type") === "refresh_token") {
        fake.refreshCalls += 1;
        if (fake.refreshDelayMs) await new Promise((r) => setTimeout(r, fake.refreshDelayMs));
        const token = form.get("refresh_token") ?? "";
        if (!fake.validRefresh.has(token))
          return json(res, 400, { error: "invalid_grant", error_description: "The refresh token is invalid." });
        // Single use: the old pair stops working the moment a new one is issued.
        fake.validRefresh.delete(token);
        return json(res, 200, issue());
      }
      return json(res, 400, { error: "unsupported_grant_type" });
    }
    if (req.method === "POST" && url.pathname === "/oauth/revoke") {
      const form = new URLSearchParams(body);
      if (form.get("client_id") !== fake.clientId || form.get("client_secret") !== fake.clientSecret)
        return json(res, 401, { error: "invalid_client" });
      const token = form.get("token") ?? "";
      fake.revoked.push(token);
      fake.validAccess.delete(token);
      fake.validRefresh.delete(token);
      return json(res, 200, {});
    }
    // The API: every call needs a live access token.
    if (!fake.validAccess.has(bearer(req)))
      return json(res, 401, { title: "Unauthenticated", message: "The access token is invalid" });
    if (req.method === "GET" && url.pathname === "/users/me") {
      return json(res, 200, {
        resource: {
          uri: USER,
          name: "Fake Host",
          email: "host@fake-calendly.test",
          scheduling_url: "https://calendly.com/fake-host",
          current_organization: ORG,
        },
      });
    }
    if (req.method === "GET" && url.pathname === "/event_types") {
      if (url.searchParams.get("organization") !== ORG && url.searchParams.get("user") !== USER)
        return json(res, 403, { title: "Permission Denied" });
      const active = url.searchParams.get("active");
      return json(res, 200, {
        collection: fake.eventTypes.filter((type) => active === null || String(type.active) === active),
        pagination: { next_page: null },
      });
    }
    if (req.method === "POST" && url.pathname === "/webhook_subscriptions") {
      const input = JSON.parse(body);
      for (const existing of fake.subscriptions.values()) {
        if (existing.url === input.url)
          return json(res, 409, { title: "Already Exists", message: "Hook with this url already exists" });
      }
      const uri = `${serverUrl}/webhook_subscriptions/${randomBytes(6).toString("hex")}`;
      fake.subscriptions.set(uri, input);
      return json(res, 201, {
        resource: {
          uri,
          callback_url: input.url,
          scope: input.scope,
          events: input.events,
          organization: input.organization,
          state: "active",
        },
      });
    }
    if (req.method === "GET" && url.pathname === "/webhook_subscriptions") {
      return json(res, 200, {
        collection: [...fake.subscriptions].map(([uri, s]) => ({ uri, callback_url: s.url })),
        pagination: { next_page: null },
      });
    }
    if (req.method === "DELETE" && url.pathname.startsWith("/webhook_subscriptions/")) {
      const uri = `${serverUrl}${url.pathname}`;
      if (!fake.subscriptions.delete(uri)) return json(res, 404, { title: "Resource Not Found" });
      fake.deletedSubscriptions.push(uri);
      return json(res, 204);
    }
    return json(res, 404, { title: "Resource Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url: serverUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as FakeCalendly;
}
