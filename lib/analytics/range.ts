import { TZDate } from "@date-fns/tz";
import {
  addDays,
  addHours,
  differenceInCalendarDays,
  eachDayOfInterval,
  format,
  startOfDay,
  startOfHour,
} from "date-fns";
import type { AnalyticsQuery, RangeKey } from "./types";

const RANGE_DAYS: Record<Exclude<RangeKey, "24h" | "custom">, number> = { "7d": 7, "30d": 30, "90d": 90 };
/** The longest custom range; the rollups answer it fast, the chart stays readable. */
export const MAX_CUSTOM_DAYS = 366;

export type RangeInput = {
  range: RangeKey;
  /** Local calendar dates (YYYY-MM-DD), inclusive, for `custom`. */
  from?: string;
  to?: string;
  timeZone: string;
  projectId?: string | null;
  now?: Date;
};

const isoDay = (d: Date) => format(d, "yyyy-MM-dd");

/** The local calendar days an interval touches, in the zone it was built in. */
function localDays(from: TZDate, to: TZDate): string[] {
  const last = new TZDate(to.getTime() - 1, from.timeZone);
  return eachDayOfInterval({ start: startOfDay(from), end: startOfDay(last) }).map(isoDay);
}

function localDate(value: string, timeZone: string): TZDate {
  const [y = NaN, m = NaN, d = NaN] = value.split("-").map(Number);
  return new TZDate(y, m - 1, d, timeZone);
}

/**
 * Turns "last 7 days in Europe/Zurich" into instants. 24h is the last 24 hourly buckets up to now;
 * 7d/30d/90d are the last N local days including today (today up to now); a custom range is whole
 * local days, `to` included. The previous period is the same number of local days just before
 * (so a week that crosses a DST change still compares Monday 00:00 with Monday 00:00), up to the
 * end of the hour it was n days ago, or the 24 hours before for 24h.
 */
export function resolveRange(input: RangeInput): AnalyticsQuery {
  const tz = input.timeZone;
  const now = new TZDate(input.now ?? new Date(), tz);
  let from: TZDate;
  let to: TZDate;
  let previousFrom: TZDate;
  let previousTo: TZDate;
  if (input.range === "24h") {
    to = now;
    from = addHours(startOfHour(now), -23);
    previousTo = from;
    previousFrom = addHours(from, -24);
  } else if (input.range === "custom") {
    if (!input.from || !input.to) throw new RangeError("A custom range needs from and to.");
    from = startOfDay(localDate(input.from, tz));
    const lastDay = startOfDay(localDate(input.to, tz));
    to = addDays(lastDay, 1);
    const n = differenceInCalendarDays(lastDay, from) + 1;
    previousFrom = addDays(from, -n);
    previousTo = from;
  } else {
    const n = RANGE_DAYS[input.range];
    to = now;
    from = addDays(startOfDay(now), -(n - 1));
    previousFrom = addDays(from, -n);
    // The rollups count whole UTC hours: the previous period ends where the hour of
    // "now, n days ago" ends, so rollups and a direct count over the same instants agree.
    const sameTimeBefore = addDays(now, -n);
    const hour = startOfHour(sameTimeBefore);
    previousTo = hour.getTime() === sameTimeBefore.getTime() ? hour : addHours(hour, 1);
  }
  return {
    range: input.range,
    from: new Date(from.getTime()),
    to: new Date(to.getTime()),
    previousFrom: new Date(previousFrom.getTime()),
    previousTo: new Date(previousTo.getTime()),
    timeZone: tz,
    projectId: input.projectId ?? null,
    days: localDays(from, to),
  };
}

/** Whether the zone is one Intl knows (IANA names); anything else is a client mistake. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
