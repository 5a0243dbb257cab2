import pg from "pg";
import type { Driver, Tx } from "./types";

// bigint counts come back as numbers on both drivers (PGlite already does this).
pg.types.setTypeParser(20, (value) => Number(value));

export function openPostgres(connectionString: string, max: number): Driver {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, application_name: "kiln" });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", () => {});
  return {
    kind: "postgres",
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Tx = {
        async query(sql, params) {
          const result = await client.query(sql, params as unknown[] | undefined);
          return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
        },
        async exec(sql) {
          await client.query(sql);
        },
      };
      try {
        await client.query("begin");
        const value = await fn(tx);
        await client.query("commit");
        return value;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
