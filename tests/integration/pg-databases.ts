/**
 * Names of the `integration-pg` project's databases, derived from TEST_DATABASE_URL (the
 * "admin" database, `kiln_test` on CI, which only ever runs CREATE / DROP DATABASE):
 * `<name>_tpl`, migrated once by tests/integration/pg-global-setup.ts, and `<name>_w<N>`, a copy
 * of it for each vitest worker (VITEST_POOL_ID, 1…maxWorkers). A worker runs one file at a time,
 * so each database still sees one file at a time, as the single shared database did.
 */
export const templateDatabase = (adminUrl: string) => `${databaseName(adminUrl)}_tpl`;
export const workerDatabase = (adminUrl: string, poolId: number) => `${databaseName(adminUrl)}_w${poolId}`;

/** Names of this project's databases, old runs' included (a crashed run leaves its own behind). */
export const ownDatabasePattern = (adminUrl: string) => new RegExp(`^${databaseName(adminUrl)}_(tpl|w\\d+)$`);

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`TEST_DATABASE_URL must name a database in lower case letters, digits and _: "${name}"`);
  return name;
}

export function urlOf(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}
