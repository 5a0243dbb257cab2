import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * Without SMTP_URL, notification emails land here instead of leaving the machine: one JSON
 * file per email under `<KILN_DATA_DIR>/outbox`, listed by /dev/outbox in development.
 */
export type OutboxEmail = { id: string; to: string; subject: string; text: string; createdAt: string };

const dir = () => path.join(env().KILN_DATA_DIR, "outbox");
const KEEP = 500;

export async function writeToOutbox(email: { to: string; subject: string; text: string }): Promise<OutboxEmail> {
  const entry: OutboxEmail = { id: randomUUID(), ...email, createdAt: new Date().toISOString() };
  await mkdir(dir(), { recursive: true });
  // Sortable names: newest last, so listing needs no parsing.
  await writeFile(path.join(dir(), `${entry.createdAt.replace(/[:.]/g, "-")}-${entry.id}.json`), JSON.stringify(entry, null, 2));
  return entry;
}

/** Newest first, at most `limit`; only the newest KEEP are ever read. */
export async function readOutbox(limit = 100): Promise<OutboxEmail[]> {
  let names: string[];
  try {
    names = (await readdir(dir())).filter((n) => n.endsWith(".json")).sort().reverse().slice(0, Math.min(limit, KEEP));
  } catch {
    return [];
  }
  const entries = await Promise.all(
    names.map(async (name) => {
      try {
        return JSON.parse(await readFile(path.join(dir(), name), "utf8")) as OutboxEmail;
      } catch {
        return null;
      }
    }),
  );
  return entries.filter((e): e is OutboxEmail => e !== null);
}

/** /dev/outbox exists in development, and in a production build only when the e2e server turns it on. */
export function outboxEnabled(): boolean {
  return env().NODE_ENV !== "production" || process.env.KILN_DEV_OUTBOX === "true";
}
