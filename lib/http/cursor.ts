import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { badRequest } from "./errors";

/**
 * Opaque keyset cursors: base64url JSON plus an HMAC, so a tampered cursor is a clear
 * 400 instead of a strange page. Sort values travel as Postgres printed them (a
 * timestamp to the microsecond): a JS Date keeps only milliseconds and would skip rows.
 */
const sign = (payload: string) =>
  createHmac("sha256", env().AUTH_SECRET).update(`cursor:${payload}`).digest("base64url").slice(0, 22);
const invalidCursor = () => badRequest("cursorInvalid");

export function sealCursor(value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function openCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  const [payload, mac, extra] = cursor.split(".");
  const expected = payload ? sign(payload) : "";
  if (
    !payload ||
    !mac ||
    extra !== undefined ||
    mac.length !== expected.length ||
    !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))
  ) {
    throw invalidCursor();
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

/** The common case: newest first on (timestamp, id). */
const keysetSchema = z.object({ at: z.string().min(1).max(64), id: z.uuid() });
export type Keyset = z.infer<typeof keysetSchema>;

export const encodeCursor = (value: Keyset) => sealCursor(value);
export const decodeCursor = (cursor: string): Keyset => openCursor(cursor, keysetSchema);
