import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signCalendlyPayload, verifyCalendlySignature } from "@/lib/integrations/calendly/signature";

const KEY = "calendly-test-signing-key";
const NOW = new Date("2026-05-04T12:00:00Z");
const T = Math.floor(NOW.getTime() / 1000);
const BODY = JSON.stringify({ event: "invitee.created", payload: { email: "ada@example.com" } });
const sig = (t: number, body: string | Buffer = BODY, key = KEY) =>
  createHmac("sha256", key).update(`${t}.`).update(body).digest("hex");

describe("verifyCalendlySignature", () => {
  it("accepts a delivery signed with the subscription's key and reports its timestamp", () => {
    const result = verifyCalendlySignature(signCalendlyPayload(BODY, KEY, NOW), BODY, KEY, NOW);
    expect(result).toEqual({ ok: true, timestamp: new Date(T * 1000) });
  });

  it("signs exactly as Calendly documents: hex HMAC-SHA256 of `t.body`", () => {
    expect(signCalendlyPayload(BODY, KEY, NOW)).toBe(`t=${T},v1=${sig(T)}`);
  });

  it("hashes a Buffer body byte for byte, including bytes that are not valid UTF-8", () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    expect(verifyCalendlySignature(`t=${T},v1=${sig(T, body)}`, body, KEY, NOW).ok).toBe(true);
    expect(verifyCalendlySignature(`t=${T},v1=${sig(T, body)}`, body.toString("utf8"), KEY, NOW)).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it.each([
    ["the wrong key", `t=${T},v1=${sig(T, BODY, "another-key")}`, BODY, "mismatch"],
    ["a tampered body", `t=${T},v1=${sig(T)}`, BODY.replace("ada", "eve"), "mismatch"],
    ["a body with one extra space", `t=${T},v1=${sig(T)}`, `${BODY} `, "mismatch"],
    ["a timestamp swapped after signing", `t=${T + 1},v1=${sig(T)}`, BODY, "mismatch"],
    ["a signature from an unknown scheme only", `t=${T},v0=${sig(T)},v1=${"0".repeat(64)}`, BODY, "mismatch"],
    // Not 64 hex characters, so there is no v1 value left to compare.
    ["a truncated signature", `t=${T},v1=${sig(T).slice(0, 62)}`, BODY, "malformed"],
  ])("refuses %s", (_label, header, body, reason) => {
    expect(verifyCalendlySignature(header, body, KEY, NOW)).toEqual({ ok: false, reason });
  });

  it.each([
    ["181 s old", -181, false],
    ["181 s in the future", 181, false],
    ["1 hour old", -3600, false],
    ["exactly 180 s old", -180, true],
    ["exactly 180 s in the future", 180, true],
    ["10 s old", -10, true],
  ])("a correctly signed delivery %s → accepted: %s", (_label, skew, accepted) => {
    const header = signCalendlyPayload(BODY, KEY, new Date(NOW.getTime() + skew * 1000));
    expect(verifyCalendlySignature(header, BODY, KEY, NOW)).toEqual(
      accepted ? { ok: true, timestamp: new Date((T + skew) * 1000) } : { ok: false, reason: "stale" },
    );
  });

  it("honours a custom tolerance", () => {
    const header = signCalendlyPayload(BODY, KEY, new Date(NOW.getTime() - 30_000));
    expect(verifyCalendlySignature(header, BODY, KEY, NOW, 20)).toEqual({ ok: false, reason: "stale" });
    expect(verifyCalendlySignature(header, BODY, KEY, NOW, 60).ok).toBe(true);
  });

  it("reports a forged, old delivery as a mismatch rather than stale", () => {
    expect(verifyCalendlySignature(`t=${T - 3600},v1=${sig(T - 3600, BODY, "x")}`, BODY, KEY, NOW)).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it.each([
    ["null", null, "missing"],
    ["an empty header", "", "missing"],
    ["whitespace only", "   ", "missing"],
    ["garbage", "definitely not a signature", "malformed"],
    ["no timestamp", `v1=${sig(T)}`, "malformed"],
    ["no signature", `t=${T}`, "malformed"],
    ["a non-numeric timestamp", `t=abc,v1=${sig(T)}`, "malformed"],
    ["a negative timestamp", `t=-${T},v1=${sig(T)}`, "malformed"],
    ["a millisecond-looking timestamp with a fraction", `t=${T}.5,v1=${sig(T)}`, "malformed"],
    ["two timestamps", `t=${T},t=${T - 1},v1=${sig(T)}`, "malformed"],
    ["a non-hex signature", `t=${T},v1=${"z".repeat(64)}`, "malformed"],
    ["an empty signature", `t=${T},v1=`, "malformed"],
    ["a Stripe-style header name inside", `Calendly-Webhook-Signature: t=${T},v1=${sig(T)}`, "malformed"],
  ])("refuses %s as %s", (_label, header, reason) => {
    expect(verifyCalendlySignature(header, BODY, KEY, NOW)).toEqual({ ok: false, reason });
  });

  it("tolerates whitespace around parts, keys and values", () => {
    expect(verifyCalendlySignature(`  t = ${T} ,  v1 = ${sig(T)}  `, BODY, KEY, NOW).ok).toBe(true);
  });

  it("accepts the parts in any order and uppercase hex", () => {
    expect(verifyCalendlySignature(`v1=${sig(T).toUpperCase()},t=${T}`, BODY, KEY, NOW).ok).toBe(true);
  });

  it("accepts when any one of several v1 signatures matches (key rotation)", () => {
    const header = `t=${T},v1=${sig(T, BODY, "old-key")},v1=${sig(T)},v1=${"a".repeat(64)}`;
    expect(verifyCalendlySignature(header, BODY, KEY, NOW).ok).toBe(true);
  });

  it("refuses when none of several v1 signatures matches", () => {
    const header = `t=${T},v1=${sig(T, BODY, "old-key")},v1=${sig(T, BODY, "other-key")}`;
    expect(verifyCalendlySignature(header, BODY, KEY, NOW)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("ignores unknown schemes next to a valid v1", () => {
    expect(verifyCalendlySignature(`t=${T},v0=deadbeef,v1=${sig(T)},v2=whatever`, BODY, KEY, NOW).ok).toBe(true);
  });

  it("signs at the current time by default", () => {
    const header = signCalendlyPayload(BODY, KEY);
    expect(verifyCalendlySignature(header, BODY, KEY).ok).toBe(true);
  });
});
