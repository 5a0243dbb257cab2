/**
 * What went wrong with an integration, as kinds and parameters (never a sentence): the
 * connection's `integration_connections.last_errors`, the warnings a disconnect answers, and the
 * `problem` of an integration_failing notification. Worded at read time in the reader's language
 * (messages under `notificationTexts.integration_failing.problems` in lib/i18n/messages/*.json,
 * one set for Settings → Integrations and the notification). What the provider said goes to the
 * server log only. Pure: no server code, so the browser renders with the same function.
 */
import { storedText, textOfKind, type TextOfKind, type TextParams } from "@/lib/i18n/text-kinds";
import { textParam, type Translate } from "@/lib/i18n/translate";

export const INTEGRATION_PROBLEMS = [
  /** Refreshing the access token failed for a passing reason. */
  "token_refresh_failed",
  /** The grant is gone (revoked, or the refresh token already used): only reconnecting helps. */
  "grant_revoked",
  /** The provider refused the access token even after a refresh (HTTP 401). */
  "token_rejected",
  /** Disconnecting: the webhook subscription could not be deleted at the provider. */
  "webhook_delete_failed",
  /** Disconnecting: a `token` ("refresh_token" | "access_token") could not be revoked. */
  "token_revoke_failed",
  /** Disconnecting: no OAuth client configured, so nothing could be revoked. */
  "revoke_not_configured",
  /** The connection was disconnected (the notification's message). */
  "disconnected",
  /** An outbound webhook endpoint (`url`) kept failing for days and was turned off. */
  "webhook_endpoint_disabled",
  /** A sentence stored before kinds existed that no pattern matched. */
  "unknown",
] as const;
export type IntegrationProblemKind = (typeof INTEGRATION_PROBLEMS)[number];
export type IntegrationProblem = TextOfKind<IntegrationProblemKind>;

export const integrationProblem: (kind: IntegrationProblemKind, params?: TextParams) => IntegrationProblem = textOfKind;

/** A stored value (a jsonb array, or one problem) as problems; anything unknown reads as "unknown". */
export function storedProblems(value: unknown): IntegrationProblem[] {
  const items: unknown[] = Array.isArray(value) ? value : value ? [value] : [];
  return items.map((item) => storedText(INTEGRATION_PROBLEMS, item, "unknown"));
}

/** One problem's text, with `t` scoped to `notificationTexts`. */
export function renderIntegrationProblem(problem: IntegrationProblem, t: Translate): string {
  return t(`integration_failing.problems.${storedText(INTEGRATION_PROBLEMS, problem, "unknown").kind}`, {
    token: textParam(problem.params, "token"),
    url: textParam(problem.params, "url"),
  });
}
