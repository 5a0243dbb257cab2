import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { writeToOutbox } from "./outbox";

/** A file sent with an email (a report's PDF). */
export type EmailAttachment = { filename: string; contentType: string; content: Buffer };

export type Email = { to: string; subject: string; text: string; attachments?: EmailAttachment[] };

/**
 * Sends through SMTP_URL when set. Without it nothing leaves the machine: the email is
 * written to the development outbox (/dev/outbox, lib/email/outbox.ts), callers that have a
 * link to pass on show it in the UI instead (development), and we say so in the log.
 * Returns whether the email was actually handed to an SMTP server.
 */
export async function sendEmail(email: Email): Promise<boolean> {
  const { SMTP_URL, EMAIL_FROM } = env();
  if (!SMTP_URL) {
    try {
      await writeToOutbox(email);
      logger.info(
        { to: email.to, subject: email.subject },
        "email not sent: SMTP_URL is not set (written to the outbox)",
      );
    } catch (error) {
      // The outbox is a convenience; a full disk must not fail an invitation or a reset.
      logger.warn(
        { err: error, to: email.to, subject: email.subject },
        "email not sent: SMTP_URL is not set, and the outbox could not be written",
      );
    }
    return false;
  }
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: EMAIL_FROM, ...email });
  return true;
}
