import { availableParallelism } from "node:os";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";
import { ownDatabasePattern, templateDatabase, urlOf, workerDatabase } from "./pg-databases";

/**
 * Global setup of the `integration-pg` project: a database per vitest worker, so files run side
 * by side without seeing each other's rows, jobs or notifications. Migrates one template database
 * once, before any file runs, then copies it for every worker (CREATE DATABASE … TEMPLATE, a file
 * copy, far quicker than migrating again); tests/integration/pg-worker-database.ts points each
 * worker at its copy. All of them are dropped when the run ends. Every database is new, so each
 * run starts with fresh rate-limit counters too.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("integration-pg needs TEST_DATABASE_URL");
  // The pool numbers its workers 1…maxWorkers (vitest.config.mts sets it for every project).
  const workers =
    project.config.maxWorkers || project.globalConfig.maxWorkers || Math.max(availableParallelism() - 1, 1);
  const template = templateDatabase(adminUrl);
  const copies = Array.from({ length: workers }, (_, i) => workerDatabase(adminUrl, i + 1));

  await dropOwnDatabases(adminUrl);
  await admin(adminUrl, (client) => client.query(`create database ${template}`));
  const driver = openPostgres(urlOf(adminUrl, template), 1);
  try {
    await migrate(driver);
  } finally {
    // CREATE DATABASE … TEMPLATE needs the template to have no other session.
    await driver.close();
  }
  await admin(adminUrl, async (client) => {
    for (const copy of copies) await client.query(`create database ${copy} template ${template}`);
  });

  return () => dropOwnDatabases(adminUrl);
}

/** Drops the template and every worker database, this run's and any a crashed run left. */
async function dropOwnDatabases(adminUrl: string): Promise<void> {
  const own = ownDatabasePattern(adminUrl);
  await admin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database");
    for (const { datname } of rows.filter((row) => own.test(row.datname)))
      await client.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
  });
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "kiln-test-setup" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
