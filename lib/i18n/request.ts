import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentPreferences } from "@/lib/preferences/current";
import { DEFAULT_APP_PREFERENCES } from "@/lib/preferences/schema";
import { LOCALE_COOKIE } from "./config";
import { formatSettings } from "./formats";
import { pickLocale } from "./locale";
import { readerTimeZone } from "./time-zone";

/**
 * The one formatter's settings (next-intl's useFormatter / getFormatter), per request. The
 * client provider inherits all of them, so dates, numbers and relative times render the same
 * text on the server and in the browser: the reader's language (their preference, else the
 * sign-in picker's cookie, else Accept-Language, else English), a formatting locale and global
 * formats from their data preferences (lib/i18n/formats.ts), their time zone, and one `now` for
 * the whole render ("5 minutes ago" must not become "6 minutes ago" on hydration).
 *
 * `locale` is the formatting locale ("en-CH-u-hc-h23"): `useLocale()` answers it, and
 * `languageOf(locale)` is the language of the page.
 */
export default getRequestConfig(async () => {
  const [loaded, cookieStore, headerList, timeZone] = await Promise.all([
    currentPreferences(),
    cookies(),
    headers(),
    readerTimeZone(),
  ]);
  const language = pickLocale({
    preference: loaded?.languageChosen ? loaded.preferences.interface.language : null,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
  const settings = formatSettings(language, loaded?.preferences.data ?? DEFAULT_APP_PREFERENCES.data, timeZone);
  return {
    locale: settings.locale,
    timeZone: settings.timeZone,
    formats: settings.formats,
    now: new Date(),
    // Only the reader's language is loaded, not every catalogue on every request.
    messages: (await import(`./messages/${language}.json`)).default,
  };
});
