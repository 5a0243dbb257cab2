import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";

export class SpoolTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${limit} bytes.`);
  }
}

export type Spooled = {
  path: string;
  size: number;
  sha256: string;
  /** The first bytes, for sniffing the type. */
  head: Uint8Array;
  /** Removes the temporary file (always call it, stored or not). */
  discard: () => Promise<void>;
};

// Enough to tell text from a binary file (lib/channels/media-limits.ts), not only a signature.
const HEAD_BYTES = 512;

/**
 * Writes a stream to a temporary file as it arrives, hashing it, never holding it whole;
 * stops at the first byte past `limit` (SpoolTooLarge) and cancels the source. Uploads and
 * provider downloads go through here before a store sees them, so a store always gets a
 * file of known size and hash.
 */
export async function spool(source: ReadableStream<Uint8Array>, limit: number): Promise<Spooled> {
  const file = path.join(tmpdir(), `kiln-spool-${randomUUID()}`);
  const discard = () => rm(file, { force: true });
  const out = createWriteStream(file, { mode: 0o600 });
  const hash = createHash("sha256");
  const head: number[] = [];
  let size = 0;
  const reader = source.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw new SpoolTooLarge(limit);
      }
      hash.update(next.value);
      for (let i = 0; head.length < HEAD_BYTES && i < next.value.length; i++) head.push(next.value[i]!);
      if (!out.write(next.value)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    await discard();
    throw error;
  }
  return { path: file, size, sha256: hash.digest("hex"), head: Uint8Array.from(head), discard };
}
