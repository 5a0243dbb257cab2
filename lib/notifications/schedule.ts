import { isQuiet, quietEndsAt, shouldHold, type Priority, type QuietHoursSettings } from "./quiet-hours";
import { offHoursOf, quietHoursOf, type NotificationSettings } from "./settings";

/**
 * When an out-of-app delivery may go out: null for "now", else the end of the user's quiet
 * period (quiet hours, and outside working hours when they are on). Urgent items go now
 * only if the user allows urgent items during quiet hours. In-app rows are never held:
 * the bell does not wake anybody.
 */
export function holdUntil(settings: NotificationSettings, at: Date, priority: Priority): Date | null {
  const windows = [quietHoursOf(settings), offHoursOf(settings)].filter((w): w is QuietHoursSettings => w !== null);
  if (!windows.some((w) => shouldHold(w, at, priority))) return null;
  // Overlapping windows (quiet 22–08 and work from 09:00) end when neither is quiet.
  let t = at;
  for (let i = 0; i < 8; i++) {
    const quiet = windows.filter((w) => isQuiet(w, t));
    if (!quiet.length) return t;
    t = new Date(Math.max(...quiet.map((w) => quietEndsAt(w, t).getTime())));
  }
  return t;
}
