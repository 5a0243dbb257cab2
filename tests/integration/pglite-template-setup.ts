import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";

/** A template another run may still be loading is kept for this long after its last write. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Global setup of the `integration` and `integration-pg` projects: migrates one PGlite and dumps
 * its data directory to the file PGLITE_TEMPLATE names (vitest.config.mts), unless a run already
 * made it for the same migrations. Every test file's `memory://` database then starts from its
 * own copy of it (lib/db/client.ts), already migrated, instead of running every migration again;
 * a file that opens `openPglite("memory://")` itself still gets an empty one (data-migration tests).
 */
export default async function setup(project: TestProject): Promise<void> {
  const file = project.config.env.PGLITE_TEMPLATE;
  if (!file) throw new Error("the integration project sets PGLITE_TEMPLATE (vitest.config.mts)");
  if (existsSync(file)) return;
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const driver = await openPglite("memory://");
  try {
    await migrate(driver);
    if (!("pglite" in driver.native)) throw new Error("openPglite returned another driver");
    const { pglite } = driver.native;
    // Flushed to the data files, so a copy starts without replaying the write-ahead log.
    await pglite.exec("checkpoint");
    const archive = await pglite.dumpDataDir("none");
    // Written whole, then renamed: a run starting at the same time never loads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await archive.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await driver.close();
  }
  for (const name of readdirSync(dir)) {
    const other = path.join(dir, name);
    if (name.startsWith("pglite-template-") && other !== file && Date.now() - statSync(other).mtimeMs > STALE_AFTER_MS)
      rmSync(other, { force: true });
  }
}
