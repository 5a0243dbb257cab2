import { z } from "zod";
import { dateTime, text } from "@/lib/http/schemas";

export const MEETING_TABS = ["upcoming", "past", "all"] as const;
/** The check constraint on public.meetings.status (tests/integration/vocabularies.test.ts compares them). */
export const MEETING_RECORD_STATUSES = ["scheduled", "canceled", "completed"] as const;
/** What a list shows: rescheduled = the new half of a reschedule; no_show = marked by the host. */
export const MEETING_STATUS_FILTERS = ["scheduled", "rescheduled", "canceled", "no_show"] as const;
export type MeetingDisplayStatus = "scheduled" | "rescheduled" | "canceled" | "no_show" | "completed";

export const listMeetingsQuerySchema = z.object({
  tab: z.enum(MEETING_TABS, { error: "meetingTabInvalid" }).default("upcoming"),
  owner: z.union([z.literal("me"), z.literal("unassigned"), z.uuid("ownerRequired")]).optional(),
  status: z.enum(MEETING_STATUS_FILTERS, { error: "statusInvalid" }).optional(),
  leadId: z.uuid("leadIdNotValid").optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuerySchema>;

const futureOrSoon = dateTime("dateTimeRequired");

export const simulateBookingSchema = z
  .object({
    leadId: z.uuid("leadRequired").optional(),
    email: z.string().trim().toLowerCase().pipe(z.email("emailInvalid")).optional(),
    name: text().min(1).max(200).optional(),
    title: text().min(1, "meetingNameRequired").max(200).default("Intro call"),
    startsAt: futureOrSoon.optional(),
    durationMinutes: z.coerce.number().int().min(5, "durationTooShort").max(480, "durationTooLong").default(30),
  })
  .refine((v) => Boolean(v.leadId) !== Boolean(v.email), {
    message: "leadOrEmail",
    path: ["email"],
  });
export type SimulateBookingInput = z.infer<typeof simulateBookingSchema>;

export const SIMULATED_ACTIONS = ["cancel", "reschedule", "no_show", "no_show_cleared"] as const;
export const simulateMeetingActionSchema = z.object({
  action: z.enum(SIMULATED_ACTIONS, { error: "actionInvalid" }),
  reason: text().max(300).optional(),
  startsAt: futureOrSoon.optional(),
});
export type SimulateMeetingActionInput = z.infer<typeof simulateMeetingActionSchema>;

export const updateIntegrationSchema = z.object({ defaultOwnerId: z.uuid("memberRequired").nullable() });

// ---------------------------------------------------------------------------------------
// Meetings entered by hand (lib/meetings/manual.ts)

const optionalText = (max: number) =>
  text()
    .max(max)
    .optional()
    .transform((v) => v || null);
const joinUrl = z
  .union([z.literal(""), z.url({ protocol: /^https?$/ }).max(2000)])
  .optional()
  .transform((v) => v || null);
const timeZoneName = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "timeZoneUnknown");
const duration = z.coerce.number().int().min(5, "durationTooShort").max(480, "durationTooLong");

/** The time a meeting takes: an end, or a duration from its start (30 minutes when neither). */
const timing = {
  startsAt: dateTime("dateTimeRequired"),
  endsAt: dateTime().optional(),
  durationMinutes: duration.optional(),
};
const endAfterStart = (v: { startsAt?: Date; endsAt?: Date }) => !v.startsAt || !v.endsAt || v.endsAt > v.startsAt;

export const createManualMeetingSchema = z
  .object({
    leadId: z.uuid("leadRequired"),
    title: text().max(300).default(""),
    ...timing,
    timezone: timeZoneName.optional(),
    location: optionalText(1000),
    joinUrl,
    attendees: optionalText(1000),
    ownerId: z.uuid("memberRequired").optional(),
    /**
     * Also put it in the owner's Google Calendar, with the lead invited (when their Calendar is
     * connected and on; otherwise this changes nothing). On unless turned off, as in the form.
     */
    googleCalendar: z.boolean().default(true),
  })
  .refine(endAfterStart, { message: "meetingEndsBeforeStart", path: ["endsAt"] });
export type CreateManualMeetingInput = z.infer<typeof createManualMeetingSchema>;

/**
 * Every field optional: what is given changes (an empty text clears it), what is left out
 * stays; a new start or end is a reschedule.
 */
export const updateManualMeetingSchema = z
  .object({
    title: text().max(300).optional(),
    startsAt: timing.startsAt.optional(),
    endsAt: timing.endsAt,
    durationMinutes: timing.durationMinutes,
    timezone: timeZoneName.optional(),
    location: text().max(1000).optional(),
    joinUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(2000)]).optional(),
    attendees: text().max(1000).optional(),
    ownerId: z.uuid("memberRequired").optional(),
  })
  .refine(endAfterStart, { message: "meetingEndsBeforeStart", path: ["endsAt"] });
export type UpdateManualMeetingInput = z.infer<typeof updateManualMeetingSchema>;

/** How a meeting's Google Calendar event stands (public.meeting_google_events.state). */
export const GOOGLE_EVENT_STATES = ["pending", "added", "failed", "removed"] as const;
export type GoogleEventState = (typeof GOOGLE_EVENT_STATES)[number];
/** Why writing it failed (the check on public.meeting_google_events.error_kind), worded under `meetings.googleCalendar.errors`. */
export const GOOGLE_EVENT_ERRORS = [
  "needs_reauth",
  "forbidden",
  "unavailable",
  "rate_limited",
  "not_connected",
  "gone",
  "unexpected",
] as const;
export type GoogleEventError = (typeof GOOGLE_EVENT_ERRORS)[number];

export const cancelMeetingSchema = z.object({ reason: optionalText(1000) });
export const noShowSchema = z.object({ noShow: z.boolean() });
export const markHeldSchema = z.object({ note: optionalText(2000) });

/** The end a form or request means: its end, else its start plus the duration (30 minutes by default). */
export function endOf(v: { startsAt: Date; endsAt?: Date | null; durationMinutes?: number | null }): Date {
  return v.endsAt ?? new Date(v.startsAt.getTime() + (v.durationMinutes ?? 30) * 60_000);
}
