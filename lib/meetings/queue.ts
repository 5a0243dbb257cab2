import { z } from "zod";
import { defineQueue, RETRY_WITH_BACKOFF } from "@/lib/jobs/define";
import { runJobSoon } from "@/lib/jobs/run-soon";

/**
 * Writing a meeting booked in Kiln to its owner's Google Calendar (one public.meeting_google_events
 * row: insert, move or delete its event, whatever the meeting now needs). The first attempt runs
 * right after the request (writeGoogleEventSoon); a failure is shown on the meeting at once and
 * tried again with backoff, then left as it is (the job's dead letter reaches the admins).
 */
export const googleEventQueue = defineQueue({
  name: "meetings.google-event",
  input: z.object({ orgId: z.uuid(), eventId: z.uuid() }),
  queue: { ...RETRY_WITH_BACKOFF, retryLimit: 4 },
  orgOf: (input) => input.orgId,
});

/** Every five minutes: events whose first write was lost (a crash or restart between commit and write). */
export const googleEventSweepQueue = defineQueue({
  name: "meetings.google-event.sweep",
  input: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 240 },
  schedule: "*/5 * * * *",
});

/** After the change's transaction committed: the meeting's event (if it has one due) is written. */
export function writeGoogleEventSoon(
  orgId: string,
  meeting: { googleCalendar: { id: string; state: string } | null },
): void {
  if (meeting.googleCalendar?.state === "pending")
    runJobSoon(googleEventQueue, { orgId, eventId: meeting.googleCalendar.id });
}
