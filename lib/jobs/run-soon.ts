import "server-only";
import { logger } from "@/lib/log";
import { enqueue } from "./boss";
import type { AnyJob, JobQueue } from "./define";
import { runSoon } from "./soon";

/**
 * The first attempts producers ask for (sendSoon, draftSoon, …) run the workers' `soon`
 * handlers, which producers cannot import (workers import producers). The job catalogue
 * registers them when it is loaded by a composition root (the server's instrumentation,
 * the worker and db scripts, the integration tests' setup). Kept on globalThis because
 * Next.js loads instrumentation and route handlers as separate module graphs.
 */
type Handlers = Map<string, (input: unknown) => Promise<void>>;
const globalState = globalThis as typeof globalThis & { __kilnSoonHandlers?: Handlers };
const handlers = (globalState.__kilnSoonHandlers ??= new Map());

export function registerSoonHandlers(jobs: AnyJob[]): void {
  for (const job of jobs) if (job.soon) handlers.set(job.name, job.soon);
}

/** Runs the job's first attempt for each input, in order, right after the response (see runSoon). */
export function runJobSoon<T>(queue: JobQueue<T>, ...inputs: T[]): void {
  if (!inputs.length) return;
  runSoon(queue.name, async () => {
    const soon = handlers.get(queue.name);
    if (!soon) {
      // No catalogue in this process: the worker takes the first attempt instead.
      logger.warn({ job: queue.name }, "no first-attempt handler registered; queued instead");
      for (const input of inputs) await enqueue(queue, input);
      return;
    }
    for (const input of inputs) await soon(input);
  });
}
