/**
 * The vocabulary of Google syncs (Calendar and Gmail), shared by the server and the card:
 * targets, job kinds and statuses as the database checks them (migration 20261205100000), and
 * why a job failed or what it did with an item, as kinds worded at read time under
 * `integrations.google.sync` in lib/i18n/messages/*.json. Pure: the browser imports it too.
 */
import { storedText, textOfKind, type TextOfKind, type TextParams } from "@/lib/i18n/text-kinds";
import { textParam, type Translate } from "@/lib/i18n/translate";

export const SYNC_TARGETS = ["gmail", "calendar"] as const;
export type SyncTarget = (typeof SYNC_TARGETS)[number];

export const SYNC_JOB_KINDS = ["initial", "incremental", "full_resync"] as const;
export type SyncJobKind = (typeof SYNC_JOB_KINDS)[number];

export const SYNC_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export const SYNC_ERRORS = [
  /** The connection is gone, or the part was turned off before the job ran. */
  "not_connected",
  /** Google no longer honours the grant: only reconnecting helps. */
  "needs_reauth",
  /** Google refused the part's scope (HTTP 403 without a rate limit). */
  "forbidden",
  /** Google asked to slow down (429, or 403 with a rate-limit reason); the next run tries again. */
  "rate_limited",
  /** Google answered 5xx or not at all; the next run tries again. */
  "google_unavailable",
  /** The worker stopped in the middle (a deploy, a crash); the next run starts over from the cursor. */
  "interrupted",
  /** Anything else; the server log has the details. */
  "unexpected",
] as const;
export type SyncErrorKind = (typeof SYNC_ERRORS)[number];
export type SyncError = TextOfKind<SyncErrorKind>;
export const syncError: (kind: SyncErrorKind, params?: TextParams) => SyncError = textOfKind;

/** What a job did with one item: created, updated, deleted, skipped, or a resync it had to start. */
export const SYNC_EVENT_ACTIONS = ["created", "updated", "deleted", "skipped", "resync"] as const;
export type SyncEventAction = (typeof SYNC_EVENT_ACTIONS)[number];

/** Why: the kinds sync_events.reason holds. */
export const SYNC_EVENT_REASONS = [
  /** A lead is among the attendees: the event is (or stays) a meeting with them. */
  "lead_attendee",
  /** No attendee is a lead: kept in the synced calendar only. */
  "no_lead_attendee",
  /** A meeting with the lead at the same time is already known (Calendly, or entered by hand). */
  "already_known",
  /** Nothing Kiln keeps changed. */
  "unchanged",
  /** An all-day event: not a meeting. */
  "all_day",
  /** Cancelled at Google (or the lead no longer attends): the meeting is canceled. */
  "cancelled",
  /** Cancelled at Google before Kiln ever saw it. */
  "cancelled_unseen",
  /** Google said the cursor expired (HTTP 410): everything is read again. */
  "sync_token_expired",

  // Gmail: a message, as lib/inbox/gmail-messages.ts filed it, and the history the sync followed.
  /** Stored as a new message of a lead's email conversation. */
  "lead_email",
  /** The same email was already in the inbox (the webhook, a colleague's mailbox): linked to this mailbox's copy. */
  "already_in_inbox",
  /** This mailbox's message was synced before. */
  "already_synced",
  /** No lead among its people, and it answers nothing Kiln keeps. */
  "no_lead",
  /** The organization has no active mailbox to file email conversations under. */
  "no_mailbox",
  /** A draft: not mail yet. */
  "draft",
  /** It could not be filed (the server log says why); a later full read tries again. */
  "not_filed",
  /** Gmail no longer keeps the history since the cursor (HTTP 404): the last 30 days are read again. */
  "history_expired",
  /** More arrived since the cursor than an incremental sync follows: the last 30 days are read instead. */
  "history_too_long",
  /** Deleted in Gmail, or moved to its trash: the Kiln message stays, marked deleted in that mailbox. */
  "deleted_in_gmail",
  /** Taken out of Gmail's trash: the deleted mark is cleared. */
  "restored_in_gmail",
] as const;
export type SyncEventReason = (typeof SYNC_EVENT_REASONS)[number];

/** A job as its user reads it (API and card). */
export type SyncJobItem = {
  id: string;
  target: SyncTarget;
  kind: SyncJobKind;
  status: SyncStatus;
  counts: { seen: number; created: number; updated: number; deleted: number; skipped: number };
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  error: SyncError | null;
};

/** A stored error: a kind this code does not know reads as "unexpected". */
export const storedSyncError = (value: unknown): SyncError | null =>
  value ? storedText(SYNC_ERRORS, value, "unexpected") : null;

/** One error's text, with `t` scoped to `integrations.google.sync`. */
export function renderSyncError(error: SyncError, t: Translate): string {
  return t(`errors.${storedText(SYNC_ERRORS, error, "unexpected").kind}`, {
    status: textParam(error.params, "status"),
  });
}
