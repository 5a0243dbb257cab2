/**
 * What Kiln keeps of a Google Calendar event, read from the API's Event resource, and the window
 * an initial sync reads. Pure (no I/O), so the rules are unit-tested on their own.
 */
import type { calendar_v3 } from "@googleapis/calendar";

/** An initial (or full) sync reads this far back and ahead; later changes come through the sync token. */
export const WINDOW_DAYS = { back: 30, ahead: 90 } as const;
const DAY_MS = 86_400_000;

export function initialWindow(now: Date): { timeMin: string; timeMax: string } {
  return {
    timeMin: new Date(now.getTime() - WINDOW_DAYS.back * DAY_MS).toISOString(),
    timeMax: new Date(now.getTime() + WINDOW_DAYS.ahead * DAY_MS).toISOString(),
  };
}

export type SyncedEvent = {
  id: string;
  status: "confirmed" | "tentative" | "cancelled";
  summary: string;
  startsAt: Date | null;
  endsAt: Date | null;
  allDay: boolean;
  timezone: string | null;
  location: string | null;
  joinUrl: string | null;
  htmlLink: string | null;
  /** Everyone else on the invitation, lower-cased: attendees and an organizer who is not the user. */
  attendeeEmails: string[];
  updatedAt: Date | null;
};

const STATUSES = new Set(["confirmed", "tentative", "cancelled"]);

/** Google's date or date-time: an all-day event's date is taken as the start of that day in UTC. */
function instant(value: calendar_v3.Schema$EventDateTime | undefined): { at: Date | null; allDay: boolean } {
  if (value?.dateTime) {
    const at = new Date(value.dateTime);
    return { at: Number.isNaN(at.getTime()) ? null : at, allDay: false };
  }
  if (value?.date) {
    const at = new Date(`${value.date}T00:00:00Z`);
    return { at: Number.isNaN(at.getTime()) ? null : at, allDay: true };
  }
  return { at: null, allDay: false };
}

const emailOf = (value: string | null | undefined) => {
  const email = value?.trim().toLowerCase();
  return email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null;
};

/** Null for an item without an id (Google never sends one; a stand-in might). */
export function toSyncedEvent(event: calendar_v3.Schema$Event): SyncedEvent | null {
  if (!event.id) return null;
  const start = instant(event.start);
  const end = instant(event.end);
  const others = [
    // The user's own entry (`self`) and rooms (`resource`) are nobody to meet.
    ...(event.attendees ?? []).filter((a) => !a.self && !a.resource).map((a) => a.email),
    // An invitation from outside: the organizer is someone the user meets.
    ...(event.organizer && !event.organizer.self ? [event.organizer.email] : []),
  ];
  const joinUrl =
    event.hangoutLink ?? event.conferenceData?.entryPoints?.find((p) => p.entryPointType === "video")?.uri ?? null;
  const updatedAt = event.updated ? new Date(event.updated) : null;
  return {
    id: event.id,
    status: STATUSES.has(event.status ?? "") ? (event.status as SyncedEvent["status"]) : "confirmed",
    summary: (event.summary ?? "").slice(0, 300),
    startsAt: start.at,
    // An event without an end (Google always sends one) lasts no time.
    endsAt: end.at && start.at && end.at >= start.at ? end.at : start.at,
    allDay: start.allDay,
    timezone: event.start?.timeZone?.slice(0, 64) ?? null,
    location: event.location?.slice(0, 1000) ?? null,
    joinUrl: joinUrl?.slice(0, 2000) ?? null,
    htmlLink: event.htmlLink?.slice(0, 2000) ?? null,
    attendeeEmails: [...new Set(others.map(emailOf).filter((e): e is string => e !== null))].slice(0, 500),
    updatedAt: updatedAt && !Number.isNaN(updatedAt.getTime()) ? updatedAt : null,
  };
}

/** A meeting with a lead needs a time: cancelled events and all-day entries are not meetings. */
export const isMeetingCandidate = (e: SyncedEvent) => e.status !== "cancelled" && !e.allDay && e.startsAt !== null;
