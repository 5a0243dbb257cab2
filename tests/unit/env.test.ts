import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("environment validation", () => {
  it("accepts an empty environment with development defaults", () => {
    const env = parseEnv({});
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.PGLITE_DIR).toBe(".data/pglite");
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SMTP_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the variable and the problem when a value is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ APP_URL: "not a url" })).toThrow(/APP_URL/);
    expect(() => parseEnv({ STRIPE_WEBHOOK_SECRET: "nope" })).toThrow(/STRIPE_WEBHOOK_SECRET: must start with whsec_/);
  });

  it("refuses production without AUTH_SECRET and ENCRYPTION_KEY", () => {
    try {
      parseEnv({ NODE_ENV: "production" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as Error).message).toMatch(/AUTH_SECRET: is required when NODE_ENV=production/);
      expect((error as Error).message).toMatch(/ENCRYPTION_KEY: is required when NODE_ENV=production/);
    }
  });

  it("refuses production without an explicit APP_URL, since same-origin checks and webhook signatures use it", () => {
    const secrets = { AUTH_SECRET: "x".repeat(48), ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("hex") };
    expect(() => parseEnv({ NODE_ENV: "production", ...secrets })).toThrow(
      /APP_URL: is required when NODE_ENV=production/,
    );
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "https://crm.example.com", ...secrets }).APP_URL).toBe(
      "https://crm.example.com",
    );
  });

  it("rejects an ENCRYPTION_KEY that is not 32 bytes and a short AUTH_SECRET", () => {
    expect(() => parseEnv({ ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })).toThrow(
      /ENCRYPTION_KEY: must be 32 bytes/,
    );
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32/);
  });

  it("requires the Supabase URL and anon key together", () => {
    expect(() => parseEnv({ NEXT_PUBLIC_SUPABASE_URL: "https://abc.supabase.co" })).toThrow(
      /NEXT_PUBLIC_SUPABASE_ANON_KEY/,
    );
  });
});
