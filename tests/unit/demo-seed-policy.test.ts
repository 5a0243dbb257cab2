import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoPasswords, seedsDemoData } from "@/lib/demo/seed";

describe("when the app seeds demo data", () => {
  it.each([
    [
      "npm run dev on the embedded database seeds",
      { NODE_ENV: "development", DATABASE_URL: undefined, KILN_DEMO_SEED: undefined },
      true,
    ],
    [
      "a production build on the embedded database seeds nothing",
      { NODE_ENV: "production", DATABASE_URL: undefined, KILN_DEMO_SEED: undefined },
      false,
    ],
    [
      "a production build that opts in with KILN_DEMO_SEED=true seeds",
      { NODE_ENV: "production", DATABASE_URL: undefined, KILN_DEMO_SEED: "true" },
      true,
    ],
    [
      "development on PostgreSQL seeds nothing (npm run db:seed does)",
      { NODE_ENV: "development", DATABASE_URL: "postgresql://x/y", KILN_DEMO_SEED: undefined },
      false,
    ],
    ["tests seed nothing", { NODE_ENV: "test", DATABASE_URL: undefined, KILN_DEMO_SEED: undefined }, false],
    [
      "development with KILN_DEMO_SEED=false seeds nothing",
      { NODE_ENV: "development", DATABASE_URL: undefined, KILN_DEMO_SEED: "false" },
      false,
    ],
  ] as const)("%s", (_label, config, expected) => {
    expect(seedsDemoData(config)).toBe(expected);
  });
});

describe("demo account passwords", () => {
  it("development uses the published demo password", () => {
    expect(
      demoPasswords({ NODE_ENV: "development", KILN_DEMO_PASSWORD: undefined }).passwordFor("owner@acme.test"),
    ).toBe(DEMO_PASSWORD);
  });

  it("production never uses the published password: a different random one per account", () => {
    const { passwordFor, generated } = demoPasswords({ NODE_ENV: "production", KILN_DEMO_PASSWORD: undefined });
    const passwords = ["owner@acme.test", "admin@acme.test", "rep@acme.test"].map(passwordFor);
    expect(generated).toBe(true);
    expect(passwords).not.toContain(DEMO_PASSWORD);
    expect(new Set(passwords).size).toBe(3);
    for (const password of passwords) expect(password.length).toBeGreaterThanOrEqual(20);
  });

  it("an explicit KILN_DEMO_PASSWORD (the browser tests' server) is used as given", () => {
    const { passwordFor, generated } = demoPasswords({
      NODE_ENV: "production",
      KILN_DEMO_PASSWORD: "e2e-only-password",
    });
    expect(generated).toBe(false);
    expect(passwordFor("owner@acme.test")).toBe("e2e-only-password");
  });
});
