import "server-only";
import pg from "pg";
import { openAfterCommit } from "./after-commit";
import type { Driver, Tx } from "./types";

// bigint counts come back as numbers on both drivers (PGlite already does this).
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to someone else). When
 * the connection drops it reconnects with backoff; notifications sent while it was down
 * are gone, so subscribers treat a reconnect as "something may have changed".
 */
function listenOn(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect?: () => void,
) {
  let client: pg.Client | undefined;
  let closed = false;
  let delay = 500;
  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString, application_name: "kiln-listen" });
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on("error", () => {
      next.end().catch(() => {});
      if (client === next) retry();
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (closed) {
        // Closed while connecting: nobody else will end this client.
        await next.end().catch(() => {});
        return;
      }
      client = next;
      delay = 500;
      onReconnect?.();
    } catch {
      next.end().catch(() => {});
      retry();
    }
  };
  const retry = () => {
    client = undefined;
    if (closed) return;
    setTimeout(() => void connect(), delay).unref();
    delay = Math.min(delay * 2, 15_000);
  };
  return {
    ready: connect(),
    close: async () => {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}

export function openPostgres(connectionString: string, max: number, listenConnectionString = connectionString): Driver {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, application_name: "kiln" });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", () => {});
  // LISTEN clients live outside the pool: close() must end them too, or they keep the process alive.
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: "postgres",
    native: { connectionString },
    async listen(channel, onPayload) {
      const listener = listenOn(listenConnectionString, channel, onPayload);
      const close = async () => {
        listeners.delete(close);
        await listener.close();
      };
      listeners.add(close);
      await listener.ready;
      return close;
    },
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
      const committed = openAfterCommit(tx);
      try {
        await client.query("begin");
        const value = await fn(tx);
        await client.query("commit");
        committed();
        return value;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await Promise.all([...listeners].map((close) => close()));
      await pool.end();
    },
  };
}
