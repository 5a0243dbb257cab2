/**
 * Sending from a shared mailbox through its own SMTP server (nodemailer), when an admin gave
 * it one (mailbox-credentials.ts); lib/channels/email.ts asks here first and otherwise keeps
 * SMTP_URL or the sandbox. The email itself (threading headers, files, signature) and the
 * failure model (4xx or unreachable: retried; 5xx: failed for good) are email.ts's.
 */
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { MAIL_TIMEOUT_MS, mailErrorKind, mailServerAddress, type MailErrorKind } from "./mailbox-connect";
import { mailboxServers, type SmtpConfig } from "./mailbox-credentials";

/** nodemailer's options for one server: the checked address, the typed name for TLS. */
export async function smtpTransportOptions(
  config: SmtpConfig,
  timeoutMs = MAIL_TIMEOUT_MS,
): Promise<SMTPTransport.Options> {
  const { address } = await mailServerAddress(config.host, config.port);
  return {
    host: address,
    port: config.port,
    secure: config.security === "tls",
    requireTLS: config.security === "starttls",
    // "none" still upgrades when the server offers STARTTLS; it only does not insist.
    ignoreTLS: false,
    tls: { servername: config.host },
    auth: { user: config.user, pass: config.password },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 4,
  };
}

/** The transport a mailbox's replies leave through, or null when it has no SMTP server of its own. */
export async function mailboxSmtpTransport(orgId: string, channelId: string): Promise<SMTPTransport.Options | null> {
  const smtp = (await mailboxServers(orgId, channelId))?.smtp;
  return smtp ? smtpTransportOptions(smtp) : null;
}

export type SmtpCheck = { ok: true } | { ok: false; kind: MailErrorKind; message: string };

/** "Test connection": connect, upgrade as configured and log in, without sending anything. */
export async function testSmtpConnection(config: SmtpConfig, timeoutMs = MAIL_TIMEOUT_MS): Promise<SmtpCheck> {
  let transport: Transporter | null = null;
  try {
    transport = nodemailer.createTransport(await smtpTransportOptions(config, timeoutMs));
    await transport.verify();
    return { ok: true };
  } catch (error) {
    return { ok: false, kind: mailErrorKind(error), message: (error as Error).message.slice(0, 300) };
  } finally {
    transport?.close();
  }
}
