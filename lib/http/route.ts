import "server-only";
import { randomUUID } from "node:crypto";
import { z, type ZodType } from "zod";
import { apiKeySession, authenticateApiKey, bearerToken, type ApiKeyCaller } from "@/lib/auth/api-keys";
import { scopeCovers, type ApiScope } from "@/lib/auth/api-scopes";
import { sessionFromRequest, type Membership, type Session } from "@/lib/auth/session";
import { hasRole, type Role } from "@/lib/auth/roles";
import { withRls, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { currentReader } from "@/lib/i18n/reader";
import { requestLogger, type Logger } from "@/lib/log";
import { readJson } from "./body";
import { CLIENT_CLOSED_REQUEST, isClientAbort } from "./client-abort";
import {
  forbidden,
  fromDatabaseError,
  HttpError,
  invalid,
  notFound,
  tooManyRequests,
  unauthorized,
  type FieldErrors,
} from "./errors";
import { idempotencyKey, withIdempotency } from "./idempotency";
import { requestLocale } from "./locale";
import { problemResponse, problemTexts } from "./problem";
import { clientAddress, consumeMetered, defineLimit, type LimitStatus } from "./rate-limit";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "./schemas";
import { recordServerError, type ServerErrorRecord } from "./server-errors";
import { localizeIssues, VALIDATION_PARSE } from "./validation";

type Auth = "required" | "none";

type Options = {
  /** "required" (default): a signed-in user; "none": public (sign-in, health, webhooks). */
  auth?: Auth;
  /** The handler works in the user's current organization: 403 when they belong to none. */
  org?: true;
  /** Minimum role in the current organization (implies `org`). Checked here for a clear 403; RLS decides in the end. */
  role?: Role;
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  /**
   * The API key scope that lets a key call this handler (`"leads:read"`). Without one, a
   * request with an API key is refused (403): settings, members, billing and the keys
   * themselves are for people only.
   */
  scope?: ApiScope;
  /** For the OpenAPI document (lib/http/openapi.ts); the schemas above describe the input. */
  openapi?: OpenApiMeta;
};

export type OpenApiMeta = {
  summary?: string;
  description?: string;
  /** The success response's JSON body. */
  response?: ZodType;
  /** The success status, when it is not 200 (201 for a create). */
  status?: number;
  /** A request body that is not JSON (a file upload, CSV). */
  bodyType?: string;
  /** A response that is not JSON (a PDF, CSV, an event stream). */
  responseType?: string;
};

/** What route() leaves on the handler it makes, for the OpenAPI document. */
export type RouteMeta = {
  auth: Auth;
  role?: Role;
  org?: boolean;
  scope?: ApiScope;
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  openapi?: OpenApiMeta;
};

type Parsed<S> = S extends ZodType<infer T> ? T : undefined;
type Public<O> = O extends { auth: "none" } ? true : false;
type WithOrg<O> = O extends { role: Role } ? true : O extends { org: true } ? true : false;

/** Runs `fn` in one transaction as the signed-in user (withRls with the session's claims). */
export type RlsRunner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export type RouteContext<O extends Options> = {
  request: Request;
  session: Public<O> extends true ? Session | null : Session;
  user: Public<O> extends true ? Session["user"] | null : Session["user"];
  /** The current organization; always present when the route declared `org` or `role`. */
  org: WithOrg<O> extends true ? Membership : Membership | null;
  rls: RlsRunner;
  body: Parsed<O["body"]>;
  query: Parsed<O["query"]>;
  params: Parsed<O["params"]>;
  log: Logger;
  requestId: string;
  /** The caller's language: their preference, else the picker's cookie, else Accept-Language. */
  locale: () => Promise<Locale>;
};

/** The session's current organization: 401 signed out, 403 in none. */
function requireOrg(session: Session | null): Membership {
  if (!session) throw unauthorized();
  if (!session.org) throw forbidden("noOrganization");
  return session.org;
}

/** The RLS runner of a request: as its user, or a 401 for a public route called signed out. */
function rlsRunner(session: Session | null): RlsRunner {
  return (fn) => {
    if (!session) throw unauthorized();
    return withRls(session.claims, fn);
  };
}

/** A ZodError's messages per field, rendered with `t` (English unless a caller's translator is given). */
export function fieldErrors(error: z.ZodError, t = problemTexts("en").validation): FieldErrors {
  return localizeIssues(error.issues, t).errors;
}

/** Parses route input; a failure is a 422 whose field errors are rendered in the caller's language. */
function parse<T>(schema: ZodType<T>, value: unknown): T {
  const unstorable = findUnstorableText(value);
  if (unstorable) throw invalid({ [unstorable]: [UNSTORABLE_TEXT_MESSAGE] });
  const result = schema.safeParse(value, VALIDATION_PARSE);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/** The query string as an object; a key given twice is a clear 400 rather than a silent pick. */
function queryObject(request: Request): Record<string, string> {
  const query: Record<string, string> = Object.create(null);
  for (const [key, value] of new URL(request.url).searchParams) {
    if (Object.hasOwn(query, key))
      throw new HttpError(
        400,
        "Bad request",
        { key: "queryParameterTwice", values: { key } },
        {
          errors: { [key]: ["parameterTwice"] },
        },
      );
    query[key] = value;
  }
  return query;
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Where our own pages are served from: APP_URL, and when that is a loopback address its
 * other spellings (a developer opening 127.0.0.1 for localhost). Never taken from the
 * request: Host, X-Forwarded-Host and the URL Next builds from them are whatever the client
 * or a proxy says.
 */
function ownOrigins(): Set<string> {
  const app = new URL(env().APP_URL);
  const origins = new Set([app.origin]);
  if (LOOPBACK_HOSTS.includes(app.hostname)) {
    for (const host of LOOPBACK_HOSTS) origins.add(`${app.protocol}//${host}${app.port ? `:${app.port}` : ""}`);
  }
  return origins;
}

/**
 * Cookie-authenticated state changes must come from our own pages. Browsers always send
 * Origin on such requests; a request with cookies and a foreign or missing Origin is refused.
 */
function checkSameOrigin(request: Request): void {
  if (!STATE_CHANGING.has(request.method) || !request.headers.get("cookie")) return;
  const origin = request.headers.get("origin");
  if (!origin || !ownOrigins().has(origin)) throw forbidden("crossSite");
}

/**
 * The caller's language (see requestLocale), with their own preference when signed in. Read
 * only when needed: a problem to write, or a handler that asks (an email to the caller).
 */
async function callerLocale(request: Request, known: Session | null | undefined): Promise<Locale> {
  // An API client says what it reads in Accept-Language; its principal has no preference.
  if (known?.apiKey || (known === undefined && bearerToken(request) !== null)) return requestLocale(request, null);
  const session = known === undefined ? await sessionFromRequest(request).catch(() => null) : known;
  const preference = session
    ? await withRls(session.claims, currentReader).then(
        (reader) => (isLocale(reader.locale) ? reader.locale : null),
        () => null,
      )
    : null;
  return requestLocale(request, preference);
}

/** A 500 for the platform admins' error log (lib/http/server-errors.ts): who, where, and the request id the client got. */
function serverError(
  request: Request,
  requestId: string,
  session: Session | null | undefined,
  status: number,
  error: unknown,
): ServerErrorRecord {
  return {
    requestId,
    orgId: session?.org?.orgId ?? null,
    userId: session?.user.id ?? null,
    method: request.method,
    path: new URL(request.url).pathname,
    status,
    error,
  };
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  return Response.json(data, init);
}

/** The public API's limits: per key, and per organization (its plan). */
const API_KEY_LIMIT = (max: number) =>
  defineLimit({ scope: "api:key", windowSeconds: 60, max, message: "apiRateLimited" });
const API_ORG_LIMIT = (max: number) =>
  defineLimit({ scope: "api:org", windowSeconds: 60, max, message: "apiRateLimited" });

/**
 * The RateLimit-Policy and RateLimit fields of the IETF httpapi rate-limit headers draft
 * (structured fields: `"key";q=100;w=60`, `"key";r=42;t=18`), one item per limit.
 */
function rateLimitHeaders(statuses: LimitStatus[], names: string[]): Record<string, string> {
  return {
    "RateLimit-Policy": statuses.map((s, i) => `"${names[i]}";q=${s.limit.max};w=${s.limit.windowSeconds}`).join(", "),
    RateLimit: statuses.map((s, i) => `"${names[i]}";r=${s.remaining};t=${s.resetSeconds}`).join(", "),
  };
}

/**
 * An API key request up to its handler: the key (401 unknown, revoked, expired), the route's
 * scope (403), the key's and the organization's rate limits (429 with Retry-After).
 * Answers the session to run the handler with and the rate-limit headers for the response.
 */
async function keyRequest(
  request: Request,
  token: string,
  scope: ApiScope | undefined,
): Promise<{ session: Session; caller: ApiKeyCaller; headers: Record<string, string> }> {
  const caller = await authenticateApiKey(token, clientAddress(request));
  const session = apiKeySession(caller);
  if (!scope) throw forbidden("apiKeyNotAllowed");
  if (!scopeCovers(caller.scopes, scope)) throw forbidden({ key: "apiKeyScopeMissing", values: { scope } });
  const metered = await consumeMetered([
    { limit: API_KEY_LIMIT(caller.keyLimitPerMinute), key: caller.keyId },
    { limit: API_ORG_LIMIT(caller.orgLimitPerMinute), key: caller.orgId },
  ]);
  const headers = rateLimitHeaders(metered.statuses, ["key", "organization"]);
  if (!metered.allowed) {
    const error = tooManyRequests(metered.retryAfterSeconds, "apiRateLimited");
    Object.assign(error.extra, { headers: { ...error.extra.headers, ...headers } });
    throw error;
  }
  return { session, caller, headers };
}

/**
 * The one wrapper for route handlers: request id and logger, same-origin check,
 * authentication (a session cookie, or an API key as `Authorization: Bearer`), organization
 * and role check, the API key's scope and rate limits, zod parsing of params, query and
 * body, Idempotency-Key replays for keys, and errors as application/problem+json. The
 * handler gets the session, its user, the current organization and `rls(fn)`, which runs
 * `fn` as that user under row-level security. A handler returns a Response or a value sent
 * as JSON.
 */
export function route<const O extends Options>(
  options: O,
  handler: (ctx: RouteContext<O>) => Promise<Response | unknown>,
) {
  type Ctx = RouteContext<O>;
  const auth = options.auth ?? "required";
  const wrapped = async (
    request: Request,
    context?: { params?: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const log = requestLogger(requestId);
    // Kept outside the try: a problem is written in the language of whoever is signed in.
    let session: Session | null | undefined;
    let extraHeaders: Record<string, string> = {};

    const failure = async (error: unknown): Promise<Response> => {
      if (!(error instanceof HttpError) && isClientAbort(request, error)) {
        log.debug({ err: error, path: new URL(request.url).pathname }, "client closed the request");
        return new Response(null, { status: CLIENT_CLOSED_REQUEST, headers: { "x-request-id": requestId } });
      }
      const httpError = error instanceof HttpError ? error : fromDatabaseError(error);
      if (httpError) {
        if (httpError.status >= 500) {
          log.error({ err: error }, "request failed");
          await recordServerError(serverError(request, requestId, session, httpError.status, error));
        } else log.info({ status: httpError.status, path: new URL(request.url).pathname }, httpError.title);
        return problemResponse(httpError, requestId, problemTexts(await callerLocale(request, session)));
      }
      log.error({ err: error, path: new URL(request.url).pathname }, "unhandled error");
      await recordServerError(serverError(request, requestId, session, 500, error));
      return problemResponse(
        new HttpError(500, "Internal server error", "internalError"),
        requestId,
        problemTexts(await callerLocale(request, session)),
      );
    };

    /** Everything after authentication, as one response (stored whole for an idempotent replay). */
    const respond = async (): Promise<Response> => {
      try {
        // An id that cannot exist is simply not found.
        const params = options.params?.safeParse((await context?.params) ?? {});
        if (params && !params.success) throw notFound();
        const query = options.query ? parse(options.query, queryObject(request)) : undefined;
        if (session === undefined) session = await sessionFromRequest(request);
        if (auth === "required" && !session) throw unauthorized();
        if (options.role) {
          const org = requireOrg(session);
          if (!hasRole(org.role, options.role)) throw forbidden({ key: "roleNeeded", values: { role: options.role } });
        }
        const body = options.body ? parse(options.body, await readJson(request)) : undefined;
        // After the body, as the handlers checked it before this option existed: a bad body is 422 first.
        if (options.org) requireOrg(session);
        const result = await handler({
          request,
          session: session as Ctx["session"],
          user: (session?.user ?? null) as Ctx["user"],
          org: (session?.org ?? null) as Ctx["org"],
          rls: rlsRunner(session),
          body: body as Ctx["body"],
          query: query as Ctx["query"],
          params: params?.data as Ctx["params"],
          log,
          requestId,
          locale: () => callerLocale(request, session),
        });
        return result instanceof Response ? result : json(result ?? { ok: true });
      } catch (error) {
        return failure(error);
      }
    };

    let response: Response;
    try {
      // Public routes (sign-in, webhooks) never read a key; other Authorization schemes
      // (a proxy's Basic auth) are not ours and leave the request to its cookies.
      const token = auth === "required" ? bearerToken(request) : null;
      if (token === null) {
        checkSameOrigin(request);
        response = await respond();
      } else {
        // No cookies and no CSRF check: a browser cannot attach this header cross-site.
        const key = await keyRequest(request, token, options.scope);
        session = key.session;
        extraHeaders = key.headers;
        const idempotency = request.method === "POST" ? idempotencyKey(request) : null;
        response = idempotency
          ? await withIdempotency(request, key.caller.keyId, idempotency, respond)
          : await respond();
      }
    } catch (error) {
      response = await failure(error);
    }
    for (const [name, value] of Object.entries(extraHeaders)) response.headers.set(name, value);
    response.headers.set("x-request-id", requestId);
    return response;
  };
  const meta: RouteMeta = {
    auth,
    role: options.role,
    org: options.org || Boolean(options.role),
    scope: options.scope,
    body: options.body,
    query: options.query,
    params: options.params,
    openapi: options.openapi,
  };
  return Object.assign(wrapped, { meta });
}

export const uuidParam = z.uuid("idInvalid");
