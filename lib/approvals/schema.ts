import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { draftFailureDetailSchema } from "@/lib/ai/failures";
import {
  bantFindingsSchema,
  intentSchema,
  MAX_REPLY_LENGTH,
  providerNameSchema,
  tokenUsageSchema,
} from "@/lib/ai/types";
import { bantDimensionNameSchema, heatLevelSchema } from "@/lib/scoring/types";

export const TASK_KINDS = [
  "message_approval",
  "offer_approval",
  "date_confirmation",
  "room_approval",
  "manual_review",
  "event_confirmation",
] as const;
export const taskKindSchema = z.enum(TASK_KINDS);
export const TASK_STATUSES = ["pending", "approved", "rejected", "expired", "superseded"] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);

/** What a message_approval task carries: the draft and what the provider read from the lead's message. */
export const messageApprovalPayloadSchema = z.object({
  draft: z.string().min(1).max(MAX_REPLY_LENGTH),
  bant: bantFindingsSchema,
  intent: intentSchema,
  heat: heatLevelSchema,
  confidence: z.number().min(0).max(1),
  injection: z.boolean(),
  /** The lead's instruction to the assistant, quoted for the reviewer; absent on older drafts. */
  injectionQuote: z.string().max(500).nullable().optional(),
  provider: providerNameSchema,
  model: z.string(),
  inboundMessageId: z.uuid().nullable(),
  usage: tokenUsageSchema.nullable(),
  /**
   * The scheduling link the draft could offer (the lead owner's default Calendly event type, else
   * the agent's link, else the connected Calendly page); a booking through it is attributed to the
   * agent. Absent on drafts written before it was recorded.
   */
  schedulingUrl: z.string().max(500).nullable().optional(),
  /**
   * A re-engagement template the agent proposes for a cooling lead (lib/approvals/reengage.ts):
   * approving sends this approved template (allowed outside WhatsApp's window) and `draft` is its
   * filled text, so it is approved as is. Absent on free-text drafts.
   */
  template: z
    .object({
      templateId: z.uuid(),
      name: z.string(),
      language: z.string(),
      providerTemplateId: z.string().nullable(),
      parameters: z.array(z.string()),
    })
    .nullable()
    .optional(),
});
export type MessageApprovalPayload = z.infer<typeof messageApprovalPayloadSchema>;

/** Drafting failed: a person reads the thread and answers it themselves. */
export const manualReviewPayloadSchema = z.object({
  reason: z.string().min(1).max(60),
  /** A kind and parameters, worded in the reader's language (lib/ai/failures.ts). */
  detail: draftFailureDetailSchema,
  inboundMessageId: z.uuid().nullable(),
});
export type ManualReviewPayload = z.infer<typeof manualReviewPayloadSchema>;

export const PAYLOAD_SCHEMAS = {
  message_approval: messageApprovalPayloadSchema,
  manual_review: manualReviewPayloadSchema,
} as const;

const csvOrOne = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" && v.length ? v.split(",") : v), z.array(item).min(1).max(10)).optional();

export const listTasksQuerySchema = z.object({
  status: taskStatusSchema.default("pending"),
  kind: taskKindSchema.optional(),
  agentId: z.uuid("agentIdInvalid").optional(),
  heat: csvOrOne(heatLevelSchema),
  olderThanMinutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 365)
    .optional(),
  conversationId: z.uuid("conversationIdInvalid").optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export const approveSchema = z.object({
  body: text().min(1, "messageEmpty").max(MAX_REPLY_LENGTH, "messageKeepUnder").optional(),
});

export const rejectSchema = z.object({
  reason: text().min(1, "rejectionReasonRequired").max(500),
});

export const bulkApproveSchema = z.object({
  ids: z.array(z.uuid("taskIdInvalid")).min(1, "taskRequired").max(50, "approveTooMany"),
});

export const feedbackSchema = z.object({
  rating: z.enum(["up", "down"]),
  comment: text().max(1000).optional(),
});

export const bantDimensionParam = bantDimensionNameSchema;
