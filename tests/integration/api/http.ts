import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { readOutbox, type OutboxEmail } from "@/lib/email/outbox";
import * as passwordResetConfirm from "@/app/api/auth/password-reset/confirm/route";
import * as passwordReset from "@/app/api/auth/password-reset/route";
import * as password from "@/app/api/auth/password/route";
import * as signIn from "@/app/api/auth/sign-in/route";
import * as signOutEverywhere from "@/app/api/auth/sign-out-everywhere/route";
import * as signOut from "@/app/api/auth/sign-out/route";
import * as signUp from "@/app/api/auth/sign-up/route";
import * as health from "@/app/api/health/route";
import * as me from "@/app/api/me/route";
import * as auditLog from "@/app/api/v1/audit-log/route";
import * as agent from "@/app/api/v1/agents/[id]/route";
import * as agentTest from "@/app/api/v1/agents/[id]/test/route";
import * as agents from "@/app/api/v1/agents/route";
import * as agentTemplates from "@/app/api/v1/agents/templates/route";
import * as approval from "@/app/api/v1/approvals/[id]/route";
import * as approvalApprove from "@/app/api/v1/approvals/[id]/approve/route";
import * as approvalFeedback from "@/app/api/v1/approvals/[id]/feedback/route";
import * as approvalReject from "@/app/api/v1/approvals/[id]/reject/route";
import * as approvals from "@/app/api/v1/approvals/route";
import * as approvalsBulkApprove from "@/app/api/v1/approvals/bulk-approve/route";
import * as approvalsCount from "@/app/api/v1/approvals/count/route";
import * as approvalsSettings from "@/app/api/v1/approvals/settings/route";
import * as conversationReturnToAi from "@/app/api/v1/conversations/[id]/return-to-ai/route";
import * as conversationSuggest from "@/app/api/v1/conversations/[id]/suggest/route";
import * as conversationTakeover from "@/app/api/v1/conversations/[id]/takeover/route";
import * as leadBantSuggestionAccept from "@/app/api/v1/leads/[id]/bant-suggestions/[suggestionId]/accept/route";
import * as leadBantSuggestionDismiss from "@/app/api/v1/leads/[id]/bant-suggestions/[suggestionId]/dismiss/route";
import * as leadBantSuggestions from "@/app/api/v1/leads/[id]/bant-suggestions/route";
import * as channelSimulate from "@/app/api/v1/channels/[id]/simulate/route";
import * as channel from "@/app/api/v1/channels/[id]/route";
import * as channels from "@/app/api/v1/channels/route";
import * as platformNumberAllocations from "@/app/api/v1/platform/number-allocations/route";
import * as conversationMessages from "@/app/api/v1/conversations/[id]/messages/route";
import * as conversationRead from "@/app/api/v1/conversations/[id]/read/route";
import * as conversation from "@/app/api/v1/conversations/[id]/route";
import * as conversations from "@/app/api/v1/conversations/route";
import * as conversationsUnread from "@/app/api/v1/conversations/unread-count/route";
import * as jobFailureRetry from "@/app/api/v1/job-failures/[id]/retry/route";
import * as jobFailures from "@/app/api/v1/job-failures/route";
import * as messageRetry from "@/app/api/v1/messages/[id]/retry/route";
import * as twilioMessaging from "@/app/api/webhooks/twilio/messaging/route";
import * as twilioStatus from "@/app/api/webhooks/twilio/status/route";
import * as whatsapp from "@/app/api/webhooks/whatsapp/route";
import * as calendlyWebhook from "@/app/api/webhooks/calendly/route";
import * as calendlyOAuthStart from "@/app/api/oauth/calendly/start/route";
import * as calendlyOAuthCallback from "@/app/api/oauth/calendly/callback/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as integrationCalendly from "@/app/api/v1/integrations/calendly/route";
import * as integrationCalendlySimulate from "@/app/api/v1/integrations/calendly/simulate/route";
import * as meetings from "@/app/api/v1/meetings/route";
import * as meeting from "@/app/api/v1/meetings/[id]/route";
import * as meetingSimulate from "@/app/api/v1/meetings/[id]/simulate/route";
import * as meetingHeld from "@/app/api/v1/meetings/[id]/held/route";
import * as invitation from "@/app/api/v1/invitations/[id]/route";
import * as invitationAccept from "@/app/api/v1/invitations/accept/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as leadBant from "@/app/api/v1/leads/[id]/bant/route";
import * as leadEvents from "@/app/api/v1/leads/[id]/events/route";
import * as leadHeat from "@/app/api/v1/leads/[id]/heat/route";
import * as leadNotes from "@/app/api/v1/leads/[id]/notes/route";
import * as leadRestore from "@/app/api/v1/leads/[id]/restore/route";
import * as lead from "@/app/api/v1/leads/[id]/route";
import * as leadsBulk from "@/app/api/v1/leads/bulk/route";
import * as leadsCounts from "@/app/api/v1/leads/counts/route";
import * as leadsExport from "@/app/api/v1/leads/export/route";
import * as leadsImportPreview from "@/app/api/v1/leads/import/preview/route";
import * as leadsImport from "@/app/api/v1/leads/import/route";
import * as leads from "@/app/api/v1/leads/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as members from "@/app/api/v1/members/route";
import * as notificationRead from "@/app/api/v1/notifications/[id]/read/route";
import * as notificationsReadAll from "@/app/api/v1/notifications/read-all/route";
import * as notifications from "@/app/api/v1/notifications/route";
import * as notificationsUnread from "@/app/api/v1/notifications/unread-count/route";
import * as notificationSettings from "@/app/api/v1/notification-settings/route";
import * as pushSubscribe from "@/app/api/v1/push/subscribe/route";
import * as pushTest from "@/app/api/v1/push/test/route";
import * as pushUnsubscribe from "@/app/api/v1/push/unsubscribe/route";
import * as pushVapidKey from "@/app/api/v1/push/vapid-public-key/route";
import * as organization from "@/app/api/v1/organization/route";
import * as organizations from "@/app/api/v1/organizations/route";
import * as profile from "@/app/api/v1/profile/route";
import * as project from "@/app/api/v1/projects/[id]/route";
import * as projects from "@/app/api/v1/projects/route";
import * as sessionOrganization from "@/app/api/v1/session/organization/route";

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

type Handler = (request: Request, context?: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;
type Method = keyof RouteModule;

// Static segments before dynamic ones, as Next matches them.
const ROUTES: [pattern: string, module: RouteModule][] = [
  ["/api/auth/sign-up", signUp],
  ["/api/auth/sign-in", signIn],
  ["/api/auth/sign-out", signOut],
  ["/api/auth/sign-out-everywhere", signOutEverywhere],
  ["/api/auth/password", password],
  ["/api/auth/password-reset", passwordReset],
  ["/api/auth/password-reset/confirm", passwordResetConfirm],
  ["/api/health", health],
  ["/api/me", me],
  ["/api/v1/session/organization", sessionOrganization],
  ["/api/v1/organization", organization],
  ["/api/v1/organizations", organizations],
  ["/api/v1/members", members],
  ["/api/v1/members/[userId]", member],
  ["/api/v1/invitations", invitations],
  ["/api/v1/invitations/accept", invitationAccept],
  ["/api/v1/invitations/[id]", invitation],
  ["/api/v1/projects", projects],
  ["/api/v1/projects/[id]", project],
  ["/api/v1/audit-log", auditLog],
  ["/api/v1/profile", profile],
  ["/api/v1/leads", leads],
  ["/api/v1/leads/counts", leadsCounts],
  ["/api/v1/leads/bulk", leadsBulk],
  ["/api/v1/leads/export", leadsExport],
  ["/api/v1/leads/import", leadsImport],
  ["/api/v1/leads/import/preview", leadsImportPreview],
  ["/api/v1/leads/[id]", lead],
  ["/api/v1/leads/[id]/bant", leadBant],
  ["/api/v1/leads/[id]/heat", leadHeat],
  ["/api/v1/leads/[id]/notes", leadNotes],
  ["/api/v1/leads/[id]/events", leadEvents],
  ["/api/v1/leads/[id]/restore", leadRestore],
  ["/api/v1/channels", channels],
  ["/api/v1/channels/[id]", channel],
  ["/api/v1/channels/[id]/simulate", channelSimulate],
  ["/api/v1/platform/number-allocations", platformNumberAllocations],
  ["/api/v1/conversations", conversations],
  ["/api/v1/conversations/unread-count", conversationsUnread],
  ["/api/v1/conversations/[id]", conversation],
  ["/api/v1/conversations/[id]/read", conversationRead],
  ["/api/v1/conversations/[id]/messages", conversationMessages],
  ["/api/v1/messages/[id]/retry", messageRetry],
  ["/api/v1/agents", agents],
  ["/api/v1/agents/templates", agentTemplates],
  ["/api/v1/agents/[id]", agent],
  ["/api/v1/agents/[id]/test", agentTest],
  ["/api/v1/approvals", approvals],
  ["/api/v1/approvals/count", approvalsCount],
  ["/api/v1/approvals/settings", approvalsSettings],
  ["/api/v1/approvals/bulk-approve", approvalsBulkApprove],
  ["/api/v1/approvals/[id]", approval],
  ["/api/v1/approvals/[id]/approve", approvalApprove],
  ["/api/v1/approvals/[id]/reject", approvalReject],
  ["/api/v1/approvals/[id]/feedback", approvalFeedback],
  ["/api/v1/conversations/[id]/takeover", conversationTakeover],
  ["/api/v1/conversations/[id]/return-to-ai", conversationReturnToAi],
  ["/api/v1/conversations/[id]/suggest", conversationSuggest],
  ["/api/v1/leads/[id]/bant-suggestions", leadBantSuggestions],
  ["/api/v1/leads/[id]/bant-suggestions/[suggestionId]/accept", leadBantSuggestionAccept],
  ["/api/v1/leads/[id]/bant-suggestions/[suggestionId]/dismiss", leadBantSuggestionDismiss],
  ["/api/v1/job-failures", jobFailures],
  ["/api/v1/job-failures/[id]/retry", jobFailureRetry],
  ["/api/v1/notifications", notifications],
  ["/api/v1/notifications/unread-count", notificationsUnread],
  ["/api/v1/notifications/read-all", notificationsReadAll],
  ["/api/v1/notifications/[id]/read", notificationRead],
  ["/api/v1/notification-settings", notificationSettings],
  ["/api/v1/push/vapid-public-key", pushVapidKey],
  ["/api/v1/push/subscribe", pushSubscribe],
  ["/api/v1/push/unsubscribe", pushUnsubscribe],
  ["/api/v1/push/test", pushTest],
  ["/api/webhooks/twilio/messaging", twilioMessaging],
  ["/api/webhooks/twilio/status", twilioStatus],
  ["/api/webhooks/whatsapp", whatsapp],
  ["/api/webhooks/calendly", calendlyWebhook],
  ["/api/oauth/calendly/start", calendlyOAuthStart],
  ["/api/oauth/calendly/callback", calendlyOAuthCallback],
  ["/api/v1/integrations", integrations],
  ["/api/v1/integrations/calendly", integrationCalendly],
  ["/api/v1/integrations/calendly/simulate", integrationCalendlySimulate],
  ["/api/v1/meetings", meetings],
  ["/api/v1/meetings/[id]", meeting],
  ["/api/v1/meetings/[id]/simulate", meetingSimulate],
  ["/api/v1/meetings/[id]/held", meetingHeld],
];

/** The params of `pathname` under `pattern` ("/api/v1/leads/[id]"), or null when it does not match. */
function matchPattern(pattern: string, pathname: string): Record<string, string> | null {
  const segments = pathname.split("/").filter(Boolean);
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  const matches = parts.every((part, i) => {
    const dynamic = /^\[(\w+)\]$/.exec(part);
    if (dynamic) {
      params[dynamic[1]!] = decodeURIComponent(segments[i]!);
      return true;
    }
    return part === segments[i];
  });
  return matches ? params : null;
}

const API_ROOT = path.resolve(__dirname, "../../../app/api");

/**
 * Every route.ts under app/api with its URL pattern, static segments before dynamic ones
 * (as Next matches them). Routes missing from ROUTES are dispatched through this table, so
 * a new route file is reachable from tests without editing the list above.
 */
export function apiRouteFiles(): { pattern: string; file: string }[] {
  const files = readdirSync(API_ROOT, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "route.ts");
  const routes = files.map((f) => ({ pattern: `/api/${path.dirname(f).split(path.sep).join("/")}`, file: path.join(API_ROOT, f) }));
  const order = (pattern: string) => pattern.split("/").map((part) => (part.startsWith("[") ? `~${part}` : part)).join("/");
  return routes.sort((a, b) => (order(a.pattern) < order(b.pattern) ? -1 : 1));
}

export async function resolveRoute(pathname: string): Promise<{ module: RouteModule; params: Record<string, string> }> {
  for (const [pattern, module] of ROUTES) {
    const params = matchPattern(pattern, pathname);
    if (params) return { module, params };
  }
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

  async request<T = Json>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(path, APP_ORIGIN);
    const { module, params } = await resolveRoute(url.pathname);
    const handler = module[method];
    if (!handler) throw new Error(`${url.pathname} has no ${method} handler`);

    const headers = new Headers(options.headers);
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    const multipart = payload instanceof FormData && options.contentType === undefined; // Request sets the boundary
    if (payload !== undefined && options.contentType !== null && !multipart) headers.set("content-type", options.contentType ?? "application/json");
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
    const text = await response.text();
    const isJson = /json/.test(response.headers.get("content-type") ?? "json") && !/ndjson/.test(response.headers.get("content-type") ?? "");
    const parsed = text && isJson ? JSON.parse(text) : null;
    return { status: response.status, headers: response.headers, body: parsed as T, text, errors: parsed?.errors };
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
  options: { prefix?: string; email?: string; password?: string; fullName?: string; organizationName?: string; inviteToken?: string } = {},
): Promise<Person> {
  const browser = new Browser();
  const person = {
    email: options.email ?? uniqueEmail(options.prefix),
    password: options.password ?? PASSWORD,
    fullName: options.fullName ?? `${options.prefix ?? "User"} ${randomUUID().slice(0, 4)}`,
  };
  let response = await browser.post("/api/auth/sign-up", {
    ...person,
    ...(options.inviteToken ? { inviteToken: options.inviteToken } : { organizationName: options.organizationName ?? uniqueName("Org") }),
  });
  if (response.status === 202) {
    // Without an invitation the account is created from the link emailed to the address.
    response = await browser.post("/api/auth/sign-up/confirm", { token: await linkToken(person.email, "/sign-up/confirm") });
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
export async function invite(admin: Browser, email: string, role: string): Promise<{ id: string; token: string; link: string }> {
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
