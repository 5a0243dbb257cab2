import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./config";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale: Locale = LOCALES.includes(requested as Locale) ? (requested as Locale) : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: "UTC",
    messages: (await import(`./messages/${locale}.json`)).default,
  };
});
