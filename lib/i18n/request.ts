import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./config";
import { readerTimeZone } from "./time-zone";

/**
 * The one formatter's settings (next-intl's useFormatter / getFormatter), per request. The
 * client provider inherits all of them, so dates, numbers and relative times render the same
 * text on the server and in the browser: an explicit locale, the reader's time zone, and one
 * `now` for the whole render ("5 minutes ago" must not become "6 minutes ago" on hydration).
 */
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale: Locale = LOCALES.includes(requested as Locale) ? (requested as Locale) : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: await readerTimeZone(),
    now: new Date(),
    // Only the reader's language is loaded, not every catalogue on every request.
    messages: (await import(`./messages/${locale}.json`)).default,
  };
});
