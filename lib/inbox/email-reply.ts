/**
 * Replies in email threads: which email a reply answers, whether the lead can be emailed at
 * all, and the email part of an outbound message (public.email_messages, which lib/inbox
 * alone writes; the inbound side is ./email-ingest.ts). Storing Kiln's own Message-ID there
 * is what lets the lead's answer thread back: ingest looks up In-Reply-To / References in
 * the same column for both directions.
 */
import "server-only";
import type { OutboundEmail } from "@/lib/channels";
import type { Tx } from "@/lib/db";
import { replyReferences, replySubject } from "@/lib/email/reply";
import { HttpError } from "@/lib/http/errors";
import { insertEmailMessage } from "./email-messages";

export type AnsweredEmail = { subject: string; rfcMessageId: string | null; references: string[] };

/**
 * The email a reply in this thread answers: the lead's newest genuine email (an out-of-office
 * or a bounce is never what a person means to answer), else their newest email of any kind.
 */
export async function answeredEmail(tx: Tx, orgId: string, conversationId: string): Promise<AnsweredEmail | null> {
  const { rows } = await tx.query<AnsweredEmail>(
    `select e.subject, e.rfc_message_id as "rfcMessageId", e."references"
       from public.email_messages e join public.messages m on m.id = e.message_id
      where e.org_id = $1 and e.conversation_id = $2 and m.direction = 'inbound'
      order by (e.auto_reply or e.bounce), m.created_at desc, m.id desc
      limit 1`,
    [orgId, conversationId],
  );
  return rows[0] ?? null;
}

/** The headers that place the next email from Kiln in its thread. */
export type NextEmailHeaders = { subject: string; inReplyTo: string | null; references: string[] };

/**
 * What the next email in a thread answers: the lead's newest genuine email; in a thread Kiln
 * started that the lead has not answered yet, Kiln's own newest sent email (a follow-up reads
 * as one thread in the lead's mail program, as a second mail to one's own does); an
 * out-of-office or a bounce only when there is nothing else. With no email at all, the
 * thread's first email: the subject its starter gave, answering nothing.
 */
export async function nextEmailHeaders(tx: Tx, orgId: string, conversationId: string): Promise<NextEmailHeaders> {
  const { rows } = await tx.query<AnsweredEmail>(
    `select e.subject, e.rfc_message_id as "rfcMessageId", e."references"
       from public.email_messages e join public.messages m on m.id = e.message_id
      where e.org_id = $1 and e.conversation_id = $2
        and (m.direction = 'inbound' or (e.sent_at is not null and e.rfc_message_id is not null))
      order by case when m.direction = 'outbound' then 1 when e.auto_reply or e.bounce then 2 else 0 end,
               m.created_at desc, m.id desc
      limit 1`,
    [orgId, conversationId],
  );
  const answered = rows[0];
  if (answered)
    return {
      subject: replySubject(answered.subject),
      inReplyTo: answered.rfcMessageId,
      references: replyReferences(answered.references, answered.rfcMessageId),
    };
  const { rows: started } = await tx.query<{ email_subject: string | null }>(
    "select email_subject from public.conversations where id = $1 and org_id = $2",
    [conversationId, orgId],
  );
  return { subject: started[0]?.email_subject ?? replySubject(""), inReplyTo: null, references: [] };
}

/** Why a lead cannot be emailed (a hard bounce, or no address), or null when they can. */
export type EmailRefusal = "email_undeliverable" | "no_email";

export function emailRefusalOf(lead: { email: string | null; undeliverable: boolean }): EmailRefusal | null {
  if (!lead.email) return "no_email";
  return lead.undeliverable ? "email_undeliverable" : null;
}

/**
 * Refuses a reply in an email thread up front, so the person sees why in the composer rather
 * than as a failed message: after a hard bounce the address is known to be dead, and mailing
 * it again hurts the mailbox's reputation with every receiving server.
 */
export async function assertEmailDeliverable(
  tx: Tx,
  leadId: string,
  /** The form field the refusal belongs to: the reply's text, or the lead when starting a thread. */
  field: "body" | "leadId" = "body",
): Promise<void> {
  const { rows } = await tx.query<{ email: string | null; undeliverable: boolean }>(
    "select email, email_undeliverable_at is not null as undeliverable from public.leads where id = $1",
    [leadId],
  );
  // A lead the caller cannot see is not refused here: delivery checks again as the server.
  if (!rows[0]) return;
  const refusal = emailRefusalOf(rows[0]);
  if (refusal === "email_undeliverable")
    throw new HttpError(422, "Email undeliverable", "leadEmailUndeliverable", {
      code: "email_undeliverable",
      errors: { [field]: ["leadEmailUndeliverableField"] },
    });
  if (refusal === "no_email")
    throw new HttpError(422, "No email address", "leadHasNoEmail", {
      code: "no_email",
      errors: { [field]: ["leadHasNoEmailField"] },
    });
}

/**
 * The email part of an outbound message, stored before it is handed to the relay so its
 * Message-ID is known before any answer can name it. Answers the email to send: a retry sends
 * what the first attempt stored (the same Message-ID and headers), not a fresh composition.
 */
export async function recordOutboundEmail(
  tx: Tx,
  input: { messageId: string; orgId: string; conversationId: string; email: OutboundEmail },
): Promise<OutboundEmail> {
  const { email } = input;
  await insertEmailMessage(tx, {
    messageId: input.messageId,
    orgId: input.orgId,
    conversationId: input.conversationId,
    subject: email.subject,
    text: email.text,
    html: email.html,
    rfcMessageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    fromAddress: email.from,
    to: [email.to],
  });
  const { rows } = await tx.query<OutboundEmail>(
    `select from_address as "from", to_addresses[1] as "to", subject, text_body as text, html_body as html,
            rfc_message_id as "messageId", in_reply_to as "inReplyTo", "references"
       from public.email_messages where message_id = $1`,
    [input.messageId],
  );
  return rows[0]!;
}

/**
 * Whether an earlier attempt composed this message's email already (what it recorded is kept):
 * that attempt may have reached the provider even though no answer said so.
 */
export async function outboundEmailComposed(tx: Tx, messageId: string): Promise<boolean> {
  const { rowCount } = await tx.query("select 1 from public.email_messages where message_id = $1", [messageId]);
  return (rowCount ?? 0) > 0;
}

/** When the relay (or the sandbox) took the email. */
export async function markOutboundEmailSent(tx: Tx, messageId: string, at = new Date()): Promise<void> {
  await tx.query("update public.email_messages set sent_at = $2 where message_id = $1 and sent_at is null", [
    messageId,
    at,
  ]);
}
