/** The one query surface both drivers expose inside a transaction. */
export interface Tx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /** Runs a script of several statements with no parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
}

export interface Driver {
  readonly kind: "pglite" | "postgres";
  /**
   * Subscribes to a NOTIFY channel. PGlite delivers in-process; PostgreSQL holds one
   * dedicated connection per subscription and reconnects after it drops.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** What the job queue needs to reach the same database (pg-boss's own adapter or pool). */
  readonly native: { pglite: import("@electric-sql/pglite").PGlite } | { connectionString: string };
  /** Runs `fn` in one transaction: commit on success, rollback on any error. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Claims in Supabase's shape; `role` decides which database role the transaction runs as. */
export type Claims = {
  sub?: string;
  email?: string;
  role: "authenticated" | "anon";
  session_id?: string;
  [key: string]: unknown;
};
