import "server-only";
import type { Tx } from "@/lib/db";
import { withService } from "@/lib/db";

/**
 * The record of 500s (public.server_errors), the only writer of that table. route() calls
 * recordServerError on its error path, so whoever quotes the `x-request-id` of a failed
 * response can be matched to the error in the platform admin console. Service role: the row
 * spans organizations and no tenant may read it.
 */
export type ServerErrorRecord = {
  requestId: string;
  orgId: string | null;
  userId: string | null;
  method: string;
  /** The URL's path only: query strings can carry tokens. */
  path: string;
  status: number;
  error: unknown;
};

/** How long an error stays in the console; the daily prune removes older ones. */
export const SERVER_ERROR_RETENTION_DAYS = 30;

const MESSAGE_LIMIT = 2000;

/** A name for what failed: the error's class, or a Postgres SQLSTATE when it carries one. */
function errorName(error: unknown): string | null {
  if (error && typeof error === "object") {
    const code = (error as { code?: unknown }).code;
    const name = error instanceof Error ? error.name : (error as { constructor?: { name?: string } }).constructor?.name;
    const parts = [name, typeof code === "string" ? code : null].filter(Boolean);
    return parts.length ? parts.join(" ").slice(0, 200) : null;
  }
  return typeof error;
}

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error);
  return (text || "(no message)").slice(0, MESSAGE_LIMIT);
}

/**
 * Stores one 500. Never throws: a database that is down is often why the request failed,
 * and the caller still owes its client a problem response.
 */
export async function recordServerError(record: ServerErrorRecord): Promise<boolean> {
  try {
    await withService((tx) =>
      tx.query(
        `insert into public.server_errors (request_id, org_id, user_id, method, path, status, error_name, message)
         values (left($1, 200),
                 -- An organization or user deleted meanwhile still leaves the error on record.
                 (select id from public.organizations where id = $2), (select id from auth.users where id = $3),
                 left($4, 10), left($5, 2000), $6, $7, $8)`,
        [
          record.requestId || "unknown",
          record.orgId,
          record.userId,
          record.method,
          record.path,
          Math.min(599, Math.max(500, record.status)),
          errorName(record.error),
          errorMessage(record.error),
        ],
      ),
    );
    return true;
  } catch {
    return false;
  }
}

/** Daily prune (lib/jobs/maintenance.ts): errors older than the retention period. */
export async function pruneServerErrors(tx: Tx): Promise<number> {
  const { rowCount } = await tx.query(
    "delete from public.server_errors where created_at < now() - make_interval(days => $1)",
    [SERVER_ERROR_RETENTION_DAYS],
  );
  return rowCount;
}
