import { fromWallClock, wallClock } from "./wall-clock";

/** The user's today, as instants: from their midnight to the next. */
export function dayBounds(now: Date, timeZone: string): { startOfToday: Date; endOfToday: Date } {
  const wall = wallClock(now, timeZone);
  return {
    startOfToday: fromWallClock({ ...wall, hour: 0, minute: 0 }, timeZone),
    endOfToday: fromWallClock({ ...wall, day: wall.day + 1, hour: 0, minute: 0 }, timeZone),
  };
}

export type TaskSection = "overdue" | "today" | "upcoming";

/**
 * Where an open task sits on "My tasks", on the user's wall clock: overdue once its due time has
 * passed, today until the user's midnight, upcoming after that or without a due time. The API's
 * `view` filters (lib/tasks/store.ts) draw the same lines.
 */
export function sectionOf(dueAt: string | null, now: Date, timeZone: string): TaskSection {
  if (!dueAt) return "upcoming";
  const due = new Date(dueAt).getTime();
  if (due < now.getTime()) return "overdue";
  return due < dayBounds(now, timeZone).endOfToday.getTime() ? "today" : "upcoming";
}
