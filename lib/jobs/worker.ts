import "server-only";
import { logger } from "@/lib/log";
import type { AnyJob } from "./define";
import { ensureQueue, jobQueue } from "./boss";
import { recordJobFailure } from "./failures";

type FetchedJob = { id: string; data: unknown; retryCount: number; retryLimit: number };
type JobResult = { id: string; status: "completed" | "failed"; output?: { message: string } };

async function runOne(definition: AnyJob, job: FetchedJob): Promise<JobResult> {
  const input = definition.input.safeParse(job.data);
  if (!input.success) {
    // A job that can never succeed is not retried.
    logger.error(
      { queue: definition.name, jobId: job.id, issues: input.error.issues },
      "job input is invalid; dropped",
    );
    return { id: job.id, status: "completed" };
  }
  try {
    await definition.run(input.data, { id: job.id, attempt: job.retryCount + 1 });
    return { id: job.id, status: "completed" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lastAttempt = job.retryCount >= job.retryLimit;
    logger.warn(
      { queue: definition.name, jobId: job.id, attempt: job.retryCount + 1, lastAttempt, err: message },
      "job failed",
    );
    const orgId = definition.orgOf?.(input.data);
    if (lastAttempt && orgId) {
      await recordJobFailure({
        orgId,
        queue: definition.name,
        jobId: job.id,
        data: job.data,
        error: message,
        attempts: job.retryCount + 1,
      }).catch((err) =>
        logger.error({ err, queue: definition.name, jobId: job.id }, "could not record the dead letter"),
      );
    }
    return { id: job.id, status: "failed", output: { message } };
  }
}

/**
 * Job kinds that no longer exist. Starting the workers deletes their queues, with the jobs
 * and schedules in them, so a database that ran an older version stops making jobs nobody
 * takes. The first three became the inbound-event pipeline's `inbound.process-event` and
 * `inbound.sweep`, whose sweeper picks up every event their queued jobs were meant for.
 */
const RETIRED_JOBS = ["inbox.process-event", "meetings.process-calendly-event", "meetings.sweep"];

/**
 * Starts a worker for every job kind and registers the schedules. Runs inside the app
 * process in development (KILN_WORKER=inline) and as `npm run worker` in production.
 * Idempotent per process.
 */
const globalState = globalThis as typeof globalThis & { __kilnWorkers?: Promise<void> };

export function startWorkers(catalog: AnyJob[]): Promise<void> {
  globalState.__kilnWorkers ??= registerAll(catalog).catch((error) => {
    globalState.__kilnWorkers = undefined;
    throw error;
  });
  return globalState.__kilnWorkers;
}

async function registerAll(catalog: AnyJob[]): Promise<void> {
  const boss = await jobQueue();
  for (const definition of catalog) {
    await ensureQueue(definition);
    await boss.work(
      definition.name,
      {
        // One fetch takes up to `concurrency` jobs, run side by side; while fetches come back full
        // the next follows at once (burst). With one job per fetch the worker waited a polling
        // interval between jobs, which capped a backlog at ~2 jobs/s (bench:notifications).
        batchSize: definition.concurrency ?? 2,
        burstWhenBatchFull: true,
        perJobResults: true,
        localConcurrency: 1,
        pollingIntervalSeconds: 2,
        notifyPollingIntervalSeconds: 2,
        includeMetadata: true,
      },
      // Jobs of one batch run side by side and settle one by one: one failure retries only itself.
      async (jobs) => Promise.all(jobs.map((job) => runOne(definition, job))),
    );
    if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {}, { tz: "UTC" });
  }
  for (const name of RETIRED_JOBS) if (!catalog.some((d) => d.name === name)) await boss.deleteQueue(name);
  logger.info({ jobs: catalog.map((d) => d.name) }, "job workers started");
}
