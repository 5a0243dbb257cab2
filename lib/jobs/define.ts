import "server-only";
import type { QueueOptions } from "pg-boss";
import type { z } from "zod";

/**
 * A kind of background work: its queue, the shape of its input, its retry policy and
 * its handler. Per domain, producers use the queue side (lib/inbox/queue.ts: names, input,
 * enqueue and …Soon functions; it imports only lib/jobs), the handlers live apart
 * (lib/inbox/workers.ts), and lib/jobs/catalog.ts lists the workers.
 */
export type JobDefinition<T> = JobQueue<T> & {
  run: (input: T, job: { id: string; attempt: number }) => Promise<void>;
  /**
   * The first attempt, run in this process right after the producer's transaction
   * (runJobSoon); it hands anything that must be tried again to the queue.
   */
  soon?: (input: T) => Promise<void>;
};

/** What a producer needs to put work on a job's queue, without its handler. */
export type JobQueue<T> = {
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
};

/** Any job kind, for lists of them (the catalog, the worker). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;

export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

export function defineQueue<T>(queue: JobQueue<T>): JobQueue<T> {
  return queue;
}

/** Retry defaults: five tries with exponential backoff from 5 s (5, 10, 20, 40 s …, capped at 10 min). */
export const RETRY_WITH_BACKOFF = {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 300,
} satisfies QueueOptions;
