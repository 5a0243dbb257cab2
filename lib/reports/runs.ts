import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import type { ReportRun } from "./schema";

/**
 * `report_runs`, the one writer: the history of generated reports. People read their own
 * under RLS; only the generation job (service role) writes, and it keeps the newest
 * KEEP_RUNS per subscription so stored PDFs do not pile up.
 */
export const KEEP_RUNS = 12;

const COLUMNS = `r.id, r.subscription_id as "subscriptionId", p.name as "projectName",
  to_char(r.period_from, 'YYYY-MM-DD') as "periodFrom", to_char(r.period_to, 'YYYY-MM-DD') as "periodTo",
  r.time_zone as "timeZone", r.status, r.error_kind as "errorKind", r.pdf is not null as "hasPdf",
  r.created_at as "createdAt"`;

type Row = Omit<ReportRun, "createdAt"> & { createdAt: Date };

/** The caller's reports in one organization, newest first. */
export async function listRuns(tx: Tx, orgId: string, limit = 50): Promise<ReportRun[]> {
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from public.report_runs r left join public.projects p on p.id = r.project_id
      where r.org_id = $1 and r.user_id = (select auth.uid()) order by r.created_at desc, r.id limit $2`,
    [orgId, limit],
  );
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** One of the caller's stored PDFs, or a 404. */
export async function runPdf(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<{ pdf: Buffer; periodFrom: string; periodTo: string }> {
  const { rows } = await tx.query<{ pdf: Uint8Array | null; periodFrom: string; periodTo: string }>(
    `select pdf, to_char(period_from, 'YYYY-MM-DD') as "periodFrom", to_char(period_to, 'YYYY-MM-DD') as "periodTo"
       from public.report_runs where id = $1 and org_id = $2 and user_id = (select auth.uid())`,
    [id, orgId],
  );
  const row = rows[0];
  if (!row?.pdf) throw notFound("reportNotFound");
  return { pdf: Buffer.from(row.pdf), periodFrom: row.periodFrom, periodTo: row.periodTo };
}

// ---------------------------------------------------------------------------
// The generation job (service role)

export type StoredRun = { id: string; status: ReportRun["status"]; pdf: Buffer | null };

/** The run a job works on: by its id, or (a re-dispatched slot) by subscription and slot. */
export async function findRun(
  tx: Tx,
  key: { id: string; subscriptionId: string; scheduledFor: Date | null },
): Promise<StoredRun | null> {
  const { rows } = await tx.query<{ id: string; status: ReportRun["status"]; pdf: Uint8Array | null }>(
    `select id, status, pdf from public.report_runs
      where id = $1 or ($3::timestamptz is not null and subscription_id = $2 and scheduled_for = $3)
      order by id = $1 desc limit 1`,
    [key.id, key.subscriptionId, key.scheduledFor],
  );
  const row = rows[0];
  return row ? { id: row.id, status: row.status, pdf: row.pdf ? Buffer.from(row.pdf) : null } : null;
}

export type NewRun = {
  id: string;
  subscriptionId: string;
  userId: string;
  orgId: string;
  projectId: string | null;
  scheduledFor: Date | null;
  periodFrom: string;
  periodTo: string;
  timeZone: string;
};

/**
 * Records a generated PDF (status sending) or a failed generation. A slot recorded by a
 * concurrent job stays as it is: returns the run now stored for this job's key.
 */
export async function recordRun(
  tx: Tx,
  run: NewRun,
  outcome: { pdf: Buffer } | { errorKind: "generation" },
): Promise<StoredRun> {
  const pdf = "pdf" in outcome ? outcome.pdf : null;
  await tx.query(
    `insert into public.report_runs
       (id, subscription_id, user_id, org_id, project_id, scheduled_for, period_from, period_to, time_zone, status, error_kind, pdf)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (id) do update set status = excluded.status, error_kind = excluded.error_kind, pdf = excluded.pdf
       where public.report_runs.status = 'failed'`,
    [
      run.id,
      run.subscriptionId,
      run.userId,
      run.orgId,
      run.projectId,
      run.scheduledFor,
      run.periodFrom,
      run.periodTo,
      run.timeZone,
      pdf ? "sending" : "failed",
      pdf ? null : "generation",
      pdf,
    ],
  );
  await pruneRuns(tx, run.subscriptionId);
  return (await findRun(tx, run))!;
}

export async function markRun(tx: Tx, id: string, outcome: "sent" | "email-failed"): Promise<void> {
  await tx.query(
    outcome === "sent"
      ? "update public.report_runs set status = 'sent', error_kind = null where id = $1"
      : "update public.report_runs set status = 'failed', error_kind = 'email' where id = $1",
    [id],
  );
}

/** Keeps the newest KEEP_RUNS of a subscription. */
export async function pruneRuns(tx: Tx, subscriptionId: string): Promise<void> {
  await tx.query(
    `delete from public.report_runs where id in (
       select id from public.report_runs where subscription_id = $1
        order by created_at desc, id desc offset $2)`,
    [subscriptionId, KEEP_RUNS],
  );
}
