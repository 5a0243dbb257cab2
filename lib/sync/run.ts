/**
 * A sync job's life around the target's own reading, the same for Calendar and Gmail: claim it
 * (nothing when another worker already took it), run, and end it succeeded or failed with the
 * failure as a kind. Failures end in the job, which the user sees; nothing is thrown to the queue.
 * A reading that stopped at its time budget with more to read says so (`continues`): the next
 * job is queued in the transaction that ends this one, so the connection never has no job
 * between the two (the card keeps showing the sync) and still never has two.
 */
import "server-only";
import { withService } from "@/lib/db";
import { googleErrorStatus } from "@/lib/integrations/google/connection";
import { logger } from "@/lib/log";
import { syncFailureOf } from "./failure";
import { claimSyncJob, failSyncJob, finishSyncJob, queueSyncJob, type ClaimedJob, type SyncConnection } from "./jobs";

/** What a reading says when it ends well: whether it stopped at its time budget with more to read. */
export type SyncOutcome = { continues: boolean } | void;

/** The job that goes on where a finished one stopped, queued already; the caller hands it to a worker. */
export type NextSyncJob = SyncConnection & { jobId: string };

const isHttpError = (error: unknown) =>
  googleErrorStatus(error) !== null || Boolean(error && typeof error === "object" && "config" in error);

export async function runSyncJob(
  jobId: string,
  sync: (job: ClaimedJob) => Promise<SyncOutcome>,
): Promise<NextSyncJob | null> {
  const job = await withService((tx) => claimSyncJob(tx, jobId));
  if (!job) return null;
  try {
    const outcome = await sync(job);
    return await withService(async (tx) => {
      await finishSyncJob(tx, job.id);
      if (!outcome?.continues) return null;
      const c = { orgId: job.orgId, userId: job.userId, connectionId: job.connectionId };
      return { ...c, jobId: (await queueSyncJob(tx, c, job.target)).id };
    });
  } catch (error) {
    const failure = syncFailureOf(error);
    logger.warn(
      {
        // Our own bug keeps its stack; an HTTP error is not logged whole: its request config holds the token.
        err: failure.kind === "unexpected" && !isHttpError(error) ? error : undefined,
        jobId,
        orgId: job.orgId,
        target: job.target,
        kind: failure.kind,
        httpStatus: googleErrorStatus(error),
      },
      `${job.target} sync failed`,
    );
    await withService((tx) => failSyncJob(tx, job.id, failure));
    return null;
  }
}
