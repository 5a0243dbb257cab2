/** Database plumbing the benchmarks share: admin connections, RLS transactions on a given driver, statement capture. */
import pg from "pg";
import { actAs, type Claims, type Tx } from "@/lib/db";
import type { Driver } from "@/lib/db/types";

/** The server's `postgres` database (to create or drop the bench database) and the bench database's name. */
export function adminUrl(url: string): { admin: string; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!database) throw new Error("BENCH_DATABASE_URL must name a database.");
  u.pathname = "/postgres";
  return { admin: u.toString(), database };
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "kiln-bench" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** withRls() on a given driver: the same transaction + actAs, without the process-wide handle. */
export function withRlsOn<T>(driver: Driver, claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return driver.transaction(async (tx) => {
    await actAs(tx, claims);
    return fn(tx);
  });
}

/** A Tx that also remembers the statements it ran, so a benchmark can EXPLAIN exactly those. */
export function recording(tx: Tx, log: { sql: string; params: unknown[] }[]): Tx {
  return {
    query: (sql, params) => {
      log.push({ sql, params: params ?? [] });
      return tx.query(sql, params);
    },
    exec: (sql) => tx.exec(sql),
  };
}
