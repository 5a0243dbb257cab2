/**
 * Why an email, push or SMS of a notification was not delivered, as a kind and parameters
 * (`notification_deliveries.last_error_kind` / `last_error_params`, the same on
 * `notification_digests`), worded at read time in the reader's language (messages under
 * `notifications.deliveryErrors` in lib/i18n/messages/*.json). What the mail server, push
 * service or SMS provider said goes to the server log only: it is not in the reader's
 * language and can name hosts they should not learn about. Pure: no server code.
 */
import { storedText, textOfKind, type TextOfKind, type TextParams } from "@/lib/i18n/text-kinds";
import { textParam, type Translate } from "@/lib/i18n/translate";

export const DELIVERY_ERRORS = [
  /** No answer from the mail server (connection, timeout). */
  "email_unreachable",
  /** The mail server answered a passing refusal: SMTP `code` 4xx. */
  "email_deferred",
  /** The mail server refused the email for good: SMTP `code` 5xx. */
  "email_rejected",
  "push_not_configured",
  "push_no_subscription",
  "push_refused",
  "push_unreachable",
  "push_expired",
  "sms_no_phone",
  "sms_no_sender",
  "sms_failed",
  /** Sending threw before any transport answered. */
  "delivery_failed",
  /** The demo seed settles its deliveries without sending (lib/demo/notifications.ts). */
  "demo_not_sent",
  /** A sentence stored before kinds existed that no pattern matched. */
  "unknown",
] as const;
export type DeliveryErrorKind = (typeof DELIVERY_ERRORS)[number];
export type DeliveryError = TextOfKind<DeliveryErrorKind>;

export const deliveryError: (kind: DeliveryErrorKind, params?: TextParams) => DeliveryError = textOfKind;

/** The stored columns as a DeliveryError, or null when the delivery has none. */
export const storedDeliveryError = (kind: string | null, params: unknown): DeliveryError | null =>
  kind ? storedText(DELIVERY_ERRORS, { kind, params }, "unknown") : null;

/** The error's text, with `t` scoped to `notifications`. */
export function renderDeliveryError(error: DeliveryError, t: Translate): string {
  return t(`deliveryErrors.${storedText(DELIVERY_ERRORS, error, "unknown").kind}`, {
    code: textParam(error.params, "code"),
  });
}
