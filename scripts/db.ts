/**
 * npm run db:migrate | db:seed | db:reset — against DATABASE_URL, or the embedded
 * database in PGLITE_DIR (which must not be open in a running dev server).
 */
import { rmSync } from "node:fs";
import { loadEnvConfig } from "@next/env";
import { closeDatabase, database } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import { seed, seedIfEmpty } from "@/lib/db/seed";
import { env } from "@/lib/env";

loadEnvConfig(process.cwd()); // the same .env files `next dev` reads
process.env.KILN_DEMO_SEED ??= "false"; // each command decides about seeding itself

async function open() {
  const config = env();
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL, 2) : openPglite(config.PGLITE_DIR);
}

async function main(command: string | undefined) {
  switch (command) {
    case "migrate": {
      const driver = await open();
      const applied = await migrate(driver);
      console.log(applied.length ? `Applied:\n  ${applied.join("\n  ")}` : "Database is up to date.");
      await driver.close();
      return;
    }
    case "seed": {
      const driver = await database();
      console.log((await seedIfEmpty(driver)) ? "Demo data seeded." : "Database already has organizations; nothing seeded.");
      await closeDatabase();
      return;
    }
    case "reset": {
      const config = env();
      if (config.DATABASE_URL) {
        const driver = await open();
        await driver.transaction(async (tx) => {
          const { rows } = await tx.query("select 1 from pg_roles where rolname = 'supabase_admin'");
          if (rows.length) throw new Error("This looks like a Supabase database: use `supabase db reset` there.");
          await tx.exec(`
            drop schema if exists public cascade; create schema public;
            drop schema if exists private cascade; drop schema if exists supabase_migrations cascade;
            drop table if exists auth.users cascade;`);
        });
        await migrate(driver);
        await seed(driver);
        await driver.close();
      } else {
        const probe = await openPglite(config.PGLITE_DIR); // fails clearly if a dev server holds it
        await probe.close();
        rmSync(config.PGLITE_DIR, { recursive: true, force: true });
        const driver = await openPglite(config.PGLITE_DIR);
        await migrate(driver);
        await seed(driver);
        await driver.close();
      }
      console.log("Database reset, migrated and seeded with demo data.");
      return;
    }
    default:
      console.error("usage: tsx scripts/db.ts migrate|seed|reset");
      process.exit(2);
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
