import "server-only";
import twilio from "twilio";
import { env } from "@/lib/env";
import type { OutboundMessage, SendResult, Sender } from "./types";

type TwilioClient = ReturnType<typeof twilio>;

/** The installation's Twilio account through the official SDK. */
export function twilioClient(): TwilioClient {
  const config = env();
  const instance = twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, { timeout: 10_000, autoRetry: false });
  // Tests and benchmarks point the SDK at a local stand-in; everything else stays the SDK's own.
  if (config.TWILIO_API_BASE_URL) {
    instance.api.baseUrl = config.TWILIO_API_BASE_URL;
    instance.content.baseUrl = config.TWILIO_API_BASE_URL;
  }
  return instance;
}

const address = (medium: OutboundMessage["medium"], e164: string) =>
  medium === "whatsapp" ? `whatsapp:${e164}` : e164;

/** Twilio's error codes that mean "this message will never go", as opposed to a passing outage. */
function isRetryable(status: number | undefined): boolean {
  return status === undefined || status === 429 || status >= 500;
}

export const twilioSender: Sender = {
  name: "twilio",
  async send(message): Promise<SendResult> {
    try {
      const sent = await twilioClient().messages.create({
        from: address(message.medium, message.from),
        to: address(message.medium, message.to),
        // MMS / WhatsApp media: Twilio fetches each URL when it sends; a file-only message has no body.
        ...(message.media?.length ? { mediaUrl: message.media.map((m) => m.url) } : {}),
        ...(message.template?.providerTemplateId
          ? // A template goes as its content sid with the variables keyed "1", "2" …, as the Content API wants.
            {
              contentSid: message.template.providerTemplateId,
              contentVariables: JSON.stringify(
                Object.fromEntries(message.template.parameters.map((value, i) => [String(i + 1), value])),
              ),
            }
          : message.body || !message.media?.length
            ? { body: message.body }
            : {}),
        statusCallback: new URL("/api/webhooks/twilio/status", env().APP_URL).toString(),
      });
      return {
        ok: true,
        provider: "twilio",
        providerMessageId: sent.sid,
        status: sent.status === "sent" ? "sent" : "queued",
        sandbox: false,
      };
    } catch (error) {
      const e = error as { status?: number; code?: number; message?: string };
      return {
        ok: false,
        retryable: isRetryable(e.status),
        errorCode: e.code ? String(e.code) : e.status ? `http_${e.status}` : "network",
        errorMessage: (e.message ?? "Twilio could not be reached.").slice(0, 500),
      };
    }
  },
};
