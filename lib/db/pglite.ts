import "server-only";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { acquireDirectoryLock } from "./lock";
import { openAfterCommit } from "./after-commit";
import type { Driver, Tx } from "./types";

export type PgliteOptions = {
  /**
   * Test-only: a data directory archive (PGlite's `dumpDataDir`) a `memory://` database starts
   * from instead of an empty cluster, so each test file skips re-running every migration (the
   * migrator then finds them applied). Ignored for a folder: a real database never starts from it.
   */
  template?: string;
};

/** `memory://` gives a throw-away in-process database (tests); anything else is a folder. */
export async function openPglite(dir: string, options: PgliteOptions = {}): Promise<Driver> {
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquireDirectoryLock(dir);
  let db: PGlite;
  try {
    // Ignored by the bundler's file tracing: a test file, never part of a deployment.
    const loadDataDir =
      inMemory && options.template ? new Blob([readFileSync(/*turbopackIgnore: true*/ options.template)]) : undefined;
    // Extensions the migrations create must be compiled in; PGlite loads them here.
    db = await PGlite.create(dir, { extensions: { btree_gin, pg_trgm }, loadDataDir });
  } catch (error) {
    release();
    throw error;
  }
  return {
    kind: "pglite",
    native: { pglite: db },
    async listen(channel, onPayload) {
      const unsubscribe = await db.listen(channel, onPayload);
      return () => unsubscribe();
    },
    // PGlite has a single connection and serialises transactions itself.
    transaction: async (fn) => {
      let committed = () => {};
      const value = await db.transaction((inner) => {
        const tx: Tx = {
          async query(sql, params) {
            const result = await inner.query(sql, params);
            // PGlite reports affectedRows 0 for SELECT; match node-postgres, which counts returned rows.
            return { rows: result.rows as never[], rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
          },
          async exec(sql) {
            await inner.exec(sql);
          },
        };
        committed = openAfterCommit(tx);
        return fn(tx);
      });
      committed();
      return value;
    },
    async close() {
      await db.close();
      release();
    },
  };
}
