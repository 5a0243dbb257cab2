/**
 * The synced copy of a user's calendar (public.google_calendar_events), once per connection and
 * Google event id: the sync writes it (service role), the user reads their own through RLS.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import type { SyncConnection } from "../jobs";
import type { SyncedEvent } from "./map";

/**
 * Stores the event as Google has it now. Returns false when the stored copy is newer (Google's
 * `updated`), so a late or repeated delivery changes nothing.
 */
export async function saveCalendarEvent(
  tx: Tx,
  c: SyncConnection,
  event: SyncedEvent,
  leadIds: string[],
): Promise<{ stored: boolean; known: boolean }> {
  const { rows } = await tx.query<{ stored: boolean; known: boolean }>(
    `with previous as (
       select id from public.google_calendar_events where connection_id = $3 and google_event_id = $4
     ), saved as (
       insert into public.google_calendar_events as e (org_id, user_id, connection_id, google_event_id, status, summary,
            starts_at, ends_at, all_day, attendee_emails, html_link, lead_ids, google_updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (connection_id, google_event_id) do update set
         status = excluded.status, summary = excluded.summary, starts_at = coalesce(excluded.starts_at, e.starts_at),
         ends_at = coalesce(excluded.ends_at, e.ends_at), all_day = excluded.all_day,
         -- A cancellation arrives without its attendees: keep whom it was with.
         attendee_emails = case when excluded.status = 'cancelled' then e.attendee_emails else excluded.attendee_emails end,
         html_link = coalesce(excluded.html_link, e.html_link),
         lead_ids = case when excluded.status = 'cancelled' then e.lead_ids else excluded.lead_ids end,
         google_updated_at = excluded.google_updated_at
       where e.google_updated_at is null or excluded.google_updated_at is null
          or excluded.google_updated_at >= e.google_updated_at
       returning id
     )
     select exists (select 1 from saved) as stored, exists (select 1 from previous) as known`,
    [
      c.orgId,
      c.userId,
      c.connectionId,
      event.id,
      event.status,
      event.summary,
      event.startsAt,
      event.endsAt,
      event.allDay,
      event.attendeeEmails,
      event.htmlLink,
      leadIds,
      event.updatedAt,
    ],
  );
  return rows[0]!;
}

export type CalendarEventItem = {
  id: string;
  googleEventId: string;
  status: SyncedEvent["status"];
  summary: string;
  startsAt: Date | null;
  endsAt: Date | null;
  allDay: boolean;
  attendeeEmails: string[];
  htmlLink: string | null;
  leadIds: string[];
  updatedAt: Date;
};

/** Through RLS: the signed-in user's synced events overlapping [from, to), optionally with one lead. */
export async function listCalendarEvents(
  tx: Tx,
  orgId: string,
  userId: string,
  query: { from: Date; to: Date; leadId?: string; limit: number },
): Promise<CalendarEventItem[]> {
  const { rows } = await tx.query<CalendarEventItem>(
    `select id, google_event_id as "googleEventId", status, summary, starts_at as "startsAt", ends_at as "endsAt",
            all_day as "allDay", attendee_emails as "attendeeEmails", html_link as "htmlLink", lead_ids as "leadIds",
            updated_at as "updatedAt"
       from public.google_calendar_events
      where org_id = $1 and user_id = $2 and starts_at < $4 and coalesce(ends_at, starts_at) >= $3
        and ($5::uuid is null or lead_ids @> array[$5::uuid])
      order by starts_at, id limit $6`,
    [orgId, userId, query.from, query.to, query.leadId ?? null, query.limit],
  );
  return rows;
}
