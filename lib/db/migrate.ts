import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Driver, Tx } from "./types";

/**
 * Applies supabase/migrations/*.sql in order, each in its own transaction, and records
 * them where the Supabase CLI does, so `supabase db push` later sees them as applied.
 */
export const MIGRATIONS_DIR = path.join(process.cwd(), "supabase", "migrations");
const FILE_PATTERN = /^(\d{14})_([a-z0-9_]+)\.sql$/;
// Serialises migrators of several app instances starting at once.
const MIGRATION_LOCK_KEY = 727_274_001;

export type Migration = { version: string; name: string; sql: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`Migration file name must be <yyyymmddhhmmss>_<name>.sql: ${file}`);
      return { version: match[1]!, name: match[2]!, sql: readFileSync(path.join(dir, file), "utf8") };
    })
    .sort((a, b) => a.version.localeCompare(b.version));
}

const ENSURE_HISTORY_TABLE = `
  create schema if not exists supabase_migrations;
  create table if not exists supabase_migrations.schema_migrations (
    version text not null primary key,
    statements text[],
    name text
  );
`;

async function appliedVersions(tx: Tx): Promise<Set<string>> {
  const { rows } = await tx.query<{ version: string }>("select version from supabase_migrations.schema_migrations");
  return new Set(rows.map((r) => r.version));
}

export async function migrate(driver: Driver, migrations = listMigrations()): Promise<string[]> {
  await driver.transaction((tx) => tx.exec(ENSURE_HISTORY_TABLE));
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await driver.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      if ((await appliedVersions(tx)).has(migration.version)) return false;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new Error(`Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await tx.query(
        "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
        [migration.version, migration.name, [migration.sql]],
      );
      return true;
    });
    if (done) applied.push(`${migration.version}_${migration.name}`);
  }
  return applied;
}

/** Versions on disk that the database has not applied yet (for /api/health). */
export async function pendingMigrations(tx: Tx, migrations = listMigrations()): Promise<string[]> {
  const applied = await appliedVersions(tx);
  return migrations.filter((m) => !applied.has(m.version)).map((m) => m.version);
}
