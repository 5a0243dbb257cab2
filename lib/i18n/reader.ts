import "server-only";
import type { Tx } from "@/lib/db";
import { FALLBACK_TIME_ZONE, timeZoneOf } from "@/lib/preferences/derived";
import { loadPreferences } from "@/lib/preferences/store";
import { translatorFor } from "./translator";

export type Reader = { locale: string | null; timeZone: string };

/**
 * Whose language and time zone a stored kind is rendered in: the signed-in caller's app
 * preferences (`interface.language` once they chose one, `data.timeZone`) inside withRls; the
 * default language and UTC for the service role, which has no reader.
 */
export async function currentReader(tx: Tx): Promise<Reader> {
  const { rows } = await tx.query<{ id: string | null }>("select auth.uid() as id");
  const id = rows[0]?.id;
  if (!id) return { locale: null, timeZone: FALLBACK_TIME_ZONE };
  return readerOf(tx, id);
}

/** A given user's reader (jobs writing to them as the service role: emails, pushes, reports). */
export async function readerOf(tx: Tx, userId: string): Promise<Reader> {
  const { preferences, languageChosen } = await loadPreferences(tx, userId);
  return { locale: languageChosen ? preferences.interface.language : null, timeZone: timeZoneOf(preferences) };
}

/** A translator for `namespace` in the caller's language and zone (see currentReader). */
export async function readerTranslator(tx: Tx, namespace: string) {
  const reader = await currentReader(tx);
  return translatorFor(reader.locale, namespace, reader.timeZone);
}
