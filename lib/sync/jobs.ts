/**
 * The bookkeeping of Google syncs, for every target (Calendar, Gmail): a job per run
 * with its progress and outcome, the events saying what it did with each item, and the cursor
 * the next run continues from. The only writer of sync_jobs, sync_events and google_sync_state
 * (migration 20261205100000); it writes as the service role on the caller's transaction (jobs
 * after the connection was resolved) and reads the user's own jobs through RLS.
 */
import "server-only";
import type { TableRow, Tx } from "@/lib/db";
import {
  storedSyncError,
  type SyncError,
  type SyncEventAction,
  type SyncEventReason,
  type SyncJobItem,
  type SyncJobKind,
  type SyncTarget,
} from "./kinds";

export type SyncConnection = { orgId: string; userId: string; connectionId: string };

/** A job that has not moved for this long lost its worker (a deploy, a crash). */
const STALE_AFTER = "15 minutes";
/** Jobs kept per connection and target; older ones (and their events) go when a new one starts. */
const KEEP_JOBS = 50;

type JobRow = Omit<TableRow<"sync_jobs">, "target" | "kind" | "status" | "updated_at"> & {
  target: SyncTarget;
  kind: SyncJobKind;
  status: SyncJobItem["status"];
};
const JOB_COLUMNS =
  "id, org_id, user_id, connection_id, target, kind, status, seen, created, updated, deleted, skipped, started_at, finished_at, created_at, error";

const itemOf = (row: JobRow): SyncJobItem => ({
  id: row.id,
  target: row.target,
  kind: row.kind,
  status: row.status,
  counts: { seen: row.seen, created: row.created, updated: row.updated, deleted: row.deleted, skipped: row.skipped },
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  createdAt: row.created_at,
  error: storedSyncError(row.error),
});

export type ClaimedJob = SyncConnection & {
  id: string;
  target: SyncTarget;
  kind: SyncJobKind;
  /** The Google account connected when the job started: the cursor it saves belongs to that one. */
  googleUserId: string | null;
};

/** Jobs whose worker vanished fail as interrupted, so they no longer block the next one. */
async function failStaleJobs(tx: Tx, connectionId: string, target: SyncTarget): Promise<void> {
  await tx.query(
    `update public.sync_jobs set status = 'failed', finished_at = now(), error = $3::jsonb
      where connection_id = $1 and target = $2 and status in ('queued', 'running')
        and updated_at < now() - interval '${STALE_AFTER}'`,
    [connectionId, target, JSON.stringify({ kind: "interrupted", params: {} })],
  );
}

/**
 * Where the connection's sync of a target stands, as far as its current Google account goes: a
 * cursor or full read of another account (the user reconnected with a different one) is not this
 * account's, so it counts as none.
 */
async function syncState(
  tx: Tx,
  connectionId: string,
  target: SyncTarget,
): Promise<{ cursor: string | null; lastFullSyncAt: Date | null } | null> {
  const { rows } = await tx.query<{ cursor: string | null; last_full_sync_at: Date | null }>(
    `select s.cursor, s.last_full_sync_at from public.google_sync_state s
       join public.google_connections g on g.id = s.connection_id
      where s.connection_id = $1 and s.target = $2 and s.google_user_id is not distinct from g.google_user_id`,
    [connectionId, target],
  );
  return rows[0] ? { cursor: rows[0].cursor, lastFullSyncAt: rows[0].last_full_sync_at } : null;
}

/** What the next run is: from the cursor, or a full read (the first one, or after the cursor was dropped). */
async function nextKind(tx: Tx, connectionId: string, target: SyncTarget): Promise<SyncJobKind> {
  const state = await syncState(tx, connectionId, target);
  return state?.cursor ? "incremental" : state?.lastFullSyncAt ? "full_resync" : "initial";
}

/**
 * A queued job for this connection and target, or the one already waiting or running (at most
 * one exists: a unique index), so "sync now" twice and the schedule meet on one job.
 */
export async function queueSyncJob(
  tx: Tx,
  c: SyncConnection,
  target: SyncTarget,
): Promise<{ id: string; created: boolean }> {
  await failStaleJobs(tx, c.connectionId, target);
  const kind = await nextKind(tx, c.connectionId, target);
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.sync_jobs (org_id, user_id, connection_id, target, kind)
     values ($1, $2, $3, $4, $5)
     on conflict (connection_id, target) where status in ('queued', 'running') do nothing
     returning id`,
    [c.orgId, c.userId, c.connectionId, target, kind],
  );
  if (rows[0]) {
    await pruneJobs(tx, c.connectionId, target);
    return { id: rows[0].id, created: true };
  }
  const active = await tx.query<{ id: string }>(
    "select id from public.sync_jobs where connection_id = $1 and target = $2 and status in ('queued', 'running')",
    [c.connectionId, target],
  );
  return { id: active.rows[0]!.id, created: false };
}

async function pruneJobs(tx: Tx, connectionId: string, target: SyncTarget): Promise<void> {
  await tx.query(
    `delete from public.sync_jobs where id in (
       select id from public.sync_jobs where connection_id = $1 and target = $2 and status in ('succeeded', 'failed')
        order by created_at desc offset $3)`,
    [connectionId, target, KEEP_JOBS],
  );
}

/** Starts a queued job (null when another worker took it, or it is no longer queued). */
export async function claimSyncJob(tx: Tx, jobId: string): Promise<ClaimedJob | null> {
  // Atomic: of two workers handed the same job (the soon-run and a queue entry), one gets it.
  const { rows } = await tx.query<JobRow & { google_user_id: string | null }>(
    `update public.sync_jobs j set status = 'running', started_at = now()
       from public.google_connections g
      where j.id = $1 and j.status = 'queued' and g.id = j.connection_id
     returning ${JOB_COLUMNS.split(", ")
       .map((column) => `j.${column}`)
       .join(", ")}, g.google_user_id`,
    [jobId],
  );
  const row = rows[0];
  if (!row) return null;
  // The cursor may have changed since the job was queued (another run finished in between).
  const kind = await nextKind(tx, row.connection_id, row.target);
  if (kind !== row.kind) await setSyncJobKind(tx, row.id, kind);
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    connectionId: row.connection_id,
    target: row.target,
    kind,
    googleUserId: row.google_user_id,
  };
}

export async function setSyncJobKind(tx: Tx, jobId: string, kind: SyncJobKind): Promise<void> {
  await tx.query("update public.sync_jobs set kind = $2 where id = $1", [jobId, kind]);
}

export type SyncEventInput = {
  action: SyncEventAction;
  reason: SyncEventReason;
  providerId?: string | null;
  meetingId?: string | null;
  params?: Record<string, string | number>;
};

const COUNTED: Record<SyncEventAction, "created" | "updated" | "deleted" | "skipped" | null> = {
  created: "created",
  updated: "updated",
  deleted: "deleted",
  skipped: "skipped",
  resync: null,
};

/**
 * What a job did with a batch of items: the events, and the job's counters moved by them in the
 * same statement pair (the card polls the counters while an initial sync runs). `seen` counts the
 * items Google delivered, which may carry several events (one per lead).
 */
export async function recordSyncEvents(tx: Tx, job: ClaimedJob, events: SyncEventInput[], seen: number): Promise<void> {
  if (events.length)
    await tx.query(
      `insert into public.sync_events (job_id, org_id, user_id, action, reason, provider_id, meeting_id, params)
       select $1, $2, $3, e.action, e.reason, e.provider_id, e.meeting_id, coalesce(e.params, '{}'::jsonb)
         from jsonb_to_recordset($4::jsonb) as e(action text, reason text, provider_id text, meeting_id uuid, params jsonb)`,
      [
        job.id,
        job.orgId,
        job.userId,
        JSON.stringify(
          events.map((e) => ({
            action: e.action,
            reason: e.reason,
            provider_id: e.providerId?.slice(0, 1024) ?? null,
            meeting_id: e.meetingId ?? null,
            params: e.params ?? {},
          })),
        ),
      ],
    );
  const count = (column: string) => events.filter((e) => COUNTED[e.action] === column).length;
  await tx.query(
    `update public.sync_jobs set seen = seen + $2, created = created + $3, updated = updated + $4,
            deleted = deleted + $5, skipped = skipped + $6 where id = $1`,
    [job.id, seen, count("created"), count("updated"), count("deleted"), count("skipped")],
  );
}

/**
 * Ends a job well. An incremental run that found nothing replaces the empty run before it: an
 * idle mailbox is checked every minute, and keeping each check would push the runs that did
 * something out of the list within the hour. The newest empty run stays, as "last checked".
 */
export async function finishSyncJob(tx: Tx, jobId: string): Promise<void> {
  await tx.query(
    `with done as (
       update public.sync_jobs set status = 'succeeded', finished_at = now()
        where id = $1 and status = 'running'
       returning id, connection_id, target, kind, seen + created + updated + deleted + skipped as moved
     )
     delete from public.sync_jobs p using done d
      where d.kind = 'incremental' and d.moved = 0
        and p.connection_id = d.connection_id and p.target = d.target and p.id <> d.id
        and p.status = 'succeeded' and p.kind = 'incremental'
        and p.seen + p.created + p.updated + p.deleted + p.skipped = 0
        and not exists (select 1 from public.sync_events e where e.job_id = p.id)`,
    [jobId],
  );
}

export async function failSyncJob(tx: Tx, jobId: string, error: SyncError): Promise<void> {
  await tx.query(
    `update public.sync_jobs set status = 'failed', finished_at = now(), error = $2::jsonb
      where id = $1 and status in ('queued', 'running')`,
    [jobId, JSON.stringify(error)],
  );
}

// ---------------------------------------------------------------------------------------
// The cursor

/** The cursor of the connection's current Google account (null: the next read is a full one). */
export async function syncCursor(tx: Tx, connectionId: string, target: SyncTarget): Promise<string | null> {
  return (await syncState(tx, connectionId, target))?.cursor ?? null;
}

/** Stores where the next run continues, for the job's Google account; `full` marks that this run read everything. */
export async function saveSyncCursor(
  tx: Tx,
  job: ClaimedJob,
  target: SyncTarget,
  cursor: string | null,
  options: { full: boolean },
): Promise<void> {
  await tx.query(
    `insert into public.google_sync_state as s
       (org_id, user_id, connection_id, target, google_user_id, cursor, cursor_set_at, last_full_sync_at)
     values ($1, $2, $3, $4, $5, $6, now(), case when $7 then now() end)
     on conflict (connection_id, target) do update set
       google_user_id = excluded.google_user_id, cursor = excluded.cursor, cursor_set_at = now(),
       -- Another account's full read is not this one's.
       last_full_sync_at = case when s.google_user_id is not distinct from excluded.google_user_id
                                then coalesce(excluded.last_full_sync_at, s.last_full_sync_at)
                                else excluded.last_full_sync_at end`,
    [job.orgId, job.userId, job.connectionId, target, job.googleUserId, cursor, options.full],
  );
}

/** Google said the cursor expired: the next read is a full one. */
export async function dropSyncCursor(tx: Tx, connectionId: string, target: SyncTarget): Promise<void> {
  await tx.query(
    "update public.google_sync_state set cursor = null, cursor_set_at = now() where connection_id = $1 and target = $2",
    [connectionId, target],
  );
}

// ---------------------------------------------------------------------------------------
// Reading (through RLS: a user's own jobs only)

/** The signed-in user's recent jobs, newest first. */
export async function listSyncJobs(
  tx: Tx,
  orgId: string,
  userId: string,
  options: { target?: SyncTarget; limit?: number } = {},
): Promise<SyncJobItem[]> {
  const { rows } = await tx.query<JobRow>(
    `select ${JOB_COLUMNS} from public.sync_jobs
      where org_id = $1 and user_id = $2 and ($3::text is null or target = $3)
      order by created_at desc, id desc limit $4`,
    [orgId, userId, options.target ?? null, options.limit ?? 20],
  );
  return rows.map(itemOf);
}
