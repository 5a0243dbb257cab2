/**
 * A message from a member's own Gmail, filed in the inbox (public.gmail_messages is written only
 * here). It takes the inbound webhook's path (./email-ingest.ts): the same parsing, threading by
 * In-Reply-To / References, automatic-reply and bounce flags, files, and a lead's own words with
 * the quoted history cut. What differs is why a message is kept and whose it is:
 *
 * - A mailbox holds everyone's mail, so only mail that concerns a lead is kept: a known lead is
 *   among From, To and Cc, or it answers an email Kiln already keeps. Nobody becomes a lead
 *   because they wrote to a member.
 * - Mail the member sent from Gmail (From is the connected account) is outbound, authored by
 *   them: it answers the lead rather than being an answer, so it is no lead reply.
 * - Gmail's thread id files a later message of the same Gmail thread in the same conversation,
 *   even when its headers name nothing Kiln keeps (a reply that came before its original in a
 *   listing, newest first).
 * - One email is one message: the same Message-ID delivered by the webhook, or synced from a
 *   colleague's mailbox, is linked, not stored again.
 * - A message deleted in Gmail (for good, or moved to the trash) stays in Kiln: it is the CRM's
 *   record of what was said. Its link is marked deleted in that mailbox (`deleted_at`), which the
 *   thread shows once every mailbox's copy is gone; taken out of the trash, the mark is cleared.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { deliveryKey, ownWords, parseInboundEmail, type ParsedInboundEmail } from "@/lib/email/parse";
import type { InboundEffects } from "@/lib/inbound/handlers";
import { markEmailUndeliverable } from "@/lib/leads/email-status";
import {
  actOnLeadReply,
  bounceTarget,
  mailboxFor,
  openConversation,
  previewOf,
  storedEmail,
  storeEmail,
  threadOf,
  touchConversation,
  type EmailAuthor,
  type Thread,
} from "./email-ingest";

/** What filing one Gmail message came to: a kind, for the sync's counts and its events. */
export const GMAIL_OUTCOMES = [
  /** Stored as a new message of a lead's email conversation. */
  "created",
  /** The same email was already in the inbox (the webhook, a colleague's mailbox, Kiln's own reply): linked. */
  "linked",
  /** This mailbox's message was synced before. */
  "already_synced",
  /** No lead among its people, and it answers nothing Kiln keeps. */
  "no_lead",
  /** The organization has no active mailbox to file email conversations under. */
  "no_mailbox",
] as const;
export type GmailOutcome = (typeof GMAIL_OUTCOMES)[number];

export type GmailMessageInput = {
  orgId: string;
  userId: string;
  connectionId: string;
  /** The connected Google account's address, lower-case: mail from it is the member's own. */
  account: string;
  gmailId: string;
  threadId: string | null;
  raw: Buffer;
  /** When Gmail received it (internalDate); the Date header is the sender's clock. */
  receivedAt: Date | null;
  /** Arriving now (an incremental sync), rather than history read in: notifies, drafts, suggests. */
  live: boolean;
  onRollback: InboundEffects["onRollback"];
};

const actor = { type: "system" as const, name: "Gmail" };

/** Which of these Gmail messages this connection has filed already (no need to fetch them again). */
export async function syncedGmailIds(tx: Tx, connectionId: string, gmailIds: string[]): Promise<Set<string>> {
  if (!gmailIds.length) return new Set();
  const { rows } = await tx.query<{ gmail_message_id: string }>(
    "select gmail_message_id from public.gmail_messages where connection_id = $1 and gmail_message_id = any ($2::text[])",
    [connectionId, gmailIds],
  );
  return new Set(rows.map((row) => row.gmail_message_id));
}

/** A Gmail message's link to the Kiln message it was filed as. */
type GmailLink = {
  orgId: string;
  connectionId: string;
  userId: string;
  gmailId: string;
  threadId: string | null;
  messageId: string;
  conversationId: string;
};

/**
 * Links a Gmail message to its Kiln message (nothing when it is linked already): true when this
 * linked it. `ifConnected`: only while the connection still exists, else nothing.
 */
async function insertGmailLink(tx: Tx, link: GmailLink, ifConnected = false): Promise<boolean> {
  const source = ifConnected
    ? `select $1, $2, $3, $4, $5, $6, $7
      where exists (select 1 from public.google_connections where id = $2)`
    : "values ($1, $2, $3, $4, $5, $6, $7)";
  const { rowCount } = await tx.query(
    `insert into public.gmail_messages (org_id, connection_id, user_id, gmail_message_id, gmail_thread_id, message_id, conversation_id)
     ${source}
     on conflict (connection_id, gmail_message_id) do nothing`,
    [link.orgId, link.connectionId, link.userId, link.gmailId, link.threadId, link.messageId, link.conversationId],
  );
  return (rowCount ?? 0) > 0;
}

const linkGmailMessage = (tx: Tx, input: GmailMessageInput, stored: { messageId: string; conversationId: string }) =>
  insertGmailLink(tx, {
    orgId: input.orgId,
    connectionId: input.connectionId,
    userId: input.userId,
    gmailId: input.gmailId,
    threadId: input.threadId,
    ...stored,
  });

/** The conversation an earlier message of the same Gmail thread went to. */
async function gmailThreadOf(tx: Tx, input: GmailMessageInput): Promise<Thread | null> {
  if (!input.threadId) return null;
  const { rows } = await tx.query<Thread>(
    `select g.conversation_id as "conversationId", c.lead_id as "leadId"
       from public.gmail_messages g join public.conversations c on c.id = g.conversation_id
      where g.connection_id = $1 and g.gmail_thread_id = $2
      order by g.created_at desc limit 1`,
    [input.connectionId, input.threadId],
  );
  return rows[0] ?? null;
}

/** The first known lead among the message's people other than the member (the sender first). */
async function leadAmong(
  tx: Tx,
  orgId: string,
  email: ParsedInboundEmail,
  account: string,
): Promise<{ id: string; ownerId: string | null } | null> {
  const people = [email.from, ...email.to, ...email.cc]
    .map((person) => person?.address)
    .filter((address): address is string => Boolean(address) && address !== account);
  if (!people.length) return null;
  const { rows } = await tx.query<{ id: string; ownerId: string | null }>(
    `select id, owner_id as "ownerId" from public.leads
      where org_id = $1 and email = any ($2::text[]) and deleted_at is null
      order by array_position($2::text[], email), created_at limit 1`,
    [orgId, people],
  );
  return rows[0] ?? null;
}

/**
 * The thread's summary for a message that must not reopen it or count as unread: the member's
 * own mail, and a lead's mail from history read in. It becomes the latest only when it is.
 */
async function summarize(
  tx: Tx,
  conversationId: string,
  at: string,
  preview: string,
  direction: "inbound" | "outbound",
): Promise<{ last_message_at: Date; last_message_direction: string | null } | undefined> {
  const { rows } = await tx.query<{ last_message_at: Date; last_message_direction: string | null }>(
    `with before as (select last_message_at, last_message_direction from public.conversations where id = $1 for update)
     update public.conversations c set
       last_message_preview = case when $2::timestamptz >= c.last_message_at then $3 else c.last_message_preview end,
       last_message_direction = case when $2::timestamptz >= c.last_message_at then $4 else c.last_message_direction end,
       last_message_at = greatest(c.last_message_at, $2::timestamptz),
       last_inbound_at = case when $4 = 'inbound' then greatest(c.last_inbound_at, $2::timestamptz) else c.last_inbound_at end
       from before where c.id = $1
     returning before.last_message_at, before.last_message_direction`,
    [conversationId, at, preview, direction],
  );
  return rows[0];
}

/** Where a message goes: the thread it answers, the Gmail thread's conversation, else a lead to open one with. */
async function placeOf(
  tx: Tx,
  input: GmailMessageInput,
  email: ParsedInboundEmail,
  mailbox: { id: string; address: string },
  own: boolean,
): Promise<{ thread: Thread | null; lead: { id: string; ownerId: string | null } | null }> {
  if (email.classification.bounce && !own) {
    const target = await bounceTarget(tx, input.orgId, mailbox, email);
    if (target.thread || target.lead) return target;
  }
  const thread = (await threadOf(tx, input.orgId, email)) ?? (await gmailThreadOf(tx, input));
  if (thread) return { thread, lead: null };
  return { thread: null, lead: await leadAmong(tx, input.orgId, email, input.account) };
}

/** Files one Gmail message; idempotent per connection and per email. */
export async function fileGmailMessage(tx: Tx, input: GmailMessageInput): Promise<GmailOutcome> {
  const { orgId } = input;
  if ((await syncedGmailIds(tx, input.connectionId, [input.gmailId])).size) return "already_synced";
  const email = await parseInboundEmail(input.raw);
  const key = deliveryKey(orgId, input.raw, email.messageId);
  const stored = await storedEmail(tx, orgId, key, email.messageId);
  if (stored) return (await linkGmailMessage(tx, input, stored)) ? "linked" : "already_synced";

  const own = email.from?.address === input.account;
  const mailbox = await mailboxFor(tx, orgId, email, [input.account]);
  if (!mailbox) return "no_mailbox";
  const { thread, lead } = await placeOf(tx, input, email, mailbox, own);
  if (!thread && !lead) return "no_lead";

  const { classification } = email;
  if (!own && classification.hardBounce && classification.bounceStatus)
    await markEmailUndeliverable(tx, orgId, {
      emails: classification.bouncedRecipients,
      status: classification.bounceStatus,
      at: input.receivedAt ?? new Date(),
    });
  const automatic = !own && !classification.countsAsReply;
  const at = (input.receivedAt ?? email.date ?? new Date()).toISOString();
  const words = ownWords(email.text);
  const preview = previewOf(email.subject, words, email.files.length);
  const author: EmailAuthor = own
    ? { direction: "outbound", authorType: "user", authorId: input.userId }
    : { direction: "inbound", authorType: automatic ? "system" : "lead" };

  let conversationId: string;
  let leadId: string;
  let before: Awaited<ReturnType<typeof summarize>>;
  if (thread) {
    ({ conversationId, leadId } = thread);
    if (!automatic)
      before =
        author.direction === "inbound" && input.live
          ? await touchConversation(tx, conversationId, at, preview)
          : await summarize(tx, conversationId, at, preview, author.direction);
  } else {
    leadId = lead!.id;
    conversationId = await openConversation(tx, {
      orgId,
      leadId,
      ownerId: lead!.ownerId,
      mailboxId: mailbox.id,
      at,
      preview,
      direction: automatic ? null : author.direction,
    });
  }

  const messageId = await storeEmail(tx, {
    orgId,
    conversationId,
    key,
    email,
    words,
    at,
    author,
    onRollback: input.onRollback,
  });
  // Stored by someone else between the check and now: throwing undoes a thread opened for it.
  if (!messageId) throw new Error("This email is already stored.");
  await linkGmailMessage(tx, input, { messageId, conversationId });
  if (author.authorType === "lead")
    await actOnLeadReply(tx, {
      orgId,
      leadId,
      conversationId,
      messageId,
      at,
      words,
      preview,
      before,
      followUps: input.live,
      actor,
    });
  return "created";
}

/**
 * This mailbox's copies of these Gmail messages were deleted in Gmail (or moved to its trash):
 * their links are marked, the Kiln messages stay. Answers the Gmail ids this marked (linked, and
 * not marked already); the others are no mail Kiln keeps.
 */
export async function markGmailMessagesDeleted(tx: Tx, connectionId: string, gmailIds: string[]): Promise<string[]> {
  if (!gmailIds.length) return [];
  const { rows } = await tx.query<{ gmail_message_id: string }>(
    `update public.gmail_messages set deleted_at = now()
      where connection_id = $1 and gmail_message_id = any ($2::text[]) and deleted_at is null
     returning gmail_message_id`,
    [connectionId, gmailIds],
  );
  return rows.map((row) => row.gmail_message_id);
}

/** These Gmail messages were taken out of the trash: their deleted marks are cleared. Answers the ids it cleared. */
export async function markGmailMessagesRestored(tx: Tx, connectionId: string, gmailIds: string[]): Promise<string[]> {
  if (!gmailIds.length) return [];
  const { rows } = await tx.query<{ gmail_message_id: string }>(
    `update public.gmail_messages set deleted_at = null
      where connection_id = $1 and gmail_message_id = any ($2::text[]) and deleted_at is not null
     returning gmail_message_id`,
    [connectionId, gmailIds],
  );
  return rows.map((row) => row.gmail_message_id);
}

/** Where a reply in a conversation leaves from when its mail came through a member's Gmail. */
export type GmailReplyRoute = { connectionId: string; threadId: string | null };

/**
 * The Gmail mailbox a reply in this conversation answers from, or null when none of its mail came
 * through Gmail. The sender's own mailbox when it holds the thread (a colleague's copy of the same
 * email is theirs), else the mailbox that filed the conversation's latest mail; Gmail's thread id
 * is that mailbox's own (thread ids are per mailbox), of a message still there: a thread whose
 * mail was all deleted in Gmail is answered in a new Gmail thread (the headers still thread it).
 */
export async function gmailReplyRoute(
  tx: Tx,
  conversationId: string,
  senderId: string | null,
): Promise<GmailReplyRoute | null> {
  const { rows } = await tx.query<GmailReplyRoute>(
    `with chosen as (
       select connection_id from public.gmail_messages
        where conversation_id = $1
        order by coalesce(user_id = $2::uuid, false) desc, created_at desc limit 1)
     select chosen.connection_id as "connectionId",
            (select g.gmail_thread_id from public.gmail_messages g
              where g.conversation_id = $1 and g.connection_id = chosen.connection_id and g.gmail_thread_id is not null
                and g.deleted_at is null
              order by g.created_at desc limit 1) as "threadId"
       from chosen`,
    [conversationId, senderId],
  );
  return rows[0] ?? null;
}

/**
 * Links the copy Gmail keeps of a reply Kiln sent from the mailbox to that reply, so the next sync
 * finds it already synced (it never fetches it) rather than filing Kiln's own email again.
 */
export async function linkSentGmailMessage(tx: Tx, input: GmailLink): Promise<void> {
  await insertGmailLink(tx, input, true);
}
