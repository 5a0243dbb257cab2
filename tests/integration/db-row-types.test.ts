import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, database } from "@/lib/db/client";
import { generateRowTypes } from "@/lib/db/row-types";

afterAll(() => closeDatabase());

describe("generated row types", () => {
  it("the committed row types match the migrated database (run `npm run db:types` after adding a migration)", async () => {
    // As the connection's own role: the catalogue shows every column, whatever the grants.
    const generated = await (await database()).transaction((tx) => generateRowTypes(tx));
    expect(generated).toBe(readFileSync(path.resolve("lib/db/schema.generated.ts"), "utf8"));
  });

  it("types a nullable column as nullable, an array as an array, and a timestamp as a Date", async () => {
    const generated = await (await database()).transaction((tx) => generateRowTypes(tx));
    const leads = /export interface LeadsRow \{[^}]*\}/.exec(generated)?.[0];
    expect(leads).toContain("  id: string;");
    expect(leads).toContain("  email: string | null;");
    expect(leads).toContain("  tags: string[];");
    expect(leads).toContain("  deleted_at: Date | null;");
    expect(generated).toContain("  leads: LeadsRow;");
  });
});
