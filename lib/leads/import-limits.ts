/**
 * Limits on lead imports per organization, kept in Postgres (`lead_imports`) so they hold
 * across restarts and instances: one running import at a time, and a daily cap on runs and
 * on rows. An import is the most expensive thing a member can start; without these, one
 * member (or a stolen session) could keep the server busy parsing and writing all day.
 */
import "server-only";
import type { Claims, Tx } from "@/lib/db";
import { withRls } from "@/lib/db";
import { tooManyRequests } from "@/lib/http/errors";

/** Per organization, over the last 24 hours. */
export const DAILY_IMPORTS = 50;
export const DAILY_IMPORT_ROWS = 200_000;
/** A run still unfinished after this long belongs to a process that died; it no longer blocks. */
export const IMPORT_DEADLINE_MINUTES = 15;

export type ImportRun = { id: string; orgId: string };

const DAY_SECONDS = 24 * 60 * 60;

async function usedToday(tx: Tx, orgId: string) {
  const { rows } = await tx.query<{ runs: number; rows: number; oldest: string | null }>(
    // A file refused as invalid costs a run nothing: runs are one at a time, and a person fixing a file retries.
    `select (count(*) filter (where outcome is distinct from 'refused'))::int as runs, coalesce(sum(row_count), 0)::int as rows,
            min(started_at)::text as oldest
       from public.lead_imports where org_id = $1 and started_at > now() - interval '1 day'`,
    [orgId],
  );
  return rows[0]!;
}

/** Seconds until the oldest run of the day leaves the 24-hour window. */
const retryAfter = (oldest: string | null) =>
  oldest ? Math.max(60, DAY_SECONDS - (Date.now() - new Date(oldest).getTime()) / 1000) : 60;

/**
 * Claims the organization's import slot, or refuses with 429: another import is running, or
 * the day's runs or rows are used up. Commits at once, so a second request sees the claim
 * while this one is still uploading.
 */
export async function startImport(claims: Claims, orgId: string, userId: string): Promise<ImportRun> {
  return withRls(claims, async (tx) => {
    await tx.query(
      `update public.lead_imports set finished_at = now(), outcome = 'failed'
        where org_id = $1 and finished_at is null and started_at < now() - make_interval(mins => $2)`,
      [orgId, IMPORT_DEADLINE_MINUTES],
    );
    const used = await usedToday(tx, orgId);
    if (used.runs >= DAILY_IMPORTS) {
      throw tooManyRequests(retryAfter(used.oldest), { key: "dailyImportsUsed", values: { max: DAILY_IMPORTS } });
    }
    if (used.rows >= DAILY_IMPORT_ROWS) {
      throw tooManyRequests(retryAfter(used.oldest), {
        key: "dailyImportRowsUsed",
        values: { max: DAILY_IMPORT_ROWS },
      });
    }
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.lead_imports (org_id, user_id) values ($1, $2)
       on conflict (org_id) where finished_at is null do nothing
       returning id`,
      [orgId, userId],
    );
    if (!rows[0]) throw tooManyRequests(30, "importRunning");
    return { id: rows[0].id, orgId };
  });
}

/**
 * Refuses a file whose rows would pass the day's cap (429). Called inside the import's own
 * transaction, once the file has been read, before anything is written.
 */
export async function checkImportRows(tx: Tx, run: ImportRun, rowCount: number): Promise<void> {
  const used = await usedToday(tx, run.orgId);
  if (used.rows + rowCount > DAILY_IMPORT_ROWS) {
    throw tooManyRequests(retryAfter(used.oldest), {
      key: "importRowsOverDailyCap",
      values: { rows: rowCount, remaining: Math.max(0, DAILY_IMPORT_ROWS - used.rows), max: DAILY_IMPORT_ROWS },
    });
  }
}

/** Marks the run done with its row count, in the import's transaction (so it commits with the leads). */
export async function completeImport(tx: Tx, run: ImportRun, rowCount: number): Promise<void> {
  await tx.query(`update public.lead_imports set finished_at = now(), outcome = 'done', row_count = $2 where id = $1`, [
    run.id,
    rowCount,
  ]);
}

/** Releases the slot of a run that did not complete; its rows, if it read any, still count for the day. */
export async function abandonImport(
  claims: Claims,
  run: ImportRun,
  outcome: "failed" | "refused",
  rowCount = 0,
): Promise<void> {
  await withRls(claims, (tx) =>
    tx.query(
      `update public.lead_imports set finished_at = now(), outcome = $2, row_count = $3 where id = $1 and finished_at is null`,
      [run.id, outcome, rowCount],
    ),
  );
}
