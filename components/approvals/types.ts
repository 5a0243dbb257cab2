import type { Jsonified } from "@/components/leads/types";
import type { DraftFailureDetail } from "@/lib/ai/failures";
import type { ProviderName, TokenUsage, DraftResult } from "@/lib/ai/types";
import type {
  ApprovalTask as ServerTask,
  ManualReviewPayload,
  MessageApprovalPayload,
  TaskDetail,
} from "@/lib/approvals/types";

/**
 * The approvals API as the browser receives it (JSON: dates are ISO strings): GET /api/v1/approvals
 * and /api/v1/approvals/[id]. Derived from lib/approvals/types.ts (type-only imports, nothing of
 * the server reaches the bundle).
 */

/** The kinds and statuses the queue filters on; the table accepts more kinds for later modules. */
export const TASK_STATUSES = ["pending", "approved", "rejected", "expired", "superseded"] as const;
export const TASK_KINDS = ["message_approval", "manual_review"] as const;

export type ApprovalTask = Jsonified<ServerTask>;
export type ApprovalPage = { tasks: ApprovalTask[]; nextCursor: string | null; counts: { pending: number } };
export type ApprovalDetail = Jsonified<TaskDetail>;
export type ContextMessage = ApprovalDetail["context"]["messages"][number];
export type BantFindings = MessageApprovalPayload["bant"];
export type { ManualReviewPayload, MessageApprovalPayload };

export type BulkResult = { id: string; ok: boolean; messageId?: string; error?: { code: string; detail: string } };

/** A message_approval payload, or null for any other kind (or a payload that does not have a draft). */
export function draftPayload(task: ApprovalTask): MessageApprovalPayload | null {
  const payload = task.payload as Partial<MessageApprovalPayload>;
  return task.kind === "message_approval" && typeof payload.draft === "string"
    ? (payload as MessageApprovalPayload)
    : null;
}

export function reviewPayload(task: ApprovalTask): ManualReviewPayload | null {
  const payload = task.payload as Partial<ManualReviewPayload>;
  return task.kind === "manual_review" && typeof payload.reason === "string" ? (payload as ManualReviewPayload) : null;
}

/** The outcome of drafting on demand (agents test console, the inbox's "Suggest a reply"). */
export type DraftOutcomeData =
  | { ok: true; result: DraftResult; provider: ProviderName; model: string; usage: TokenUsage | null }
  | { ok: false; reason: string; detail: DraftFailureDetail; provider?: ProviderName; model?: string };

/** The URL's filters for the queue (and only these, in this order: same filters → same cache key). */
export const FILTER_PARAMS = ["status", "kind", "agent", "heat", "age"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

type ParamsLike = { get(name: string): string | null };

export function filterQuery(params: ParamsLike): string {
  const out = new URLSearchParams();
  for (const key of FILTER_PARAMS) {
    const value = params.get(key);
    if (value) out.set(key, value);
  }
  return out.toString();
}

/** URL filters → the API's query string (agent → agentId, age → olderThanMinutes). */
export function apiQuery(filters: string, cursor: string | null, limit = 25): string {
  const params = new URLSearchParams(filters);
  const out = new URLSearchParams();
  out.set("status", params.get("status") || "pending");
  const kind = params.get("kind");
  if (kind) out.set("kind", kind);
  const agent = params.get("agent");
  if (agent) out.set("agentId", agent);
  const heat = params.get("heat");
  if (heat) out.set("heat", heat);
  const age = params.get("age");
  if (age) out.set("olderThanMinutes", age);
  if (cursor) out.set("cursor", cursor);
  out.set("limit", String(limit));
  return out.toString();
}
