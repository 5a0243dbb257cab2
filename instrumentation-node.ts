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
