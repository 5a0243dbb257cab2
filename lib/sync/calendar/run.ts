/**
 * One Calendar sync job: reads the user's primary calendar page by page (the whole window the
 * first time, then only what changed since the sync token), keeps each event once per
 * connection, and hands events with lead attendees to lib/meetings. Each page commits on its
 * own with the job's counters, so a long initial sync shows its progress and a failure keeps
 * what was done; the cursor is stored only after the last page, so the next run repeats a
 * half-read sync rather than skip what it missed. A 410 (the token expired) drops the cursor
 * and reads everything again, once, in the same job.
 */
import "server-only";
import type { calendar_v3 } from "@googleapis/calendar";
import { withService, type Tx } from "@/lib/db";
import {
  getGoogleConnection,
  googleErrorStatus,
  partWanted,
  withGoogleToken,
} from "@/lib/integrations/google/connection";
import { findLeadsByEmails } from "@/lib/leads/match";
import { logger } from "@/lib/log";
import { cancelGoogleEvent, recordGoogleEvent, type GoogleEventOutcome } from "@/lib/meetings/google";
import { SyncFailure } from "../failure";
import {
  dropSyncCursor,
  recordSyncEvents,
  saveSyncCursor,
  setSyncJobKind,
  syncCursor,
  type ClaimedJob,
  type SyncEventInput,
} from "../jobs";
import { runSyncJob } from "../run";
import { listCalendarPage, type CalendarPageRequest } from "./client";
import { initialWindow, isMeetingCandidate, toSyncedEvent, type SyncedEvent } from "./map";
import { saveCalendarEvent } from "./store";

/** A calendar is read in at most this many pages per job (250 events each); the rest waits for the next run. */
const MAX_PAGES = 200;

/** Runs a queued job (nothing when another worker already took it). Failures end in the job, not thrown. */
export async function runCalendarSync(jobId: string): Promise<void> {
  await runSyncJob(jobId, syncCalendar);
}

async function syncCalendar(job: ClaimedJob): Promise<void> {
  // The user may have turned Calendar off, or disconnected, since the job was queued.
  const connection = await withService((tx) => getGoogleConnection(tx, job.orgId, job.userId));
  if (connection?.id !== job.connectionId || !partWanted(connection, "calendar"))
    throw new SyncFailure("not_connected");

  let cursor = await withService((tx) => syncCursor(tx, job.connectionId, "calendar"));
  try {
    await readAll(job, cursor);
  } catch (error) {
    if (!cursor || googleErrorStatus(error) !== 410) throw error;
    // Google forgot the sync token: start over with a full read, and say so in the job.
    await withService(async (tx) => {
      await dropSyncCursor(tx, job.connectionId, "calendar");
      await setSyncJobKind(tx, job.id, "full_resync");
      await recordSyncEvents(tx, job, [{ action: "resync", reason: "sync_token_expired" }], 0);
    });
    cursor = null;
    await readAll(job, cursor);
  }
}

async function readAll(job: ClaimedJob, cursor: string | null): Promise<void> {
  const window = initialWindow(new Date());
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const request: CalendarPageRequest = cursor ? { syncToken: cursor, pageToken } : { window, pageToken };
    const result = await withGoogleToken(job.orgId, job.userId, (token) => listCalendarPage(token, request));
    await withService((tx) => applyPage(tx, job, result.items));
    if (!result.nextPageToken) {
      await withService((tx) => saveSyncCursor(tx, job, "calendar", result.nextSyncToken, { full: cursor === null }));
      return;
    }
    pageToken = result.nextPageToken;
  }
  logger.warn({ jobId: job.id, orgId: job.orgId }, "calendar sync stopped at the page limit; the next run goes on");
}

async function applyPage(tx: Tx, job: ClaimedJob, items: calendar_v3.Schema$Event[]): Promise<void> {
  const events: SyncEventInput[] = [];
  for (const item of items) {
    const event = toSyncedEvent(item);
    if (event) events.push(...(await applyEvent(tx, job, event)));
  }
  await recordSyncEvents(tx, job, events, items.length);
}

const fromOutcome =
  (providerId: string) =>
  (o: GoogleEventOutcome): SyncEventInput => ({
    action: o.action,
    reason: o.reason,
    providerId,
    meetingId: o.meetingId,
    params: { leadId: o.leadId, ...o.params },
  });

/** One event: its copy, then its meetings. Returns what happened, for the job's record. */
async function applyEvent(tx: Tx, job: ClaimedJob, event: SyncedEvent): Promise<SyncEventInput[]> {
  const providerId = event.id;
  if (event.status === "cancelled") {
    const saved = await saveCalendarEvent(tx, job, event, []);
    const outcomes = await cancelGoogleEvent(tx, {
      orgId: job.orgId,
      connectionId: job.connectionId,
      eventId: event.id,
    });
    if (outcomes.length) return outcomes.map(fromOutcome(providerId));
    return [
      {
        action: saved.known ? "deleted" : "skipped",
        reason: saved.known ? "cancelled" : "cancelled_unseen",
        providerId,
      },
    ];
  }

  const leads = await findLeadsByEmails(tx, job.orgId, event.attendeeEmails);
  const saved = await saveCalendarEvent(
    tx,
    job,
    event,
    leads.map((lead) => lead.id),
  );
  // An older copy than the one stored (a late page, a repeated delivery): nothing to change.
  if (!saved.stored) return [{ action: "skipped", reason: "unchanged", providerId }];
  if (!isMeetingCandidate(event)) return [{ action: "skipped", reason: "all_day", providerId }];

  const outcomes = await recordGoogleEvent(tx, {
    orgId: job.orgId,
    connectionId: job.connectionId,
    ownerId: job.userId,
    event: {
      id: event.id,
      title: event.summary,
      startsAt: event.startsAt!,
      endsAt: event.endsAt ?? event.startsAt!,
      timezone: event.timezone,
      location: event.location,
      joinUrl: event.joinUrl,
    },
    leads,
  });
  if (!leads.length && !outcomes.length) return [{ action: "skipped", reason: "no_lead_attendee", providerId }];
  return outcomes.map(fromOutcome(providerId));
}
