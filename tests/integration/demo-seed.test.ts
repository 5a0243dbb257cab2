import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * The app's own seed path (lib/demo/seed.ts seedOnStart, run by instrumentation-node.ts on start) on a
 * fresh embedded database, under the environment a deployment gives it.
 */
async function startApp(vars: Record<string, string>) {
  vi.resetModules(); // env() is read once per module instance
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  const { database, closeDatabase } = await import("@/lib/db/client");
  const { withService } = await import("@/lib/db");
  const { seedOnStart } = await import("@/lib/demo/seed");
  const { logger } = await import("@/lib/log");
  const warn = vi.spyOn(logger, "warn");
  try {
    await seedOnStart(await database());
    const { rows } = await withService((tx) =>
      tx.query<{ email: string; encrypted_password: string }>(
        "select email, encrypted_password from auth.users where email like '%@acme.test' or email like '%@globex.test' order by email",
      ),
    );
    return { accounts: rows, warnings: warn.mock.calls.map((call) => String(call[0])) };
  } finally {
    warn.mockRestore();
    await closeDatabase();
  }
}

const production = {
  NODE_ENV: "production",
  APP_URL: "http://localhost:3999",
  DATABASE_URL: "",
  PGLITE_DIR: "memory://",
  KILN_DEMO_PASSWORD: "",
};

afterEach(() => {
  vi.unstubAllEnvs();
});

// Migrating and seeding a fresh embedded database takes a while on a busy machine.
describe("demo data in production", { timeout: 240_000 }, () => {
  it("starting the app with NODE_ENV=production and no opt-in seeds nothing", async () => {
    const { accounts } = await startApp({ ...production, KILN_DEMO_SEED: "" });
    expect(accounts).toEqual([]);
  });

  it("with KILN_DEMO_SEED=true in production the demo accounts get generated passwords, never kiln-demo-pass, shown once at warn level", async () => {
    const { accounts, warnings } = await startApp({ ...production, KILN_DEMO_SEED: "true" });
    expect(accounts.map((a) => a.email)).toContain("owner@acme.test");
    const notice = warnings.find((w) => w.includes("generated passwords"));
    expect(notice).toBeDefined();
    const shown = new Map([...notice!.matchAll(/([\w.+-]+@[\w.-]+): (\S+?)(?:,|$)/g)].map((m) => [m[1]!, m[2]!]));
    expect(new Set(shown.values()).size).toBe(accounts.length); // one password per account
    for (const account of accounts) {
      expect(await bcrypt.compare("kiln-demo-pass", account.encrypted_password)).toBe(false);
      expect(await bcrypt.compare(shown.get(account.email)!, account.encrypted_password)).toBe(true);
    }
  });
});
