/**
 * npm run worker — the job workers as their own process (production, several app
 * instances: run the web servers with KILN_WORKER=off and one or more of these).
 * Needs DATABASE_URL: the embedded database allows one process, which then runs the
 * workers itself.
 */
import { loadEnvConfig } from "@next/env";

loadEnvConfig(process.cwd());
process.env.KILN_DEMO_SEED ??= "false";

const { env } = await import("@/lib/env");
const { logger } = await import("@/lib/log");
if (!env().DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL. With the embedded database, `npm run dev` / `npm start` run the workers in-process.");
  process.exit(1);
}
const { startWorkers } = await import("@/lib/jobs/worker");
const { JOB_CATALOG } = await import("@/lib/jobs/catalog");
const { stopJobQueue } = await import("@/lib/jobs/boss");
const { closeDatabase } = await import("@/lib/db/client");

await startWorkers(JOB_CATALOG);
logger.info("worker running; Ctrl-C to stop");

const shutdown = async () => {
  logger.info("worker stopping");
  await stopJobQueue();
  await closeDatabase();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
