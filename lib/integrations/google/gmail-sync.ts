/**
 * One Gmail sync job (a sync_jobs row, target 'gmail') for one mailbox: from its cursor, read
 * what is new and file what concerns a lead in the inbox (lib/inbox/gmail-messages.ts decides and
 * stores); the job's events say what became of each message, as kinds.
 *
 * - No cursor: a full read of the last 30 days (`newer_than:30d`), page after page for up to a
 *   minute a job. Each page commits its events, the job's counters and the page the read resumes
 *   at together, so the card shows a running initial sync's progress, and a job that ran out of
 *   time (or crashed) is followed by one that goes on from there: queued as the first one ends
 *   (lib/sync/run.ts) and handed to a worker at once, so a large mailbox reads on without a
 *   minute's pause and the card's progress stays up the whole way. The mailbox's history id is
 *   taken first, so whatever arrives meanwhile is read by the incremental sync that follows.
 * - A history id: an incremental sync (history.list): what was added is filed; a message Kiln
 *   keeps that was deleted in Gmail or moved to its trash stays in Kiln, marked deleted in that
 *   mailbox, and the mark is cleared when it is taken out of the trash (a `deleted` or `updated`
 *   event). Gmail forgets history after about a week (404), and a long history costs more calls
 *   than a listing: both start a full read over, marked in the job as a full resync with the reason.
 *
 * Each message is filed in a transaction of its own, so one broken message is a "not_filed" event
 * and not a stuck mailbox. Google failing (needs re-auth, 403, 429, 5xx) ends the job failed with
 * the kind (lib/sync/run.ts); the cursor stays where the last committed page left it.
 */
import "server-only";
import { withService } from "@/lib/db";
import {
  fileGmailMessage,
  markGmailMessagesDeleted,
  markGmailMessagesRestored,
  syncedGmailIds,
  type GmailOutcome,
} from "@/lib/inbox/gmail-messages";
import { enqueue } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { SyncFailure } from "@/lib/sync/failure";
import {
  recordSyncEvents,
  saveSyncCursor,
  setSyncJobKind,
  syncCursor,
  type ClaimedJob,
  type SyncEventInput,
} from "@/lib/sync/jobs";
import type { SyncEventReason } from "@/lib/sync/kinds";
import { runSyncJob, type SyncOutcome } from "@/lib/sync/run";
import { getGoogleConnection, partWanted, withGoogleToken } from "./connection";
import {
  getGmailRaw,
  gmailHistoryId,
  gmailHistorySince,
  gmailStatusOf,
  listGmailMessages,
  type GmailHistory,
  type GmailRef,
} from "./gmail-client";
import { decodeGmailCursor, encodeGmailCursor, type GmailFullSync } from "./gmail-cursor";
import { gmailSyncJobQueue } from "./gmail-queue";

/** What the initial sync reads. */
export const GMAIL_INITIAL_QUERY = "newer_than:30d";
/**
 * How long one job of a full read goes on taking listing pages (100 messages each), at least one;
 * the next job goes on from the cursor. Well inside the queue's 15 minutes and the 15 minutes
 * after which a job that stopped moving counts as interrupted.
 */
export const FULL_READ_BUDGET_MS = 60_000;
/** More new messages than this since the last run: a full read (paged, resumable) instead. */
const MAX_INCREMENTAL_MESSAGES = 300;
/** An incremental sync commits its progress every this many messages. */
const INCREMENTAL_BATCH = 100;

/** A claimed job and the connected account's address, lower-case: mail from it is the member's own. */
type Mailbox = ClaimedJob & { account: string };

/** What became of a message: the filing's outcome, a draft (not mail), or a failure. */
type MessageOutcome = GmailOutcome | "draft" | "failed";

const EVENT_OF: Record<MessageOutcome, { action: SyncEventInput["action"]; reason: SyncEventReason }> = {
  created: { action: "created", reason: "lead_email" },
  linked: { action: "updated", reason: "already_in_inbox" },
  already_synced: { action: "skipped", reason: "already_synced" },
  no_lead: { action: "skipped", reason: "no_lead" },
  no_mailbox: { action: "skipped", reason: "no_mailbox" },
  draft: { action: "skipped", reason: "draft" },
  failed: { action: "skipped", reason: "not_filed" },
};

/**
 * Runs a queued Gmail job (nothing when another worker already took it). Failures end in the job,
 * not thrown. A full read that ran out of its time budget queued the next job as this one ended;
 * it goes to a worker now (were that lost, the every-minute schedule hands on the queued job).
 */
export async function runGmailSync(jobId: string, budgetMs = FULL_READ_BUDGET_MS): Promise<void> {
  const next = await runSyncJob(jobId, (job) => syncMailbox(job, Date.now() + budgetMs));
  if (!next) return;
  await enqueue(gmailSyncJobQueue, { orgId: next.orgId, userId: next.userId, jobId: next.jobId }).catch(
    (error: unknown) => logger.warn({ err: error, orgId: next.orgId, jobId: next.jobId }, "gmail sync not handed on"),
  );
}

async function syncMailbox(job: ClaimedJob, deadline: number): Promise<SyncOutcome> {
  // The user may have turned Gmail off, or disconnected, since the job was queued.
  const connection = await withService((tx) => getGoogleConnection(tx, job.orgId, job.userId));
  if (connection?.id !== job.connectionId || !partWanted(connection, "gmail") || !connection.email)
    throw new SyncFailure("not_connected");
  const mailbox: Mailbox = { ...job, account: connection.email.toLowerCase() };
  const cursor = decodeGmailCursor(await withService((tx) => syncCursor(tx, job.connectionId, "gmail")));

  if (cursor && "historyId" in cursor) {
    const history = await withGoogleToken(job.orgId, job.userId, (token) =>
      gmailHistorySince(token, cursor.historyId),
    ).catch((error: unknown) => {
      if (gmailStatusOf(error) === 404) return "expired" as const;
      throw error;
    });
    if (history && history !== "expired" && history.added.length <= MAX_INCREMENTAL_MESSAGES)
      return incremental(mailbox, history);
    const reason: SyncEventReason = history === "expired" ? "history_expired" : "history_too_long";
    logger.info({ orgId: job.orgId, jobId: job.id, reason }, "gmail history unusable: reading the last 30 days again");
    const historyId = await withGoogleToken(job.orgId, job.userId, gmailHistoryId);
    await withService(async (tx) => {
      await setSyncJobKind(tx, job.id, "full_resync");
      await recordSyncEvents(tx, job, [{ action: "resync", reason }], 0);
    });
    return fullRead(mailbox, { historyId, pageToken: null, kind: "full_resync" }, deadline);
  }

  // A full read in progress goes on as what it began as; none yet is the first.
  const full: GmailFullSync =
    cursor && "full" in cursor
      ? { ...cursor.full, kind: cursor.full.kind ?? "initial" }
      : { historyId: await withGoogleToken(job.orgId, job.userId, gmailHistoryId), pageToken: null, kind: "initial" };
  const kind = full.kind ?? "initial";
  if (kind !== job.kind) await withService((tx) => setSyncJobKind(tx, job.id, kind));
  return fullRead(mailbox, full, deadline);
}

/**
 * Follows what happened since the cursor: marks the messages Kiln keeps that were deleted or
 * trashed in Gmail (and clears the mark of those taken out of the trash), files what was added,
 * then moves the cursor on. The marks are idempotent: a run that fails before the cursor moves
 * and is read again records nothing twice.
 */
async function incremental(mailbox: Mailbox, history: GmailHistory): Promise<SyncOutcome> {
  const { added: refs, historyId } = history;
  await withService(async (tx) => {
    const ids = (list: GmailRef[]) => list.map((ref) => ref.id);
    const gone = new Set(await markGmailMessagesDeleted(tx, mailbox.connectionId, ids(history.gone)));
    const back = new Set(await markGmailMessagesRestored(tx, mailbox.connectionId, ids(history.restored)));
    // In Gmail's order; what Kiln never kept is no event.
    const events: SyncEventInput[] = [
      ...ids(history.gone)
        .filter((id) => gone.has(id))
        .map((id) => ({ action: "deleted" as const, reason: "deleted_in_gmail" as const, providerId: id })),
      ...ids(history.restored)
        .filter((id) => back.has(id))
        .map((id) => ({ action: "updated" as const, reason: "restored_in_gmail" as const, providerId: id })),
    ];
    if (events.length) await recordSyncEvents(tx, mailbox, events, events.length);
  });
  // Run at least once: a run with nothing new still moves the cursor to Gmail's latest history id.
  for (let start = 0; start === 0 || start < refs.length; start += INCREMENTAL_BATCH) {
    const batch = refs.slice(start, start + INCREMENTAL_BATCH);
    const events = await fileRefs(mailbox, batch, true);
    const last = start + INCREMENTAL_BATCH >= refs.length;
    await withService(async (tx) => {
      await recordSyncEvents(tx, mailbox, events, batch.length);
      if (last) await saveSyncCursor(tx, mailbox, "gmail", encodeGmailCursor({ historyId }), { full: false });
    });
  }
  return { continues: false };
}

/**
 * Reads on from a full read's page, page after page until the deadline (one page at least); ends
 * as an incremental cursor once the last page is done, else says the next job goes on.
 */
async function fullRead(mailbox: Mailbox, full: GmailFullSync, deadline: number): Promise<SyncOutcome> {
  let pageToken = full.pageToken;
  do {
    const listed = await withGoogleToken(mailbox.orgId, mailbox.userId, (token) =>
      listGmailMessages(token, GMAIL_INITIAL_QUERY, pageToken),
    );
    // A listing is newest first; filed oldest first, a thread opens with its first message.
    const events = await fileRefs(mailbox, [...listed.refs].reverse(), false);
    pageToken = listed.nextPageToken;
    const next = pageToken ? { full: { ...full, pageToken } } : { historyId: full.historyId };
    await withService(async (tx) => {
      await recordSyncEvents(tx, mailbox, events, listed.refs.length);
      await saveSyncCursor(tx, mailbox, "gmail", encodeGmailCursor(next), { full: !pageToken });
    });
    if (!pageToken) return { continues: false };
  } while (Date.now() < deadline);
  logger.info(
    { orgId: mailbox.orgId, jobId: mailbox.id },
    "gmail full read paused at the job's time budget; the next job goes on",
  );
  return { continues: true };
}

/** Files the messages in the order given, fetching only those this mailbox has not synced yet. */
async function fileRefs(mailbox: Mailbox, refs: GmailRef[], live: boolean): Promise<SyncEventInput[]> {
  const known = await withService((tx) =>
    syncedGmailIds(
      tx,
      mailbox.connectionId,
      refs.map((ref) => ref.id),
    ),
  );
  const events: SyncEventInput[] = [];
  for (const ref of refs) {
    let outcome: MessageOutcome = "already_synced";
    if (!known.has(ref.id)) {
      const message = await withGoogleToken(mailbox.orgId, mailbox.userId, (token) => getGmailRaw(token, ref.id));
      outcome = message.labels.includes("DRAFT") ? "draft" : await fileOne(mailbox, message, live);
    }
    events.push({ ...EVENT_OF[outcome], providerId: ref.id });
  }
  return events;
}

async function fileOne(
  mailbox: Mailbox,
  message: Awaited<ReturnType<typeof getGmailRaw>>,
  live: boolean,
): Promise<MessageOutcome> {
  // Files written before a failed transaction are deleted again (as the inbound pipeline does).
  const undo: (() => Promise<void>)[] = [];
  try {
    return await withService((tx) =>
      fileGmailMessage(tx, {
        orgId: mailbox.orgId,
        userId: mailbox.userId,
        connectionId: mailbox.connectionId,
        account: mailbox.account,
        gmailId: message.id,
        threadId: message.threadId,
        raw: message.raw,
        receivedAt: message.receivedAt,
        live,
        onRollback: (step) => undo.push(step),
      }),
    );
  } catch (error) {
    for (const step of undo) await step().catch(() => undefined);
    logger.warn({ err: error, orgId: mailbox.orgId, gmailId: message.id }, "a gmail message could not be filed");
    return "failed";
  }
}
