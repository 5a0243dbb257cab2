import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { readOutbox, type OutboxEmail } from "@/lib/email/outbox";

/**
 * A tiny in-process "browser" for the API: it calls the real route handlers with real
 * Request objects, keeps the cookies they set, and sends them back (with our own Origin,
 * as a browser does on a same-site fetch). Tests read as a person's journey:
 *
 *   const alice = new Browser();
 *   await alice.post("/api/auth/sign-up", { ... });
 *   const me = await alice.get("/api/me");
 */

export const APP_ORIGIN = "http://localhost:3000";

// Response bodies are whatever JSON the handler sent; the tests assert their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

type Handler = (
  request: Request,
  context?: { params?: Promise<Record<string, string | string[]>> },
) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;
type Method = keyof RouteModule;

/** One segment of a route folder: literal, `[id]`, catch-all `[...slug]` or optional catch-all `[[...slug]]`. */
type Segment = { kind: "static"; value: string } | { kind: "dynamic" | "catchAll" | "optionalCatchAll"; name: string };

function segmentOf(part: string): Segment {
  const optional = /^\[\[\.\.\.(\w+)\]\]$/.exec(part);
  if (optional) return { kind: "optionalCatchAll", name: optional[1]! };
  const catchAll = /^\[\.\.\.(\w+)\]$/.exec(part);
  if (catchAll) return { kind: "catchAll", name: catchAll[1]! };
  const dynamic = /^\[(\w+)\]$/.exec(part);
  return dynamic ? { kind: "dynamic", name: dynamic[1]! } : { kind: "static", value: part };
}

type Params = Record<string, string | string[]>;

/**
 * The params of `pathname` under `pattern` ("/api/v1/leads/[id]", "/api/files/[...path]"),
 * or null when it does not match; catch-alls give the rest of the path as an array, as Next does.
 */
export function matchPattern(pattern: string, pathname: string): Params | null {
  const segments = pathname
    .split("/")
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const parts = pattern.split("/").filter(Boolean).map(segmentOf);
  const params: Params = {};
  for (const [i, part] of parts.entries()) {
    if (part.kind === "catchAll" || part.kind === "optionalCatchAll") {
      const rest = segments.slice(i);
      if (!rest.length && part.kind === "catchAll") return null;
      if (rest.length) params[part.name] = rest;
      return i === parts.length - 1 ? params : null;
    }
    const segment = segments[i];
    if (segment === undefined) return null;
    if (part.kind === "static" && part.value !== segment) return null;
    if (part.kind === "dynamic") params[part.name] = segment;
  }
  return parts.length === segments.length ? params : null;
}

const API_ROOT = path.resolve(__dirname, "../../../app/api");

// Next tries, segment by segment, a literal before a [param] before a [...catchAll] before a [[...optional]].
const RANK: Record<Segment["kind"], number> = { static: 0, dynamic: 1, catchAll: 2, optionalCatchAll: 3 };

const literal = (segment: Segment) => (segment.kind === "static" ? segment.value : "");

function comparePatterns(a: string, b: string): number {
  const left = a.split("/").filter(Boolean).map(segmentOf);
  const right = b.split("/").filter(Boolean).map(segmentOf);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const byKind = RANK[left[i]!.kind] - RANK[right[i]!.kind];
    if (byKind) return byKind;
    const [x, y] = [literal(left[i]!), literal(right[i]!)];
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

let routeFiles: { pattern: string; file: string }[] | undefined;

/**
 * Every route.ts under app/api with its URL pattern, in the order Next matches them. This walk
 * is the tests' only route table: a new route file is reachable without editing anything.
 */
export function apiRouteFiles(): { pattern: string; file: string }[] {
  routeFiles ??= readdirSync(API_ROOT, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => ({ pattern: `/api/${path.dirname(f).split(path.sep).join("/")}`, file: path.join(API_ROOT, f) }))
    .sort((a, b) => comparePatterns(a.pattern, b.pattern));
  return routeFiles;
}

export async function resolveRoute(pathname: string): Promise<{ module: RouteModule; params: Params }> {
  for (const { pattern, file } of apiRouteFiles()) {
    const params = matchPattern(pattern, pathname);
    if (params) return { module: (await import(file)) as RouteModule, params };
  }
  throw new Error(`No route handler for ${pathname}`);
}

export type ApiResponse<T = Json> = {
  status: number;
  headers: Headers;
  /** Parsed JSON (problem+json included), or null for an empty body. */
  body: T;
  /** The body as text (CSV, NDJSON, or the JSON before parsing). */
  text: string;
  /** The body as bytes (a PDF). */
  bytes: Buffer;
  /** Problem details' field errors, when there are any. */
  errors: Record<string, string[]> | undefined;
};

export type RequestOptions = {
  /** Sent verbatim instead of JSON.stringify(body): text, bytes, a stream, or FormData (multipart). */
  rawBody?: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | FormData;
  /** Overrides application/json; null sends no content-type. */
  contentType?: string | null;
  /** Overrides our own origin; null sends no Origin header. */
  origin?: string | null;
  headers?: Record<string, string>;
};

/** A made-up public address per browser, so per-address rate limits see each test browser as its own client. */
export const randomAddress = () => `203.0.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

export class Browser {
  private readonly jar = new Map<string, string>();
  /** The client address the server sees (as X-Forwarded-For, which Next.js sets from the socket). */
  readonly address: string;

  constructor(cookies: Record<string, string> = {}, options: { address?: string } = {}) {
    for (const [name, value] of Object.entries(cookies)) this.jar.set(name, value);
    this.address = options.address ?? randomAddress();
  }

  /** The value of one cookie in the jar. */
  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** Sets one cookie the way proxy.ts would (the route handlers here run without it), e.g. kiln-device. */
  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  /** Another browser holding a copy of this one's cookies (e.g. a stolen or kept-back cookie). */
  copy(): Browser {
    return new Browser(Object.fromEntries(this.jar), { address: this.address });
  }

  get<T = Json>(path: string, options?: RequestOptions) {
    return this.request<T>("GET", path, undefined, options);
  }
  post<T = Json>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>("POST", path, body, options);
  }
  put<T = Json>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>("PUT", path, body, options);
  }
  patch<T = Json>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>("PATCH", path, body, options);
  }
  delete<T = Json>(path: string, options?: RequestOptions) {
    return this.request<T>("DELETE", path, undefined, options);
  }

  async request<T = Json>(
    method: Method,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(path, APP_ORIGIN);
    const { module, params } = await resolveRoute(url.pathname);
    const handler = module[method];
    if (!handler) throw new Error(`${url.pathname} has no ${method} handler`);

    const headers = new Headers(options.headers);
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    const multipart = payload instanceof FormData && options.contentType === undefined; // Request sets the boundary
    if (payload !== undefined && options.contentType !== null && !multipart)
      headers.set("content-type", options.contentType ?? "application/json");
    const origin = options.origin === undefined ? APP_ORIGIN : options.origin;
    if (origin !== null && method !== "GET") headers.set("origin", origin);
    if (this.jar.size && !headers.has("cookie")) {
      headers.set("cookie", [...this.jar].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    headers.set("user-agent", "kiln-integration-tests");
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", this.address);

    const init: RequestInit & { duplex?: "half" } = { method, headers, body: payload };
    if (payload instanceof ReadableStream) init.duplex = "half";
    const response = await handler(new Request(url, init), { params: Promise.resolve(params) });
    this.store(response.headers.getSetCookie());
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes); // as response.text(): a leading BOM is dropped
    const isJson =
      /json/.test(response.headers.get("content-type") ?? "json") &&
      !/ndjson/.test(response.headers.get("content-type") ?? "");
    const parsed = text && isJson ? JSON.parse(text) : null;
    return {
      status: response.status,
      headers: response.headers,
      body: parsed as T,
      text,
      bytes,
      errors: parsed?.errors,
    };
  }

  private store(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(";").map((part) => part.trim());
      const separator = pair!.indexOf("=");
      const name = pair!.slice(0, separator);
      const value = pair!.slice(separator + 1);
      const expired = attributes.some((a) => /^max-age=(0|-\d+)$/i.test(a)) || value === "";
      if (expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

// ---------------------------------------------------------------------------------------
// People, built through the API the way a person would.

export const PASSWORD = "correct horse battery";

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID()}@kiln.test`;
export const uniqueName = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

export type Person = {
  browser: Browser;
  email: string;
  password: string;
  userId: string;
  fullName: string;
  /** The organization sign-up created or joined. */
  orgId: string;
};

/** Signs up in a fresh browser, creating a new organization (or joining one with `inviteToken`). */
export async function signUpPerson(
  options: {
    prefix?: string;
    email?: string;
    password?: string;
    fullName?: string;
    organizationName?: string;
    inviteToken?: string;
  } = {},
): Promise<Person> {
  const browser = new Browser();
  const person = {
    email: options.email ?? uniqueEmail(options.prefix),
    password: options.password ?? PASSWORD,
    fullName: options.fullName ?? `${options.prefix ?? "User"} ${randomUUID().slice(0, 4)}`,
  };
  let response = await browser.post("/api/auth/sign-up", {
    ...person,
    ...(options.inviteToken
      ? { inviteToken: options.inviteToken }
      : { organizationName: options.organizationName ?? uniqueName("Org") }),
  });
  if (response.status === 202) {
    // Without an invitation the account is created from the link emailed to the address.
    response = await browser.post("/api/auth/sign-up/confirm", {
      token: await linkToken(person.email, "/sign-up/confirm"),
    });
  }
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { browser, ...person, userId: response.body.userId, orgId: response.body.orgId };
}

/** The newest email the app wrote to the development outbox (no SMTP in tests) for `to`. */
export async function lastEmailTo(to: string): Promise<OutboxEmail | undefined> {
  const address = to.toLowerCase(); // the app stores and writes to addresses in lower case
  return (await readOutbox(50)).find((e) => e.to === address) ?? (await readOutbox(500)).find((e) => e.to === address);
}

/** The token of the newest `/path?token=` link emailed to `to`. */
export async function linkToken(to: string, linkPath: string): Promise<string> {
  const mail = await lastEmailTo(to);
  const link = mail?.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === linkPath);
  expect(link, `an email to ${to} with a ${linkPath} link`).toBeTruthy();
  return new URL(link!).searchParams.get("token")!;
}

/** The token at the end of an invitation link. */
export const tokenFromLink = (link: string) => new URL(link).pathname.split("/").pop()!;

/** `admin` invites a new address with `role`; returns the invitation's id and token. */
export async function invite(
  admin: Browser,
  email: string,
  role: string,
): Promise<{ id: string; token: string; link: string }> {
  const response = await admin.post("/api/v1/invitations", { email, role });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.invitation.id, token: tokenFromLink(response.body.link), link: response.body.link };
}

/** A new person joins the inviter's current organization with `role`, through an invitation link. */
export async function joinAs(admin: Browser, role: string, prefix: string = role): Promise<Person> {
  const email = uniqueEmail(prefix);
  const { token } = await invite(admin, email, role);
  return signUpPerson({ email, prefix, inviteToken: token });
}

/** An owner with a fresh organization, plus an admin, a manager and a rep who joined it. */
export async function team(): Promise<{ orgId: string; owner: Person; admin: Person; manager: Person; rep: Person }> {
  const owner = await signUpPerson({ prefix: "owner" });
  const admin = await joinAs(owner.browser, "admin");
  const manager = await joinAs(owner.browser, "manager");
  const rep = await joinAs(owner.browser, "rep");
  return { orgId: owner.orgId, owner, admin, manager, rep };
}
