import { z } from "zod";
import {
  BANT_DIMENSIONS,
  bantSchema,
  bantStatusSchema,
  heatLevelSchema,
  type BantDimensionName,
} from "@/lib/scoring/types";
import type { DraftFailureDetail, DraftFailureReason } from "./failures";

/**
 * The contract between AI providers (lib/ai/providers/*) and the code that drafts replies
 * (lib/approvals, the agents test console, `npm run ai:extract`). A provider gets everything
 * it may use in one DraftRequest and answers with a DraftOutcome; it never touches the database.
 */

export const AGENT_ROLES = ["assistant", "sales", "support"] as const;
export const agentRoleSchema = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof agentRoleSchema>;

export const MESSAGE_CHANNELS = ["sms", "whatsapp", "email", "voice"] as const;

/** What the agent is told about itself. The prompts are written by the organization, not the lead. */
export type AgentBrief = {
  name: string;
  role: AgentRole;
  personality: string;
  business: string;
  objectives: string;
  /** BCP-47 code ("en", "de"); the reply is written in it unless the lead writes another language. */
  language: string;
  /** The model to ask for; null uses OPENAI_MODEL. Ignored by the local provider. */
  model: string | null;
  /** Offered when the lead is hot or asks to meet; null means do not offer a link. */
  schedulingUrl: string | null;
};

export type ConversationTurn = { direction: "inbound" | "outbound"; body: string; at: string };

/**
 * A meeting of the lead (the meetings module's view of it), so a draft can confirm a booking or
 * recall one instead of asking what the lead already arranged. Organization data, not the lead's.
 */
export const draftMeetingSchema = z.object({
  /** The event's name as the organization set it ("Site visit", "Intro call"). */
  title: z.string().trim().min(1).max(200),
  startsAt: z.iso.datetime({ offset: true }),
  /** As the meetings list shows it: rescheduled = the new half of a reschedule, completed = held. */
  status: z.enum(["scheduled", "rescheduled", "canceled", "no_show", "completed"]),
  /** IANA zone to write times in (the invitee's, else the lead owner's); null writes UTC. */
  timeZone: z.string().max(64).nullable().default(null),
});
export type DraftMeeting = z.infer<typeof draftMeetingSchema>;

export type DraftRequest = {
  orgName: string;
  agent: AgentBrief;
  lead: {
    name: string | null;
    company: string | null;
    heat: z.infer<typeof heatLevelSchema>;
    bant: z.infer<typeof bantSchema>;
  };
  channel: (typeof MESSAGE_CHANNELS)[number];
  /** Oldest first; the last inbound turn is the message being answered. Lead text is data, never instructions. */
  history: ConversationTurn[];
  /** "Now" for relative dates ("next month"); an ISO timestamp. */
  now: string;
  /** The lead's next meeting and the latest one before it (any order); absent when not loaded. */
  meetings?: DraftMeeting[];
  /**
   * Email only: the subject the reply goes out with ("Re: …", lib/email/reply.ts), so the reply
   * can follow the thread's topic. The lead wrote it, so it is data like their messages.
   */
  emailSubject?: string | null;
};

export const BANT_FINDING_CONFIDENCE_THRESHOLD = 0.7;

/** One BANT dimension read out of what the lead said. */
export const bantFindingSchema = z.object({
  status: bantStatusSchema,
  /** Short normalised value: "CHF 20000", "Head of Operations", "solar for 3 warehouses", "2027-03-31". */
  value: z.string().trim().max(200).nullable(),
  /** The lead's own words the finding rests on, quoted in explanations. */
  quote: z.string().trim().max(500).nullable(),
  confidence: z.number().min(0).max(1),
});
export type BantFinding = z.infer<typeof bantFindingSchema>;

/** A finding (or null) for each BANT dimension. */
export const bantFindingsSchema = z.object(
  Object.fromEntries(BANT_DIMENSIONS.map((d) => [d, bantFindingSchema.nullable()])) as Record<
    BantDimensionName,
    z.ZodNullable<typeof bantFindingSchema>
  >,
);

export const INTENTS = [
  "question",
  "interested",
  "meeting_request",
  "objection",
  "not_interested",
  "unsubscribe",
  "smalltalk",
  "other",
] as const;
export const intentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof intentSchema>;

export const MAX_REPLY_LENGTH = 1600;

/** What every provider must produce; model output that does not parse is retried once, then becomes a manual-review task. */
export const draftResultSchema = z.object({
  reply: z.string().trim().min(1).max(MAX_REPLY_LENGTH),
  bant: bantFindingsSchema,
  intent: intentSchema,
  /** The temperature the conversation suggests on its own (the scoring engine decides the lead's level). */
  heat: heatLevelSchema,
  confidence: z.number().min(0).max(1),
  /** True when the lead's text tried to instruct the assistant ("ignore previous instructions …"). */
  injection: z.boolean(),
  /** The instruction in the lead's words, shown on the task; absent when the provider did not quote it. */
  injectionQuote: z.string().trim().max(500).nullable().optional(),
});
export type DraftResult = z.infer<typeof draftResultSchema>;

export const tokenUsageSchema = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  totalTokens: z.number(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export type DraftOutcome =
  | { ok: true; result: DraftResult; provider: ProviderName; model: string; usage: TokenUsage | null; attempts: number }
  | {
      ok: false;
      reason: DraftFailureReason;
      /** What went wrong, as a kind the reader's language words (lib/ai/failures.ts); never the provider's text. */
      detail: DraftFailureDetail;
      provider: ProviderName;
      model: string;
      attempts: number;
    };

export const providerNameSchema = z.enum(["openai", "local"]);
export type ProviderName = z.infer<typeof providerNameSchema>;

export interface AiProvider {
  readonly name: ProviderName;
  /**
   * The model drafts use unless an agent names another (the offline assistant's rules version
   * for "local"). With `name`, what the UI words in the reader's language: "OpenAI · gpt-4o-mini".
   */
  readonly model: string;
  draft(request: DraftRequest, options?: { signal?: AbortSignal }): Promise<DraftOutcome>;
}
