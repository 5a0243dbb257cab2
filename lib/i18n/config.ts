/** Locales Kiln ships, and which write right to left. Adding Hebrew is a messages file plus "he" here. */
export const LOCALES = ["en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
const RTL = new Set<string>(["he", "ar", "fa", "ur"]);
export const directionOf = (locale: string): "rtl" | "ltr" => (RTL.has(locale.split("-")[0]!) ? "rtl" : "ltr");
