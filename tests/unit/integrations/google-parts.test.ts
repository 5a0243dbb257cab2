import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { IDENTITY_SCOPES, PART_SCOPES, partGranted, scopesFor } from "@/lib/integrations/google/parts";
import { googlePartsSchema, googleStartQuery } from "@/lib/integrations/google/schema";

describe("Google parts and scopes", () => {
  it("asks for the identity alone, or the identity and just the parts being turned on", () => {
    expect(scopesFor([])).toEqual([...IDENTITY_SCOPES]);
    expect(scopesFor(["calendar"])).toEqual([...IDENTITY_SCOPES, ...PART_SCOPES.calendar]);
    expect(scopesFor(["calendar", "gmail"])).toEqual([
      ...IDENTITY_SCOPES,
      ...PART_SCOPES.gmail,
      ...PART_SCOPES.calendar,
    ]);
  });

  it("counts a part as granted only when every one of its scopes is", () => {
    expect(partGranted("gmail", [...PART_SCOPES.gmail, "openid"])).toBe(true);
    expect(partGranted("gmail", [PART_SCOPES.gmail[0]!])).toBe(false);
    expect(partGranted("calendar", [...PART_SCOPES.gmail])).toBe(false);
  });

  it("reads ?parts= as a set of known parts and refuses anything else", () => {
    expect(googleStartQuery.parse({}).parts).toEqual([]);
    expect(googleStartQuery.parse({ parts: "gmail,calendar,gmail" }).parts).toEqual(["gmail", "calendar"]);
    expect(googleStartQuery.safeParse({ parts: "gmail,drive" }).success).toBe(false);
    expect(googlePartsSchema.safeParse({}).success).toBe(false);
    expect(googlePartsSchema.safeParse({ gmail: true, status: "connected" }).success).toBe(false);
    expect(googlePartsSchema.parse({ calendar: false })).toEqual({ calendar: false });
  });

  it("wants GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET together, and a URL for the stand-in", () => {
    expect(() => parseEnv({ GOOGLE_CLIENT_ID: "id.apps.example.test" })).toThrow(/GOOGLE_CLIENT_SECRET: .*go together/);
    expect(() => parseEnv({ GOOGLE_CLIENT_SECRET: "secret" })).toThrow(/GOOGLE_CLIENT_ID: .*go together/);
    expect(() => parseEnv({ GOOGLE_OAUTH_BASE_URL: "not a url" })).toThrow(/GOOGLE_OAUTH_BASE_URL/);
    const env = parseEnv({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret", GOOGLE_OAUTH_BASE_URL: "" });
    expect(env.GOOGLE_OAUTH_BASE_URL).toBeUndefined();
  });
});
