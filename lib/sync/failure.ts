/**
 * Why a sync job failed, as a kind the card words (kinds.ts). What Google said goes to the log
 * only; the job keeps the kind and, for an HTTP answer, its status.
 */
import "server-only";
import {
  GoogleConnectionUnavailable,
  googleErrorResponse,
  googleErrorStatus,
} from "@/lib/integrations/google/connection";
import { syncError, type SyncError, type SyncErrorKind } from "./kinds";

/** A failure this module decided on itself (the connection changed under the job). */
export class SyncFailure extends Error {
  constructor(readonly kind: SyncErrorKind) {
    super(kind);
    this.name = "SyncFailure";
  }
}

/** Google's reasons for a 403 that means "slow down", not "not allowed". */
const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);

function errorReason(error: unknown): string | null {
  const data = googleErrorResponse(error)?.data as { error?: { errors?: { reason?: unknown }[] } } | undefined;
  const reason = data?.error?.errors?.[0]?.reason;
  return typeof reason === "string" ? reason : null;
}

export function syncFailureOf(error: unknown): SyncError {
  if (error instanceof SyncFailure) return syncError(error.kind);
  if (error instanceof GoogleConnectionUnavailable)
    return syncError(
      error.status === "needs_reauth"
        ? "needs_reauth"
        : error.status === "error"
          ? "google_unavailable"
          : "not_connected",
    );
  const status = googleErrorStatus(error);
  if (status === null) {
    // No answer at all: a timeout, a refused connection, DNS.
    const code = (error as { code?: unknown } | null)?.code;
    return syncError(typeof code === "string" && /^E[A-Z]+/.test(code) ? "google_unavailable" : "unexpected");
  }
  const params = { status };
  if (status === 401) return syncError("needs_reauth", params);
  if (status === 429 || (status === 403 && RATE_LIMIT_REASONS.has(errorReason(error) ?? "")))
    return syncError("rate_limited", params);
  if (status === 403) return syncError("forbidden", params);
  if (status >= 500) return syncError("google_unavailable", params);
  return syncError("unexpected", params);
}
