import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sameSecret, verifyMetaSignature } from "@/lib/channels/signatures";

const SECRET = "app-secret";
const body = Buffer.from(JSON.stringify({ object: "whatsapp_business_account", entry: [] }));
const hex = createHmac("sha256", SECRET).update(body).digest("hex");

describe("X-Hub-Signature-256", () => {
  it("accepts exactly sha256= and the 64 hex digits of the body's HMAC", () => {
    expect(verifyMetaSignature(SECRET, `sha256=${hex}`, body)).toBe(true);
    expect(verifyMetaSignature(SECRET, `sha256=${hex.toUpperCase()}`, body)).toBe(true);
  });

  const refused: [string, string | null][] = [
    ["trailing junk after the hex", `sha256=${hex}junk`],
    ["a trailing non-hex character", `sha256=${hex}z`],
    ["trailing whitespace", `sha256=${hex} `],
    ["a trailing newline", `sha256=${hex}\n`],
    ["a second signature appended", `sha256=${hex},sha256=${hex}`],
    ["leading whitespace", ` sha256=${hex}`],
    ["one hex digit too few", `sha256=${hex.slice(0, 63)}`],
    ["one hex digit too many", `sha256=${hex}0`],
    ["half the digest", `sha256=${hex.slice(0, 32)}`],
    ["an uppercase prefix", `SHA256=${hex}`],
    ["another algorithm", `sha1=${hex}`],
    ["no prefix", hex],
    ["the prefix alone", "sha256="],
    ["an empty header", ""],
    ["no header", null],
    ["the HMAC of another body", `sha256=${createHmac("sha256", SECRET).update("other").digest("hex")}`],
    ["the HMAC made with another secret", `sha256=${createHmac("sha256", "other-secret").update(body).digest("hex")}`],
  ];
  for (const [name, header] of refused) {
    it(`refuses ${name}`, () => {
      expect(verifyMetaSignature(SECRET, header, body)).toBe(false);
    });
  }
});

describe("sameSecret", () => {
  it("is true only for the identical string, whatever the lengths", () => {
    expect(sameSecret("verify-token", "verify-token")).toBe(true);
    expect(sameSecret("verify-token", "verify-tokeN")).toBe(false);
    expect(sameSecret("verify", "verify-token")).toBe(false);
    expect(sameSecret("", "verify-token")).toBe(false);
  });
});
