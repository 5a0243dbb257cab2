/**
 * npm run worker — the job workers as their own process (production, several app
 * instances: run the web servers with KILN_WORKER=off and one or more of these).
 * Needs DATABASE_URL: the embedded database allows one process, which then runs the
 * workers itself.
 */
import { loadEnvConfig } from "@next/env";

loadEnvConfig(process.cwd());
process.env.KILN_DEMO_SEED ||= "false"; // seeding is for db:seed, unless asked for

// Imported after the .env files are loaded: these modules read the environment as they load.
// (No top-level await: tsx runs this file as CommonJS.)
async function main(): Promise<void> {
  const { env } = await import("@/lib/env");
  const { logger } = await import("@/lib/log");
  if (!env().DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL. With the embedded database, `npm run dev` / `npm start` run the workers in-process.",
    );
    process.exitCode = 1;
    return;
  }
  const { startWorkers } = await import("@/lib/jobs/worker");
  const { JOB_CATALOG } = await import("@/lib/jobs/catalog");
  const { closeDatabase } = await import("@/lib/db/client");

  // Closing the database stops the job queue first (running jobs finish, up to its timeout);
  // with nothing left open the process exits by itself.
  const shutdown = async () => {
    logger.info("worker stopping");
    await closeDatabase();
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);

  await startWorkers(JOB_CATALOG);
  logger.info("worker running; Ctrl-C to stop");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
  void import("@/lib/db/client").then(({ closeDatabase }) => closeDatabase());
});
