import { expect } from "vitest";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import type { Driver } from "@/lib/db/types";

/**
 * A data migration is tested on rows the code before it wrote: a fresh embedded database stops
 * just before `version`, the test inserts old-shaped rows, then `migrateRest()` runs the rest.
 */
export async function databaseBefore(version: string): Promise<{ driver: Driver; migrateRest: () => Promise<void> }> {
  const all = listMigrations();
  expect(
    all.some((m) => m.version === version),
    `no migration ${version}`,
  ).toBe(true);
  const driver = await openPglite("memory://");
  await migrate(
    driver,
    all.filter((m) => m.version < version),
  );
  return { driver, migrateRest: async () => void (await migrate(driver, all)) };
}
