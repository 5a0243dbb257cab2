import { z } from "zod";
import { dateTime, text } from "@/lib/http/schemas";

export const MEETING_TABS = ["upcoming", "past", "all"] as const;
/** The check constraint on public.meetings.status (tests/integration/vocabularies.test.ts compares them). */
export const MEETING_RECORD_STATUSES = ["scheduled", "canceled", "completed"] as const;
/** What a list shows: rescheduled = the new half of a reschedule; no_show = marked by the host. */
export const MEETING_STATUS_FILTERS = ["scheduled", "rescheduled", "canceled", "no_show"] as const;
export type MeetingDisplayStatus = "scheduled" | "rescheduled" | "canceled" | "no_show" | "completed";

export const listMeetingsQuerySchema = z.object({
  tab: z.enum(MEETING_TABS, { error: "Tab must be upcoming, past or all." }).default("upcoming"),
  owner: z.union([z.literal("me"), z.literal("unassigned"), z.uuid("Choose an owner.")]).optional(),
  status: z
    .enum(MEETING_STATUS_FILTERS, { error: `Status must be one of ${MEETING_STATUS_FILTERS.join(", ")}.` })
    .optional(),
  leadId: z.uuid("That lead id is not valid.").optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuerySchema>;

const futureOrSoon = dateTime("Enter a date and time.");

export const simulateBookingSchema = z
  .object({
    leadId: z.uuid("Choose a lead.").optional(),
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")).optional(),
    name: text().min(1).max(200).optional(),
    title: text().min(1, "Give the meeting a name.").max(200).default("Intro call"),
    startsAt: futureOrSoon.optional(),
    durationMinutes: z.coerce.number().int().min(5, "At least 5 minutes.").max(480, "At most 8 hours.").default(30),
  })
  .refine((v) => Boolean(v.leadId) !== Boolean(v.email), {
    message: "Choose a lead or enter an email address (one of them).",
    path: ["email"],
  });
export type SimulateBookingInput = z.infer<typeof simulateBookingSchema>;

export const SIMULATED_ACTIONS = ["cancel", "reschedule", "no_show", "no_show_cleared"] as const;
export const simulateMeetingActionSchema = z.object({
  action: z.enum(SIMULATED_ACTIONS, { error: `Action must be one of ${SIMULATED_ACTIONS.join(", ")}.` }),
  reason: text().max(300).optional(),
  startsAt: futureOrSoon.optional(),
});
export type SimulateMeetingActionInput = z.infer<typeof simulateMeetingActionSchema>;

export const updateIntegrationSchema = z.object({ defaultOwnerId: z.uuid("Choose a member.").nullable() });
