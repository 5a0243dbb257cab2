import "server-only";
import { createFormatter } from "next-intl";
import type { Tx } from "@/lib/db";
import { currentReader } from "@/lib/i18n/reader";
import { resolveLocale, translatorFor } from "@/lib/i18n/translator";
import { heatLineText, intlHeatLineFormat, type HeatLineText } from "./render";

/**
 * Stored explanation lines worded for a reader outside React (API handlers, emails, push): their
 * language (their app preferences, else the default) and time zone.
 */
export function heatLineTextFor(locale: string | null | undefined, timeZone = "UTC"): HeatLineText {
  const format = createFormatter({ locale: resolveLocale(locale), timeZone });
  return heatLineText(
    translatorFor(locale, "heatLines", timeZone),
    intlHeatLineFormat((date, options) => format.dateTime(date, options)),
  );
}

/** The signed-in caller's wording of stored lines (their language and zone; see currentReader). */
export async function readerHeatLineText(tx: Tx): Promise<HeatLineText> {
  const reader = await currentReader(tx);
  return heatLineTextFor(reader.locale, reader.timeZone);
}
