import type { QueueOptions } from "pg-boss";
import type { z } from "zod";

/**
 * A kind of background work: its queue, the shape of its input, its retry policy and
 * its handler. Domains declare their jobs next to the code they run (lib/inbox/jobs.ts)
 * and lib/jobs/catalog.ts lists them for the worker.
 */
export type JobDefinition<T> = {
  name: string;
  input: z.ZodType<T>;
  /** Retries, backoff and expiry for every job of this kind. */
  queue: Omit<QueueOptions, "deadLetter">;
  /** Jobs of this kind one worker process runs at once. */
  concurrency?: number;
  /** A cron expression (UTC) for platform jobs that run on a schedule. */
  schedule?: string;
  /** The organization a failed job is reported to (dead letters are shown to its admins). */
  orgOf?: (input: T) => string | undefined;
  run: (input: T, job: { id: string; attempt: number }) => Promise<void>;
};

/** Any job kind, for lists of them (the catalog, the worker). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;

export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

/** Retry defaults: five tries with exponential backoff from 5 s (5, 10, 20, 40 s …, capped at 10 min). */
export const RETRY_WITH_BACKOFF = {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 300,
} satisfies QueueOptions;
