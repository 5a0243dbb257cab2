import type { Formats } from "next-intl";
import { createFormatter } from "use-intl/core";
import type { DataPreferences } from "@/lib/preferences/schema";
import type { Locale } from "./config";

/**
 * The one formatting module: a user's data preferences (date format, 12/24-hour time, number
 * format, first day of the week, default currency) turned into what `Intl` understands — a
 * formatting locale and next-intl's global formats. The request config (request.ts) hands both
 * to next-intl, so every `useFormatter()` / `getFormatter()` call in the product, whatever its
 * inline options, writes dates, times and numbers the user's way. Nothing here formats by hand.
 *
 * `Intl` takes no patterns, so a date format or number format is met by picking the region of
 * the user's language whose conventions produce it ("en" + dd.MM.yyyy + de-CH numbers →
 * "en-CH": 03.12.2026 and 1’234.50, with English month names). Where the language has no
 * region writing that way (German with MM/dd/yyyy), the closest match wins: the format the user
 * chose explicitly first (the number format when both are chosen), then the other. The hour cycle travels as the locale's `-u-hc-` extension.
 */

// Regions probed for a language, in order of preference when several fit.
const REGIONS = ["CH", "DE", "AT", "GB", "US", "CA", "IE", "AU", "NZ", "IL", "SE", "FR", "BE", "NL", "DK", "ZA", "IN"];

const PROBE_DATE = new Date(Date.UTC(2026, 11, 3, 12));
const PROBE_NUMBER = 1234567.5;
const NUMERIC_DATE: Intl.DateTimeFormatOptions = { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" };

const supported = (tag: string) => Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;

/** 3 December 2026 written in a pattern: what a region must produce to meet it. */
function patternText(pattern: Exclude<DataPreferences["dateFormat"], "auto">): string {
  return pattern.replace("dd", "03").replace("MM", "12").replace("yyyy", "2026");
}

const numberText = (locale: string) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 2, numberingSystem: "latn" }).format(PROBE_NUMBER);
const dateText = (locale: string) =>
  new Intl.DateTimeFormat(locale, { ...NUMERIC_DATE, numberingSystem: "latn" })
    .format(PROBE_DATE)
    // Some locales mark the direction of numeric dates; the pattern is about the digits.
    .replace(/[\u200e\u200f]/g, "");

const memo = new Map<string, string>();

/** "en-CH" for an English reader with Swiss dates and numbers; the bare language when nothing is chosen. */
function languageWithRegion(language: Locale, data: Pick<DataPreferences, "dateFormat" | "numberLocale">): string {
  if (data.dateFormat === "auto" && data.numberLocale === "auto") return language;
  const key = `${language}|${data.dateFormat}|${data.numberLocale}`;
  const known = memo.get(key);
  if (known) return known;
  // "auto" numbers still mean the language's own: a date pattern must not bring a region's separators along.
  const wantNumber = numberText(data.numberLocale === "auto" ? language : data.numberLocale);
  const wantDate = data.dateFormat === "auto" ? null : patternText(data.dateFormat);
  const candidates = [language, ...REGIONS.map((region) => `${language}-${region}`)].filter(supported);
  const fits = (tag: string, number: boolean, date: boolean) =>
    (!number || numberText(tag) === wantNumber) && (!date || !wantDate || dateText(tag) === wantDate);
  // The number locale's own region first: "de" + de-CH is "de-CH", not the first region that happens to match.
  const own = data.numberLocale === "auto" ? null : `${language}-${data.numberLocale.split("-")[1]}`;
  if (own) candidates.unshift(own);
  // What the user chose explicitly outranks what they left on "auto".
  const numberFirst = data.numberLocale !== "auto";
  const chosen =
    candidates.find((tag) => fits(tag, true, true)) ??
    candidates.find((tag) => fits(tag, numberFirst, !numberFirst)) ??
    candidates.find((tag) => fits(tag, !numberFirst, numberFirst)) ??
    language;
  memo.set(key, chosen);
  return chosen;
}

/** The locale next-intl formats with: the language, a region meeting the chosen formats, the hour cycle. */
export function formatLocale(language: Locale, data: DataPreferences): string {
  const base = languageWithRegion(language, data);
  return data.hourCycle === "auto" ? base : `${base}-u-hc-${data.hourCycle}`;
}

/** The language part of a formatting locale ("he-IL-u-hc-h23" → "he"). */
export const languageOf = (locale: string): string => locale.split("-")[0]!;

type WeekInfo = { firstDay?: number };

/** The first day of the week for calendars and date pickers: ISO 1 (Monday) … 7 (Sunday). */
export function firstDayOfWeek(language: Locale, data: DataPreferences): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  if (data.weekStart !== "auto") return Number(data.weekStart) as 1 | 6 | 7;
  const locale = new Intl.Locale(languageWithRegion(language, data)).maximize() as Intl.Locale & {
    getWeekInfo?: () => WeekInfo;
    weekInfo?: WeekInfo;
  };
  const info = locale.getWeekInfo?.() ?? locale.weekInfo;
  if (info?.firstDay) return info.firstDay as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  // Runtimes without week data: the regions Kiln's languages meet that start on Sunday.
  return ["US", "CA", "IL"].includes(locale.region ?? "") ? 7 : 1;
}

/**
 * next-intl's global formats, by name: `format.number(value, "amount")` for an amount stored
 * without a currency, `format.dateTime(date, "date" | "dateTime" | "time")` for the numeric forms.
 */
export function formatsFor(data: DataPreferences): Formats {
  return {
    dateTime: {
      date: { day: "2-digit", month: "2-digit", year: "numeric" },
      dateTime: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" },
      time: { hour: "2-digit", minute: "2-digit" },
    },
    number: {
      amount: { style: "currency", currency: data.currency },
      decimal: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
    },
  };
}

export type FormatSettings = {
  /** next-intl's `locale`: what `useLocale()` answers and every formatter writes with. */
  locale: string;
  formats: Formats;
  timeZone: string;
  firstDayOfWeek: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  currency: string;
};

/** Everything a request's formatter needs, from the page's language and the user's data preferences. */
export function formatSettings(language: Locale, data: DataPreferences, timeZone: string): FormatSettings {
  return {
    locale: formatLocale(language, data),
    formats: formatsFor(data),
    timeZone,
    firstDayOfWeek: firstDayOfWeek(language, data),
    currency: data.currency,
  };
}

/**
 * A formatter outside a request (PDF reports, emails, digests, pushes) that writes exactly what
 * `getFormatter()` writes on the recipient's pages: their formatting locale, global formats and zone.
 */
export function formatterFor(settings: FormatSettings) {
  return createFormatter({ locale: settings.locale, timeZone: settings.timeZone, formats: settings.formats });
}

export type Formatter = ReturnType<typeof formatterFor>;

/**
 * A calendar day stored as "YYYY-MM-DD" (already the reader's local day, so no zone applies) in
 * the reader's date format; `options` may ask for another form of the same day.
 */
export function formatDay(
  format: Formatter,
  day: string,
  options?: Pick<Intl.DateTimeFormatOptions, "weekday" | "day" | "month" | "year">,
): string {
  const noon = new Date(`${day}T12:00:00Z`);
  return options
    ? format.dateTime(noon, { ...options, timeZone: "UTC" })
    : format.dateTime(noon, "date", { timeZone: "UTC" });
}
