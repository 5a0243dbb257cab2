/**
 * One page of the user's primary calendar through the official client (@googleapis/calendar),
 * with the token withGoogleToken hands out. A full read names the window; an incremental one
 * only the sync token (Google refuses a window beside it) and always includes deletions.
 */
import "server-only";
import { calendar, type calendar_v3 } from "@googleapis/calendar";
import { googleApiOptions } from "@/lib/integrations/google/config";

export type CalendarPageRequest =
  { syncToken: string; pageToken?: string } | { window: { timeMin: string; timeMax: string }; pageToken?: string };

export type CalendarPage = {
  items: calendar_v3.Schema$Event[];
  nextPageToken: string | null;
  nextSyncToken: string | null;
};

const PAGE_SIZE = 250;

export async function listCalendarPage(accessToken: string, request: CalendarPageRequest): Promise<CalendarPage> {
  // A client per call: its auth is one user's token.
  const api = calendar({ version: "v3", ...googleApiOptions(accessToken) });
  const { data } = await api.events.list({
    calendarId: "primary",
    // Recurring events as their instances: each occurrence is a meeting of its own.
    singleEvents: true,
    maxResults: PAGE_SIZE,
    pageToken: request.pageToken,
    ...("syncToken" in request
      ? { syncToken: request.syncToken }
      : { timeMin: request.window.timeMin, timeMax: request.window.timeMax, showDeleted: false }),
  });
  return {
    items: data.items ?? [],
    nextPageToken: data.nextPageToken ?? null,
    nextSyncToken: data.nextSyncToken ?? null,
  };
}
