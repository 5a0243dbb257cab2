import "server-only";
import type { Tx } from "@/lib/db";
import { formatSettings, formatterFor } from "@/lib/i18n/formats";
import { currentReader } from "@/lib/i18n/reader";
import { resolveLocale, translatorFor } from "@/lib/i18n/translator";
import { DEFAULT_APP_PREFERENCES, type DataPreferences } from "@/lib/preferences/schema";
import { heatLineText, intlHeatLineFormat, type HeatLineText } from "./render";

/**
 * Stored explanation lines worded for a reader outside React (API handlers, emails, push): their
 * language (their app preferences, else the default), time zone and, given them, formats.
 */
export function heatLineTextFor(
  locale: string | null | undefined,
  timeZone = "UTC",
  data?: DataPreferences,
): HeatLineText {
  const format = formatterFor(formatSettings(resolveLocale(locale), data ?? DEFAULT_APP_PREFERENCES.data, timeZone));
  return heatLineText(
    translatorFor(locale, "heatLines", timeZone, data),
    intlHeatLineFormat((date, options) => format.dateTime(date, options)),
  );
}

/** The signed-in caller's wording of stored lines (their language, zone and formats; see currentReader). */
export async function readerHeatLineText(tx: Tx): Promise<HeatLineText> {
  const reader = await currentReader(tx);
  return heatLineTextFor(reader.locale, reader.timeZone, reader.data);
}
