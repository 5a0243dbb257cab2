/**
 * npm run db:migrate | db:seed | db:reset — against DATABASE_URL, or the embedded
 * database in PGLITE_DIR (which must not be open in a running dev server).
 * Every command closes what it opened (closeDatabase), so the process exits by itself.
 */
import { rmSync } from "node:fs";
import { loadEnvConfig } from "@next/env";
import { closeDatabase, database } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import { seed, seedIfEmpty } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import "@/lib/jobs/catalog"; // the seed's notifications are delivered by the catalogue's first-attempt handlers

loadEnvConfig(process.cwd()); // the same .env files `next dev` reads
// Each command decides about seeding itself, whatever .env says (an empty KILN_DEMO_SEED= too).
process.env.KILN_DEMO_SEED = "false";

async function open() {
  const config = env();
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL, 2) : openPglite(config.PGLITE_DIR);
}

/** Empties the database: drops Kiln's schemas on a server, removes the embedded folder. */
async function wipe(): Promise<void> {
  const config = env();
  if (!config.DATABASE_URL) {
    const probe = await openPglite(config.PGLITE_DIR); // fails clearly if a dev server holds it
    await probe.close();
    rmSync(config.PGLITE_DIR, { recursive: true, force: true });
    return;
  }
  const driver = await open();
  try {
    await driver.transaction(async (tx) => {
      const { rows } = await tx.query("select 1 from pg_roles where rolname = 'supabase_admin'");
      if (rows.length) throw new Error("This looks like a Supabase database: use `supabase db reset` there.");
      await tx.exec(`
        drop schema if exists public cascade; create schema public;
        drop schema if exists private cascade; drop schema if exists supabase_migrations cascade;
        drop schema if exists pgboss cascade;
        drop table if exists auth.users cascade;`);
    });
  } finally {
    await driver.close();
  }
}

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case "migrate": {
      const driver = await open();
      try {
        const applied = await migrate(driver);
        console.log(applied.length ? `Applied:\n  ${applied.join("\n  ")}` : "Database is up to date.");
      } finally {
        await driver.close();
      }
      return;
    }
    case "seed": {
      // The process-wide handle: work the seed starts in the background (notification
      // deliveries, the job queue) runs on it, and closeDatabase() waits for and closes it.
      const driver = await database();
      console.log(
        (await seedIfEmpty(driver)) ? "Demo data seeded." : "Database already has organizations; nothing seeded.",
      );
      return;
    }
    case "reset": {
      await wipe();
      await seed(await database()); // opening the process-wide handle migrates
      console.log("Database reset, migrated and seeded with demo data.");
      return;
    }
    default:
      console.error("usage: tsx scripts/db.ts migrate|seed|reset");
      process.exitCode = 2;
  }
}

main(process.argv[2])
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
