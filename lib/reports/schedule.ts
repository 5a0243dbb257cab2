import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, format, getDaysInMonth, startOfMonth, subMonths } from "date-fns";

/**
 * When a report subscription runs and which local days each report covers. Pure: no database,
 * no clock. Every computation happens on the subscriber's wall clock (TZDate), so "Monday 08:00
 * Europe/Zurich" stays 08:00 across a DST change, and a monthly day 31 falls on the last day of
 * a shorter month (clamped that month only; the next month is back on the 31st).
 */
export const CADENCES = ["weekly", "monthly"] as const;
export type Cadence = (typeof CADENCES)[number];

export type Schedule = {
  cadence: Cadence;
  /** ISO weekday, 1 = Monday … 7 = Sunday (weekly). */
  weekday: number | null;
  /** 1..31 (monthly); a month without that day uses its last day. */
  dayOfMonth: number | null;
  /** Local hour 0..23. */
  hour: number;
  timeZone: string;
};

/** Local days (YYYY-MM-DD) a report covers, both included. */
export type ReportPeriod = { from: string; to: string };

const isoDay = (d: Date) => format(d, "yyyy-MM-dd");

/** The local wall-clock instant `hour:00` on that local date (a time skipped by DST moves forward). */
function at(date: TZDate, hour: number): TZDate {
  return new TZDate(date.getFullYear(), date.getMonth(), date.getDate(), hour, 0, 0, 0, date.timeZone);
}

/** The subscription's day in the month that `monthDate` lies in, clamped to the month's length. */
function dayInMonth(monthDate: TZDate, dayOfMonth: number): TZDate {
  const first = startOfMonth(monthDate);
  return new TZDate(first.getFullYear(), first.getMonth(), Math.min(dayOfMonth, getDaysInMonth(first)), first.timeZone);
}

/** The first run strictly after `after`. */
export function nextRunAt(schedule: Schedule, after: Date): Date {
  const now = new TZDate(after.getTime(), schedule.timeZone);
  if (schedule.cadence === "weekly") {
    const isoToday = now.getDay() === 0 ? 7 : now.getDay();
    let candidate = at(addDays(now, (schedule.weekday! - isoToday + 7) % 7), schedule.hour);
    if (candidate.getTime() <= after.getTime()) candidate = at(addDays(candidate, 7), schedule.hour);
    return new Date(candidate.getTime());
  }
  let candidate = at(dayInMonth(now, schedule.dayOfMonth!), schedule.hour);
  if (candidate.getTime() <= after.getTime())
    candidate = at(dayInMonth(addMonths(startOfMonth(now), 1), schedule.dayOfMonth!), schedule.hour);
  return new Date(candidate.getTime());
}

/**
 * The local days a report run at `runAt` covers, up to the day before the run. A scheduled run
 * covers everything since the previous scheduled run (weekly: the 7 days before; monthly: from
 * last month's report day), so consecutive reports neither overlap nor leave gaps. "Send now"
 * (`scheduled: false`) covers the same length ending yesterday.
 */
export function reportPeriod(schedule: Schedule, runAt: Date, scheduled: boolean): ReportPeriod {
  const runDay = new TZDate(runAt.getTime(), schedule.timeZone);
  const to = addDays(runDay, -1);
  if (schedule.cadence === "weekly") return { from: isoDay(addDays(runDay, -7)), to: isoDay(to) };
  const from = scheduled ? dayInMonth(subMonths(startOfMonth(runDay), 1), schedule.dayOfMonth!) : subMonths(runDay, 1);
  return { from: isoDay(from), to: isoDay(to) };
}

/**
 * The slot a late dispatch reports on: the newest scheduled instant not after `now`, starting
 * from the stored one. After downtime a subscription sends one report, for the latest period,
 * not one per missed slot.
 */
export function latestDueSlot(schedule: Schedule, due: Date, now: Date): Date {
  let slot = due;
  // Bounded: a year of weekly slots is 53 steps; older backlogs start from a year ago.
  for (let steps = 0; steps < 60; steps += 1) {
    const next = nextRunAt(schedule, slot);
    if (next.getTime() > now.getTime()) return slot;
    slot = next;
  }
  return slot;
}
