import "server-only";
import { z } from "zod";
import { CALENDLY_EVENTS } from "./events";
import { calendlyEndpoints } from "./config";

/**
 * The few Calendly REST API v2 calls Kiln makes, with a bearer token the caller got from
 * lib/integrations/connections.ts. Errors carry the status and never the token.
 */

const TIMEOUT_MS = 10_000;

export class CalendlyApiError extends Error {
  readonly status: number | null;
  /** 401: the token is no longer accepted; only a fresh token (refresh or reconnect) helps. */
  readonly unauthorized: boolean;
  readonly retryable: boolean;

  constructor(message: string, status: number | null, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "CalendlyApiError";
    this.status = status;
    this.unauthorized = status === 401;
    this.retryable = options.retryable ?? (status === null || status === 429 || status >= 500);
  }
}

async function call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const api = calendlyEndpoints().api;
  const url = path.startsWith("http") ? path : `${api}${path}`;
  // Full URLs come from Calendly's own answers (pagination, subscription URIs); the bearer
  // token still goes only to Calendly's API origin, whatever a stored URI says.
  if (new URL(url).origin !== new URL(api).origin) {
    throw new CalendlyApiError(`Refused to send the Calendly token to another origin (${new URL(url).origin}).`, null, {
      retryable: false,
    });
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      // A redirect would carry the bearer token somewhere else.
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    throw new CalendlyApiError(`Could not reach Calendly (${method} ${new URL(url).pathname}).`, null, { cause });
  }
  if (!response.ok && response.status !== 404) {
    const detail = await response
      .json()
      .then((json: { title?: unknown; message?: unknown }) =>
        [json?.title, json?.message].filter((v) => typeof v === "string").join(": "),
      )
      .catch(() => "");
    throw new CalendlyApiError(
      `Calendly answered ${response.status} to ${method} ${new URL(url).pathname}${detail ? ` (${detail.slice(0, 200)})` : ""}.`,
      response.status,
    );
  }
  return response;
}

const userSchema = z.object({
  resource: z.object({
    uri: z.url(),
    name: z.string().nullish(),
    email: z.string().nullish(),
    scheduling_url: z.string().nullish(),
    current_organization: z.url(),
  }),
});

export type CalendlyUser = {
  uri: string;
  name: string | null;
  email: string | null;
  schedulingUrl: string | null;
  organizationUri: string;
};

export async function getCurrentUser(token: string): Promise<CalendlyUser> {
  const response = await call(token, "GET", "/users/me");
  const parsed = userSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    throw new CalendlyApiError("Calendly's /users/me answer lacks required fields.", response.status, {
      retryable: false,
    });
  const r = parsed.data.resource;
  return {
    uri: r.uri,
    name: r.name ?? null,
    email: r.email ?? null,
    schedulingUrl: r.scheduling_url ?? null,
    organizationUri: r.current_organization,
  };
}

const subscriptionSchema = z.object({ uri: z.url(), callback_url: z.string().nullish() });

/** Organization-scope subscription to the four invitee events, signed with `signingKey`. */
export async function createWebhookSubscription(
  token: string,
  input: { url: string; organizationUri: string; signingKey: string },
): Promise<string> {
  const response = await call(token, "POST", "/webhook_subscriptions", {
    url: input.url,
    events: [...CALENDLY_EVENTS],
    organization: input.organizationUri,
    scope: "organization",
    signing_key: input.signingKey,
  });
  const parsed = z.object({ resource: subscriptionSchema }).safeParse(await response.json().catch(() => null));
  if (!parsed.success)
    throw new CalendlyApiError("Calendly's subscription answer lacks its URI.", response.status, { retryable: false });
  return parsed.data.resource.uri;
}

export async function listWebhookSubscriptions(
  token: string,
  organizationUri: string,
): Promise<{ uri: string; callbackUrl: string | null }[]> {
  const out: { uri: string; callbackUrl: string | null }[] = [];
  let next: string | null =
    `/webhook_subscriptions?${new URLSearchParams({ organization: organizationUri, scope: "organization", count: "100" })}`;
  // Calendly pages with next_page URLs; a handful of pages at most for one organization.
  for (let page = 0; next && page < 10; page++) {
    const response = await call(token, "GET", next);
    const parsed = z
      .object({
        collection: z.array(subscriptionSchema),
        pagination: z.object({ next_page: z.string().nullish() }).nullish(),
      })
      .safeParse(await response.json().catch(() => null));
    if (!parsed.success) break;
    out.push(...parsed.data.collection.map((s) => ({ uri: s.uri, callbackUrl: s.callback_url ?? null })));
    next = parsed.data.pagination?.next_page ?? null;
  }
  return out;
}

/** Deleting one that is already gone (404) counts as done. */
export async function deleteWebhookSubscription(token: string, uri: string): Promise<void> {
  await call(token, "DELETE", uri);
}

const eventTypeSchema = z.object({
  uri: z.url(),
  name: z.string().nullish(),
  active: z.boolean().nullish(),
  scheduling_url: z.url(),
  duration: z.number().int().nullish(),
});

/** An event type as Kiln keeps it: where to book it is all a draft needs. */
export type CalendlyEventType = {
  uri: string;
  name: string | null;
  schedulingUrl: string;
  durationMinutes: number | null;
};

/**
 * The active event types of a Calendly organization (GET /event_types?organization=), or of one
 * user when the token's owner may not list the organization's (403): personal, team and
 * organization types alike. An entry without a scheduling URL is of no use to offer and is skipped.
 */
export async function listEventTypes(
  token: string,
  scope: { organizationUri: string; userUri: string | null },
): Promise<CalendlyEventType[]> {
  const first = (param: "organization" | "user", uri: string) =>
    `/event_types?${new URLSearchParams({ [param]: uri, active: "true", count: "100", sort: "name:asc" })}`;
  try {
    return await pagedEventTypes(token, first("organization", scope.organizationUri));
  } catch (error) {
    if (!(error instanceof CalendlyApiError) || error.status !== 403 || !scope.userUri) throw error;
    return pagedEventTypes(token, first("user", scope.userUri));
  }
}

async function pagedEventTypes(token: string, start: string): Promise<CalendlyEventType[]> {
  const out: CalendlyEventType[] = [];
  let next: string | null = start;
  // A few pages at most: an organization with more than 1,000 event types offers none of them by hand.
  for (let page = 0; next && page < 10; page++) {
    const response = await call(token, "GET", next);
    const parsed = z
      .object({ collection: z.array(z.unknown()), pagination: z.object({ next_page: z.string().nullish() }).nullish() })
      .safeParse(await response.json().catch(() => null));
    if (!parsed.success)
      throw new CalendlyApiError("Calendly's /event_types answer lacks its collection.", response.status, {
        retryable: false,
      });
    for (const item of parsed.data.collection) {
      const type = eventTypeSchema.safeParse(item);
      if (!type.success || type.data.active === false) continue;
      out.push({
        uri: type.data.uri,
        name: type.data.name ?? null,
        schedulingUrl: type.data.scheduling_url,
        durationMinutes: type.data.duration ?? null,
      });
    }
    next = parsed.data.pagination?.next_page ?? null;
  }
  return out;
}
