/**
 * Putting a queued outbound message on the wire. A short transaction claims the message
 * (so the after-response attempt, a retry job and the sweeper never send it twice), the
 * provider call happens outside any transaction (it can take seconds; on the embedded
 * database a held transaction would stall every request), and a second transaction
 * records the outcome.
 */
import "server-only";
import type { ChannelProvider } from "@/lib/channels/schema";
import { withService } from "@/lib/db";
import { emailSender, senderFor, type SendResult } from "@/lib/channels";
import type { OutboundTemplate } from "@/lib/channels/types";
import { outboundMessageId, replyHtml, signedText } from "@/lib/email/reply";
import {
  gmailSendingConfigured,
  gmailSendingMailbox,
  sendGmailReply,
  type GmailSendingMailbox,
} from "@/lib/integrations/google/gmail-send";
import { storage } from "@/lib/storage";
import { outboundMediaOf } from "./attachments";
import {
  emailRefusalOf,
  markOutboundEmailSent,
  nextEmailHeaders,
  outboundEmailComposed,
  recordOutboundEmail,
} from "./email-reply";
import { replySender, senderSignature } from "./email-signature";
import { gmailReplyRoute, linkSentGmailMessage } from "./gmail-messages";

/** How long a provider may take to fetch an outbound file from its signed URL. */
const MEDIA_URL_SECONDS = 15 * 60;

/** Sending tries (the first right after the request, then the retry job's) before a message that keeps hitting passing errors is marked failed. */
import { MAX_SEND_ATTEMPTS } from "./queue";
import { announceStatusChanged } from "./announce";
export { MAX_SEND_ATTEMPTS };

type Claimed = {
  id: string;
  org_id: string;
  conversation_id: string;
  lead_id: string;
  channel_id: string;
  body: string;
  address: string;
  phone_number_id: string | null;
  lead_phone: string | null;
  lead_email: string | null;
  lead_email_undeliverable: boolean;
  send_attempts: number;
  template: OutboundTemplate | null;
} & ({ provider: ChannelProvider; medium: "sms" | "whatsapp" } | { provider: "email"; medium: "email" });

/** failed: the provider refused the message; gave_up: passing errors until the attempts ran out. */
export type DeliveryResult = "sent" | "failed" | "gave_up" | "retry" | "skipped";

export async function deliverMessage(messageId: string): Promise<DeliveryResult> {
  const claimed = await withService(async (tx) => {
    const { rows } = await tx.query<Claimed>(
      `update public.messages m set send_claimed_until = now() + interval '60 seconds', send_attempts = m.send_attempts + 1
         from public.conversations c, public.channels ch, public.leads l
        where m.id = $1 and m.status = 'queued' and m.direction = 'outbound'
          and (m.send_claimed_until is null or m.send_claimed_until < now())
          and c.id = m.conversation_id and ch.id = c.channel_id and l.id = c.lead_id
        returning m.id, m.org_id, m.conversation_id, c.lead_id, c.channel_id, m.body, ch.provider, c.medium, ch.address, ch.phone_number_id,
                  l.phone as lead_phone, l.email as lead_email, l.email_undeliverable_at is not null as lead_email_undeliverable,
                  m.send_attempts, m.template`,
      [messageId],
    );
    return rows[0];
  });
  if (!claimed) return "skipped";
  const result: EmailSendResult =
    claimed.provider === "email" ? await sendByEmail(claimed) : await sendByPhone(claimed);

  return withService(async (tx) => {
    if (result.ok) {
      if (claimed.provider === "email") await markOutboundEmailSent(tx, claimed.id);
      if (result.gmail)
        await linkSentGmailMessage(tx, {
          orgId: claimed.org_id,
          connectionId: result.gmail.connectionId,
          userId: result.gmail.userId,
          gmailId: result.gmail.gmailId,
          threadId: result.gmail.threadId,
          messageId: claimed.id,
          conversationId: claimed.conversation_id,
        });
      await tx.query(
        `update public.messages set status = $2, provider = $3, provider_message_id = $4, sandbox = $5, status_at = now(),
                error_code = null, error_message = null, send_claimed_until = null
          where id = $1`,
        [claimed.id, result.status, result.provider, result.providerMessageId, result.sandbox],
      );
      await announceStatusChanged(tx, {
        orgId: claimed.org_id,
        conversationId: claimed.conversation_id,
        messageId: claimed.id,
        status: result.status,
        errorCode: null,
        at: new Date(),
      });
      return "sent";
    }
    const giveUp = !result.retryable || claimed.send_attempts >= MAX_SEND_ATTEMPTS;
    await tx.query(
      `update public.messages set status = $2, error_code = $3, error_message = $4, status_at = now(), send_claimed_until = null where id = $1`,
      [claimed.id, giveUp ? "failed" : "queued", result.errorCode, result.errorMessage],
    );
    if (giveUp)
      await announceStatusChanged(tx, {
        orgId: claimed.org_id,
        conversationId: claimed.conversation_id,
        messageId: claimed.id,
        status: "failed",
        errorCode: result.errorCode ?? null,
        at: new Date(),
      });
    return !giveUp ? "retry" : result.retryable ? "gave_up" : "failed";
  });
}

async function sendByPhone(claimed: Claimed & { provider: ChannelProvider }): Promise<SendResult> {
  const files = await withService((tx) => outboundMediaOf(tx, claimed.id));
  const store = storage();
  const media = await Promise.all(
    files.map(async (file) => ({
      url: await store.signedUrl(file.storageKey, MEDIA_URL_SECONDS),
      contentType: file.contentType,
      fileName: file.fileName,
    })),
  );
  if (!claimed.lead_phone)
    return {
      ok: false,
      retryable: false,
      errorCode: "no_phone",
      errorMessage: "The lead has no phone number any more.",
    };
  return senderFor(claimed.provider).send({
    orgId: claimed.org_id,
    provider: claimed.provider,
    medium: claimed.medium,
    from: claimed.address,
    phoneNumberId: claimed.phone_number_id,
    to: claimed.lead_phone,
    body: claimed.body,
    media,
    template: claimed.template,
  });
}

const EMAIL_REFUSALS = {
  email_undeliverable: "Mail to the lead's address bounced for good; it is marked undeliverable.",
  no_email: "The lead has no email address any more.",
};

/** A send's outcome; for a reply sent through a member's Gmail, the copy Gmail keeps of it. */
type EmailSendResult = SendResult & {
  gmail?: { connectionId: string; userId: string; gmailId: string; threadId: string | null };
};

/**
 * An email in an email thread, from the mailbox to the lead: a reply to the lead's latest
 * email, or the first email of a thread a person started (nextEmailHeaders), with the
 * message's files. The lead is checked again here: a hard bounce may have arrived since the
 * message was queued.
 *
 * A thread whose mail came through a member's Gmail is answered from that mailbox, through
 * Gmail's API and in its Gmail thread (lib/integrations/google/gmail-send.ts); a mailbox that
 * cannot send fails the message rather than mailing the lead from another address. A retry of
 * an email an earlier attempt composed first looks for it in the mailbox, so one Gmail took
 * without answering is linked and marked sent, not sent twice.
 */
async function sendByEmail(claimed: Claimed & { provider: "email" }): Promise<EmailSendResult> {
  const to = claimed.lead_email;
  const refusal = emailRefusalOf({ email: to, undeliverable: claimed.lead_email_undeliverable });
  if (refusal || !to) {
    const errorCode = refusal ?? "no_email";
    return { ok: false, retryable: false, errorCode, errorMessage: EMAIL_REFUSALS[errorCode] };
  }
  const prepared = await withService(async (tx) => {
    const headers = await nextEmailHeaders(tx, claimed.org_id, claimed.conversation_id);
    const sender = await replySender(tx, claimed.id);
    const route = gmailSendingConfigured() ? await gmailReplyRoute(tx, claimed.conversation_id, sender) : null;
    let gmail: { mailbox: GmailSendingMailbox; threadId: string | null; mayHaveSent: boolean } | null = null;
    if (route) {
      const checked = await gmailSendingMailbox(tx, route.connectionId);
      if (!checked.ok) return { refused: checked, email: null, gmail: null };
      // An earlier attempt composed it: Gmail may have taken it although its answer never came.
      const mayHaveSent = await outboundEmailComposed(tx, claimed.id);
      gmail = { mailbox: checked.mailbox, threadId: route.threadId, mayHaveSent };
    }
    const from = gmail?.mailbox.account ?? claimed.address;
    const signature = await senderSignature(tx, claimed.id, sender);
    const recorded = await recordOutboundEmail(tx, {
      messageId: claimed.id,
      orgId: claimed.org_id,
      conversationId: claimed.conversation_id,
      email: {
        from,
        to,
        subject: headers.subject,
        text: signedText(claimed.body, signature),
        html: replyHtml(claimed.body, signature),
        messageId: outboundMessageId(claimed.id, from),
        inReplyTo: headers.inReplyTo,
        references: headers.references,
      },
    });
    return {
      refused: null,
      email: {
        ...recorded,
        attachments: await outboundMediaOf(tx, claimed.id),
        mailbox: { orgId: claimed.org_id, channelId: claimed.channel_id },
      },
      gmail,
    };
  });
  const { refused, email, gmail } = prepared;
  if (refused || !email) return refused!;
  if (!gmail) return emailSender.send(email);
  const { result, sent } = await sendGmailReply(gmail.mailbox, email, gmail.threadId, {
    mayHaveSent: gmail.mayHaveSent,
  });
  if (!result.ok || !sent) return result;
  return {
    ...result,
    gmail: { connectionId: gmail.mailbox.connectionId, userId: gmail.mailbox.userId, ...sent },
  };
}

/** Outbound messages queued for a while and not held by any sender: their first attempt was lost. */
export async function staleQueuedMessageIds(
  olderThanSeconds: number,
  limit = 200,
): Promise<{ id: string; orgId: string }[]> {
  return withService(async (tx) => {
    const { rows } = await tx.query<{ id: string; orgId: string }>(
      `select id, org_id as "orgId" from public.messages
        where status = 'queued' and created_at < now() - make_interval(secs => $1)
          and (send_claimed_until is null or send_claimed_until < now())
        order by created_at limit $2`,
      [olderThanSeconds, limit],
    );
    return rows;
  });
}
