/**
 * First setup file of the `integration-pg` project: points this worker at its own database
 * (`<TEST_DATABASE_URL's name>_w<VITEST_POOL_ID>`, made by tests/integration/pg-global-setup.ts),
 * before anything reads DATABASE_URL: lib/env reads it once per process, and the next setup
 * file already loads the app's modules. It imports nothing from the app for that reason.
 */
import { urlOf, workerDatabase } from "./pg-databases";

const adminUrl = process.env.TEST_DATABASE_URL;
const poolId = Number(process.env.VITEST_POOL_ID);
if (!adminUrl) throw new Error("integration-pg needs TEST_DATABASE_URL");
if (!Number.isInteger(poolId) || poolId < 1)
  throw new Error(`VITEST_POOL_ID is not a worker number: "${process.env.VITEST_POOL_ID}"`);

process.env.DATABASE_URL = urlOf(adminUrl, workerDatabase(adminUrl, poolId));
