/**
 * Validate the environment (a bad variable stops the server with a message naming it),
 * then migrate and, on an empty embedded database, seed demo data, before the first request;
 * on SIGTERM / SIGINT, close the database before the process ends. Loading the job catalogue
 * registers the first-attempt handlers that producers' …Soon functions run in this process.
 */
import { recordBillingEnforcement } from "./lib/billing/subscriptions";
import { withService } from "./lib/db";
import { closeDatabase, database } from "./lib/db/client";
import { closeOnSignal } from "./lib/db/shutdown";
import { seedOnStart } from "./lib/demo/seed";
import { JOB_CATALOG } from "./lib/jobs/catalog";
import { env } from "./lib/env";
import { logger } from "./lib/log";

try {
  env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

try {
  const driver = await database();
  await withService(recordBillingEnforcement);
  await seedOnStart(driver);
  logger.info({ driver: driver.kind }, "database ready");
} catch (error) {
  console.error(`Kiln could not open its database: ${(error as Error).message}`);
  process.exit(1);
}

closeOnSignal(
  async () => {
    await closeDatabase();
    logger.info("database closed");
  },
  (error) => logger.error({ err: error }, "the database did not close cleanly"),
);

// Job workers run in this process unless a separate `npm run worker` does (KILN_WORKER=off).
if (env().KILN_WORKER === "inline" && env().NODE_ENV !== "test") {
  const { startWorkers } = await import("./lib/jobs/worker");
  startWorkers(JOB_CATALOG).catch((error) => logger.error({ err: error }, "job workers could not start"));
}
