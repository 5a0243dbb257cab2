import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { isStorageKey } from "./keys";

/**
 * Kiln's own short-lived file links, `/api/files/<key>?exp=<unix seconds>&sig=<HMAC>`: what a
 * provider fetches an outbound attachment from when the files are in the local folder. The
 * HMAC-SHA256 (keyed with AUTH_SECRET, domain-separated) covers the key and the expiry, so
 * neither can be changed, and nothing else is needed to check it: no session, no database.
 */
const signature = (key: string, exp: number) =>
  createHmac("sha256", env().AUTH_SECRET).update(`kiln-file-url\n${key}\n${exp}`).digest("base64url");

/** A link valid for `expiresInSeconds` from `now`. */
export function signFileUrl(key: string, expiresInSeconds: number, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + Math.max(1, Math.floor(expiresInSeconds));
  const url = new URL(`/api/files/${key}`, env().APP_URL);
  url.searchParams.set("exp", String(exp));
  url.searchParams.set("sig", signature(key, exp));
  return url.toString();
}

export type FileUrlCheck = "ok" | "expired" | "invalid";

/** Whether a link's key, expiry and signature belong together and it has not expired. */
export function checkFileUrl(key: string, exp: string | null, sig: string | null, now = Date.now()): FileUrlCheck {
  if (!isStorageKey(key) || !exp || !sig || !/^\d{1,12}$/.test(exp)) return "invalid";
  const expected = Buffer.from(signature(key, Number(exp)));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return Number(exp) * 1000 < now ? "expired" : "ok";
}
