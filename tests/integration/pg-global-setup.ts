import { migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/postgres";

/**
 * Global setup of the `integration-pg` project: migrates the shared PostgreSQL test
 * database once, before any file runs, so files never race each other's migrator.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("integration-pg needs TEST_DATABASE_URL");
  const driver = openPostgres(url, 1);
  try {
    await migrate(driver);
    // The database outlives runs: start each run with fresh rate-limit counters (installation-wide
    // limits such as sign-ups per hour would otherwise add up over several runs within the hour).
    await driver.transaction((tx) => tx.query("delete from public.rate_limit_counters"));
  } finally {
    await driver.close();
  }
}
