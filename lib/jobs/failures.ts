import "server-only";
import { withRls, withService, type Claims, type Tx } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import type { AnyJob } from "./define";
import { enqueue } from "./boss";

export type JobFailure = {
  id: string;
  queue: string;
  jobId: string;
  data: Record<string, unknown>;
  error: string;
  attempts: number;
  failedAt: string;
  retriedAt: string | null;
};

type FailureRecord = {
  orgId: string;
  queue: string;
  jobId: string;
  data: unknown;
  error: string;
  attempts: number;
};

/** A platform step after a job used up its retries: the organization's admins see it. */
export async function recordJobFailure(failure: FailureRecord) {
  await withService((tx) => recordJobFailureIn(tx, failure));
}

/** The same inside a transaction the caller holds as the service role (the demo seed). */
export async function recordJobFailureIn(tx: Tx, failure: FailureRecord) {
  await tx.query(
    `insert into public.job_failures (org_id, queue, job_id, data, error, attempts)
     values ($1, $2, $3, $4, left($5, 2000), $6)
     on conflict (queue, job_id) do update set error = excluded.error, attempts = excluded.attempts, failed_at = now()`,
    [failure.orgId, failure.queue, failure.jobId, JSON.stringify(failure.data ?? {}), failure.error, failure.attempts],
  );
}

export async function listJobFailures(claims: Claims, orgId: string, limit = 100): Promise<JobFailure[]> {
  return withRls(claims, async (tx) => {
    const { rows } = await tx.query<JobFailure>(
      `select id, queue, job_id as "jobId", data, error, attempts, failed_at as "failedAt", retried_at as "retriedAt"
         from public.job_failures where org_id = $1 order by failed_at desc, id desc limit $2`,
      [orgId, limit],
    );
    return rows;
  });
}

/**
 * An admin asks for a dead letter to run again. RLS decides whether they may (the update
 * only matches rows of organizations they administer); then the job goes back on its queue.
 */
export async function retryJobFailure(claims: Claims, id: string, catalog: AnyJob[]): Promise<void> {
  const { definition, data } = await withRls(claims, async (tx) => {
    const { rows } = await tx.query<{ queue: string; data: unknown }>(
      "select queue, data from public.job_failures where id = $1 and retried_at is null for update",
      [id],
    );
    const failure = rows[0];
    if (!failure) throw notFound("failedJobNotFound");
    const definition = catalog.find((d) => d.name === failure.queue);
    if (!definition) throw notFound("jobKindGone");
    await tx.query("update public.job_failures set retried_at = now(), retried_by = $2 where id = $1", [
      id,
      claims.sub,
    ]);
    return { definition, data: failure.data };
  });
  await enqueue(definition, data);
}
