import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, database } from "@/lib/db/client";

/**
 * Runs every supabase/tests/*.sql file as the database superuser inside one transaction
 * that is always rolled back, so a file can build fixtures, switch roles and assert
 * freely without leaving anything behind. A file fails when its SQL raises (a failed
 * `assert` in a DO block raises too), with Postgres' own message. supabase/tests/support/
 * prelude.sql runs first in the same transaction and gives every file the shared
 * `kiln_test` helpers (make_world, add_user, as_user, as_each, as_anon, as_service, assert_fails…); it is not a test itself.
 */
const SQL_TESTS_DIR = path.join(process.cwd(), "supabase", "tests");
const PRELUDE = readFileSync(path.join(SQL_TESTS_DIR, "support", "prelude.sql"), "utf8");
const files = readdirSync(SQL_TESTS_DIR)
  .filter((file) => file.endsWith(".sql"))
  .sort();

class Rollback extends Error {}

type PgError = Error & { code?: string; detail?: string; hint?: string; where?: string; position?: string };

function describeError(error: PgError): string {
  return [
    error.code ? `[${error.code}] ${error.message}` : error.message,
    error.detail && `DETAIL: ${error.detail}`,
    error.hint && `HINT: ${error.hint}`,
    error.where && `WHERE: ${error.where}`,
    error.position && `POSITION: ${error.position}`,
  ]
    .filter(Boolean)
    .join("\n");
}

/** Row counts of every table in public and auth, to prove a file left nothing behind. */
async function rowCounts(): Promise<Record<string, number>> {
  const driver = await database();
  return driver.transaction(async (tx) => {
    const { rows: tables } = await tx.query<{ name: string }>(
      `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'auth') and c.relkind in ('r', 'p') order by 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from ${name}`);
      counts[name] = rows[0]!.n;
    }
    return counts;
  });
}

afterAll(() => closeDatabase());

describe("SQL tests (supabase/tests)", () => {
  it("has at least one SQL test file", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s passes and leaves nothing behind", async (file) => {
    const sql = readFileSync(path.join(SQL_TESTS_DIR, file), "utf8");
    const driver = await database();
    const before = await rowCounts();
    let failure: PgError | undefined;
    await driver
      .transaction(async (tx) => {
        try {
          await tx.exec(PRELUDE).catch((error: PgError) => {
            throw Object.assign(error, { message: `support/prelude.sql: ${error.message}` });
          });
          await tx.exec(sql);
        } catch (error) {
          failure = error as PgError;
        }
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    if (failure) throw new Error(`${file} failed:\n${describeError(failure)}`);
    expect(await rowCounts(), `${file} must not leave rows behind (the runner rolls back)`).toEqual(before);
  });
});
