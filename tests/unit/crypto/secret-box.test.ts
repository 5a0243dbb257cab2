import { describe, expect, it } from "vitest";
import { open, openBuffer, seal, SecretBoxError } from "@/lib/crypto/secret-box";

const KEY = Buffer.alloc(32, 7).toString("base64");
const OTHER_KEY = Buffer.alloc(32, 8).toString("base64");
const ORG_A = "6f1c0b1e-0000-4000-8000-00000000000a";
const ORG_B = "6f1c0b1e-0000-4000-8000-00000000000b";

/** Flips one bit in one base64url part of a sealed value. */
function tamper(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box", () => {
  it.each([
    ["an access token", "eyJraWQiOiIxY2UxZTEzNjE3ZGNmNzY2YjNjZWJjY2Y4ZGM1YmFmYSIsInR5cCI6IkpXVCJ9.payload.sig"],
    ["an empty string", ""],
    ["unicode", "Zürich → 東京 🔑"],
    ["a long value", "x".repeat(100_000)],
  ])("round-trips %s", (_label, plaintext) => {
    expect(open(seal(plaintext, KEY), KEY)).toBe(plaintext);
    expect(open(seal(plaintext, KEY, ORG_A), KEY, ORG_A)).toBe(plaintext);
  });

  it("round-trips binary data", () => {
    const bytes = Buffer.from([0, 255, 128, 7]);
    expect(openBuffer(seal(bytes, KEY), KEY).equals(bytes)).toBe(true);
  });

  it("produces v1.<iv>.<ciphertext>.<tag> with a 12-byte IV and a 16-byte tag", () => {
    const sealed = seal("secret", KEY);
    const [version, iv, ciphertext, tag] = sealed.split(".");
    expect(version).toBe("v1");
    expect(Buffer.from(iv ?? "", "base64url")).toHaveLength(12);
    expect(Buffer.from(ciphertext ?? "", "base64url")).toHaveLength(6);
    expect(Buffer.from(tag ?? "", "base64url")).toHaveLength(16);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/);
  });

  it("uses a fresh IV every time, so equal secrets do not look equal", () => {
    const values = Array.from({ length: 20 }, () => seal("same secret", KEY));
    expect(new Set(values).size).toBe(20);
    expect(new Set(values.map((value) => value.split(".")[1])).size).toBe(20);
  });

  it("never contains the plaintext", () => {
    const sealed = seal("refresh-token-abcdef", KEY);
    expect(sealed).not.toContain("refresh-token");
    expect(Buffer.from(sealed.split(".")[2] ?? "", "base64url").toString()).not.toContain("refresh-token");
  });

  it.each([
    ["the IV", 1],
    ["the ciphertext", 2],
    ["the tag", 3],
  ] as const)("detects a flipped bit in %s", (_label, part) => {
    expect(() => open(tamper(seal("secret", KEY, ORG_A), part), KEY, ORG_A)).toThrow(SecretBoxError);
  });

  it("refuses the wrong key", () => {
    expect(() => open(seal("secret", KEY), OTHER_KEY)).toThrow(SecretBoxError);
  });

  it.each([
    ["another organization's id", ORG_A, ORG_B],
    ["no associated data when some was used", ORG_A, undefined],
    ["associated data when none was used", undefined, ORG_A],
    ["a case change", ORG_A, ORG_A.toUpperCase()],
  ])("refuses %s as associated data", (_label, sealedWith, openedWith) => {
    expect(() => open(seal("secret", KEY, sealedWith), KEY, openedWith)).toThrow(SecretBoxError);
  });

  it("gives one message for every failure, naming none of the secrets", () => {
    const messages = new Set<string>();
    for (const attempt of [
      () => open(seal("secret", KEY), OTHER_KEY),
      () => open(seal("secret", KEY, ORG_A), KEY, ORG_B),
      () => open(tamper(seal("secret", KEY), 2), KEY),
    ]) {
      try {
        attempt();
      } catch (error) {
        messages.add((error as Error).message);
      }
    }
    expect(messages.size).toBe(1);
    expect([...messages][0]).not.toMatch(/secret"|ORG|6f1c/);
  });

  it.each([
    ["an empty string", ""],
    ["plaintext", "not sealed at all"],
    ["another version", (s: string) => s.replace(/^v1\./, "v2.")],
    ["a missing part", (s: string) => s.split(".").slice(0, 3).join(".")],
    ["an extra part", (s: string) => `${s}.AAAA`],
    ["a short IV", (s: string) => s.replace(/^v1\.[^.]+\./, "v1.AAAA.")],
    ["a truncated tag", (s: string) => s.slice(0, -4)],
    ["standard base64 characters", (s: string) => s.replace(/\.[^.]+$/, ".+/+/+/+/+/+/+/+/+/+/+w")],
  ])("refuses a malformed value: %s", (_label, make) => {
    const value = typeof make === "string" ? make : make(seal("secret", KEY));
    expect(() => open(value, KEY)).toThrow(SecretBoxError);
  });

  it.each([
    ["16 bytes", Buffer.alloc(16, 1).toString("base64")],
    ["33 bytes", Buffer.alloc(33, 1).toString("base64")],
    ["an empty key", ""],
    ["a passphrase", "correct horse battery staple"],
  ])("refuses a key of %s when sealing and opening", (_label, key) => {
    expect(() => seal("secret", key)).toThrow(/32 bytes/);
    expect(() => open(seal("secret", KEY), key)).toThrow(/32 bytes/);
  });

  it("accepts the key in base64url form too", () => {
    const bytes = Buffer.alloc(32, 0xfb);
    const sealed = seal("secret", bytes.toString("base64"));
    expect(open(sealed, bytes.toString("base64url"))).toBe("secret");
  });
});
