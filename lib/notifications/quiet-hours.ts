import { z } from "zod";

/**
 * Quiet hours are wall-clock times in the user's own time zone ("22:00–08:00 in Zurich"),
 * so every decision is taken on the local clock reading, computed with Intl (full ICU ships
 * with Node). Rules that follow from that:
 * - The window is [start, end): quiet at 22:00 sharp, no longer quiet at 08:00 sharp.
 * - start > end crosses midnight; start == end is treated as "no quiet hours".
 * - On a spring-forward day a boundary that does not exist (02:30 in a 02:00→03:00 gap)
 *   takes effect at the first instant after the gap: the clock there already reads past it.
 * - In a fall-back fold the clock reads the same times twice, and quiet follows the clock.
 * - quietEndsAt(at) is always the first instant after `at` at which isQuiet is false.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeOfDayInvalid");

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const quietHoursSettingsSchema = z.object({
  timezone: z.string().refine(isValidTimeZone, "timeZoneUnknown"),
  quietHours: z.object({ enabled: z.boolean(), start: hhmm, end: hhmm }),
  allowUrgentDuringQuiet: z.boolean(),
});
export type QuietHoursSettings = z.infer<typeof quietHoursSettingsSchema>;

export const DEFAULT_QUIET_HOURS: QuietHoursSettings["quietHours"] = { enabled: true, start: "22:00", end: "08:00" };

export type Priority = "normal" | "urgent";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Formatters are costly to build and immutable, so one per zone is kept for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(instant: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
  };
}

/** Local time minus UTC, in milliseconds, at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The first second in (from, to] whose offset differs from the offset at `from`. */
function findTransition(from: number, to: number, timeZone: string): number {
  const before = offsetAt(from, timeZone);
  let lo = Math.floor(from / 1000);
  let hi = Math.ceil(to / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

function transitionsBetween(from: number, to: number, timeZone: string): number[] {
  const found: number[] = [];
  // Probes every 6 hours: no zone changes its offset twice within that span, and a
  // single change between two probes is then pinned down by the binary search.
  for (let t = from; t < to; t += 6 * HOUR) {
    const next = Math.min(t + 6 * HOUR, to);
    if (offsetAt(t, timeZone) !== offsetAt(next, timeZone)) found.push(findTransition(t, next, timeZone));
  }
  return found;
}

/**
 * The instants at which the local clock reads `minutes` past midnight on a local date
 * (Date.UTC-style, so day overflow rolls over): one normally, two in a fold, and in a
 * gap the instant the gap ends.
 */
function instantsAt(timeZone: string, year: number, month: number, day: number, minutes: number): number[] {
  const asUtc = Date.UTC(year, month - 1, day, 0, minutes);
  const offsets = new Set([
    offsetAt(asUtc - DAY, timeZone),
    offsetAt(asUtc, timeZone),
    offsetAt(asUtc + DAY, timeZone),
  ]);
  const found = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((instant) => asUtc - instant === offsetAt(instant, timeZone));
  if (found.length > 0) return [...new Set(found)].sort((a, b) => a - b);
  const [low, high] = [Math.min(...offsets), Math.max(...offsets)];
  return [findTransition(asUtc - high, asUtc - low, timeZone)];
}

function toMinutes(time: string): number {
  if (!hhmm.safeParse(time).success) throw new RangeError(`Invalid time "${time}"; use HH:MM.`);
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return hours * 60 + minutes;
}

function quietWindow(settings: QuietHoursSettings): { start: number; end: number } | null {
  if (!settings.quietHours.enabled) return null;
  const start = toMinutes(settings.quietHours.start);
  const end = toMinutes(settings.quietHours.end);
  return start === end ? null : { start, end };
}

function inWindow(minuteOfDay: number, w: { start: number; end: number }): boolean {
  return w.start < w.end
    ? minuteOfDay >= w.start && minuteOfDay < w.end
    : minuteOfDay >= w.start || minuteOfDay < w.end;
}

export function isQuiet(settings: QuietHoursSettings, at: Date): boolean {
  const w = quietWindow(settings);
  if (!w) return false;
  const wall = wallClock(at.getTime(), settings.timezone);
  return inWindow(wall.hour * 60 + wall.minute, w);
}

/**
 * When the quiet period around `at` ends: the moment to send the digest. Outside quiet
 * hours nothing is held, so the answer is `at` itself.
 */
export function quietEndsAt(settings: QuietHoursSettings, at: Date): Date {
  const w = quietWindow(settings);
  if (!w || !isQuiet(settings, at)) return at;
  const now = at.getTime();
  const { timezone } = settings;
  const today = wallClock(now, timezone);

  // Quiet can only end where the clock reaches `end` or jumps (a DST transition). A quiet
  // stretch is shorter than a day plus a DST shift, so three local days cover every case.
  const candidates = transitionsBetween(now, now + 3 * DAY, timezone);
  for (let k = -1; k <= 2; k++) candidates.push(...instantsAt(timezone, today.year, today.month, today.day + k, w.end));

  const sorted = [...new Set(candidates)].filter((instant) => instant > now).sort((a, b) => a - b);
  const end = sorted.find((instant) => !isQuiet(settings, new Date(instant)));
  if (end === undefined) throw new Error(`No end of quiet hours found after ${at.toISOString()} in ${timezone}.`);
  return new Date(end);
}

/** Whether a notification waits for the digest instead of going out now. */
export function shouldHold(settings: QuietHoursSettings, at: Date, priority: Priority): boolean {
  if (!isQuiet(settings, at)) return false;
  return !(priority === "urgent" && settings.allowUrgentDuringQuiet);
}

export type DigestItem = { createdAt: Date; category: string; title: string };

export type DigestSummary<T extends DigestItem> = {
  total: number;
  /** Oldest and newest item, for "3 updates since 22:14". */
  from: Date | null;
  to: Date | null;
  /** Most frequent first, then by name, so the digest reads the same every time. */
  categories: { category: string; count: number }[];
  /** Newest first. */
  latest: T[];
  /** Items not listed in `latest` ("and 12 more"). */
  more: number;
};

/** One digest for everything held during a quiet period. Does not reorder the input. */
export function groupForDigest<T extends DigestItem>(
  items: readonly T[],
  options: { latest?: number } = {},
): DigestSummary<T> {
  const limit = Math.max(0, Math.floor(options.latest ?? 5));
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  const newestFirst = [...items].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const latest = newestFirst.slice(0, limit);
  return {
    total: items.length,
    from: newestFirst.at(-1)?.createdAt ?? null,
    to: newestFirst[0]?.createdAt ?? null,
    categories: [...counts]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)),
    latest,
    more: items.length - latest.length,
  };
}
