/**
 * Validate the environment (a bad variable stops the server with a message naming it),
 * then migrate and, on an empty embedded database, seed demo data, before the first request.
 */
import { database } from "./lib/db/client";
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
  logger.info({ driver: driver.kind }, "database ready");
} catch (error) {
  console.error(`Kiln could not open its database: ${(error as Error).message}`);
  process.exit(1);
}

// Job workers run in this process unless a separate `npm run worker` does (KILN_WORKER=off).
if (env().KILN_WORKER === "inline" && env().NODE_ENV !== "test") {
  const { startWorkers } = await import("./lib/jobs/worker");
  const { JOB_CATALOG } = await import("./lib/jobs/catalog");
  startWorkers(JOB_CATALOG).catch((error) => logger.error({ err: error }, "job workers could not start"));
}
