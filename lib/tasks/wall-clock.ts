import { TZDate } from "@date-fns/tz";

/** What the due-date parsers (./dates.ts, ./dates-he.ts) share: their types and the user's wall clock. */
export const DUE_LANGUAGES = ["en", "de", "he"] as const;
export type DueLanguage = (typeof DUE_LANGUAGES)[number];

export type ParsedDue = {
  dueAt: Date;
  /** The words read as the date, as they stand in `input`. */
  text: string;
  /** `input` without those words (and a preposition left dangling before them). */
  title: string;
};

export type DueOptions = { now: Date; timeZone: string; language: DueLanguage };

/** The hour a day without a time is due at. */
export const DEFAULT_DUE_HOUR = 9;

/** The wall clock of `at` in `timeZone`: year, month (1–12), day, hour, minute, weekday (0 = Sunday). */
export function wallClock(at: Date, timeZone: string) {
  const zoned = new TZDate(at.getTime(), timeZone);
  return {
    year: zoned.getFullYear(),
    month: zoned.getMonth() + 1,
    day: zoned.getDate(),
    hour: zoned.getHours(),
    minute: zoned.getMinutes(),
    second: zoned.getSeconds(),
    weekday: zoned.getDay(),
  };
}

/** The instant a wall-clock reading in `timeZone` names (days past the month's end roll over). */
export function fromWallClock(
  parts: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  return new Date(
    new TZDate(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, 0, 0, timeZone).getTime(),
  );
}

// Words that only introduce the date and mean nothing once it is gone.
const DANGLING = /(?:\s+|^)(?:on|at|by|in|am|um|bis|ab|for|für|ב|עד|ב-)\s*$/iu;

/** `input` with the date's words cut out, tidied. */
export function withoutDate(input: string, index: number, length: number): string {
  const before = input.slice(0, index).replace(DANGLING, "");
  const after = input.slice(index + length);
  return `${before} ${after}`
    .replace(/\s+([,.;:!?])/g, "$1")
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:–-]+|[\s,;:–-]+$/g, "")
    .trim();
}
