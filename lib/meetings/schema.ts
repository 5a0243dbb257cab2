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
