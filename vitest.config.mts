import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin, type TestProjectInlineConfiguration } from "vitest/config";

/**
 * Three projects:
 * - `unit`: pure logic, no database.
 * - `integration`: modules against a real database. Each file runs in its own forked
 *   process with its own in-memory PGlite (PGLITE_DIR=memory://), so files never share state.
 *   Each starts from its own copy of one migrated template (PGLITE_TEMPLATE, made once per set
 *   of migrations by tests/integration/pglite-template-setup.ts) instead of migrating again.
 * - `integration-pg`: the same files against a PostgreSQL server, active only when
 *   TEST_DATABASE_URL is set. Each worker has a database of its own, copied from one migrated
 *   template (tests/integration/pg-global-setup.ts, pg-worker-database.ts), so files run side by
 *   side; the files a worker runs one after another share its database, so they still use unique
 *   emails / organization names.
 */
const root = fileURLToPath(new URL(".", import.meta.url));

// Next's `server-only` guard has no meaning outside a Next bundle: resolve it to an empty module.
const emptyServerOnly: Plugin = {
  name: "kiln:empty-server-only",
  enforce: "pre",
  resolveId: (id) => (id === "server-only" ? "\0kiln:server-only" : null),
  load: (id) => (id === "\0kiln:server-only" ? "export {};" : null),
};

// Fixed, non-secret values: production-shaped secrets so no test generates files under .data/.
const testSecrets = {
  AUTH_SECRET: "kiln-test-auth-secret-0123456789abcdefghijklmnop",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

const integrationFiles = ["tests/integration/**/*.test.ts"];

/**
 * Where the `integration` project's migrated PGlite template lives (made once by
 * tests/integration/pglite-template-setup.ts). Its name carries a hash of everything that
 * decides its content: the migrations, the migrator, the PGlite driver and PGlite's version,
 * so a changed migration gives a new file and a stale template is never loaded.
 */
function pgliteTemplateFile(): string {
  const hash = createHash("sha256");
  const migrations = path.join(root, "supabase", "migrations");
  for (const file of readdirSync(migrations).sort())
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(migrations, file)))
      .update("\0");
  for (const file of ["lib/db/migrate.ts", "lib/db/pglite.ts", "node_modules/@electric-sql/pglite/package.json"])
    hash.update(readFileSync(path.join(root, file))).update("\0");
  return path.join(root, ".data", "test", `pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: "unit",
      include: ["tests/unit/**/*.test.ts"],
      environment: "node",
      // Each file loads the offline assistant afresh, and its first message compiles the cue
      // lexicons' regular expressions: 3–4 s alone, twice that beside the other projects.
      testTimeout: 30_000,
      env: { NODE_ENV: "test", LOG_LEVEL: "silent", KILN_DATA_DIR: ".data/test", ...testSecrets },
    },
  },
  {
    extends: true,
    test: {
      name: "integration",
      include: integrationFiles,
      environment: "node",
      pool: "forks",
      testTimeout: 30_000,
      hookTimeout: 60_000,
      setupFiles: ["tests/integration/setup-jobs.ts"],
      globalSetup: ["tests/integration/pglite-template-setup.ts"],
      env: {
        NODE_ENV: "test",
        PGLITE_DIR: "memory://",
        PGLITE_TEMPLATE: pgliteTemplateFile(),
        DATABASE_URL: "",
        KILN_DATA_DIR: ".data/test",
        KILN_DEMO_SEED: "false",
        LOG_LEVEL: "silent",
        ...testSecrets,
      },
    },
  },
];

if (testDatabaseUrl) {
  projects.push({
    extends: true,
    test: {
      name: "integration-pg",
      include: integrationFiles,
      environment: "node",
      pool: "forks",
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // The worker's own database first: the second file loads modules that read DATABASE_URL.
      setupFiles: ["tests/integration/pg-worker-database.ts", "tests/integration/setup-jobs.ts"],
      // The few files that open an in-memory PGlite of their own start from the template too.
      globalSetup: ["tests/integration/pg-global-setup.ts", "tests/integration/pglite-template-setup.ts"],
      env: {
        NODE_ENV: "test",
        // Where the worker databases are made; each worker's DATABASE_URL is set by pg-worker-database.ts.
        TEST_DATABASE_URL: testDatabaseUrl,
        DATABASE_URL: "",
        PGLITE_TEMPLATE: pgliteTemplateFile(),
        DATABASE_POOL_MAX: "4",
        KILN_DATA_DIR: ".data/test",
        KILN_DEMO_SEED: "false",
        LOG_LEVEL: "silent",
        ...testSecrets,
      },
    },
  });
}

export default defineConfig({
  plugins: [emptyServerOnly],
  resolve: { alias: { "@": root.replace(/\/$/, "") } },
  test: {
    passWithNoTests: true,
    // On CI a test gets one more try, as in Playwright: a test that needed it is named at the end
    // of `npm test` ("passed only on retry"), so wobbly tests are seen and fixed, not hidden.
    retry: process.env.CI ? 1 : 0,
    // Vitest's default (one fewer than the cores) leaves a 2-core CI machine running one file at a
    // time; the work is in the forks, so use both. integration-pg makes a database for each
    // (tests/integration/pg-global-setup.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects,
  },
});
