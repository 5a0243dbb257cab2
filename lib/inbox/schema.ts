import { z } from "zod";
import { text } from "@/lib/http/schemas";
import { HEAT_LEVELS } from "@/lib/scoring";
import { CONVERSATION_MEDIA, CONVERSATION_STATUSES } from "./types";

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

export const sendMessageSchema = z.object({
  body: text().min(1, "messageRequired").max(1600, "messageTooLong"),
});

export const startConversationSchema = z.object({
  leadId: z.uuid(),
  channelId: z.uuid("channelRequired"),
  medium: z.enum(CONVERSATION_MEDIA),
});

export const listMessagesQuerySchema = z.object({
  before: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
