/**
 * A sync job's life around the target's own reading, the same for Calendar and Gmail: claim it
 * (nothing when another worker already took it), run, and end it succeeded or failed with the
 * failure as a kind. Failures end in the job, which the user sees; nothing is thrown to the queue.
 */
import "server-only";
import { withService } from "@/lib/db";
import { googleErrorStatus } from "@/lib/integrations/google/connection";
import { logger } from "@/lib/log";
import { syncFailureOf } from "./failure";
import { claimSyncJob, failSyncJob, finishSyncJob, type ClaimedJob } from "./jobs";

const isHttpError = (error: unknown) =>
  googleErrorStatus(error) !== null || Boolean(error && typeof error === "object" && "config" in error);

export async function runSyncJob(jobId: string, sync: (job: ClaimedJob) => Promise<void>): Promise<void> {
  const job = await withService((tx) => claimSyncJob(tx, jobId));
  if (!job) return;
  try {
    await sync(job);
    await withService((tx) => finishSyncJob(tx, job.id));
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
  }
}
