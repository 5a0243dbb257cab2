/**
 * What went wrong when a provider wrote no draft, as a kind and parameters (never a sentence):
 * stored on a manual-review task (`hil_tasks.payload.detail`), answered by the agents test console
 * and the inbox's "Suggest a reply", and rendered at read time in the reader's language (messages
 * under `approvals.review.details` in lib/i18n/messages/*.json). The provider's own error text
 * goes to the server log only: it can echo the key or the request body and is not the reader's.
 * Pure: no server code, so the browser renders with the same function.
 */
import { z } from "zod";
import { storedText, textOfKind, type TextParams } from "@/lib/i18n/text-kinds";
import { textParam, type Translate } from "@/lib/i18n/translate";

/**
 * Why a provider wrote no draft (`DraftOutcome.reason`, a manual-review task's `payload.reason`,
 * an approval_requested notification's `failure`): one list for the code that writes them and the
 * catalogue's `approvals.review.reasons` and `notificationTexts.approval_requested.failure`.
 */
export const DRAFT_FAILURES = ["invalid_output", "timeout", "rate_limited", "error"] as const;
export type DraftFailureReason = (typeof DRAFT_FAILURES)[number];

export const DRAFT_FAILURE_DETAILS = [
  /** No answer within `seconds`. */
  "timeout",
  "cancelled",
  "rate_limited",
  /** HTTP 401: the key was refused. */
  "auth_rejected",
  /** HTTP 403. */
  "access_denied",
  /** HTTP 404: unknown model or endpoint. */
  "model_not_found",
  "unreachable",
  /** Any other HTTP `status`. */
  "http_error",
  /** The provider threw something it should not have. */
  "provider_failed",
  /** The model's answer failed validation twice (`problems` counts what was wrong). */
  "invalid_twice",
  /** The offline assistant's rules threw. */
  "assistant_failed",
  /** A detail stored as an English sentence before kinds existed, that no pattern matched. */
  "unknown",
] as const;
export type DraftFailureDetailKind = (typeof DRAFT_FAILURE_DETAILS)[number];

export const draftFailureDetailSchema = z.object({
  kind: z.enum(DRAFT_FAILURE_DETAILS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type DraftFailureDetail = z.infer<typeof draftFailureDetailSchema>;

export const failureDetail: (kind: DraftFailureDetailKind, params?: TextParams) => DraftFailureDetail = textOfKind;

/**
 * The detail's text, with `t` scoped to `approvals`. Anything that is not a known kind (a
 * stored value of another shape) reads as the generic "unknown": no stale sentence is shown.
 */
export function renderDraftFailureDetail(detail: unknown, t: Translate): string {
  const { kind, params } = storedText(DRAFT_FAILURE_DETAILS, detail, "unknown");
  const number = (key: string) => {
    const n = Number(textParam(params, key));
    return Number.isFinite(n) ? n : 0;
  };
  return t(`review.details.${kind}`, {
    seconds: number("seconds"),
    status: number("status"),
    problems: number("problems"),
  });
}
