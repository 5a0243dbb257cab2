import "server-only";
import { currentPreferences } from "@/lib/preferences/current";
import { FALLBACK_TIME_ZONE, timeZoneOf } from "@/lib/preferences/derived";

export { FALLBACK_TIME_ZONE };

/**
 * The time zone dates and times are shown in: the signed-in user's own (Settings →
 * Preferences, `data.timeZone`, first suggested by their browser), or UTC. Decided once per
 * request on the server and handed to the client with the messages, so the server's render and
 * the browser's hydration format every date identically, whatever zone either machine is in.
 */
export async function readerTimeZone(): Promise<string> {
  const loaded = await currentPreferences();
  return loaded ? timeZoneOf(loaded.preferences) : FALLBACK_TIME_ZONE;
}
