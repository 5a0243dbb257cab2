import "server-only";
import { getSession } from "@/lib/auth/session";
import { withRls } from "@/lib/db";
import { getSettings } from "@/lib/notifications/settings";

/** For visitors who are not signed in (sign-in pages show no times of their own). */
export const FALLBACK_TIME_ZONE = "UTC";

/**
 * The time zone dates and times are shown in: the signed-in user's own (Settings →
 * Notifications, suggested from their browser), or UTC. Decided once per request on the
 * server and handed to the client with the messages, so the server's render and the
 * browser's hydration format every date identically, whatever zone either machine is in.
 */
export async function readerTimeZone(): Promise<string> {
  const session = await getSession();
  if (!session) return FALLBACK_TIME_ZONE;
  const { settings } = await withRls(session.claims, (tx) => getSettings(tx, session.user.id));
  return settings.timezone;
}
