/**
 * The email sender: a reply in an email thread leaves from the mailbox's address through
 * SMTP_URL, the same relay as Kiln's notification email (lib/email/send.ts). Without SMTP_URL
 * it is the email channel's sandbox: nothing leaves the machine, the reply lands in the
 * development outbox (/dev/outbox) so a person can read what would have gone, and the
 * message is marked sandbox like an SMS sent without Twilio credentials.
 */
import "server-only";
import type { Readable } from "node:stream";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { writeToOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { storage } from "@/lib/storage";
import { mailErrorKind } from "./mailbox-connect";
import { mailboxSmtpTransport } from "./mailbox-smtp";
import type { OutboundEmail, OutboundEmailFile, SendResult } from "./types";

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

/** The mailbox's own server is refused (host_refused: only an admin can fix that) or could not be prepared. */
function mailboxFailure(error: unknown): SendResult & { ok: false } {
  const kind = mailErrorKind(error);
  return {
    ok: false,
    retryable: kind !== "host_refused",
    errorCode: `mailbox_${kind}`,
    errorMessage: (error instanceof Error ? error.message : String(error)).slice(0, 500),
  };
}

class MissingFile extends Error {}

export type OpenedFile = { filename: string; contentType: string; content: Readable };

// A stream the relay never read (it refused the sender, the connection dropped) still holds its file.
export const closeFiles = (files: OpenedFile[]) => files.forEach((file) => file.content.destroy());

/**
 * The message's files, opened from storage only now: a retry reads them again, and nothing
 * of them sits in the queue or the database. All or none: a file that is gone fails the
 * message rather than letting it leave without what the person attached.
 */
export async function openFiles(files: OutboundEmailFile[]): Promise<OpenedFile[]> {
  const store = storage();
  const opened: OpenedFile[] = [];
  try {
    for (const file of files) {
      const object = await store.get(file.storageKey);
      if (!object) throw new MissingFile(file.fileName);
      opened.push({ filename: file.fileName, contentType: file.contentType, content: object.body });
    }
    return opened;
  } catch (error) {
    closeFiles(opened);
    throw error;
  }
}

export function fileFailure(error: unknown): SendResult & { ok: false } {
  if (error instanceof MissingFile)
    return {
      ok: false,
      retryable: false,
      errorCode: "attachment_missing",
      errorMessage: `The file ${error.message} is no longer in storage.`.slice(0, 500),
    };
  // The store being unreachable passes; the retry job tries again.
  return {
    ok: false,
    retryable: true,
    errorCode: "storage_unavailable",
    errorMessage: (error instanceof Error ? error.message : String(error)).slice(0, 500),
  };
}

/**
 * The email as nodemailer puts it together, for the relay and for Gmail's API alike (which takes
 * the composed RFC 822 bytes), so a reply reads the same whichever way it leaves.
 */
export function mailOptions(email: OutboundEmail, files: OpenedFile[], replyTo: string | null = email.from) {
  return {
    from: email.from,
    ...(replyTo ? { replyTo } : {}),
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: bracketed(email.messageId),
    ...(email.inReplyTo ? { inReplyTo: bracketed(email.inReplyTo) } : {}),
    ...(email.references.length ? { references: email.references.map(bracketed) } : {}),
    attachments: files.map((file) => ({ ...file, contentDisposition: "attachment" as const })),
  };
}

export const emailSender = {
  name: "email" as const,
  async send(email: OutboundEmail): Promise<SendResult> {
    const { SMTP_URL } = env();
    let relay: string | SMTPTransport.Options | undefined = SMTP_URL;
    if (email.mailbox) {
      try {
        relay = (await mailboxSmtpTransport(email.mailbox.orgId, email.mailbox.channelId)) ?? SMTP_URL;
      } catch (error) {
        return mailboxFailure(error);
      }
    }
    let files: OpenedFile[];
    try {
      files = await openFiles(email.attachments ?? []);
    } catch (error) {
      return fileFailure(error);
    }
    if (!relay) {
      try {
        const attachments = await Promise.all(
          files.map(async ({ content, ...file }) => ({ ...file, content: Buffer.concat(await content.toArray()) })),
        );
        await writeToOutbox({ to: email.to, subject: email.subject, text: email.text, attachments });
      } catch (error) {
        // The outbox is a convenience for reading sandbox mail; a full disk must not fail the reply.
        logger.warn(
          { err: error, messageId: email.messageId },
          "sandbox email reply could not be written to the outbox",
        );
      } finally {
        closeFiles(files);
      }
      return { ok: true, provider: "sandbox", providerMessageId: email.messageId, status: "sent", sandbox: true };
    }
    try {
      const info = await nodemailer.createTransport(relay).sendMail(mailOptions(email, files));
      // A relay that accepts the envelope but refuses every recipient still resolves.
      if (info.rejected.length && !info.accepted.length)
        return { ok: false, retryable: false, errorCode: "smtp_rejected", errorMessage: String(info.response ?? "") };
      return { ok: true, provider: "email", providerMessageId: email.messageId, status: "sent", sandbox: false };
    } catch (error) {
      return failure(error as SmtpError);
    } finally {
      closeFiles(files);
    }
  },
};
