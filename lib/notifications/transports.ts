import "server-only";
import webpush from "web-push";
import { senderFor } from "@/lib/channels";
import { sendEmail } from "@/lib/email/send";
import { guardedFetch, OutboundUrlError } from "@/lib/http/outbound";
import { logger } from "@/lib/log";
import { deliveryError, type DeliveryError } from "./delivery-errors";
import { pushEndpointPolicy } from "./push-endpoints";
import { vapidKeys } from "./vapid";

const log = logger.child({ module: "notifications.transports" });

/**
 * How one attempt on one channel went. `retryable`: a passing problem worth another try;
 * `error` is a kind the reader's language words (delivery-errors.ts), the upstream's words are logged.
 */
export type TransportResult = { ok: true; note?: string } | { ok: false; retryable: boolean; error: DeliveryError };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

/** Through SMTP_URL (lib/email/send.ts); without it into the local outbox (/dev/outbox). */
export async function sendEmailNotification(email: {
  to: string;
  subject: string;
  text: string;
}): Promise<TransportResult> {
  try {
    return (await sendEmail(email)) ? { ok: true } : { ok: true, note: "outbox" };
  } catch (error) {
    const e = error as SmtpError;
    // 5xx is the server refusing this email for good (bad address, policy); connection
    // problems, timeouts and 4xx are passing.
    const code = typeof e.responseCode === "number" ? e.responseCode : null;
    const permanent = code !== null && code >= 500;
    log.warn(
      { responseCode: code, smtpCode: e.code ?? null, err: e.response ?? e.message },
      "email notification not sent",
    );
    return {
      ok: false,
      retryable: !permanent,
      error:
        code === null
          ? deliveryError("email_unreachable")
          : deliveryError(permanent ? "email_rejected" : "email_deferred", { code }),
    };
  }
}

export type PushTarget = { id: string; endpoint: string; p256dh: string; auth: string };
export type PushPayload = { title: string; body: string; url: string | null; tag: string };

const PUSH_REFUSED = deliveryError("push_refused");
const PUSH_UNREACHABLE = deliveryError("push_unreachable");

/**
 * Web push to every browser of the user, with VAPID and aes128gcm payload encryption by
 * the `web-push` library, sent through the outbound guard (lib/http/outbound.ts) with the push
 * endpoint policy: the endpoint is checked again at every send and the connection goes only to
 * the address that was checked, with no redirects.
 * `gone`: subscriptions to delete — the push service no longer knows them (404/410), or the
 * guard refuses them for good (not a push service, a private address).
 * Errors are generic on purpose: they reach the user, and the upstream's status or a socket error
 * would tell them about hosts they should not learn about. The details go to the server log.
 */
export async function sendPushNotification(
  targets: PushTarget[],
  payload: PushPayload,
  options: { urgent?: boolean } = {},
): Promise<TransportResult & { gone: string[] }> {
  const keys = vapidKeys();
  if (!keys) return { ok: false, retryable: false, error: deliveryError("push_not_configured"), gone: [] };
  if (!targets.length) return { ok: false, retryable: false, error: deliveryError("push_no_subscription"), gone: [] };
  const policy = pushEndpointPolicy();
  const gone: string[] = [];
  const errors: { retryable: boolean; error: DeliveryError }[] = [];
  let delivered = 0;
  for (const target of targets) {
    try {
      const request = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: keys,
          TTL: 24 * 60 * 60,
          urgency: options.urgent ? "high" : "normal",
          contentEncoding: "aes128gcm",
        },
      );
      const response = await guardedFetch(
        request.endpoint,
        {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: request.body ? new Uint8Array(request.body) : undefined,
          timeoutMs: 10_000,
        },
        policy,
      );
      if (response.ok) delivered += 1;
      else if (response.status === 404 || response.status === 410) gone.push(target.id);
      else {
        log.warn({ subscriptionId: target.id, status: response.status }, "push service refused a notification");
        errors.push({ retryable: response.status === 429 || response.status >= 500, error: PUSH_REFUSED });
      }
    } catch (error) {
      if (error instanceof OutboundUrlError) {
        log.warn({ subscriptionId: target.id, reason: error.reason }, "push endpoint refused by the outbound guard");
        if (error.reason === "unresolvable") errors.push({ retryable: true, error: PUSH_UNREACHABLE });
        else gone.push(target.id);
      } else {
        log.warn(
          { subscriptionId: target.id, err: error instanceof Error ? error.message : String(error) },
          "push service unreachable",
        );
        errors.push({ retryable: true, error: PUSH_UNREACHABLE });
      }
    }
  }
  if (delivered > 0) return { ok: true, gone };
  if (!errors.length) return { ok: false, retryable: false, error: deliveryError("push_expired"), gone };
  return { ok: false, retryable: errors.some((e) => e.retryable), error: errors[0]!.error, gone };
}

/** SMS from the organization's own number, through lib/channels (the sandbox without Twilio credentials). */
export async function sendSmsNotification(message: {
  from: { address: string; orgId: string } | null;
  to: string | null;
  body: string;
}): Promise<TransportResult> {
  if (!message.to) return { ok: false, retryable: false, error: deliveryError("sms_no_phone") };
  if (!message.from) return { ok: false, retryable: false, error: deliveryError("sms_no_sender") };
  const result = await senderFor("twilio").send({
    orgId: message.from.orgId,
    provider: "twilio",
    medium: "sms",
    from: message.from.address,
    phoneNumberId: null,
    to: message.to,
    body: message.body,
  });
  if (result.ok) return { ok: true, note: result.sandbox ? "sandbox" : undefined };
  log.warn(
    { orgId: message.from.orgId, errorCode: result.errorCode, err: result.errorMessage },
    "SMS notification not sent",
  );
  return { ok: false, retryable: result.retryable, error: deliveryError("sms_failed") };
}
