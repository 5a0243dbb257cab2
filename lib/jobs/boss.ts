import "server-only";
import { PgBoss, fromPglite } from "pg-boss";
import { database, onDatabaseClose } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { AnyJob, JobQueue } from "./define";
import { settled } from "./soon";

/**
 * The process-wide pg-boss instance, on the same database as everything else: through
 * pg-boss's PGlite adapter on the embedded database (so jobs and data share the one
 * connection), with its own small pool on PostgreSQL. Kept on globalThis so dev-server
 * hot reloads reuse it. Starting it creates or upgrades the `pgboss` schema.
 */
type State = { ready: Promise<PgBoss>; queues: Map<string, Promise<void>> };
const globalState = globalThis as typeof globalThis & { __kilnBoss?: State };

async function start(): Promise<PgBoss> {
  const driver = await database();
  const boss =
    "pglite" in driver.native
      ? new PgBoss({
          db: fromPglite(driver.native.pglite),
          backend: "pglite",
          schema: "pgboss",
        } as ConstructorParameters<typeof PgBoss>[0])
      : new PgBoss({
          connectionString: driver.native.connectionString,
          max: 4,
          schema: "pgboss",
          application_name: "kiln-jobs",
          useListenNotify: true,
        });
  boss.on("error", (err) => logger.error({ err }, "job queue error"));
  await boss.start();
  return boss;
}

export function jobQueue(): Promise<PgBoss> {
  if (!globalState.__kilnBoss) {
    // pg-boss holds its own pool, a LISTEN connection and timers: closing the database stops it.
    onDatabaseClose(stopJobQueue);
    const ready = start();
    globalState.__kilnBoss = { ready, queues: new Map() };
    ready.catch(() => {
      if (globalState.__kilnBoss?.ready === ready) globalState.__kilnBoss = undefined;
    });
  }
  return globalState.__kilnBoss.ready;
}

/** Creates the job's queue once per process (and updates its retry policy if it changed). */
export async function ensureQueue(definition: Omit<AnyJob, "run">): Promise<PgBoss> {
  const boss = await jobQueue();
  const queues = globalState.__kilnBoss!.queues;
  let created = queues.get(definition.name);
  if (!created) {
    created = (async () => {
      const options = { ...definition.queue, notify: true };
      if (await boss.getQueue(definition.name)) await boss.updateQueue(definition.name, options);
      else await boss.createQueue(definition.name, options);
    })();
    queues.set(definition.name, created);
    created.catch(() => queues.delete(definition.name));
  }
  await created;
  return boss;
}

/**
 * Puts a job on its queue. Runs after the caller's transaction has committed (pg-boss
 * writes through its own connection), so work is never queued for data that rolled back;
 * the domain's sweeper picks up anything a crash left between commit and enqueue.
 */
export async function enqueue<T>(
  definition: JobQueue<T>,
  input: T,
  options: { singletonKey?: string; startAfterSeconds?: number } = {},
): Promise<string | null> {
  const data = definition.input.parse(input);
  const boss = await ensureQueue(definition);
  return boss.send(definition.name, data as object, {
    singletonKey: options.singletonKey,
    startAfter: options.startAfterSeconds,
  });
}

/** Stops the queue after the background work that may still enqueue has finished. */
export async function stopJobQueue(): Promise<void> {
  await settled();
  const state = globalState.__kilnBoss;
  globalState.__kilnBoss = undefined;
  if (state) await (await state.ready.catch(() => undefined))?.stop({ graceful: true, timeout: 5_000 });
}
