import type { ChannelProvider } from "./schema";

/** What every sender needs to put one message on the wire. */
export type OutboundMessage = {
  /** The organization whose channel sends; a live send needs the number allocated to it. */
  orgId: string;
  provider: ChannelProvider;
  medium: "sms" | "whatsapp";
  from: string; // E.164 of our channel
  phoneNumberId: string | null; // Cloud API's id for our number
  to: string; // E.164 of the lead
  body: string;
  /** Files to send with it: each at a short-lived URL the provider fetches (lib/storage), the body as caption. */
  media?: OutboundMedia[];
  /** Sent as this approved template (outside WhatsApp's window too); `body` is its filled text. */
  template?: OutboundTemplate | null;
};

/** What the providers need to send a template: Meta's name and language, Twilio's content sid. */
export type OutboundTemplate = {
  name: string;
  language: string;
  providerTemplateId: string | null;
  parameters: string[];
};

export type OutboundMedia = { url: string; contentType: string; fileName: string };

/** A reply in an email thread, sent from the mailbox (./email.ts); the threading headers come from lib/email/reply.ts. */
export type OutboundEmail = {
  /** The mailbox's address: the sender and where the lead's answer goes. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets, like the ids stored in public.email_messages. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** The message's stored files (lib/storage), read when the email is put together for the relay. */
  attachments?: OutboundEmailFile[];
  /** The mailbox it leaves from: with an SMTP server of its own (mailbox-smtp.ts), through that server. */
  mailbox?: { orgId: string; channelId: string };
};

export type OutboundEmailFile = { storageKey: string; fileName: string; contentType: string };

export type SendResult =
  | {
      ok: true;
      provider: ChannelProvider | "sandbox" | "email";
      providerMessageId: string;
      status: "queued" | "sent";
      sandbox: boolean;
    }
  /** `retryable`: the provider or network had a passing problem; otherwise the message itself was refused. */
  | { ok: false; retryable: boolean; errorCode: string; errorMessage: string };

export interface Sender {
  readonly name: ChannelProvider | "sandbox";
  send(message: OutboundMessage): Promise<SendResult>;
}
