import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./config";

/** The closest shipped locale to an `Accept-Language` header (q-values honoured), else the default. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage } })
    .languages()
    .filter((tag) => tag !== "*");
  try {
    const matched = match(requested, LOCALES, DEFAULT_LOCALE);
    return isLocale(matched) ? matched : DEFAULT_LOCALE;
  } catch {
    // A malformed tag in the header: the visitor still gets a page.
    return DEFAULT_LOCALE;
  }
}

export type LocaleSources = {
  /** The signed-in user's chosen language (Settings → Preferences), null when they never chose one. */
  preference: Locale | null;
  /** The `kiln-locale` cookie the sign-in and sign-up pickers set. */
  cookie: string | null | undefined;
  acceptLanguage: string | null | undefined;
};

/** A request's language: the user's preference, else the picker's cookie, else the browser's languages, else English. */
export function pickLocale({ preference, cookie, acceptLanguage }: LocaleSources): Locale {
  if (preference) return preference;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(acceptLanguage);
}
