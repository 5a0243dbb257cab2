/**
 * Google's API rules as far as Kiln depends on them, as pure answers to a request: the Gmail
 * v1 reads (profile, messages.list, messages.get raw, history.list with what was added, deleted,
 * trashed and restored) and Calendar's events.list
 * and writes (insert, patch, update, delete: meetings booked in Kiln) on the primary calendar. Two stand-ins serve them over real HTTP: Kiln's own sandbox Google
 * (./server.ts, for trying Google without credentials) and the test stand-ins
 * (tests/integration/google/fake-*.ts), so both behave as one Google.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { calendar_v3 } from "@googleapis/calendar";

/** An HTTP answer: status and JSON body. */
export type GoogleAnswer = { status: number; body: unknown };

/** Gmail's error body (Google's JSON error envelope with a status word). */
export const gmailError = (code: number, status: string, message: string): GoogleAnswer => ({
  status: code,
  body: { error: { code, message, status, errors: [{ message, reason: status.toLowerCase() }] } },
});

/** Calendar's error body (the older envelope with a reason, which the sync reads: `fullSyncRequired` …). */
export const calendarError = (code: number, reason: string, message: string): GoogleAnswer => ({
  status: code,
  body: { error: { code, message, errors: [{ domain: "global", reason, message }] } },
});

/** PKCE S256 (RFC 7636 §4.6): the verifier hashes to the challenge the authorization was given. */
export const pkceMatches = (verifier: string, challenge: string) =>
  createHash("sha256").update(verifier).digest("base64url") === challenge;

export type GmailStoredMessage = {
  id: string;
  threadId: string;
  raw: Buffer;
  internalDate: number;
  labelIds: string[];
  historyId: number;
  /** Deleted for good: no longer listed or fetched (404), only named in the history. */
  deleted?: boolean;
};

/**
 * A change to a message after it was added, as Gmail's history records it: deleted for good
 * (messagesDeleted), or labels added or removed (moving to the trash adds TRASH, restoring
 * removes it).
 */
export type GmailHistoryChange = { historyId: number; id: string; threadId: string } & (
  { type: "messageDeleted" } | { type: "labelAdded" | "labelRemoved"; labelIds: string[] }
);

export type GmailMailbox = {
  messages: GmailStoredMessage[];
  historyId: number;
  oldestHistoryId: number;
  /** What happened to messages after they were added (none: the mailbox only ever received). */
  changes?: GmailHistoryChange[];
};

const resource = (m: { id: string; threadId: string }) => ({ id: m.id, threadId: m.threadId });

/** The Message-ID header of raw RFC 822, without its angle brackets (what `rfc822msgid:` matches). */
function messageIdOf(raw: Buffer): string | null {
  const end = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, end < 0 ? raw.length : end).toString("latin1");
  return /^message-id:[ \t]*<?([^>\r\n]+?)>?[ \t]*$/im.exec(head)?.[1] ?? null;
}

/** One history record of a change, in the shape history.list answers (`messagesDeleted`, `labelsAdded` …). */
function changeRecord(change: GmailHistoryChange) {
  const message = resource(change);
  if (change.type === "messageDeleted") return { messagesDeleted: [{ message }] };
  const key = change.type === "labelAdded" ? "labelsAdded" : "labelsRemoved";
  return { [key]: [{ message, labelIds: change.labelIds }] };
}

const HISTORY_TYPES = ["messageAdded", "messageDeleted", "labelAdded", "labelRemoved"] as const;

/**
 * A read of `users/me/<path>` (`/profile`, `/messages`, `/messages/<id>`, `/history`), or null
 * when the path is not one of these. `pageSize` caps a page whatever `maxResults` asks.
 */
export function answerGmailRead(
  mailbox: GmailMailbox,
  account: string,
  path: string,
  query: URLSearchParams,
  pageSize: number,
  now = Date.now(),
): GoogleAnswer | null {
  if (path === "/profile")
    return {
      status: 200,
      body: {
        emailAddress: account,
        messagesTotal: mailbox.messages.filter((m) => !m.deleted).length,
        threadsTotal: new Set(mailbox.messages.filter((m) => !m.deleted).map((m) => m.threadId)).size,
        historyId: String(mailbox.historyId),
      },
    };

  if (path === "/messages") {
    // Of Gmail's search, only `newer_than:Nd` (what the sync sends) and `rfc822msgid:` (a send's
    // retry looks for its earlier attempt); other terms match everything. As at Gmail, the trash
    // (and spam) is left out unless includeSpamTrash is asked for.
    const q = query.get("q") ?? "";
    const days = /newer_than:(\d+)d/.exec(q)?.[1];
    const since = days ? now - Number(days) * 86_400_000 : 0;
    const wantedId = /rfc822msgid:(?:<([^>\s]+)>|(\S+))/i.exec(q);
    const rfcId = wantedId ? (wantedId[1] ?? wantedId[2])! : null;
    const withTrash = query.get("includeSpamTrash") === "true";
    const matching = mailbox.messages
      .filter((m) => !m.deleted && m.internalDate >= since)
      .filter((m) => withTrash || !m.labelIds.some((label) => label === "TRASH" || label === "SPAM"))
      .filter((m) => rfcId === null || messageIdOf(m.raw) === rfcId)
      .sort((a, b) => b.internalDate - a.internalDate || b.historyId - a.historyId);
    const size = Math.min(Number(query.get("maxResults") ?? 100), pageSize);
    const start = Number(query.get("pageToken") ?? 0);
    const page = matching.slice(start, start + size);
    return {
      status: 200,
      body: {
        ...(page.length ? { messages: page.map(resource) } : {}),
        ...(start + size < matching.length ? { nextPageToken: String(start + size) } : {}),
        resultSizeEstimate: matching.length,
      },
    };
  }

  const one = /^\/messages\/([^/]+)$/.exec(path);
  if (one) {
    const message = mailbox.messages.find((m) => m.id === one[1] && !m.deleted);
    if (!message) return gmailError(404, "NOT_FOUND", "Requested entity was not found.");
    if (query.get("format") !== "raw") return gmailError(400, "INVALID_ARGUMENT", "Only format=raw here.");
    return {
      status: 200,
      body: {
        ...resource(message),
        labelIds: message.labelIds,
        snippet: "",
        historyId: String(message.historyId),
        internalDate: String(message.internalDate),
        sizeEstimate: message.raw.length,
        raw: message.raw.toString("base64url"),
      },
    };
  }

  if (path === "/history") {
    const start = Number(query.get("startHistoryId"));
    if (!Number.isFinite(start) || start <= 0) return gmailError(400, "INVALID_ARGUMENT", "Invalid startHistoryId.");
    // Gmail keeps about a week of history; an older start is answered 404 (the caller syncs in full).
    if (start < mailbox.oldestHistoryId) return gmailError(404, "NOT_FOUND", "Requested entity was not found.");
    // historyTypes filters the records (none asked: every type); a label filter Kiln does not send.
    const asked = query.getAll("historyTypes");
    const types = new Set<string>(asked.length ? asked : HISTORY_TYPES);
    const records = [
      ...(types.has("messageAdded") ? mailbox.messages : [])
        .filter((m) => m.historyId > start)
        .map((m) => ({
          historyId: m.historyId,
          id: m.id,
          threadId: m.threadId,
          record: { messagesAdded: [{ message: { ...resource(m), labelIds: m.labelIds } }] } as Record<string, unknown>,
        })),
      ...(mailbox.changes ?? [])
        .filter((c) => c.historyId > start && types.has(c.type))
        .map((c) => ({ historyId: c.historyId, id: c.id, threadId: c.threadId, record: changeRecord(c) })),
    ].sort((a, b) => a.historyId - b.historyId);
    const size = Math.min(Number(query.get("maxResults") ?? 100), pageSize);
    const offset = Number(query.get("pageToken") ?? 0);
    const page = records.slice(offset, offset + size);
    return {
      status: 200,
      body: {
        ...(page.length
          ? {
              history: page.map((r) => ({ id: String(r.historyId), messages: [resource(r)], ...r.record })),
            }
          : {}),
        ...(offset + size < records.length ? { nextPageToken: String(offset + size) } : {}),
        historyId: String(mailbox.historyId),
      },
    };
  }
  return null;
}

/** Any of these lets a token read the calendar. */
export const CALENDAR_READ_SCOPES = [
  "https://www.googleapis.com/auth/calendar.readonly",
  "https://www.googleapis.com/auth/calendar.events",
  "https://www.googleapis.com/auth/calendar",
];

/** An event of a calendar with its place in the calendar's change order (what a sync token remembers). */
export type CalendarStoredEvent = { event: calendar_v3.Schema$Event; seq: number };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const decode = <T>(value: string): T | null => {
  try {
    return JSON.parse(Buffer.from(value, "base64url").toString()) as T;
  } catch {
    return null;
  }
};

/**
 * events.list on the primary calendar of `sub`, whose latest change is `seq`: a full listing
 * takes a window and leaves cancelled events out; a listing from a sync token gives only what
 * changed since, cancellations included; pages by pageToken, the last one with a nextSyncToken;
 * a sync token of another account or an earlier `epoch` answers 410.
 */
export function answerCalendarList(
  calendar: { sub: string; email: string; events: Iterable<CalendarStoredEvent>; seq: number; epoch: number },
  query: Record<string, string>,
  options: { pageSize: number; duplicateItems?: boolean },
): GoogleAnswer {
  if (query.syncToken && (query.timeMin || query.timeMax))
    return calendarError(400, "invalid", "Sync token cannot be used with timeMin or timeMax.");

  // A page token carries the listing it continues: where it started and how far it got.
  const page = query.pageToken ? decode<{ offset: number; upTo: number; since: number | null }>(query.pageToken) : null;
  let since: number | null = page?.since ?? null;
  if (!page && query.syncToken) {
    const token = decode<{ sub: string; epoch: number; seq: number }>(query.syncToken);
    if (!token || token.sub !== calendar.sub || token.epoch !== calendar.epoch)
      return calendarError(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
    since = token.seq;
  }
  const upTo = page?.upTo ?? calendar.seq;
  const timeMin = query.timeMin ? Date.parse(query.timeMin) : -Infinity;
  const timeMax = query.timeMax ? Date.parse(query.timeMax) : Infinity;
  const all = [...calendar.events]
    .filter((s) => s.seq <= upTo)
    .filter((s) =>
      since !== null
        ? s.seq > since
        : (s.event.status !== "cancelled" || query.showDeleted === "true") &&
          Date.parse(s.event.start?.dateTime ?? s.event.start?.date ?? "") < timeMax &&
          Date.parse(s.event.end?.dateTime ?? s.event.end?.date ?? "") > timeMin,
    )
    .sort((a, b) => a.seq - b.seq)
    // A cancelled event is delivered as Google does: its id and status, nothing else.
    .map((s) =>
      s.event.status === "cancelled" ? { kind: "calendar#event", id: s.event.id, status: "cancelled" } : s.event,
    );
  const size = Math.min(Number(query.maxResults ?? 250), options.pageSize);
  const offset = page?.offset ?? 0;
  const items = all.slice(offset, offset + size);
  const more = offset + size < all.length;
  return {
    status: 200,
    body: {
      kind: "calendar#events",
      summary: calendar.email,
      items: options.duplicateItems ? items.flatMap((item) => [item, item]) : items,
      ...(more
        ? { nextPageToken: encode({ offset: offset + size, upTo, since }) }
        : { nextSyncToken: encode({ sub: calendar.sub, epoch: calendar.epoch, seq: upTo }) }),
    },
  };
}

/** Any of these lets a token change events (calendar.readonly does not). */
export const CALENDAR_WRITE_SCOPES = [
  "https://www.googleapis.com/auth/calendar.events",
  "https://www.googleapis.com/auth/calendar",
];

/**
 * What a write to the primary calendar does (events.insert: POST without an id; patch, update:
 * PATCH / PUT; delete), or the error Google answers with: a client-chosen id must be base32hex
 * (5–1024 characters) and unused, a deleted event's id included (409); changing an unknown event
 * answers 404, a deleted one 410. The stand-in stores (`store`, answered 200 with the stored
 * event) or cancels (`cancel`, answered 204) itself.
 */
export function answerCalendarWrite(
  events: ReadonlyMap<string, CalendarStoredEvent>,
  request: {
    method: string;
    id: string | null;
    body: calendar_v3.Schema$Event | null;
    /** The calendar's own address: the organizer and creator of what it inserts. */
    email: string;
    /** An id for an insert that names none. */
    newId: () => string;
  },
): { error: GoogleAnswer } | { store: calendar_v3.Schema$Event & { id: string } } | { cancel: string } {
  const { method, id, body } = request;
  if (method === "POST" && !id) {
    const wanted = body?.id;
    if (wanted && (!/^[a-v0-9]+$/.test(wanted) || wanted.length < 5 || wanted.length > 1024))
      return { error: calendarError(400, "invalid", "Invalid resource id value.") };
    if (wanted && events.has(wanted))
      return { error: calendarError(409, "duplicate", "The requested identifier already exists.") };
    const self = { email: request.email, self: true };
    return { store: { ...body, id: wanted ?? request.newId(), organizer: self, creator: self } };
  }
  const known = id ? events.get(id) : undefined;
  if (!id || !known) return { error: calendarError(404, "notFound", "Not Found") };
  if (known.event.status === "cancelled") return { error: calendarError(410, "deleted", "Resource has been deleted") };
  if (method === "DELETE") return { cancel: id };
  if (method === "PATCH") return { store: { ...known.event, ...body, id } };
  if (method === "PUT")
    return { store: { ...body, id, organizer: known.event.organizer, creator: known.event.creator } };
  return { error: calendarError(405, "methodNotAllowed", "Method not allowed") };
}
