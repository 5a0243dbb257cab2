import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { z } from "zod";
import { isValidTimeZone } from "@/lib/notifications/quiet-hours";
import { WEEKDAYS } from "./types";

/**
 * Working hours for response-time SLAs: per weekday one span of wall-clock time in the
 * organization's time zone (public.response_time_settings). Pure and client-safe.
 * - A span is [start, end) on that local day; a day without a span is not worked.
 * - Local times become instants through @date-fns/tz, so a DST change shortens or lengthens
 *   that day's span as the clock does.
 */
export { WEEKDAYS };
export type Weekday = (typeof WEEKDAYS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeOfDayInvalid");
const span = z
  .object({ start: hhmm, end: hhmm })
  .refine((s) => s.start < s.end, { message: "workingHoursEndBeforeStart", path: ["end"] });
export const workingHoursSchema = z.partialRecord(z.enum(WEEKDAYS), span);
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const timeZoneSchema = z.string().max(64).refine(isValidTimeZone, "timeZoneUnknown");

export const DEFAULT_WORKING_HOURS: WorkingHours = Object.fromEntries(
  WEEKDAYS.slice(0, 5).map((day) => [day, { start: "09:00", end: "17:00" }]),
);

// Date#getDay: 0 is Sunday.
const DAY_KEYS: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** A long wait is counted over at most this many local days (older waits are breached anyway). */
const MAX_DAYS = 400;

/** Milliseconds of working time in [from, to). */
export function workingMillisBetween(from: Date, to: Date, hours: WorkingHours, timeZone: string): number {
  if (to <= from) return 0;
  let total = 0;
  let day = new TZDate(from.getTime(), timeZone);
  day = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), timeZone);
  for (let i = 0; i < MAX_DAYS && day.getTime() < to.getTime(); i++) {
    const hoursToday = hours[DAY_KEYS[day.getDay()]!];
    if (hoursToday) {
      const start = localInstant(day, minutesOf(hoursToday.start), timeZone);
      const end = localInstant(day, minutesOf(hoursToday.end), timeZone);
      const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
      if (overlap > 0) total += overlap;
    }
    const next = addDays(day, 1);
    day = new TZDate(next.getFullYear(), next.getMonth(), next.getDate(), timeZone);
  }
  return total;
}

function localInstant(day: TZDate, minutes: number, timeZone: string): number {
  return new TZDate(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    Math.floor(minutes / 60),
    minutes % 60,
    timeZone,
  ).getTime();
}

/** Whether a lead waiting since `since` has waited longer than `targetMinutes` of working time at `now`. */
export function isSlaBreached(
  since: Date,
  now: Date,
  targetMinutes: number,
  hours: WorkingHours,
  timeZone: string,
): boolean {
  return workingMillisBetween(since, now, hours, timeZone) > targetMinutes * 60_000;
}
