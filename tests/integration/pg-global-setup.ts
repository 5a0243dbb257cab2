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
  } finally {
    await driver.close();
  }
}
