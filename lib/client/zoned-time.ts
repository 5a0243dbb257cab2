import { TZDate } from "@date-fns/tz";

/**
 * Date and time inputs hold a wall-clock time with no zone ("2026-12-05", "14:30"). A meeting
 * form reads and writes them in the viewing user's time zone (next-intl's `useTimeZone()`,
 * their preference), never the browser's or the server's, so "14:30" means 14:30 where they are.
 */
const pad = (n: number) => String(n).padStart(2, "0");

/** The instant as the date and time inputs' values in `timeZone`. */
export function toWallTime(at: Date, timeZone: string): { date: string; time: string } {
  const wall = new TZDate(at.getTime(), timeZone);
  return {
    date: `${wall.getFullYear()}-${pad(wall.getMonth() + 1)}-${pad(wall.getDate())}`,
    time: `${pad(wall.getHours())}:${pad(wall.getMinutes())}`,
  };
}

/** The instant the inputs' date and time mean in `timeZone` (null when either is incomplete). */
export function fromWallTime(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const at = new TZDate(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), timeZone);
  return Number.isNaN(at.getTime()) ? null : new Date(at.getTime());
}

/** A datetime-local input's value ("2026-12-05T14:30") as the instant it means in `timeZone`. */
export function fromDateTimeInput(value: string, timeZone: string): Date | null {
  const [date = "", time = ""] = value.split("T");
  return fromWallTime(date, time.slice(0, 5), timeZone);
}
