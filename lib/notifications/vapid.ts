import "server-only";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { env } from "@/lib/env";

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

let cached: VapidKeys | null | undefined;

/**
 * The VAPID key pair that signs web push requests: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY /
 * VAPID_SUBJECT when set; otherwise, outside production, a pair generated once into
 * `.data/vapid.json` (like AUTH_SECRET) so push works on a laptop without setup. In
 * production without keys push is off (null) and settings say so.
 */
export function vapidKeys(): VapidKeys | null {
  if (cached !== undefined) return cached;
  const config = env();
  const subject =
    config.VAPID_SUBJECT ?? `mailto:${config.EMAIL_FROM.match(/<([^>]+)>/)?.[1] ?? "no-reply@kiln.localhost"}`;
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = config;
  if (publicKey && privateKey) {
    cached = { publicKey, privateKey, subject };
  } else if (config.NODE_ENV === "production") {
    cached = null;
  } else if (config.NODE_ENV === "test") {
    // Tests leave no files behind: a pair for this process only.
    cached = { ...webpush.generateVAPIDKeys(), subject };
  } else {
    const file = path.join(config.KILN_DATA_DIR, "vapid.json");
    let keys: { publicKey: string; privateKey: string };
    if (existsSync(file)) keys = JSON.parse(readFileSync(file, "utf8"));
    else {
      keys = webpush.generateVAPIDKeys();
      mkdirSync(config.KILN_DATA_DIR, { recursive: true });
      try {
        writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: "wx" });
      } catch {
        // Another process wrote it first: use theirs, so every instance signs with one key.
        keys = JSON.parse(readFileSync(file, "utf8"));
      }
    }
    cached = { ...keys, subject };
  }
  return cached;
}
