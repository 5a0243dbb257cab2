import "server-only";
import type { Tx } from "@/lib/db";
import { FALLBACK_TIME_ZONE, timeZoneOf } from "@/lib/preferences/derived";
import { DEFAULT_APP_PREFERENCES, type DataPreferences } from "@/lib/preferences/schema";
import { loadPreferences } from "@/lib/preferences/store";
import { translatorFor } from "./translator";

/** `data`: the reader's formats (date format, 12/24 hours, numbers, currency), see formats.ts. */
export type Reader = { locale: string | null; timeZone: string; data: DataPreferences };

/**
 * Whose language, time zone and formats a stored kind is rendered in: the signed-in caller's app
 * preferences (`interface.language` once they chose one, `data`) inside withRls; the default
 * language, UTC and default formats for the service role, which has no reader.
 */
export async function currentReader(tx: Tx): Promise<Reader> {
  const { rows } = await tx.query<{ id: string | null }>("select auth.uid() as id");
  const id = rows[0]?.id;
  if (!id) return { locale: null, timeZone: FALLBACK_TIME_ZONE, data: DEFAULT_APP_PREFERENCES.data };
  return readerOf(tx, id);
}

/** A given user's reader (jobs writing to them as the service role: emails, pushes, reports). */
export async function readerOf(tx: Tx, userId: string): Promise<Reader> {
  const { preferences, languageChosen } = await loadPreferences(tx, userId);
  return {
    locale: languageChosen ? preferences.interface.language : null,
    timeZone: timeZoneOf(preferences),
    data: preferences.data,
  };
}

/** A translator for `namespace` in the caller's language, zone and formats (see currentReader). */
export async function readerTranslator(tx: Tx, namespace: string) {
  const reader = await currentReader(tx);
  return translatorFor(reader.locale, namespace, reader.timeZone, reader.data);
}
