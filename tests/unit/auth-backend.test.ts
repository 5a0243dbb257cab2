import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function chosen() {
  vi.resetModules(); // lib/env and the chooser keep their answer for the process
  const { authBackend } = await import("@/lib/auth/backend");
  return authBackend();
}

describe("the auth backend", () => {
  it("is the built-in email + password backend when Supabase is not configured", async () => {
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_ANON_KEY", "");
    const backend = await chosen();
    expect(backend.name).toBe("local");
    expect(backend.managesPasswords).toBe(true);
  });

  it("is Supabase Auth when both Supabase variables are set, and then passwords are changed there", async () => {
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "https://example.supabase.co");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_ANON_KEY", "anon-key");
    const backend = await chosen();
    expect(backend.name).toBe("supabase");
    expect(backend.managesPasswords).toBe(false);
  });

  it("is chosen in one place: no other module reads the Supabase Auth switch", () => {
    const readers = execFileSync(
      "git",
      ["grep", "--untracked", "-l", "-E", "NEXT_PUBLIC_SUPABASE_(URL|ANON_KEY)", "--", "app", "lib", "components"],
      { encoding: "utf8" },
    )
      .split("\n")
      .filter((file) => file && !file.endsWith(".md"));
    // env.ts validates the pair; supabase.ts builds the client the chosen backend uses; storage
    // passes the project URL to its Supabase Storage client, chosen by SUPABASE_STORAGE_BUCKET alone.
    expect(readers.sort()).toEqual([
      "lib/auth/backend.ts",
      "lib/auth/supabase.ts",
      "lib/env.ts",
      "lib/storage/index.ts",
    ]);
    expect(readFileSync("lib/env.ts", "utf8")).not.toMatch(/isSupabaseAuth/);
  });
});
