import { z } from "zod";
import { isTimeZone } from "@/lib/analytics/range";
import { CADENCES } from "./schedule";

/**
 * What a person sends to subscribe to a scheduled report or change one: one schema for the
 * settings form and the route handlers (no server-only imports). Weekly reports name a
 * weekday (ISO, 1 = Monday), monthly ones a day of the month (1..31, clamped to short months).
 */
const weekday = z.number().int().min(1, "weekdayRequired").max(7, "weekdayRequired");
const dayOfMonth = z.number().int().min(1, "dayOfMonthRequired").max(31, "dayOfMonthRequired");
const hour = z.number().int("wholeHour").min(0, "hourRequired").max(23, "hourRequired");
const timeZone = z
  .string()
  .trim()
  .min(1, "timeZoneRequired")
  .max(64, "timeZoneTooLong")
  .refine(isTimeZone, "timeZoneUnknown");
const projectId = z.uuid("projectOrAll").nullable();

/** weekday only for weekly, dayOfMonth only for monthly: the other one is dropped. */
function dayFitsCadence<T extends { cadence?: string; weekday?: number | null; dayOfMonth?: number | null }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  if (value.cadence === "weekly" && value.weekday == null)
    ctx.addIssue({ code: "custom", path: ["weekday"], message: "weekdayRequired" });
  if (value.cadence === "monthly" && value.dayOfMonth == null)
    ctx.addIssue({ code: "custom", path: ["dayOfMonth"], message: "dayOfMonthRequired" });
}

export const subscriptionInputSchema = z
  .object({
    cadence: z.enum(CADENCES, { error: "cadenceRequired" }),
    weekday: weekday.nullish(),
    dayOfMonth: dayOfMonth.nullish(),
    hour,
    timeZone,
    projectId: projectId.default(null),
  })
  .superRefine(dayFitsCadence)
  .transform((value) => ({
    ...value,
    weekday: value.cadence === "weekly" ? value.weekday! : null,
    dayOfMonth: value.cadence === "monthly" ? value.dayOfMonth! : null,
  }));
export type SubscriptionInput = z.output<typeof subscriptionInputSchema>;

/** A change: any of the fields, or `active` alone (pause / resume). */
export const subscriptionPatchSchema = z
  .object({
    cadence: z.enum(CADENCES, { error: "cadenceRequired" }).optional(),
    weekday: weekday.nullish(),
    dayOfMonth: dayOfMonth.nullish(),
    hour: hour.optional(),
    timeZone: timeZone.optional(),
    projectId: projectId.optional(),
    active: z.boolean().optional(),
  })
  .refine((value) => Object.values(value).some((v) => v !== undefined), "changeOneField");
export type SubscriptionPatch = z.output<typeof subscriptionPatchSchema>;

/** A subscription as the API returns it. */
export type ReportSubscription = {
  id: string;
  projectId: string | null;
  projectName: string | null;
  cadence: (typeof CADENCES)[number];
  weekday: number | null;
  dayOfMonth: number | null;
  hour: number;
  timeZone: string;
  active: boolean;
  nextRunAt: string;
  createdAt: string;
};

export const RUN_STATUSES = ["sending", "sent", "failed"] as const;

/** A report in the history (without the PDF; `GET /api/v1/reports/runs/:id/pdf` downloads it). */
export type ReportRun = {
  id: string;
  subscriptionId: string;
  projectName: string | null;
  periodFrom: string;
  periodTo: string;
  timeZone: string;
  status: (typeof RUN_STATUSES)[number];
  errorKind: "generation" | "email" | null;
  hasPdf: boolean;
  createdAt: string;
};
