import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFileUrl, isStorageKey, orgKey, signFileUrl } from "@/lib/storage";
import { localStore } from "@/lib/storage/local";

const ORG = "0b6f1c1e-6a8f-4c56-9a59-1f2d3e4a5b6c";
const KEY = orgKey(ORG, "attachments", "7d0e9a52-3c1b-4f7e-8d6a-5b4c3a2f1e0d");
const parts = (url: string) => {
  const parsed = new URL(url);
  return {
    key: parsed.pathname.replace(/^\/api\/files\//, ""),
    exp: parsed.searchParams.get("exp"),
    sig: parsed.searchParams.get("sig"),
  };
};

describe("signed file links (lib/storage/signed-url.ts)", () => {
  it("a link is valid until its expiry and expired after it", () => {
    const now = Date.UTC(2026, 11, 4, 12);
    const link = parts(signFileUrl(KEY, 600, now));
    expect(link.key).toBe(KEY);
    expect(checkFileUrl(link.key, link.exp, link.sig, now + 599_000)).toBe("ok");
    expect(checkFileUrl(link.key, link.exp, link.sig, now + 601_000)).toBe("expired");
  });

  it("a changed key, expiry or signature is invalid", () => {
    const link = parts(signFileUrl(KEY, 600));
    const other = orgKey(ORG, "attachments", "00000000-0000-4000-8000-000000000000");
    expect(checkFileUrl(other, link.exp, link.sig)).toBe("invalid");
    expect(checkFileUrl(link.key, String(Number(link.exp) + 1), link.sig)).toBe("invalid");
    expect(checkFileUrl(link.key, link.exp, `${link.sig!.slice(0, -1)}${link.sig!.endsWith("A") ? "B" : "A"}`)).toBe(
      "invalid",
    );
    expect(checkFileUrl(link.key, link.exp, null)).toBe("invalid");
    expect(checkFileUrl(link.key, "soon", link.sig)).toBe("invalid");
  });

  it("only keys below an organization's id are keys at all", () => {
    expect(isStorageKey(KEY)).toBe(true);
    expect(isStorageKey(`${ORG}/attachments/../../secrets.json`)).toBe(false);
    expect(isStorageKey("/etc/passwd")).toBe(false);
    expect(isStorageKey(`${ORG}/attachments/a/b`)).toBe(false);
  });
});

describe("the local folder store (lib/storage/local.ts)", () => {
  it("puts, stats, gets and deletes a file, and refuses a path that is not a key", async () => {
    const store = localStore(mkdtempSync(path.join(tmpdir(), "kiln-store-")));
    await store.put(KEY, new TextEncoder().encode("%PDF-1.7"), { size: 8, contentType: "application/pdf" });
    expect(await store.stat(KEY)).toEqual({ size: 8, contentType: "application/pdf" });
    const object = await store.get(KEY);
    const chunks: Buffer[] = [];
    for await (const chunk of object!.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("%PDF-1.7");
    expect(parts(await store.signedUrl(KEY, 60)).key).toBe(KEY);
    await store.delete(KEY);
    expect(await store.get(KEY)).toBeNull();
    await expect(store.put("../outside", new Uint8Array(1), { size: 1, contentType: "text/plain" })).rejects.toThrow();
  });
});
