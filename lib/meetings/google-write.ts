/**
 * A meeting booked in Kiln, written to its owner's primary Google Calendar with the lead invited:
 * the writing job's work for one public.meeting_google_events row (created by
 * private.request_meeting_google_event when the meeting changed). Each run makes Google match the
 * meeting as it stands now — insert the event, move or change it, delete it once the meeting is
 * canceled — through the official client (@googleapis/calendar, `rootUrl` from googleApiRoot())
 * with the token withGoogleToken hands out (a 401 refreshes once).
 *
 * The event id is Kiln's (chosen with the row), so an insert retried after a lost answer meets
 * 409 and becomes a patch instead of a second event, and the calendar read sync knows the event
 * as Kiln's own (google.ts). One writer at a time per row (a short claim), so two changes in a row
 * never reach Google in the wrong order; a change made during a write is written right after it.
 */
import "server-only";
import { calendar, type calendar_v3 } from "@googleapis/calendar";
import { withService, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { googleApiOptions } from "@/lib/integrations/google/config";
import {
  GoogleConnectionUnavailable,
  googleErrorResponse,
  googleErrorStatus,
  withGoogleToken,
  type GoogleConnectionStatus,
} from "@/lib/integrations/google/connection";
import { partGranted } from "@/lib/integrations/google/parts";
import { logger } from "@/lib/log";
import type { GoogleEventError } from "./schema";

/** What a run needs: the row, the meeting it stands for now, its lead and the owner's connection. */
type Claimed = {
  id: string;
  org_id: string;
  user_id: string;
  google_event_id: string;
  generation: number;
  synced_generation: number;
  lead_id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  timezone: string | null;
  location: string | null;
  join_url: string | null;
  status: string;
  lead_name: string;
  lead_email: string | null;
  connection_status: GoogleConnectionStatus;
  calendar_enabled: boolean;
  scopes: string[];
};

type Outcome = { ok: true; state: "added" | "removed" } | { ok: false; error: GoogleEventError };

/** A failure the user must fix first (or Google no longer has the event): trying again changes nothing. */
const FINAL: ReadonlySet<GoogleEventError> = new Set(["not_connected", "gone"]);
/** A write holds its row this long; a worker that died mid-write gives it up by then. */
const CLAIM_SECONDS = 60;
/** Changes made while Google was being written are written in the same run, this many times at most. */
const MAX_ROUNDS = 3;

/** Google's reasons for a 403 that means "slow down", not "not allowed". */
const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);

/**
 * Makes Google match the meeting. "retry": not done yet (Google failed in a passing way, or
 * another writer holds the row); the failure is on the row already, so the meeting shows it.
 */
export async function writeGoogleEvent(eventId: string): Promise<"done" | "retry"> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const claimed = await withService((tx) => claim(tx, eventId));
    if (claimed === "busy") return "retry";
    if (!claimed) return "done";
    const outcome = await write(claimed);
    const again = await withService((tx) => settle(tx, claimed, outcome));
    if (!outcome.ok) return FINAL.has(outcome.error) ? "done" : "retry";
    if (!again) return "done";
  }
  return "retry";
}

async function claim(tx: Tx, eventId: string): Promise<Claimed | "busy" | null> {
  const { rows } = await tx.query<Claimed>(
    `with claimed as (
       update public.meeting_google_events e
          set claimed_until = now() + make_interval(secs => $2), attempts = e.attempts + 1
        where e.id = $1 and e.synced_generation < e.generation
          and (e.claimed_until is null or e.claimed_until < now())
       returning e.*
     )
     select c.id, c.org_id, c.user_id, c.google_event_id, c.generation, c.synced_generation,
            m.lead_id, m.title, m.starts_at, m.ends_at, m.timezone, m.location, m.join_url, m.status,
            l.name as lead_name, l.email as lead_email,
            g.status as connection_status, g.calendar_enabled, g.scopes
       from claimed c
       join public.meetings m on m.id = c.meeting_id
       join public.leads l on l.id = m.lead_id
       join public.google_connections g on g.id = c.connection_id`,
    [eventId, CLAIM_SECONDS],
  );
  if (rows[0]) return rows[0];
  const { rows: due } = await tx.query<{ due: boolean }>(
    "select synced_generation < generation as due from public.meeting_google_events where id = $1",
    [eventId],
  );
  return due[0]?.due ? "busy" : null;
}

/** Records how the write went and frees the row; true when another change is waiting. */
async function settle(tx: Tx, c: Claimed, outcome: Outcome): Promise<boolean> {
  if (!outcome.ok) {
    await tx.query(
      "update public.meeting_google_events set state = 'failed', error_kind = $2, claimed_until = null where id = $1",
      [c.id, outcome.error],
    );
    return false;
  }
  const { rows } = await tx.query<{ again: boolean }>(
    `update public.meeting_google_events
        set synced_generation = $2, synced_at = now(), claimed_until = null, error_kind = null,
            state = case when generation > $2 then 'pending' else $3 end
      where id = $1
      returning generation > $2 as again`,
    [c.id, c.generation, outcome.state],
  );
  return rows[0]?.again ?? false;
}

const leadUrl = (c: Claimed) => `${env().APP_URL.replace(/\/+$/, "")}/leads/${c.lead_id}`;

/**
 * What the event says. Untitled meetings take the lead's name (a name reads the same in every
 * language); the description carries the join link and the way back to the lead in Kiln.
 * Attendees are set on insert only: people the owner invited in Google stay invited.
 */
function details(c: Claimed): calendar_v3.Schema$Event {
  const zone = c.timezone ?? undefined;
  return {
    summary: c.title || c.lead_name,
    description: [c.join_url, leadUrl(c)].filter(Boolean).join("\n"),
    location: c.location ?? c.join_url ?? null,
    start: { dateTime: new Date(c.starts_at).toISOString(), timeZone: zone },
    end: { dateTime: new Date(c.ends_at).toISOString(), timeZone: zone },
    source: { title: "Kiln", url: leadUrl(c) },
  };
}

async function write(c: Claimed): Promise<Outcome> {
  if (c.connection_status === "disconnected" || !c.calendar_enabled || !partGranted("calendar", c.scopes))
    return { ok: false, error: "not_connected" };
  const canceled = c.status === "canceled";
  try {
    await withGoogleToken(c.org_id, c.user_id, async (token) => {
      // A client per call: its auth is one user's token.
      const api = calendar({ version: "v3", ...googleApiOptions(token) });
      const target = { calendarId: "primary", eventId: c.google_event_id, sendUpdates: "all" };
      if (canceled) {
        try {
          await api.events.delete(target);
        } catch (error) {
          // Already gone at Google (deleted there, or never made): what canceling wanted.
          if (![404, 410].includes(googleErrorStatus(error) ?? 0)) throw error;
        }
        return;
      }
      if (c.synced_generation === 0) {
        try {
          await api.events.insert({
            calendarId: "primary",
            sendUpdates: "all",
            requestBody: {
              ...details(c),
              id: c.google_event_id,
              attendees: c.lead_email ? [{ email: c.lead_email, displayName: c.lead_name }] : [],
              extendedProperties: { private: { kilnMeetingEvent: c.id } },
            },
          });
          return;
        } catch (error) {
          // Our id exists already: an earlier insert went through but its answer was lost.
          if (googleErrorStatus(error) !== 409) throw error;
        }
      }
      await api.events.patch({ ...target, requestBody: details(c) });
    });
    return { ok: true, state: canceled ? "removed" : "added" };
  } catch (error) {
    // "Gone" speaks of an event Kiln had made; a 404 to an insert is no such thing.
    const inserting = !canceled && c.synced_generation === 0;
    const kind = inserting && googleErrorStatus(error) === 404 ? "unexpected" : googleWriteErrorOf(error);
    logger.warn(
      {
        // Our own bug keeps its stack; an HTTP error is not logged whole: its request config holds the token.
        err: kind === "unexpected" && googleErrorResponse(error) === null ? error : undefined,
        orgId: c.org_id,
        eventId: c.id,
        kind,
        httpStatus: googleErrorStatus(error),
      },
      "google calendar write failed",
    );
    return { ok: false, error: kind };
  }
}

/** An exception → the kind the meeting shows. What Google said goes to the log only. */
export function googleWriteErrorOf(error: unknown): GoogleEventError {
  if (error instanceof GoogleConnectionUnavailable)
    return error.status === "needs_reauth"
      ? "needs_reauth"
      : error.status === "error"
        ? "unavailable"
        : "not_connected";
  const status = googleErrorStatus(error);
  if (status === null) {
    // No answer at all: a timeout, a refused connection, DNS.
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === "string" && /^E[A-Z]+/.test(code) ? "unavailable" : "unexpected";
  }
  if (status === 401) return "needs_reauth";
  const data = googleErrorResponse(error)?.data as { error?: { errors?: { reason?: unknown }[] } } | undefined;
  const reason = data?.error?.errors?.[0]?.reason;
  if (status === 429 || (status === 403 && typeof reason === "string" && RATE_LIMIT_REASONS.has(reason)))
    return "rate_limited";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "gone";
  if (status >= 500) return "unavailable";
  return "unexpected";
}

/** The sweep: events due for a write that nobody is writing, whose first attempt was lost. */
export async function staleGoogleEventWrites(tx: Tx): Promise<{ orgId: string; eventId: string }[]> {
  const { rows } = await tx.query<{ org_id: string; id: string }>(
    `select org_id, id from public.meeting_google_events
      where synced_generation < generation and state = 'pending' and updated_at < now() - interval '2 minutes'
        and (claimed_until is null or claimed_until < now())
      order by updated_at limit 200`,
  );
  return rows.map((r) => ({ orgId: r.org_id, eventId: r.id }));
}
