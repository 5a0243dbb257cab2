import type { PublicTables } from "./schema.generated";

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

export type { Json, PublicTables } from "./schema.generated";

/** The row type of a public table, generated from the migrations (lib/db/schema.generated.ts, `npm run db:types`). */
export type TableRow<T extends keyof PublicTables> = PublicTables[T];

type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** A table's row with its columns as queries alias them for the API (`last_message_at as "lastMessageAt"`). */
export type CamelRow<T extends keyof PublicTables> = { [K in keyof TableRow<T> as Camel<K & string>]: TableRow<T>[K] };
