import * as chrono from "chrono-node";
import { parseHebrewDue } from "./dates-he";
import {
  DEFAULT_DUE_HOUR,
  DUE_LANGUAGES,
  fromWallClock,
  wallClock,
  withoutDate,
  type DueLanguage,
  type DueOptions,
  type ParsedDue,
} from "./wall-clock";

export { DEFAULT_DUE_HOUR, DUE_LANGUAGES, fromWallClock, wallClock, type DueLanguage, type DueOptions, type ParsedDue };

/**
 * Natural due dates for quick add ("Call Anna tue 10am", "in 3 Tagen", "מחר ב-10"), read on the
 * user's own wall clock: "tomorrow 9" is 09:00 where the user is, whatever zone the server or
 * the browser runs in. English and German through chrono-node (its `de` locale); Hebrew, which
 * chrono does not read, through the small parser in ./dates-he.ts. Pure: the quick-add field
 * previews with it and the server stores what it answers for the same text.
 *
 * Rules:
 * - A day without a time is due at 09:00 (the start of a working day), "in 3 days" too; a time
 *   unit ("in 2 hours") counts from now.
 * - Weekdays look forward: "tue" on a Tuesday afternoon is next Tuesday.
 * - The matched words are taken out of the title ("Call Anna tue 10am" → "Call Anna").
 */
// "tomorrow 9", "tue 14:30": chrono wants "at" before a bare hour.
const EN_BARE_HOUR =
  /\b(today|tonight|tomorrow|(?:mon|tues?|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|s)?)\s+(\d{1,2}(?::\d{2})?)(?![\d:./-]|\s*(?:am|pm|a\.m|p\.m|st|nd|rd|th)\b)/gi;

function prepare(input: string, language: DueLanguage): string {
  const text = input.normalize("NFC").replace(/\s+/g, " ");
  return language === "en" ? text.replace(EN_BARE_HOUR, "$1 at $2") : text;
}

function chronoDue(input: string, options: DueOptions): ParsedDue | null {
  const prepared = prepare(input, options.language);
  const wall = wallClock(options.now, options.timeZone);
  // chrono reads a plain Date on the process's clock: hand it the user's wall clock as one, and
  // read back the wall-clock components it settled on.
  const reference = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const parser = options.language === "de" ? chrono.de : chrono.en;
  const result = parser.parse(prepared, reference, { forwardDate: true })[0];
  if (!result) return null;
  const start = result.start;
  const timed = start.isCertain("hour");
  const dueAt = fromWallClock(
    {
      year: start.get("year") ?? wall.year,
      month: start.get("month") ?? wall.month,
      day: start.get("day") ?? wall.day,
      hour: timed ? (start.get("hour") ?? DEFAULT_DUE_HOUR) : DEFAULT_DUE_HOUR,
      minute: timed ? (start.get("minute") ?? 0) : 0,
    },
    options.timeZone,
  );
  return { dueAt, text: result.text, title: withoutDate(prepared, result.index, result.text.length) };
}

/** The due date `input` names, on the user's wall clock; null when it names none. */
export function parseDue(input: string, options: DueOptions): ParsedDue | null {
  if (!input.trim()) return null;
  if (options.language === "he") {
    const hebrew = parseHebrewDue(input, options);
    // Hebrew quick adds may still carry an English or numeric date ("10:30", "tue").
    return hebrew ?? chronoDue(input, { ...options, language: "en" });
  }
  return chronoDue(input, options);
}

/** Where a snooze preset moves a task to, on the user's wall clock: +1 h, tomorrow 09:00, next Monday 09:00. */
export function snoozeUntil(preset: "hour" | "tomorrow" | "nextWeek", now: Date, timeZone: string): Date {
  if (preset === "hour") return new Date(now.getTime() + 60 * 60_000);
  const wall = wallClock(now, timeZone);
  const days = preset === "tomorrow" ? 1 : (8 - wall.weekday) % 7 || 7;
  return fromWallClock({ ...wall, day: wall.day + days, hour: DEFAULT_DUE_HOUR, minute: 0 }, timeZone);
}

/** The language a quick add is read in: the page's, when Kiln reads dates in it, else English. */
export const dueLanguageOf = (locale: string | null | undefined): DueLanguage => {
  const language = (locale ?? "en").slice(0, 2).toLowerCase();
  return (DUE_LANGUAGES as readonly string[]).includes(language) ? (language as DueLanguage) : "en";
};
