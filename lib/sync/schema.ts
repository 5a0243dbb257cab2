import { z } from "zod";
import { dateTime } from "@/lib/http/schemas";
import { SYNC_TARGETS } from "./kinds";

/** `GET /api/v1/sync/jobs?target=calendar&limit=`: the caller's recent jobs. */
export const syncJobsQuerySchema = z
  .object({
    target: z.enum(SYNC_TARGETS, { error: "syncTargetInvalid" }).optional(),
    limit: z.coerce.number().int().min(1).max(100, "limitTooBig").default(20),
  })
  .strict();

/** The longest window one call lists (a year and a bit): the synced calendar covers four months anyway. */
export const MAX_EVENT_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;

/** `GET /api/v1/sync/calendar/events?from=&to=&leadId=`: the caller's synced events in [from, to). */
export const calendarEventsQuerySchema = z
  .object({
    from: dateTime("dateTimeRequired"),
    to: dateTime("dateTimeRequired"),
    leadId: z.uuid("leadIdInvalid").optional(),
    limit: z.coerce.number().int().min(1).max(500, "limitTooBig").default(200),
  })
  .strict()
  .superRefine((value, ctx) => {
    const days = (value.to.getTime() - value.from.getTime()) / DAY_MS;
    if (days <= 0) ctx.addIssue({ code: "custom", path: ["to"], message: "rangeToBeforeFrom" });
    else if (days > MAX_EVENT_RANGE_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "customRangeTooLong",
        params: { maximum: MAX_EVENT_RANGE_DAYS },
      });
  });
export type CalendarEventsQuery = z.infer<typeof calendarEventsQuerySchema>;
