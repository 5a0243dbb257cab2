import type { z } from "zod";
import type { HeatLevel, BantDimensionName, BantStatus } from "@/lib/scoring/types";
import type { DecisionReason } from "./notes";
import type { ManualReviewPayload, MessageApprovalPayload, taskKindSchema, taskStatusSchema } from "./schema";

export type TaskKind = z.infer<typeof taskKindSchema>;
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export type ApprovalTask = {
  id: string;
  kind: TaskKind;
  status: TaskStatus;
  /** MessageApprovalPayload for message_approval, ManualReviewPayload for manual_review. */
  payload: MessageApprovalPayload | ManualReviewPayload | Record<string, unknown>;
  createdAt: Date;
  expiresAt: string | null;
  decidedAt: string | null;
  /** `name` is null for a decider without a profile: the reader's language says "someone". */
  decidedBy: { id: string; name: string | null } | null;
  /** What the reader sees: the reviewer's reason as written, or `decisionReason` in the reader's language. */
  decisionNote: string | null;
  /** Why the task left the queue without a decision (superseded, expired); null for a person's decision. */
  decisionReason: DecisionReason | null;
  agent: { id: string; name: string } | null;
  assigneeId: string | null;
  lead: { id: string; name: string; heatLevel: HeatLevel; bantScore: number } | null;
  conversation: {
    id: string;
    channel: "sms" | "whatsapp" | "email" | "voice";
    mode: "ai" | "human";
    /** In an email thread: the subject a pending draft goes out with, or a sent one went out with; else null. */
    email: { subject: string } | null;
  } | null;
  sentMessageId: string | null;
};

export type TaskContextMessage = {
  id: string;
  direction: "inbound" | "outbound";
  body: string;
  createdAt: Date;
  status: string;
};

export type TaskFeedback = { rating: "up" | "down"; comment: string | null; userId: string };

export type TaskDetail = { task: ApprovalTask; context: { messages: TaskContextMessage[] }; feedback: TaskFeedback[] };

export type BantSuggestion = {
  id: string;
  dimension: BantDimensionName;
  status: BantStatus;
  value: string | null;
  quote: string | null;
  confidence: number;
  messageId: string | null;
  createdAt: Date;
};

/** A 409 the approvals UI explains: the task moved on before the decision arrived. */
export type TaskConflictCode = "task_superseded" | "task_expired" | "task_decided";

export type { MessageApprovalPayload, ManualReviewPayload };
