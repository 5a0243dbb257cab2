/**
 * The one insert of `public.email_messages`, for emails that come in (email-ingest.ts) and
 * replies that go out (email-reply.ts) alike, so both directions store the same columns the
 * same way and threading finds either.
 */
import "server-only";
import type { Tx } from "@/lib/db";

export type EmailMessageRecord = {
  messageId: string;
  orgId: string;
  conversationId: string;
  subject: string;
  text: string;
  html: string | null;
  /** The RFC 822 Message-ID, without <>. */
  rfcMessageId: string | null;
  inReplyTo: string | null;
  references: string[];
  fromAddress: string;
  fromName?: string | null;
  to: string[];
  cc?: string[];
  autoReply?: boolean;
  bounce?: boolean;
  bounceStatus?: string | null;
  sentAt?: Date | null;
};

/** Stores the email part of a message; a second call for the same message keeps the first. */
export async function insertEmailMessage(tx: Tx, row: EmailMessageRecord): Promise<void> {
  await tx.query(
    `insert into public.email_messages (message_id, org_id, conversation_id, subject, text_body, html_body, rfc_message_id,
                                        in_reply_to, "references", from_address, from_name, to_addresses, cc_addresses,
                                        auto_reply, bounce, bounce_status, sent_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     on conflict (message_id) do nothing`,
    [
      row.messageId,
      row.orgId,
      row.conversationId,
      row.subject,
      row.text,
      row.html,
      row.rfcMessageId,
      row.inReplyTo,
      row.references,
      row.fromAddress,
      row.fromName ?? null,
      row.to,
      row.cc ?? [],
      row.autoReply ?? false,
      row.bounce ?? false,
      row.bounceStatus ?? null,
      row.sentAt ?? null,
    ],
  );
}
