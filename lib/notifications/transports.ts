import webpush from "web-push";
import { senderFor } from "@/lib/channels";
import { sendEmail } from "@/lib/email/send";
import { vapidKeys } from "./vapid";

/** How one attempt on one channel went. `retryable`: a passing problem worth another try. */
export type TransportResult = { ok: true; note?: string } | { ok: false; retryable: boolean; error: string };

const short = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

/** Through SMTP_URL (lib/email/send.ts); without it into the local outbox (/dev/outbox). */
export async function sendEmailNotification(email: { to: string; subject: string; text: string }): Promise<TransportResult> {
  try {
    return (await sendEmail(email)) ? { ok: true } : { ok: true, note: "outbox" };
  } catch (error) {
    const e = error as SmtpError;
    // 5xx is the server refusing this email for good (bad address, policy); connection
    // problems, timeouts and 4xx are passing.
    const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
    return { ok: false, retryable: !permanent, error: short(e.response ?? e.message ?? "The SMTP server could not be reached.") };
  }
}

export type PushTarget = { id: string; endpoint: string; p256dh: string; auth: string };
export type PushPayload = { title: string; body: string; url: string | null; tag: string };

/**
 * Web push to every browser of the user, with VAPID and aes128gcm payload encryption by
 * the `web-push` library. The request is sent with fetch, so a push service reachable over
 * plain HTTP (the local stand-in of the tests) works like the real HTTPS ones.
 * `gone`: subscriptions the push service no longer knows (404/410), to be deleted.
 */
export async function sendPushNotification(
  targets: PushTarget[],
  payload: PushPayload,
  options: { urgent?: boolean } = {},
): Promise<TransportResult & { gone: string[] }> {
  const keys = vapidKeys();
  if (!keys) return { ok: false, retryable: false, error: "Web push is not configured on this server (VAPID keys).", gone: [] };
  if (!targets.length) return { ok: false, retryable: false, error: "No browser is subscribed to push notifications.", gone: [] };
  const gone: string[] = [];
  const errors: { retryable: boolean; error: string }[] = [];
  let delivered = 0;
  for (const target of targets) {
    try {
      const request = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(payload),
        { vapidDetails: keys, TTL: 24 * 60 * 60, urgency: options.urgent ? "high" : "normal", contentEncoding: "aes128gcm" },
      );
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ? new Uint8Array(request.body) : undefined,
        redirect: "error",
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) delivered += 1;
      else if (response.status === 404 || response.status === 410) gone.push(target.id);
      else errors.push({ retryable: response.status === 429 || response.status >= 500, error: `The push service answered ${response.status}.` });
    } catch (error) {
      errors.push({ retryable: true, error: short(error instanceof Error ? error.message : String(error)) });
    }
  }
  if (delivered > 0) return { ok: true, gone };
  if (!errors.length) return { ok: false, retryable: false, error: "The browser's push subscription has expired.", gone };
  return { ok: false, retryable: errors.some((e) => e.retryable), error: errors[0]!.error, gone };
}

/** SMS from the organization's own number, through lib/channels (the sandbox without Twilio credentials). */
export async function sendSmsNotification(message: { from: string | null; to: string | null; body: string }): Promise<TransportResult> {
  if (!message.to) return { ok: false, retryable: false, error: "No phone number for SMS in notification settings." };
  if (!message.from) return { ok: false, retryable: false, error: "The organization has no SMS number to send from." };
  const result = await senderFor("twilio").send({ provider: "twilio", medium: "sms", from: message.from, phoneNumberId: null, to: message.to, body: message.body });
  if (result.ok) return { ok: true, note: result.sandbox ? "sandbox" : undefined };
  return { ok: false, retryable: result.retryable, error: short(result.errorMessage) };
}
