import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * Without SMTP_URL, every email the app sends (invitations, password resets, notifications)
 * lands here instead of leaving the machine: one JSON file per email under
 * `<KILN_DATA_DIR>/outbox`, listed by /dev/outbox in development.
 */
export type OutboxEmail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  /** Attached files, their content base64-encoded (a report's PDF). */
  attachments?: OutboxAttachment[];
};
export type OutboxAttachment = { filename: string; contentType: string; size: number; contentBase64: string };

const dir = () => path.join(env().KILN_DATA_DIR, "outbox");
const KEEP = 500;
/** Pruning lists the folder, so it runs on every PRUNE_EVERY-th write of this process, not on each. */
const PRUNE_EVERY = 50;
let writes = 0;

export async function writeToOutbox(email: {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}): Promise<OutboxEmail> {
  const { attachments, ...rest } = email;
  const entry: OutboxEmail = {
    id: randomUUID(),
    ...rest,
    createdAt: new Date().toISOString(),
    ...(attachments?.length
      ? {
          attachments: attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            size: a.content.length,
            contentBase64: a.content.toString("base64"),
          })),
        }
      : {}),
  };
  await mkdir(dir(), { recursive: true });
  // Sortable names: newest last, so listing needs no parsing. Owner-only: these hold sign-in links.
  // Written aside and renamed: a reader listing the folder never sees half a file.
  const file = path.join(dir(), `${entry.createdAt.replace(/[:.]/g, "-")}-${entry.id}.json`);
  await writeFile(`${file}.part`, JSON.stringify(entry, null, 2), { mode: 0o600 });
  await rename(`${file}.part`, file);
  if (++writes % PRUNE_EVERY === 0) await prune();
  return entry;
}

/** Drops all but the newest KEEP: the page never shows more, and the folder must not grow forever. */
async function prune(): Promise<void> {
  const names = (await readdir(dir()).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).sort();
  await Promise.all(
    names
      .slice(0, Math.max(0, names.length - KEEP))
      .map((name) => unlink(path.join(dir(), name)).catch(() => undefined)),
  );
}

/**
 * Newest first, at most `limit`; only the newest KEEP are ever read. With `recipient`, only
 * the emails addressed to that address (compared without case): the emails hold sign-in,
 * reset and invitation links, so /dev/outbox shows a person only their own.
 */
export async function readOutbox(limit = 100, recipient?: string): Promise<OutboxEmail[]> {
  let names: string[];
  try {
    names = (await readdir(dir()))
      .filter((n) => n.endsWith(".json"))
      .sort()
      .reverse()
      .slice(0, KEEP);
  } catch {
    return [];
  }
  if (recipient === undefined) names = names.slice(0, limit);
  const entries = await Promise.all(
    names.map(async (name) => {
      try {
        return JSON.parse(await readFile(path.join(dir(), name), "utf8")) as OutboxEmail;
      } catch {
        return null;
      }
    }),
  );
  const wanted = recipient?.trim().toLowerCase();
  return entries
    .filter(
      (e): e is OutboxEmail => e !== null && (wanted === undefined || String(e.to).trim().toLowerCase() === wanted),
    )
    .slice(0, limit);
}

/** /dev/outbox exists in development, and in a production build only when the e2e server turns it on. */
export function outboxEnabled(): boolean {
  return env().NODE_ENV !== "production" || env().KILN_DEV_OUTBOX === "true";
}
