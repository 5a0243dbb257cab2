import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

export type Email = { to: string; subject: string; text: string };

/**
 * Sends through SMTP_URL when set. Without it nothing leaves the machine: the caller
 * shows the link in the UI instead (development), and we say so in the log.
 * Returns whether the email was actually handed to an SMTP server.
 */
export async function sendEmail(email: Email): Promise<boolean> {
  const { SMTP_URL, EMAIL_FROM } = env();
  if (!SMTP_URL) {
    logger.info({ to: email.to, subject: email.subject }, "email not sent: SMTP_URL is not set");
    return false;
  }
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: EMAIL_FROM, ...email });
  return true;
}
