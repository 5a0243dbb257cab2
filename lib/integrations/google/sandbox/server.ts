/**
 * Kiln's own stand-in for Google, served under /api/sandbox/google when this installation has
 * no Google OAuth client and sandbox tools are on (./../config.ts points googleEndpoints() and
 * googleApiRoot() here then). The connect flow and the syncs run their usual code against it
 * over real HTTP: the consent screen approves at once as the signed-in Kiln user, and the
 * account's mail and calendar are ./dataset.ts. Nothing here calls out: sending mail is
 * answered and dropped.
 */
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { calendar_v3 } from "@googleapis/calendar";
import { sessionFromRequest } from "@/lib/auth/session";
import { googleRedirectUri, googleSandboxActive } from "../config";
import { storedGoogleGrant } from "../connection";
import { sandboxCalendar, sandboxMailbox } from "./dataset";
import {
  answerCalendarList,
  answerGmailRead,
  calendarError,
  CALENDAR_READ_SCOPES,
  CALENDAR_WRITE_SCOPES,
  gmailError,
  pkceMatches,
  type GoogleAnswer,
} from "./protocol";
import {
  issueSandboxToken,
  openSandboxToken,
  SANDBOX_CLIENT_ID,
  sandboxClientSecret,
  sandboxSubOf,
  type SandboxGrant,
} from "./tokens";

const HEADERS = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

const reply = ({ status, body }: GoogleAnswer) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { ...HEADERS, "content-type": "application/json; charset=UTF-8" },
  });
const oauthError = (status: number, error: string, description?: string) =>
  reply({ status, body: { error, ...(description ? { error_description: description } : {}) } });

const GMAIL_READ = "https://www.googleapis.com/auth/gmail.readonly";
const GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The consent screen, approved at once as the signed-in Kiln user; answers only to Kiln's own callback. */
async function authorize(request: Request, query: URLSearchParams): Promise<Response> {
  // Never an open redirect: the only place this screen sends anyone is this installation's callback.
  if (query.get("client_id") !== SANDBOX_CLIENT_ID || query.get("redirect_uri") !== googleRedirectUri())
    return oauthError(400, "invalid_request", "Unknown client or redirect_uri.");
  const back = new URL(googleRedirectUri());
  back.searchParams.set("state", query.get("state") ?? "");
  const session = await sessionFromRequest(request);
  const challenge = query.get("code_challenge");
  if (query.get("response_type") !== "code" || query.get("code_challenge_method") !== "S256" || !challenge)
    return oauthError(400, "invalid_request", "PKCE S256 is required.");
  if (!session?.org) back.searchParams.set("error", "access_denied");
  else {
    const org = session.org.orgId;
    const user = session.user.id;
    const sub = sandboxSubOf(user);
    let scopes = (query.get("scope") ?? "").split(" ").filter(Boolean);
    let anchor = Date.now();
    // Incremental authorization: Google adds to the account's earlier grant, which the sandbox
    // reads back from the refresh token Kiln holds (the sandbox keeps no grants of its own).
    const previous = await storedGoogleGrant(org, user);
    const earlier = previous?.refreshToken ? openSandboxToken("refresh", previous.refreshToken) : null;
    if (earlier?.sub === sub && earlier.org === org) {
      anchor = earlier.anchor;
      if (query.get("include_granted_scopes") === "true") scopes = [...new Set([...earlier.scopes, ...scopes])];
    }
    const code = issueSandboxToken("code", {
      org,
      user,
      sub,
      email: session.user.email.toLowerCase(),
      scopes,
      anchor,
      challenge,
      redirectUri: googleRedirectUri(),
    });
    back.searchParams.set("code", code);
    back.searchParams.set("scope", scopes.join(" "));
  }
  return new Response(null, { status: 302, headers: { ...HEADERS, location: back.toString() } });
}

async function formOf(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  return Object.fromEntries(new URLSearchParams(text));
}

const grantOf = ({ org, user, sub, email, scopes, anchor }: SandboxGrant): SandboxGrant => ({
  org,
  user,
  sub,
  email,
  scopes,
  anchor,
});

async function token(request: Request): Promise<Response> {
  const form = await formOf(request);
  const basic = request.headers.get("authorization")?.startsWith("Basic ")
    ? Buffer.from(request.headers.get("authorization")!.slice(6), "base64").toString().split(":")
    : null;
  const [clientId, clientSecret] = basic ?? [form.client_id, form.client_secret];
  if (clientId !== SANDBOX_CLIENT_ID || !sameSecret(clientSecret ?? "", sandboxClientSecret()))
    return oauthError(401, "invalid_client");

  if (form.grant_type === "authorization_code") {
    const code = openSandboxToken("code", form.code ?? "");
    if (!code) return oauthError(400, "invalid_grant", "Malformed auth code.");
    if (!pkceMatches(form.code_verifier ?? "", code.challenge))
      return oauthError(400, "invalid_grant", "code_verifier mismatch");
    if (form.redirect_uri !== code.redirectUri) return oauthError(400, "redirect_uri_mismatch");
    const grant = grantOf(code);
    return reply({
      status: 200,
      body: {
        access_token: issueSandboxToken("access", grant),
        expires_in: 3599,
        refresh_token: issueSandboxToken("refresh", grant),
        scope: grant.scopes.join(" "),
        token_type: "Bearer",
      },
    });
  }
  if (form.grant_type === "refresh_token") {
    const grant = openSandboxToken("refresh", form.refresh_token ?? "");
    if (!grant) return oauthError(400, "invalid_grant", "Token has been expired or revoked.");
    return reply({
      status: 200,
      body: {
        access_token: issueSandboxToken("access", grantOf(grant)),
        expires_in: 3599,
        scope: grant.scopes.join(" "),
        token_type: "Bearer",
      },
    });
  }
  return oauthError(400, "unsupported_grant_type");
}

const bearerOf = (request: Request) => (request.headers.get("authorization") ?? "").replace(/^Bearer /, "");

async function tokenInfo(request: Request, query: URLSearchParams): Promise<Response> {
  const form = request.method === "POST" ? await formOf(request) : {};
  const grant = openSandboxToken("access", bearerOf(request) || query.get("access_token") || form.access_token || "");
  if (!grant) return oauthError(400, "invalid_token", "Invalid Value");
  return reply({
    status: 200,
    body: {
      aud: SANDBOX_CLIENT_ID,
      azp: SANDBOX_CLIENT_ID,
      sub: grant.sub,
      email: grant.email,
      email_verified: "true",
      scope: grant.scopes.join(" "),
      expires_in: 3500,
      access_type: "offline",
    },
  });
}

async function revoke(request: Request, query: URLSearchParams): Promise<Response> {
  const form = await formOf(request);
  const value = query.get("token") ?? form.token ?? "";
  // Stateless, so nothing to end here: Kiln forgets the tokens itself once this answers.
  const known = openSandboxToken("refresh", value) ?? openSandboxToken("access", value);
  return known ? reply({ status: 200, body: {} }) : oauthError(400, "invalid_token", "Token expired or revoked");
}

async function gmailApi(request: Request, path: string, query: URLSearchParams): Promise<Response> {
  const grant = openSandboxToken("access", bearerOf(request));
  if (!grant) return reply(gmailError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."));
  if (request.method === "POST" && path === "/messages/send") {
    if (!grant.scopes.includes(GMAIL_SEND))
      return reply(gmailError(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes."));
    const body = (await request.json().catch(() => null)) as { raw?: unknown; threadId?: unknown } | null;
    if (typeof body?.raw !== "string" || !body.raw)
      return reply(gmailError(400, "INVALID_ARGUMENT", "Invalid value for ByteString."));
    // Accepted and dropped: a sandbox never delivers mail.
    const id = createHash("sha256").update(grant.sub).update(body.raw).digest("hex").slice(0, 16);
    const threadId = typeof body.threadId === "string" && body.threadId ? body.threadId : id;
    return reply({ status: 200, body: { id, threadId, labelIds: ["SENT"] } });
  }
  if (request.method !== "GET") return reply(gmailError(405, "METHOD_NOT_ALLOWED", "Not served by the sandbox."));
  if (!grant.scopes.includes(GMAIL_READ))
    return reply(gmailError(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes."));
  const answer = answerGmailRead(await sandboxMailbox(grant), grant.email, path, query, 100);
  return reply(answer ?? gmailError(404, "NOT_FOUND", "Not served by the sandbox."));
}

async function calendarApi(request: Request, query: URLSearchParams): Promise<Response> {
  const grant = openSandboxToken("access", bearerOf(request));
  if (!grant) return reply(calendarError(401, "authError", "Request had invalid authentication credentials."));
  if (!CALENDAR_READ_SCOPES.some((scope) => grant.scopes.includes(scope)))
    return reply(calendarError(403, "insufficientPermissions", "Request had insufficient authentication scopes."));
  const events = await sandboxCalendar(grant);
  return reply(
    answerCalendarList(
      { sub: grant.sub, email: grant.email, events, seq: events.length, epoch: 0 },
      Object.fromEntries(query),
      { pageSize: 250 },
    ),
  );
}

/**
 * Kiln writing a meeting into the calendar (insert, patch, update, delete): answered as Google
 * would and dropped, since the sandbox calendar is made from the leads, not stored.
 */
async function calendarWrite(request: Request, id: string | null): Promise<Response> {
  const grant = openSandboxToken("access", bearerOf(request));
  if (!grant) return reply(calendarError(401, "authError", "Request had invalid authentication credentials."));
  if (!CALENDAR_WRITE_SCOPES.some((scope) => grant.scopes.includes(scope)))
    return reply(calendarError(403, "insufficientPermissions", "Request had insufficient authentication scopes."));
  if (request.method === "DELETE" && id) return new Response(null, { status: 204, headers: HEADERS });
  const body = (await request.json().catch(() => null)) as calendar_v3.Schema$Event | null;
  if (!body || typeof body !== "object") return reply(calendarError(400, "parseError", "Parse Error"));
  const eventId = id ?? body.id ?? randomBytes(13).toString("hex");
  if (!/^[a-v0-9]{5,1024}$/.test(eventId)) return reply(calendarError(400, "invalid", "Invalid resource id value."));
  const self = { email: grant.email, self: true };
  const now = new Date().toISOString();
  return reply({
    status: 200,
    body: {
      kind: "calendar#event",
      status: "confirmed",
      ...body,
      id: eventId,
      organizer: self,
      creator: self,
      created: now,
      updated: now,
      htmlLink: `https://calendar.kiln-sandbox.test/event?eid=${eventId}`,
    },
  });
}

/** One request to the sandbox Google; `path` is what follows /api/sandbox/google. */
export async function answerSandboxGoogle(request: Request, path: readonly string[]): Promise<Response> {
  // Outside sandbox mode this Google does not exist, and its tokens open nothing.
  if (!googleSandboxActive()) return reply({ status: 404, body: { error: "not_found" } });
  const url = new URL(request.url);
  const at = `/${path.join("/")}`;
  const { method } = request;
  if (method === "GET" && at === "/o/oauth2/v2/auth") return authorize(request, url.searchParams);
  if (method === "POST" && at === "/token") return token(request);
  if (method === "POST" && at === "/revoke") return revoke(request, url.searchParams);
  if (at === "/tokeninfo") return tokenInfo(request, url.searchParams);
  if (method === "GET" && (at === "/oauth2/v3/userinfo" || at === "/oauth2/v2/userinfo")) {
    const grant = openSandboxToken("access", bearerOf(request));
    return grant
      ? reply({ status: 200, body: { sub: grant.sub, email: grant.email, email_verified: true } })
      : oauthError(401, "invalid_token");
  }
  const gmail = /^\/gmail\/v1\/users\/me(\/.*)$/.exec(at);
  if (gmail) return gmailApi(request, gmail[1]!, url.searchParams);
  if (method === "GET" && at === "/calendar/v3/calendars/primary/events") return calendarApi(request, url.searchParams);
  if (method === "POST" && at === "/calendar/v3/calendars/primary/events") return calendarWrite(request, null);
  const event = /^\/calendar\/v3\/calendars\/primary\/events\/([^/]+)$/.exec(at);
  if (event && ["PATCH", "PUT", "DELETE"].includes(method)) return calendarWrite(request, event[1]!);
  return reply({ status: 404, body: { error: "not_found" } });
}
