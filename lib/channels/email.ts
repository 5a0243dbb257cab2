/**
 * The email sender: a reply in an email thread leaves from the mailbox's address through
 * SMTP_URL, the same relay as Kiln's notification email (lib/email/send.ts). Without SMTP_URL
 * it is the email channel's sandbox: nothing leaves the machine, the reply lands in the
 * development outbox (/dev/outbox) so a person can read what would have gone, and the
 * message is marked sandbox like an SMS sent without Twilio credentials.
 */
import "server-only";
import nodemailer from "nodemailer";
import { writeToOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { OutboundEmail, SendResult } from "./types";

/** Whether replies by email really leave (SMTP_URL is set); otherwise mailboxes send in sandbox mode. */
export function emailLive(): boolean {
  return Boolean(env().SMTP_URL);
}

const bracketed = (id: string) => `<${id}>`;

/** What nodemailer reports: `responseCode` is the SMTP server's answer, when it gave one. */
type SmtpError = Error & { responseCode?: number; response?: string; code?: string };

function failure(error: SmtpError): SendResult & { ok: false } {
  if (error.responseCode) {
    // 4xx is the server's "try later" (greylisting, a full queue); 5xx refuses this email for good.
    return {
      ok: false,
      retryable: error.responseCode < 500,
      errorCode: `smtp_${error.responseCode}`,
      errorMessage: (error.response ?? error.message).slice(0, 500),
    };
  }
  return { ok: false, retryable: true, errorCode: "network", errorMessage: error.message.slice(0, 500) };
}

export const emailSender = {
  name: "email" as const,
  async send(email: OutboundEmail): Promise<SendResult> {
    const { SMTP_URL } = env();
    if (!SMTP_URL) {
      try {
        await writeToOutbox({ to: email.to, subject: email.subject, text: email.text });
      } catch (error) {
        // The outbox is a convenience for reading sandbox mail; a full disk must not fail the reply.
        logger.warn(
          { err: error, messageId: email.messageId },
          "sandbox email reply could not be written to the outbox",
        );
      }
      return { ok: true, provider: "sandbox", providerMessageId: email.messageId, status: "sent", sandbox: true };
    }
    try {
      const info = await nodemailer.createTransport(SMTP_URL).sendMail({
        from: email.from,
        replyTo: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: bracketed(email.messageId),
        ...(email.inReplyTo ? { inReplyTo: bracketed(email.inReplyTo) } : {}),
        ...(email.references.length ? { references: email.references.map(bracketed) } : {}),
      });
      // A relay that accepts the envelope but refuses every recipient still resolves.
      if (info.rejected.length && !info.accepted.length)
        return { ok: false, retryable: false, errorCode: "smtp_rejected", errorMessage: String(info.response ?? "") };
      return { ok: true, provider: "email", providerMessageId: email.messageId, status: "sent", sandbox: false };
    } catch (error) {
      return failure(error as SmtpError);
    }
  },
};
