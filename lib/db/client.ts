import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { migrate } from "./migrate";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import type { Driver } from "./types";

/**
 * The process-wide database handle. It is a connection pool (or PGlite's single
 * connection), not request state: every request still gets its own transaction.
 * Kept on globalThis so dev-server hot reloads reuse it instead of opening the
 * embedded folder twice.
 */
type State = { ready: Promise<Driver> };
type Closer = () => Promise<void> | void;
const globalState = globalThis as typeof globalThis & { __kilnDb?: State; __kilnDbClosers?: Set<Closer> };
const closers = (globalState.__kilnDbClosers ??= new Set());

/**
 * Registers what a module opened on top of the database (the job queue's pool, timers and
 * LISTEN connection, live-update subscriptions, background work still using it), so that
 * closeDatabase() closes it first. Registering the same function twice registers it once.
 */
export function onDatabaseClose(close: Closer): void {
  closers.add(close);
}

async function start(): Promise<Driver> {
  const config = env();
  const driver = config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, config.DATABASE_POOL_MAX, config.DATABASE_URL_DIRECT)
    : await openPglite(config.PGLITE_DIR, { template: config.PGLITE_TEMPLATE });
  const applied = await migrate(driver);
  if (applied.length) logger.info({ applied }, "database migrated");
  return driver;
}

export function database(): Promise<Driver> {
  if (!globalState.__kilnDb) {
    const ready = start();
    globalState.__kilnDb = { ready };
    // A failed start must be retried on the next call, not cached forever.
    ready.catch(() => {
      if (globalState.__kilnDb?.ready === ready) globalState.__kilnDb = undefined;
    });
  }
  return globalState.__kilnDb.ready;
}

/**
 * Closes everything this process opened on the database, newest first, then the handle
 * itself, so a script's event loop empties and it exits by itself. A closer may still use
 * the database (background work finishing), so the handle is closed last.
 */
export async function closeDatabase(): Promise<void> {
  while (closers.size) {
    const close = [...closers].pop()!;
    closers.delete(close);
    await close();
  }
  const state = globalState.__kilnDb;
  globalState.__kilnDb = undefined;
  if (state) await (await state.ready.catch(() => undefined))?.close();
}
