import { describe, expect, it } from "vitest";
import { parseKey } from "@/lib/crypto/key";
import { open, seal } from "@/lib/crypto/secret-box";
import { parseEnv } from "@/lib/env";

const BYTES = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 251) % 256));

describe("ENCRYPTION_KEY formats", () => {
  it.each([
    ["64 hex characters (openssl rand -hex 32)", BYTES.toString("hex")],
    ["64 upper-case hex characters", BYTES.toString("hex").toUpperCase()],
    ["base64 (openssl rand -base64 32)", BYTES.toString("base64")],
    ["base64 without its padding", BYTES.toString("base64").replace(/=+$/, "")],
    ["base64url", BYTES.toString("base64url")],
    ["base64 with a trailing newline", `${BYTES.toString("base64")}\n`],
  ])("accepts a 32-byte key as %s", (_label, value) => {
    expect(parseKey(value)).toEqual(BYTES);
    expect(parseEnv({ ENCRYPTION_KEY: value }).ENCRYPTION_KEY).toBe(value);
  });

  it("opens with the hex form what was sealed with the base64 form of the same key", () => {
    expect(open(seal("secret", BYTES.toString("base64")), BYTES.toString("hex"))).toBe("secret");
  });

  it.each([
    ["16 bytes in hex", Buffer.alloc(16, 1).toString("hex")],
    ["33 bytes in hex", Buffer.alloc(33, 1).toString("hex")],
    ["63 hex characters", BYTES.toString("hex").slice(1)],
    ["16 bytes in base64", Buffer.alloc(16, 1).toString("base64")],
    ["48 bytes in base64 (openssl rand -base64 48)", Buffer.alloc(48, 1).toString("base64")],
    ["64 characters that are not hex", "g".repeat(64)],
    ["a passphrase", "correct horse battery staple correct horse"],
    ["base64 with characters from both alphabets", `${BYTES.toString("base64url").slice(0, 41)}+-`],
    [
      "base64 with junk in the middle",
      `${BYTES.toString("base64").slice(0, 20)}!${BYTES.toString("base64").slice(21)}`,
    ],
    [
      "base64 whose unused bits are set",
      `${BYTES.toString("base64").slice(0, 42)}${BYTES.toString("base64")[42] === "/" ? "+" : "/"}=`,
    ],
    ["only spaces", "   "],
  ])("refuses %s", (_label, value) => {
    expect(parseKey(value)).toBeNull();
    expect(() => parseEnv({ ENCRYPTION_KEY: value })).toThrow(
      /ENCRYPTION_KEY: must be 32 bytes: 64 hex characters .* or base64/,
    );
    expect(() => seal("secret", value)).toThrow(/32 bytes/);
  });
});
