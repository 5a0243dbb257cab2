import "server-only";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getSession } from "@/lib/auth/session";
import { HttpError } from "@/lib/http/errors";
import { openCursor } from "@/lib/http/cursor";
import { platformAdminOf, type PlatformAdmin } from "./admin";

/**
 * For the /admin pages: the signed-in platform admin, or Next's 404 page for anyone else.
 * Each page asks for itself (Next renders a layout and its page in parallel).
 */
export async function consoleAdmin(): Promise<PlatformAdmin> {
  await connection();
  try {
    return await platformAdminOf(await getSession());
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) notFound();
    throw error;
  }
}

/** A cursor from a link: a tampered or stale one shows the first page instead of an error. */
export function linkCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    openCursor(cursor, z.object({ at: z.string(), id: z.string() }));
    return cursor;
  } catch {
    return undefined;
  }
}

/** The value of a search param given once (`?q=a&q=b` reads as `a`). */
export const param = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
