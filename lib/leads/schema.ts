import { z } from "zod";
import { dateTime, futureDateTime, text } from "@/lib/http/schemas";
import { BANT_DIMENSIONS, bantStatusSchema, bantValueSchema, heatLevelSchema, HEAT_LEVELS } from "@/lib/scoring";

/** The rows of public.lead_sources (tests/integration/vocabularies.test.ts keeps them equal). */
export const LEAD_SOURCES = ["manual", "import", "whatsapp", "sms", "voice", "email", "calendly", "api"] as const;
/** The rows of public.lead_event_types: what a lead's timeline can record. A new type is a row and an entry here. */
export const LEAD_EVENT_TYPES = [
  "created",
  "updated",
  "bant_changed",
  "heat_changed",
  "heat_override",
  "status_changed",
  "owner_changed",
  "note",
  "deleted",
  "restored",
  "imported",
  "signal",
  "bant_qualified",
  "meeting_booked",
  "meeting_canceled",
  "meeting_rescheduled",
  "meeting_no_show",
  "meeting_no_show_cleared",
  "meeting_held",
  "ai_draft_approved",
  "ai_draft_rejected",
  "ai_auto_sent",
  "task_completed",
] as const;
export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];
/** The check constraint on public.leads.status. */
export const LEAD_STATUSES = [
  "new",
  "contacted",
  "qualified",
  "meeting_scheduled",
  "won",
  "lost",
  "disqualified",
] as const;
export const LEAD_SORTS = ["last_activity", "heat", "created"] as const;
/**
 * The list's meeting filter: leads with a meeting booked, held (completed, not a no-show),
 * marked no-show, or canceled — booked in meetingFrom..meetingTo if given (lib/leads/queries.ts
 * says how "booked" and "held" read without a window: as the dashboard's funnel counts them).
 */
export const LEAD_MEETING_FILTERS = ["booked", "held", "no_show", "canceled"] as const;
export type LeadMeetingFilter = (typeof LEAD_MEETING_FILTERS)[number];

export const leadSourceSchema = z.enum(LEAD_SOURCES, { error: "sourceInvalid" });
export const leadStatusSchema = z.enum(LEAD_STATUSES, { error: "statusInvalid" });
export type LeadStatus = z.infer<typeof leadStatusSchema>;
export type LeadSource = z.infer<typeof leadSourceSchema>;

/** `tooLong`: a `validation` key, rendered with the issue's `maximum`. */
const optionalText = (max: number, tooLong: string) =>
  z.union([z.literal("").transform(() => null), text().max(max, tooLong), z.null()]).optional();

export const tagSchema = text().toLowerCase().min(1, "tagEmpty").max(40, "tagTooLong");
export const tagsSchema = z
  .array(tagSchema)
  .max(20, "tooManyTags")
  .transform((tags) => [...new Set(tags)]);

/** Email as typed; the server lower-cases it. Phone as typed; the server normalises it to E.164. */
export const leadFieldsSchema = z.object({
  name: text().min(1, "nameRequired").max(200),
  email: z
    .union([
      z.literal("").transform(() => null),
      z.string().trim().toLowerCase().pipe(z.email("emailInvalid")),
      z.null(),
    ])
    .optional(),
  phone: z.union([z.literal("").transform(() => null), text().max(40, "phoneTooLong"), z.null()]).optional(),
  company: optionalText(200, "companyTooLong"),
  title: optionalText(200, "titleTooLong"),
  status: leadStatusSchema.optional(),
  tags: tagsSchema.optional(),
  projectId: z.uuid("projectRequired").nullable().optional(),
  ownerId: z.uuid("ownerRequired").nullable().optional(),
});

export const createLeadSchema = leadFieldsSchema.extend({ source: leadSourceSchema.optional() });
export type CreateLeadInput = z.infer<typeof createLeadSchema>;

export const updateLeadSchema = leadFieldsSchema
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "nothingToChange",
  });
export type UpdateLeadInput = z.infer<typeof updateLeadSchema>;

/** PATCH /leads/:id/bant — one or more dimensions, each set by the signed-in user. */
const bantDimensionInput = z
  .object({
    status: bantStatusSchema,
    value: bantValueSchema,
    evidence: text().max(500, "evidenceTooLong").nullable().optional(),
  })
  .optional();
export const bantPatchSchema = z
  .object({
    budget: bantDimensionInput,
    authority: bantDimensionInput,
    need: bantDimensionInput,
    timeline: bantDimensionInput,
  })
  .strict()
  .refine((v) => Object.values(v).some(Boolean), { message: "bantUnchanged" });
export type BantPatch = z.infer<typeof bantPatchSchema>;

/** POST /leads/:id/heat — a manager pins the level (or clears the pin with level null). */
export const heatOverrideInputSchema = z.object({
  level: heatLevelSchema.nullable(),
  reason: text().min(3, "reasonTooShort").max(500),
  expiresAt: futureDateTime("expiryInFuture").nullable().optional(),
});

export const noteSchema = z.object({ text: text().min(1, "noteRequired").max(2000) });

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item).max(20),
  );

/** GET /leads — every filter lives in the URL, so a link reproduces the view. */
export const listLeadsQuerySchema = z.object({
  heat: csv(z.enum(HEAT_LEVELS)).optional(),
  status: csv(leadStatusSchema).optional(),
  owner: z.union([z.literal("me"), z.literal("unassigned"), z.uuid("ownerFilterInvalid")]).optional(),
  project: z.uuid("projectIdInvalid").optional(),
  tag: tagSchema.optional(),
  qualified: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: text().max(100, "searchTooLong").optional(),
  updatedSince: dateTime("updatedSinceInvalid").optional(),
  // The dashboard's click-through filters (components/dashboard/widgets/links.ts builds them);
  // every window is [from, to) in UTC instants.
  /** BANT dimensions that must all be confirmed. */
  confirmed: csv(z.enum(BANT_DIMENSIONS, { error: "confirmedInvalid" })).optional(),
  createdFrom: dateTime("createdFromInvalid").optional(),
  createdTo: dateTime("createdToInvalid").optional(),
  /** Leads that became BANT-qualified in the window (their bant_qualified event). */
  qualifiedFrom: dateTime("qualifiedFromInvalid").optional(),
  qualifiedTo: dateTime("qualifiedToInvalid").optional(),
  meeting: z.enum(LEAD_MEETING_FILTERS, { error: "meetingFilterInvalid" }).optional(),
  /** With `meeting`: only meetings booked in this window (booked_at, else created_at). */
  meetingFrom: dateTime("meetingFromInvalid").optional(),
  meetingTo: dateTime("meetingToInvalid").optional(),
  sort: z.enum(LEAD_SORTS).default("last_activity"),
  cursor: z.string().max(300).optional(),
  direction: z.enum(["next", "prev"]).default("next"),
  limit: z.coerce.number().int().min(1).max(100, "limitTooBig").default(25),
  deleted: z
    .enum(["true"])
    .transform(() => true)
    .optional(),
});
export type ListLeadsQuery = z.infer<typeof listLeadsQuerySchema>;

export const bulkUpdateSchema = z.object({
  ids: z.array(z.uuid("leadIdInvalid")).min(1, "selectLead").max(1000, "tooManyLeads"),
  changes: z
    .object({
      ownerId: z.uuid().nullable().optional(),
      status: leadStatusSchema.optional(),
      projectId: z.uuid().nullable().optional(),
      addTags: tagsSchema.optional(),
      removeTags: tagsSchema.optional(),
    })
    .strict()
    // An empty tag list changes nothing either.
    .refine((v) => Object.values(v).some((x) => x !== undefined && !(Array.isArray(x) && x.length === 0)), {
      message: "chooseChange",
    }),
});
export type BulkUpdateInput = z.infer<typeof bulkUpdateSchema>;
