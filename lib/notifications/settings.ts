import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { normalizePhone } from "@/lib/leads/phone";
import { timeZoneOf } from "@/lib/preferences/derived";
import { getPreferences, updatePreferences } from "@/lib/preferences/store";
import {
  NOTIFICATION_CATEGORIES,
  CHANNELS,
  DEFAULT_CHANNELS,
  type Category,
  type Channel,
  type ChannelSwitches,
} from "./categories";
import { DEFAULT_QUIET_HOURS, isValidTimeZone, type QuietHoursSettings } from "./quiet-hours";

/** The zone shown until the user has one (their app preferences' `data.timeZone`, see lib/preferences). */
export const DEFAULT_TIMEZONE = "UTC";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeOfDayInvalid");
const window = z.object({ enabled: z.boolean(), start: hhmm, end: hhmm });

const switchesSchema = z.object(
  Object.fromEntries(CHANNELS.map((c) => [c, z.boolean()])) as Record<Channel, z.ZodBoolean>,
);

/** What Settings → Notifications edits; the API's GET and PUT shape. */
export const notificationSettingsSchema = z
  .object({
    channels: z.object(
      Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, switchesSchema])) as Record<
        Category,
        typeof switchesSchema
      >,
    ),
    timezone: z.string().trim().refine(isValidTimeZone, "timeZoneUnknown"),
    quietHours: window,
    allowUrgentDuringQuiet: z.boolean(),
    workingHours: window,
    meetingReminderMinutes: z.number().int("wholeMinutes").min(0, "reminderOff").max(1440, "reminderTooEarly"),
    phone: z.union([z.literal(""), z.null(), z.string().trim().max(40, "phoneTooLong")]).transform((value, ctx) => {
      if (!value) return null;
      const e164 = normalizePhone(value);
      if (!e164) {
        ctx.addIssue({ code: "custom", message: "mobileNumberInvalid" });
        return z.NEVER;
      }
      return e164;
    }),
  })
  .superRefine((value, ctx) => {
    if (value.workingHours.enabled && value.workingHours.start === value.workingHours.end)
      ctx.addIssue({
        code: "custom",
        path: ["workingHours", "end"],
        message: "workingHoursSame",
      });
    if (value.quietHours.enabled && value.quietHours.start === value.quietHours.end)
      ctx.addIssue({
        code: "custom",
        path: ["quietHours", "end"],
        message: "quietHoursSame",
      });
    const sms = NOTIFICATION_CATEGORIES.some((c) => value.channels[c].sms);
    if (sms && !value.phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "smsNeedsPhone" });
  });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const DEFAULT_SETTINGS: NotificationSettings = {
  channels: structuredClone(DEFAULT_CHANNELS),
  timezone: DEFAULT_TIMEZONE,
  quietHours: { ...DEFAULT_QUIET_HOURS },
  allowUrgentDuringQuiet: false,
  workingHours: { enabled: false, start: "09:00", end: "18:00" },
  meetingReminderMinutes: 15,
  phone: null,
};

/** The stored row; the time zone is not in it (the app preferences hold the user's one zone). */
export type SettingsRow = {
  channels: Partial<Record<string, Partial<ChannelSwitches>>>;
  quiet_enabled: boolean;
  quiet_start: string;
  quiet_end: string;
  allow_urgent_in_quiet: boolean;
  working_enabled: boolean;
  working_start: string;
  working_end: string;
  meeting_reminder_minutes: number;
  phone: string | null;
};

export const SETTINGS_COLUMNS =
  "channels, quiet_enabled, quiet_start, quiet_end, allow_urgent_in_quiet, working_enabled, working_start, working_end, meeting_reminder_minutes, phone";

/** Stored switches over the defaults, so a category added later starts with its default; `timeZone` from the preferences. */
export function fromRow(row: SettingsRow | undefined, timeZone: string): NotificationSettings {
  if (!row) return { ...structuredClone(DEFAULT_SETTINGS), timezone: timeZone };
  const channels = Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((c) => [c, { ...DEFAULT_CHANNELS[c], ...(row.channels?.[c] ?? {}) }]),
  ) as NotificationSettings["channels"];
  return {
    channels,
    timezone: isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIMEZONE,
    quietHours: { enabled: row.quiet_enabled, start: row.quiet_start, end: row.quiet_end },
    allowUrgentDuringQuiet: row.allow_urgent_in_quiet,
    workingHours: { enabled: row.working_enabled, start: row.working_start, end: row.working_end },
    meetingReminderMinutes: row.meeting_reminder_minutes,
    phone: row.phone,
  };
}

/** The signed-in user's settings (RLS: only their own row is visible). `saved`: false while on defaults. */
export async function getSettings(tx: Tx, userId: string): Promise<{ settings: NotificationSettings; saved: boolean }> {
  const { rows } = await tx.query<SettingsRow>(
    `select ${SETTINGS_COLUMNS} from public.user_notification_settings where user_id = $1`,
    [userId],
  );
  const timeZone = timeZoneOf(await getPreferences(tx, userId));
  return { settings: fromRow(rows[0], timeZone), saved: rows.length > 0 };
}

export async function saveSettings(
  tx: Tx,
  userId: string,
  settings: NotificationSettings,
): Promise<NotificationSettings> {
  const { rows } = await tx.query<SettingsRow>(
    `insert into public.user_notification_settings as s (user_id, ${SETTINGS_COLUMNS})
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (user_id) do update set
       channels = excluded.channels, quiet_enabled = excluded.quiet_enabled,
       quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, allow_urgent_in_quiet = excluded.allow_urgent_in_quiet,
       working_enabled = excluded.working_enabled, working_start = excluded.working_start, working_end = excluded.working_end,
       meeting_reminder_minutes = excluded.meeting_reminder_minutes, phone = excluded.phone
     returning ${SETTINGS_COLUMNS}`,
    [
      userId,
      settings.channels,
      settings.quietHours.enabled,
      settings.quietHours.start,
      settings.quietHours.end,
      settings.allowUrgentDuringQuiet,
      settings.workingHours.enabled,
      settings.workingHours.start,
      settings.workingHours.end,
      settings.meetingReminderMinutes,
      settings.phone,
    ],
  );
  // The form edits the one time zone the whole app uses; it is stored with the preferences.
  const preferences = await updatePreferences(tx, userId, { data: { timeZone: settings.timezone } });
  return fromRow(rows[0], timeZoneOf(preferences));
}

export function quietHoursOf(settings: NotificationSettings): QuietHoursSettings {
  return {
    timezone: settings.timezone,
    quietHours: settings.quietHours,
    allowUrgentDuringQuiet: settings.allowUrgentDuringQuiet,
  };
}

/**
 * Outside working hours is one more quiet window (from the end of work to its start), so
 * the same tested arithmetic answers both; urgent items bypass it under the same rule.
 */
export function offHoursOf(settings: NotificationSettings): QuietHoursSettings | null {
  if (!settings.workingHours.enabled) return null;
  return {
    timezone: settings.timezone,
    quietHours: { enabled: true, start: settings.workingHours.end, end: settings.workingHours.start },
    allowUrgentDuringQuiet: settings.allowUrgentDuringQuiet,
  };
}
