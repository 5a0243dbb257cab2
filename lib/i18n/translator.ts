import { createTranslator, type AbstractIntlMessages, type Formats } from "next-intl";
import { _createCache, _createIntlFormatters } from "use-intl/core";
import type { DataPreferences } from "@/lib/preferences/schema";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./config";
import { formatSettings } from "./formats";
import de from "./messages/de.json";
import en from "./messages/en.json";
import he from "./messages/he.json";
import type { Translate } from "./translate";

/**
 * Translators outside a request (jobs rendering an email or a push, API handlers rendering for
 * the caller): the same catalogues and ICU messages as the pages, picked by the reader's own
 * language (`interface.language` of their app preferences, see lib/i18n/reader.ts), else the default.
 */
const CATALOGUES: Record<Locale, AbstractIntlMessages> = { en, de, he };

// One ICU cache for every translator made here: a message is parsed once per process rather than
// once per email, push or API response. Entries are keyed by the message text and locale, so
// catalogues (a shipped one or a test's) never see each other's formats.
const cache = _createCache();
const formatters = _createIntlFormatters(cache);

/** A stored locale ("en", "de-CH", null) → the closest one Kiln ships. */
export function resolveLocale(value: string | null | undefined): Locale {
  if (!value) return DEFAULT_LOCALE;
  if ((LOCALES as readonly string[]).includes(value)) return value as Locale;
  const language = value.split("-")[0]!;
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : DEFAULT_LOCALE;
}

/** A next-intl translator for `namespace` over a catalogue (a shipped one, or a test's). */
export function translatorOver(
  messages: AbstractIntlMessages,
  locale: string,
  namespace: string,
  timeZone = "UTC",
  formats?: Formats,
): Translate {
  // Keys are checked by the renderers' tests against the catalogue, not by the type system.
  return createTranslator({
    locale,
    messages,
    namespace,
    timeZone,
    formats,
    _cache: cache,
    _formatters: formatters,
  }) as unknown as Translate;
}

/**
 * A next-intl translator for `namespace` in the reader's language and time zone. Given the
 * reader's data preferences, the dates and numbers inside its messages follow them too (the
 * formatting locale and named formats of lib/i18n/formats.ts, as on their pages): emails,
 * digests, pushes and PDFs pass them; texts without dates or numbers need not.
 */
export function translatorFor(
  locale: string | null | undefined,
  namespace: string,
  timeZone = "UTC",
  data?: DataPreferences,
): Translate {
  const resolved = resolveLocale(locale);
  if (!data) return translatorOver(CATALOGUES[resolved], resolved, namespace, timeZone);
  const settings = formatSettings(resolved, data, timeZone);
  return translatorOver(CATALOGUES[resolved], settings.locale, namespace, timeZone, settings.formats);
}
