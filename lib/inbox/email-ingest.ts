/**
 * Inbound email, after its signature was verified and the delivery stored once (lib/email's
 * webhook, lib/inbound's pipeline): the raw message is parsed, matched to the lead by the
 * sender's address (a new sender becomes a lead, named from the From header), threaded by
 * In-Reply-To / References into the conversation holding that Message-ID (else a new email
 * conversation on the mailbox it was sent to), and stored as a message with its email part
 * (public.email_messages, written only here) and its attachments (./attachments.ts).
 *
 * A genuine reply then takes exactly the SMS path (heat signal, notification, AI draft, task
 * suggestion) on the lead's own words: quoted history and the signature are cut first, so an
 * old quote is not new evidence. Automatic replies and bounces are stored and flagged but
 * count as nothing; a hard bounce marks the bounced address undeliverable (lib/leads).
 *
 * "Nothing" includes the thread's state: an automatic message is stored with author_type
 * 'system' (a machine on the lead's side wrote it), so it starts no response-time wait (the
 * waiting trigger counts the lead's own messages only) and is no message for the AI to answer
 * (lib/approvals looks for the lead's); and it leaves the conversation's unread count, status
 * and latest-message summary as they were, so an out-of-office neither reopens a thread nor
 * makes it look as if the lead had written last.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db";
import {
  defineInboundHandler,
  type InboundEffects,
  type InboundOutcome,
  type StoredInboundEvent,
} from "@/lib/inbound/handlers";
import { parseInboundEmail, ownWords, type ParsedInboundEmail } from "@/lib/email/parse";
import { markEmailUndeliverable } from "@/lib/leads/email-status";
import { findLeadByEmail, matchLeadByEmail } from "@/lib/leads/match";
import { applySignals } from "@/lib/leads/signals";
import type { Actor } from "@/lib/leads/types";
import { logger } from "@/lib/log";
import { notify } from "@/lib/notifications/notify";
import { announceMessageReceived } from "./announce";
import { draftAfterInbound } from "@/lib/approvals/inbound";
import { proposeTaskFromMessage } from "@/lib/tasks/suggestions";
import { insertEmailMessage } from "./email-messages";
import { storeInboundFiles } from "./attachments";

/**
 * What the webhook stores in inbound_events.payload for one delivery; `mailbox`: the address
 * of the mailbox it was read from over IMAP (lib/channels/mailbox-imap.ts), which files it there.
 */
export type EmailEventPayload = { key: string; mime: string; mailbox?: string };

/** A lead's address as public.leads accepts it. */
const LEAD_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const actor = { type: "webhook" as const, name: "Email" };

export type Mailbox = { id: string; address: string };
export type Thread = { conversationId: string; leadId: string };

/**
 * The organization's active mailbox the message was sent to; failing that (a forwarder rewrote
 * To), its first one. `preferred` addresses come first (a Gmail sync's own account).
 */
export async function mailboxFor(
  tx: Tx,
  orgId: string,
  email: ParsedInboundEmail,
  preferred: string[] = [],
): Promise<Mailbox | null> {
  const recipients = [
    ...preferred,
    ...email.deliveredTo,
    ...email.to.map((a) => a.address),
    ...email.cc.map((a) => a.address),
  ];
  const { rows } = await tx.query<Mailbox>(
    `select id, address from public.channels
      where org_id = $1 and provider = 'email' and active
      order by array_position($2::text[], address) nulls last, created_at, id
      limit 1`,
    [orgId, recipients],
  );
  return rows[0] ?? null;
}

/** The conversation already holding a message this one answers (In-Reply-To first, then References, newest first). */
export async function threadOf(tx: Tx, orgId: string, email: ParsedInboundEmail): Promise<Thread | null> {
  const ids = [...(email.inReplyTo ? [email.inReplyTo] : []), ...[...email.references].reverse()];
  if (!ids.length) return null;
  const { rows } = await tx.query<Thread>(
    `select e.conversation_id as "conversationId", c.lead_id as "leadId"
       from public.email_messages e join public.conversations c on c.id = e.conversation_id
      where e.org_id = $1 and e.rfc_message_id = any ($2::text[])
      order by array_position($2::text[], e.rfc_message_id), e.created_at desc
      limit 1`,
    [orgId, ids],
  );
  return rows[0] ?? null;
}

export const previewOf = (subject: string, words: string, files: number) =>
  ([subject, words].filter(Boolean).join(" — ") || (files ? "📎" : "")).replace(/\s+/g, " ").slice(0, 160);

/**
 * A new email thread. `direction` is its first message's: a lead's (unread, waiting), the
 * member's own from their mailbox (outbound), or null for an automatic message (a bounce for a
 * lead with no email thread yet), which waits for nobody and is not unread.
 */
export async function openConversation(
  tx: Tx,
  input: {
    orgId: string;
    leadId: string;
    ownerId: string | null;
    mailboxId: string;
    at: string;
    preview: string;
    direction: "inbound" | "outbound" | null;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.conversations (org_id, lead_id, channel_id, medium, assignee_id, last_message_at, last_message_preview,
                                       last_message_direction, last_inbound_at, unread_count)
     values ($1, $2, $3, 'email', $4, $5, $6, $7::text,
             case when $7::text = 'inbound' then $5::timestamptz end, case when $7::text = 'inbound' then 1 else 0 end)
     returning id`,
    [input.orgId, input.leadId, input.mailboxId, input.ownerId, input.at, input.preview, input.direction],
  );
  return rows[0]!.id;
}

/** A new message in an existing thread reopens it and counts as unread, as for SMS. */
export async function touchConversation(tx: Tx, conversationId: string, at: string, preview: string) {
  const { rows } = await tx.query<{ last_message_at: Date; last_message_direction: string | null }>(
    `with before as (select last_message_at, last_message_direction from public.conversations where id = $1 for update)
     update public.conversations c set
       status = case when c.status = 'closed' then 'open' else c.status end,
       last_message_preview = case when $2::timestamptz >= c.last_message_at then $3 else c.last_message_preview end,
       last_message_direction = case when $2::timestamptz >= c.last_message_at then 'inbound' else c.last_message_direction end,
       last_message_at = greatest(c.last_message_at, $2::timestamptz),
       last_inbound_at = greatest(c.last_inbound_at, $2::timestamptz),
       unread_count = c.unread_count + 1
       from before where c.id = $1
     returning before.last_message_at, before.last_message_direction`,
    [conversationId, at, preview],
  );
  return rows[0];
}

/** Where a bounce belongs: the thread it answers, else the bounced lead's latest email thread on this mailbox (or a new one). */
export async function bounceTarget(
  tx: Tx,
  orgId: string,
  mailbox: Mailbox,
  email: ParsedInboundEmail,
): Promise<{ thread: Thread | null; lead: { id: string; ownerId: string | null } | null }> {
  const thread = await threadOf(tx, orgId, email);
  if (thread) return { thread, lead: null };
  const recipients = email.classification.bouncedRecipients;
  if (!recipients.length) return { thread: null, lead: null };
  const { rows } = await tx.query<{ id: string; ownerId: string | null; conversationId: string | null }>(
    `select l.id, l.owner_id as "ownerId",
            (select c.id from public.conversations c where c.lead_id = l.id and c.channel_id = $3 and c.medium = 'email'
              order by c.last_message_at desc limit 1) as "conversationId"
       from public.leads l
      where l.org_id = $1 and l.email = any ($2::text[]) and l.deleted_at is null
      order by l.created_at limit 1`,
    [orgId, recipients, mailbox.id],
  );
  const lead = rows[0];
  if (!lead) return { thread: null, lead: null };
  return lead.conversationId
    ? { thread: { conversationId: lead.conversationId, leadId: lead.id }, lead: null }
    : { thread: null, lead: { id: lead.id, ownerId: lead.ownerId } };
}

/** What messages.provider_message_id holds for an email: the hash of its delivery key (deliveryKey). */
const providerMessageId = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * The message this organization already keeps for an email: stored under the same delivery
 * key (the webhook and a member's Gmail compute it alike) or holding its Message-ID (Kiln's own
 * reply, seen again in the sender's Gmail). One email is one message, however it arrived.
 */
export async function storedEmail(
  tx: Tx,
  orgId: string,
  key: string,
  rfcMessageId: string | null,
): Promise<{ messageId: string; conversationId: string } | null> {
  const { rows } = await tx.query<{ messageId: string; conversationId: string }>(
    `select m.id as "messageId", m.conversation_id as "conversationId" from public.messages m
      where m.provider = 'email' and m.provider_message_id = $2 and m.org_id = $1
     union all
     select e.message_id, e.conversation_id from public.email_messages e
      where e.org_id = $1 and e.rfc_message_id = $3
     limit 1`,
    [orgId, providerMessageId(key), rfcMessageId],
  );
  return rows[0] ?? null;
}

/** Who wrote an email, as its message records it. */
export type EmailAuthor =
  | { direction: "inbound"; authorType: "lead" | "system" }
  | { direction: "outbound"; authorType: "user"; authorId: string };

/**
 * Stores an email as a message of `conversationId`, with its email part and its files. Its
 * text is the writer's own words (what the inbox shows and the AI reads); the whole text part,
 * quotes included, is kept with the email. Null when the same delivery is already stored.
 */
export async function storeEmail(
  tx: Tx,
  input: {
    orgId: string;
    conversationId: string;
    key: string;
    email: ParsedInboundEmail;
    words: string;
    at: string;
    author: EmailAuthor;
    onRollback: InboundEffects["onRollback"];
  },
): Promise<string | null> {
  const { orgId, conversationId, email, author } = input;
  const { rows: inserted } = await tx.query<{ id: string }>(
    `insert into public.messages (org_id, conversation_id, direction, body, status, provider, provider_message_id, author_type,
                                  author_id, created_at, status_at)
     values ($1, $2, $3::text, $4, case when $3::text = 'inbound' then 'received' else 'sent' end, 'email', $5, $6, $7, $8, $8)
     on conflict (provider, provider_message_id) where provider_message_id is not null do nothing
     returning id`,
    [
      orgId,
      conversationId,
      author.direction,
      input.words.slice(0, 4096),
      providerMessageId(input.key),
      author.authorType,
      author.direction === "outbound" ? author.authorId : null,
      input.at,
    ],
  );
  const messageId = inserted[0]?.id;
  if (!messageId) return null;
  const { classification } = email;
  await insertEmailMessage(tx, {
    messageId,
    orgId,
    conversationId,
    subject: email.subject,
    text: email.text,
    html: email.html,
    rfcMessageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    fromAddress: email.from?.address ?? "unknown@invalid",
    fromName: email.from?.name ?? null,
    to: email.to.map((a) => a.address),
    cc: email.cc.map((a) => a.address),
    autoReply: classification.autoReply,
    bounce: classification.bounce,
    bounceStatus: classification.bounceStatus,
    sentAt: email.date,
  });
  await storeInboundFiles(tx, { orgId, conversationId, messageId, files: email.files, onRollback: input.onRollback });
  return messageId;
}

/**
 * A lead's genuine reply, stored: exactly what an inbound SMS does (lib/inbox/ingest.ts).
 * The heat signal always; the notification, AI draft and task suggestion only for mail that
 * arrives now (`followUps`), not for a mailbox's history read in afterwards.
 */
export async function actOnLeadReply(
  tx: Tx,
  input: {
    orgId: string;
    leadId: string;
    conversationId: string;
    messageId: string;
    at: string;
    words: string;
    preview: string;
    before: { last_message_at: Date; last_message_direction: string | null } | undefined;
    followUps: boolean;
    actor: Actor;
  },
): Promise<void> {
  const { orgId, leadId, conversationId, messageId, at, before } = input;
  const responseSeconds =
    before?.last_message_direction === "outbound"
      ? Math.max(0, (new Date(at).getTime() - new Date(before.last_message_at).getTime()) / 1000)
      : undefined;
  await applySignals(tx, {
    orgId,
    leadId,
    signals: [{ type: "inbound_reply", at, ...(responseSeconds !== undefined ? { responseSeconds } : {}) }],
    actor: input.actor,
  });
  await announceMessageReceived(tx, {
    orgId,
    conversationId,
    leadId,
    messageId,
    channel: "email",
    body: input.words,
    at,
  });
  if (!input.followUps) return;
  await notify(tx, { kind: "inbound_message", orgId, conversationId, leadId, messageId, preview: input.preview });
  await draftAfterInbound(tx, { orgId, conversationId, messageId });
  await proposeTaskFromMessage(tx, { orgId, leadId, conversationId, messageId, body: input.words, at: new Date(at) });
}

async function processEmailEvent(tx: Tx, event: StoredInboundEvent, effects: InboundEffects): Promise<InboundOutcome> {
  const orgId = event.orgId;
  // Recorded only through an organization's signed URL; an organization deleted since leaves nothing to reach.
  if (!orgId) return { state: "unroutable", orgId: null };
  const payload = event.payload as EmailEventPayload;
  const raw = Buffer.from(payload.mime, "base64");
  const email = await parseInboundEmail(raw);
  // A member's Gmail sync may have filed this very email already.
  if (await storedEmail(tx, orgId, payload.key, email.messageId)) {
    logger.info({ orgId, event: event.id }, "email already stored (synced from a mailbox): not filed again");
    return { state: "processed", orgId };
  }
  const mailbox = await mailboxFor(tx, orgId, email, payload.mailbox ? [payload.mailbox] : []);
  if (!mailbox) return { state: "unroutable", orgId };

  const { classification } = email;
  // When it reached us (the Date header is the sender's clock; kept as sent_at).
  const at = event.receivedAt.toISOString();
  const words = ownWords(email.text);
  const preview = previewOf(email.subject, words, email.files.length);

  let thread: Thread | null;
  let newLead: { id: string; ownerId: string | null } | null = null;
  if (classification.bounce) {
    ({ thread, lead: newLead } = await bounceTarget(tx, orgId, mailbox, email));
    if (classification.hardBounce && classification.bounceStatus)
      await markEmailUndeliverable(tx, orgId, {
        emails: classification.bouncedRecipients,
        status: classification.bounceStatus,
        at: event.receivedAt,
      });
    if (!thread && !newLead) {
      logger.info({ orgId, event: event.id }, "bounce for no known lead: nothing to file it under");
      return { state: "processed", orgId };
    }
  } else {
    thread = await threadOf(tx, orgId, email);
    if (!thread) {
      const sender = email.from;
      if (!sender || !LEAD_EMAIL.test(sender.address) || sender.address.length > 254) {
        logger.warn({ orgId, event: event.id }, "inbound email without a usable sender address");
        return { state: "processed", orgId };
      }
      if (!classification.countsAsReply) {
        // An out-of-office or a newsletter from an address no lead has is nobody to sell to.
        newLead = await findLeadByEmail(tx, orgId, sender.address);
        if (!newLead) {
          logger.info({ orgId, event: event.id }, "automatic email from no known lead: not filed");
          return { state: "processed", orgId };
        }
      } else {
        const lead = await matchLeadByEmail(tx, orgId, sender.address, {
          name: sender.name ?? sender.address,
          source: "email",
          actor,
        });
        newLead = { id: lead.id, ownerId: lead.ownerId };
      }
    }
  }

  const automatic = !classification.countsAsReply;
  let conversationId: string;
  let leadId: string;
  let before: { last_message_at: Date; last_message_direction: string | null } | undefined;
  if (thread) {
    ({ conversationId, leadId } = thread);
    if (!automatic) before = await touchConversation(tx, conversationId, at, preview);
  } else {
    leadId = newLead!.id;
    conversationId = await openConversation(tx, {
      orgId,
      leadId,
      ownerId: newLead!.ownerId,
      mailboxId: mailbox.id,
      at,
      preview,
      direction: automatic ? null : "inbound",
    });
  }

  const messageId = await storeEmail(tx, {
    orgId,
    conversationId,
    key: payload.key,
    email,
    words,
    at,
    author: { direction: "inbound", authorType: automatic ? "system" : "lead" },
    onRollback: effects.onRollback,
  });
  // A race with another copy: throwing undoes the thread this one may have opened.
  if (!messageId) throw new Error("This email is already stored.");
  if (automatic) return { state: "processed", orgId };
  await actOnLeadReply(tx, {
    orgId,
    leadId,
    conversationId,
    messageId,
    at,
    words,
    preview,
    before,
    followUps: true,
    actor,
  });
  return { state: "processed", orgId };
}

/** Registered with the inbound-event pipeline by the job catalogue. */
export const emailInbound = defineInboundHandler({ provider: "email", process: processEmailEvent });
