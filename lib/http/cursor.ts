import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { badRequest } from "./errors";

/**
 * Opaque keyset cursors: base64url JSON plus an HMAC, so a tampered cursor is a clear
 * 400 instead of a strange page. `at` is the sort timestamp as Postgres printed it
 * (microseconds): a JS Date keeps only milliseconds and would skip rows on the next page.
 */
const keysetSchema = z.object({ at: z.string().min(1).max(64), id: z.uuid() });
export type Keyset = z.infer<typeof keysetSchema>;

const sign = (payload: string) => createHmac("sha256", env().AUTH_SECRET).update(`cursor:${payload}`).digest("base64url").slice(0, 22);

export function encodeCursor(value: Keyset): string {
  const payload = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function decodeCursor(cursor: string): Keyset {
  const [payload, mac] = cursor.split(".");
  const expected = payload ? sign(payload) : "";
  if (!payload || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
    throw badRequest("The cursor is not valid. Start again from the first page.");
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    json = null;
  }
  const parsed = keysetSchema.safeParse(json);
  if (!parsed.success) throw badRequest("The cursor is not valid. Start again from the first page.");
  return parsed.data;
}
