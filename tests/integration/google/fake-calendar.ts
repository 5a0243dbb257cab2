import type { calendar_v3 } from "@googleapis/calendar";
import type { ServerResponse } from "node:http";
import {
  answerCalendarList,
  answerCalendarWrite,
  calendarError,
  CALENDAR_READ_SCOPES,
  CALENDAR_WRITE_SCOPES,
  type CalendarStoredEvent,
} from "@/lib/integrations/google/sandbox/protocol";
import type { FakeGoogle } from "./fake-google";

/**
 * A local stand-in for the Calendar API's events.list on the primary calendar, served by the
 * fake Google (same origin, so GOOGLE_OAUTH_BASE_URL points the official client at it) with
 * Google's rules as far as the sync depends on them: the bearer token must be live and carry a
 * Calendar scope; a full listing takes a window and leaves cancelled events out; a listing from
 * a sync token gives only what changed since, cancellations included as `status: "cancelled"`;
 * pages by pageToken, the last one with a nextSyncToken; an expired sync token answers 410.
 * Writes too (events.insert / patch / update / delete), as Kiln's own meetings need them: a
 * write needs a write scope (calendar.events or calendar; readonly answers 403), a client-chosen
 * id must be base32hex and unused (409 otherwise, a deleted event's id included), a change to a
 * deleted event answers 410 and to an unknown one 404.
 */
export type FakeCalendar = {
  /** Adds or changes an event of the account's primary calendar (a new `updated`, a new change). */
  put: (sub: string, event: calendar_v3.Schema$Event & { id: string }) => calendar_v3.Schema$Event;
  /** Cancels (deletes) an event: a sync token sees it as cancelled. */
  cancel: (sub: string, id: string) => void;
  /** Every sync token issued so far expires: the next incremental listing answers 410. */
  expireSyncTokens: () => void;
  pageSize: number;
  /** Each item is listed twice in its page (a repeated delivery). */
  duplicateItems: boolean;
  /** Every listing answers this late (a sync that takes a while). */
  delayMs: number;
  /** The query of every events.list call, in order. */
  requests: Record<string, string>[];
  /** The event as the calendar holds it now (cancelled ones included), or undefined. */
  get: (sub: string, id: string) => calendar_v3.Schema$Event | undefined;
  /** Every write call (insert, patch, update, delete), in order, with its query and body. */
  writes: { method: string; id: string | null; query: Record<string, string>; body: calendar_v3.Schema$Event | null }[];
  /** The next writes answer this error instead (as many as `times`), e.g. 403 or 503. */
  failWrites: { status: number; reason: string; times: number } | null;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(body));
};
const problem = (res: ServerResponse, code: number, reason: string, message: string) => {
  const answer = calendarError(code, reason, message);
  json(res, answer.status, answer.body);
};

export function attachFakeCalendar(google: FakeGoogle): FakeCalendar {
  const calendars = new Map<string, Map<string, CalendarStoredEvent>>();
  let seq = 0;
  let epoch = 0;
  const calendarOf = (sub: string) => {
    let events = calendars.get(sub);
    if (!events) calendars.set(sub, (events = new Map()));
    return events;
  };
  // Google's `updated` has millisecond precision; two changes in one millisecond still differ here.
  let lastUpdated = 0;
  const nextUpdated = () => new Date((lastUpdated = Math.max(Date.now(), lastUpdated + 1))).toISOString();

  const fake: FakeCalendar = {
    put: (sub, event) => {
      const stored = {
        kind: "calendar#event",
        status: "confirmed",
        htmlLink: `https://calendar.example.test/event?eid=${event.id}`,
        ...event,
        updated: nextUpdated(),
      };
      calendarOf(sub).set(event.id, { event: stored, seq: ++seq });
      return stored;
    },
    cancel: (sub, id) => {
      const known = calendarOf(sub).get(id);
      if (!known) throw new Error(`no event ${id}`);
      known.event = { ...known.event, status: "cancelled", updated: nextUpdated() };
      known.seq = ++seq;
    },
    expireSyncTokens: () => {
      epoch += 1;
    },
    pageSize: 250,
    duplicateItems: false,
    delayMs: 0,
    requests: [],
    get: (sub, id) => calendarOf(sub).get(id)?.event,
    writes: [],
    failWrites: null,
  };

  google.apis.push(async (req, res, url) => {
    const match = /^\/calendar\/v3\/calendars\/primary\/events(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match || req.method === "GET") return false;
    const id = match[1] ? decodeURIComponent(match[1]) : null;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? (JSON.parse(text) as calendar_v3.Schema$Event) : null;
    fake.writes.push({ method: req.method ?? "", id, query: Object.fromEntries(url.searchParams), body });
    const grant = google.grantOf((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (!grant) return (problem(res, 401, "authError", "Request had invalid authentication credentials."), true);
    if (!CALENDAR_WRITE_SCOPES.some((scope) => grant.scopes.has(scope)))
      return (problem(res, 403, "insufficientPermissions", "Request had insufficient authentication scopes."), true);
    if (fake.failWrites && fake.failWrites.times > 0) {
      fake.failWrites.times -= 1;
      const { status, reason } = fake.failWrites;
      return (problem(res, status, reason, `Failed: ${reason}`), true);
    }
    // The write itself follows the rules Kiln's sandbox Google answers with too.
    const outcome = answerCalendarWrite(calendarOf(grant.sub), {
      method: req.method ?? "",
      id,
      body,
      email: grant.email,
      newId: () => `g${Date.now().toString(32)}${(seq + 1).toString(32)}`,
    });
    if ("error" in outcome) return (json(res, outcome.error.status, outcome.error.body), true);
    if ("cancel" in outcome) {
      fake.cancel(grant.sub, outcome.cancel);
      res.writeHead(204);
      res.end();
      return true;
    }
    return (json(res, 200, fake.put(grant.sub, outcome.store)), true);
  });

  google.apis.push(async (req, res, url) => {
    if (req.method !== "GET" || url.pathname !== "/calendar/v3/calendars/primary/events") return false;
    if (fake.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    const query = Object.fromEntries(url.searchParams);
    fake.requests.push(query);
    const grant = google.grantOf((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (!grant) {
      problem(res, 401, "authError", "Request had invalid authentication credentials.");
      return true;
    }
    if (!CALENDAR_READ_SCOPES.some((scope) => grant.scopes.has(scope))) {
      problem(res, 403, "insufficientPermissions", "Request had insufficient authentication scopes.");
      return true;
    }
    // The listing itself follows the rules Kiln's sandbox Google answers with too.
    const answer = answerCalendarList(
      { sub: grant.sub, email: grant.email, events: calendarOf(grant.sub).values(), seq, epoch },
      query,
      { pageSize: fake.pageSize, duplicateItems: fake.duplicateItems },
    );
    json(res, answer.status, answer.body);
    return true;
  });
  return fake;
}
