/**
 * npm run db:types — migrates a throw-away in-memory PGlite and writes the row type of every
 * public table to lib/db/schema.generated.ts (lib/db/row-types.ts). Run it after adding a
 * migration and commit the result; tests/integration/db-row-types.test.ts fails until you do.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { migrate } from "@/lib/db/migrate";
import { openPglite } from "@/lib/db/pglite";
import { generateRowTypes } from "@/lib/db/row-types";

const OUTPUT = path.join(process.cwd(), "lib", "db", "schema.generated.ts");

async function main() {
  const driver = await openPglite("memory://");
  try {
    await migrate(driver);
    writeFileSync(OUTPUT, await driver.transaction((tx) => generateRowTypes(tx)));
    console.log(`Wrote ${path.relative(process.cwd(), OUTPUT)}`);
  } finally {
    await driver.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
