import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isSandboxToken,
  issueSandboxToken,
  openSandboxToken,
  sandboxSubOf,
} from "@/lib/integrations/google/sandbox/tokens";

const grant = {
  org: "7c1f8f3e-3c1a-4d8e-9a51-0b7f4a7e2d10",
  user: "0f4b8a52-6a7e-4c3b-8f1d-2e9c5b7a1d33",
  sub: sandboxSubOf("0f4b8a52-6a7e-4c3b-8f1d-2e9c5b7a1d33"),
  email: "rosa.rep@fernhill-mail.test",
  scopes: ["openid"],
  anchor: 1_764_892_800_000,
};

afterEach(() => vi.useRealTimers());

describe("the sandbox Google's tokens", () => {
  it("carry their grant and open only as the kind they were issued as", () => {
    const access = issueSandboxToken("access", grant);
    expect(isSandboxToken(access)).toBe(true);
    expect(openSandboxToken("access", access)).toEqual(grant);
    expect(openSandboxToken("refresh", access)).toBeNull();
    expect(openSandboxToken("code", access)).toBeNull();
  });

  it("a changed payload or signature opens nothing", () => {
    const [prefix, kind, body, mac] = issueSandboxToken("refresh", grant).split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), user: grant.org }),
    ).toString("base64url");
    expect(openSandboxToken("refresh", [prefix, kind, forged, mac].join("."))).toBeNull();
    expect(openSandboxToken("refresh", [prefix, kind, body, `${mac}x`].join("."))).toBeNull();
    expect(openSandboxToken("refresh", "ya29.a-real-google-token")).toBeNull();
  });

  it("an access token expires after an hour, a code after five minutes; a refresh token does not", () => {
    vi.useFakeTimers({ now: grant.anchor });
    const access = issueSandboxToken("access", grant);
    const refresh = issueSandboxToken("refresh", grant);
    const code = issueSandboxToken("code", { ...grant, challenge: "c", redirectUri: "http://localhost:3000/cb" });
    vi.setSystemTime(grant.anchor + 5 * 60_000 + 1);
    expect(openSandboxToken("code", code)).toBeNull();
    expect(openSandboxToken("access", access)).toEqual(grant);
    vi.setSystemTime(grant.anchor + 3_600_000 + 1);
    expect(openSandboxToken("access", access)).toBeNull();
    expect(openSandboxToken("refresh", refresh)).toEqual(grant);
  });

  it("a user is the same Google-shaped account every time, and another user another", () => {
    expect(sandboxSubOf(grant.user)).toMatch(/^1\d{20}$/);
    expect(sandboxSubOf(grant.user)).toBe(grant.sub);
    expect(sandboxSubOf(grant.org)).not.toBe(grant.sub);
  });
});
