/** Locales Kiln ships (a messages file each), and which write right to left. */
export const LOCALES = ["en", "de", "he"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** The language picked on the sign-in and sign-up pages, for visitors who have no preference yet. */
export const LOCALE_COOKIE = "kiln-locale";
const RTL = new Set<string>(["he", "ar", "fa", "ur"]);
export const directionOf = (locale: string): "rtl" | "ltr" => (RTL.has(locale.split("-")[0]!) ? "rtl" : "ltr");
export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

/** A language in its own name ("Deutsch", "עברית"), as language pickers offer it whatever the page's language. */
export const languageName = (language: string): string =>
  new Intl.DisplayNames([language], { type: "language" }).of(language) ?? language;
