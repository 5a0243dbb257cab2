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
const globalState = globalThis as typeof globalThis & { __kilnDb?: State };

async function start(): Promise<Driver> {
  const config = env();
  const driver = config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, config.DATABASE_POOL_MAX, config.DATABASE_URL_DIRECT)
    : await openPglite(config.PGLITE_DIR);
  const applied = await migrate(driver);
  if (applied.length) logger.info({ applied }, "database migrated");
  const seedDemo = config.KILN_DEMO_SEED ? config.KILN_DEMO_SEED === "true" : !config.DATABASE_URL && config.NODE_ENV !== "test";
  if (seedDemo) {
    const { seedIfEmpty } = await import("./seed");
    if (await seedIfEmpty(driver)) logger.info("demo data seeded");
  }
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

/** Closes the process-wide handle (scripts and tests). */
export async function closeDatabase(): Promise<void> {
  const state = globalState.__kilnDb;
  globalState.__kilnDb = undefined;
  if (state) await (await state.ready).close();
}
