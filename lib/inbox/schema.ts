import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { HEAT_LEVELS } from "@/lib/scoring";
import { TAG_COLORS } from "./tag-palette";
import { CONVERSATION_MEDIA, CONVERSATION_STATUSES } from "./types";

/** A comma-separated list of ids in a query string (`tags=a,b`). */
const idList = z
  .string()
  .max(37 * 20)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const ids = [...new Set(v.split(",").filter(Boolean))];
    if (ids.some((id) => !z.uuid().safeParse(id).success)) {
      ctx.addIssue({ code: "custom", message: "tagNotFound" });
      return z.NEVER;
    }
    return ids;
  });

/** The inbox list's filters; all of them live in the URL. */
export const listConversationsQuerySchema = z.object({
  status: z.enum([...CONVERSATION_STATUSES, "all"]).default("open"),
  /** A channel id, or a medium. */
  channel: z.union([z.uuid(), z.enum(CONVERSATION_MEDIA)]).optional(),
  assigned: z.enum(["me", "unassigned", "any"]).default("any"),
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  heat: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const levels = v.split(",").filter(Boolean);
      for (const level of levels) {
        if (!(HEAT_LEVELS as readonly string[]).includes(level)) {
          ctx.addIssue({ code: "custom", message: "heatInvalid", params: { values: HEAT_LEVELS.join(", ") } });
          return z.NEVER;
        }
      }
      return levels as (typeof HEAT_LEVELS)[number][];
    }),
  /** Conversations carrying any of these tags. */
  tags: idList,
  q: text().max(100, "searchTooLong").optional(),
  cursor: z.string().max(600).optional(),
  direction: z.enum(["next", "prev"]).default("next"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;

export const updateConversationSchema = z
  .object({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    assigneeId: z.uuid("organizationMemberRequired").nullable().optional(),
    mode: z.enum(["ai", "human"]).optional(),
    /** The AI agent answering the thread; null follows the organization's default agent. */
    agentId: z.uuid("organizationAgentRequired").nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothingToChange" });
export type UpdateConversationInput = z.infer<typeof updateConversationSchema>;

export const sendMessageSchema = z
  .object({
    body: text().max(1600, "messageTooLong").default(""),
    /** The sender's own uploads (POST /api/v1/attachments) to send with the text. */
    attachmentIds: z.array(z.uuid("attachmentUnavailable")).max(10, "attachmentsTooManyField").default([]),
  })
  .refine((v) => v.body.length > 0 || v.attachmentIds.length > 0, { path: ["body"], message: "messageRequired" });

/**
 * A thread a person starts from the lead page: an SMS or WhatsApp thread opens empty (found
 * again if it exists, one per lead, number and medium); an email thread is a new email, so it
 * starts with its subject and first message, sent at once.
 */
export const startEmailConversationSchema = z.object({
  leadId: z.uuid(),
  channelId: z.uuid("mailboxRequired"),
  medium: z.literal("email"),
  // One header line: pasted line breaks would end the header (and must never start another).
  subject: text()
    .min(1, "emailSubjectRequired")
    .max(255)
    .transform((subject) => subject.replace(/\s+/g, " ")),
  body: text().min(1, "messageRequired").max(1600, "messageTooLong"),
});

export const startConversationSchema = z.discriminatedUnion("medium", [
  z.object({
    leadId: z.uuid(),
    channelId: z.uuid("channelRequired"),
    medium: z.enum(["sms", "whatsapp"]),
  }),
  startEmailConversationSchema,
]);
export type StartConversationInput = z.infer<typeof startConversationSchema>;

export const listMessagesQuerySchema = z.object({
  before: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const tagInputSchema = z.object({
  name: text().min(1, "tagNameRequired").max(40, "tagNameTooLong"),
  color: z.enum(TAG_COLORS, { error: "tagColorInvalid" }),
});
export type TagInput = z.infer<typeof tagInputSchema>;

/** At most a page of the inbox list at once, each id once. */
const conversationIds = z
  .array(z.uuid())
  .min(1, "selectConversations")
  .max(100, "tooManyConversations")
  .transform((ids) => [...new Set(ids)]);
const tagIds = z.array(z.uuid()).min(1, "chooseTags").max(20);

/**
 * One action on many conversations (the inbox's bulk toolbar, and the thread header's tag
 * picker with one id): all of them change in one transaction, or none does.
 */
export const bulkConversationActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("assign"),
    conversationIds,
    assigneeId: z.uuid("organizationMemberRequired").nullable(),
  }),
  z.object({ action: z.literal("status"), conversationIds, status: z.enum(CONVERSATION_STATUSES) }),
  z.object({ action: z.literal("add_tags"), conversationIds, tagIds }),
  z.object({ action: z.literal("remove_tags"), conversationIds, tagIds }),
  z.object({ action: z.literal("agent"), conversationIds, agentId: z.uuid("organizationAgentRequired").nullable() }),
  z.object({ action: z.literal("take_over"), conversationIds }),
  z.object({ action: z.literal("return_to_ai"), conversationIds }),
]);
export type BulkConversationAction = z.infer<typeof bulkConversationActionSchema>;
