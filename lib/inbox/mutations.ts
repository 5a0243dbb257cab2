import "server-only";
import type { Tx } from "@/lib/db";
import { conflict, HttpError, notFound } from "@/lib/http/errors";
import { applySignals } from "@/lib/leads/signals";
import { decisionReason } from "@/lib/approvals/notes";
import { supersedePendingDrafts } from "@/lib/approvals/supersede";
import type { Actor } from "@/lib/leads/types";
import type { StartConversationInput, UpdateConversationInput } from "./schema";
import { isWhatsappWindowClosed } from "./whatsapp-window";
import { assertEmailDeliverable } from "./email-reply";
import { assertNotOptedOut, claimOptOutConfirmation, optedOut } from "@/lib/outreach/consent";
import type { SentTemplate } from "@/lib/outreach/types";

type UserActor = Extract<Actor, { type: "user" }>;

/**
 * Who wrote an outbound message: a person replying in the thread, or an agent whose draft
 * was approved (by a person, or by auto-send) — only private.queue_approved_draft writes those.
 */
export type OutboundAuthor =
  | { kind: "person"; actor: UserActor }
  | { kind: "approved_draft"; taskId: string; actor: Actor }
  /** Kiln itself: the one confirmation after a lead opted out (lib/outreach/consent.ts). */
  | { kind: "opt_out_confirmation"; actor: Actor };

// The same refusal for a person's reply and an approved draft; only the advice differs.
/** The closed window's `problems` key: what the author can do instead differs for a person and a draft. */
const WINDOW_CLOSED: Record<OutboundAuthor["kind"], (lastInboundAt: Date | null) => string> = {
  person: (lastInboundAt) => (lastInboundAt ? "whatsappWindowClosed" : "whatsappWindowNotOpen"),
  approved_draft: () => "whatsappWindowClosedDraft",
  opt_out_confirmation: () => "whatsappWindowClosed",
};

const windowClosed = (lastInboundAt: Date | null, author: OutboundAuthor["kind"]) =>
  new HttpError(422, "WhatsApp window closed", WINDOW_CLOSED[author](lastInboundAt), {
    code: "whatsapp_window_closed",
    errors: { body: ["whatsappWindowClosedField"] },
  });

/**
 * The one way an outbound message is queued (a person's reply, an approved or auto-sent
 * agent draft): checks the thread can take it (its number is active, a WhatsApp thread is
 * inside the 24-hour window, an email thread's lead has a deliverable address), writes the message, updates the thread
 * (private.record_outbound_message) and the lead's engagement. A person's reply also
 * retires the thread's pending draft. The caller sends it after commit (lib/inbox/outbound.ts).
 */
export async function queueOutboundMessage(
  tx: Tx,
  input: {
    orgId: string;
    conversationId: string;
    body: string;
    author: OutboundAuthor;
    now?: Date;
    /** An approved template (a person's, lib/outreach/send.ts, or an approved re-engagement draft): allowed outside WhatsApp's window. */
    template?: SentTemplate | null;
  },
): Promise<{ id: string; leadId: string }> {
  const { orgId, conversationId, body, author } = input;
  const now = input.now ?? new Date();
  const { rows } = await tx.query<{
    lead_id: string;
    medium: string;
    last_inbound_at: Date | null;
    active: boolean;
    provider: string;
  }>(
    `select c.lead_id, c.medium, c.last_inbound_at, ch.active, ch.provider
       from public.conversations c join public.channels ch on ch.id = c.channel_id
      where c.id = $1 and c.org_id = $2 for update of c`,
    [conversationId, orgId],
  );
  const conversation = rows[0];
  if (!conversation) throw notFound(author.kind === "person" ? "conversationNotFound" : "draftConversationGone");
  if (!conversation.active) {
    throw new HttpError(409, "Conflict", "conversationNumberDeactivated", {
      code: "channel_inactive",
    });
  }
  // After an opt-out nothing leaves on that channel kind but the one confirmation.
  if (author.kind === "opt_out_confirmation") {
    if (!(await claimOptOutConfirmation(tx, conversation.lead_id, conversation.medium)))
      throw optedOut(conversation.medium);
  } else await assertNotOptedOut(tx, conversation.lead_id, conversation.medium);
  if (conversation.medium === "email") await assertEmailDeliverable(tx, conversation.lead_id);
  const thread = { medium: conversation.medium, lastInboundAt: conversation.last_inbound_at };
  if (!input.template && isWhatsappWindowClosed(thread, now))
    throw windowClosed(conversation.last_inbound_at ? new Date(conversation.last_inbound_at) : null, author.kind);

  let id: string;
  if (author.kind === "person") {
    const { rows: inserted } = await tx.query<{ id: string }>(
      `insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, author_id, template)
       values ($1, $2, 'outbound', $3, 'queued', $4, 'user', $5, $6) returning id`,
      [orgId, conversationId, body, conversation.provider, author.actor.id, input.template ?? null],
    );
    id = inserted[0]!.id;
  } else if (author.kind === "opt_out_confirmation") {
    const { rows: inserted } = await tx.query<{ id: string }>(
      `insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type)
       values ($1, $2, 'outbound', $3, 'queued', $4, 'system') returning id`,
      [orgId, conversationId, body, conversation.provider],
    );
    id = inserted[0]!.id;
  } else {
    // The database checks the task was approved (in this transaction, by this user) and not sent yet.
    const { rows: queued } = await tx.query<{ id: string }>("select private.queue_approved_draft($1, $2) as id", [
      author.taskId,
      body,
    ]);
    id = queued[0]!.id;
    // An approved re-engagement template (lib/approvals/reengage.ts) goes out as that template.
    if (input.template) await tx.query("select private.attach_draft_template($1, $2)", [id, input.template]);
  }
  // A confirmation is not engagement: the thread's summary, the lead's heat and the AI's drafts stay as they were.
  if (author.kind === "opt_out_confirmation") return { id, leadId: conversation.lead_id };
  await tx.query("select private.record_outbound_message($1, $2)", [id, now]);
  await applySignals(tx, {
    orgId,
    leadId: conversation.lead_id,
    signals: [{ type: "outbound_message", at: now.toISOString() }],
    actor: author.actor,
    now,
  });
  if (author.kind === "person")
    await supersedePendingDrafts(
      tx,
      orgId,
      conversationId,
      decisionReason("person_replied", { name: author.actor.name }),
    );
  return { id, leadId: conversation.lead_id };
}

/** A person's reply in a thread, queued under RLS as the user (see queueOutboundMessage). */
export async function queueReply(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  conversationId: string,
  body: string,
  now = new Date(),
): Promise<string> {
  const { id } = await queueOutboundMessage(tx, {
    orgId,
    conversationId,
    body,
    author: { kind: "person", actor },
    now,
  });
  return id;
}

export async function updateConversation(
  tx: Tx,
  orgId: string,
  id: string,
  input: UpdateConversationInput,
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id, orgId];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (input.status !== undefined) set("status", input.status);
  if (input.assigneeId !== undefined) set("assignee_id", input.assigneeId);
  if (input.mode !== undefined) set("mode", input.mode);
  if (input.agentId !== undefined) set("agent_id", input.agentId);
  const { rowCount } = await tx.query(
    `update public.conversations set ${sets.join(", ")} where id = $1 and org_id = $2`,
    params,
  );
  if (!rowCount) throw notFound("conversationNotFound");
}

/** A person answers from now on: the thread leaves the AI and, when unassigned, becomes `assigneeId`'s. */
export async function handConversationToPerson(
  tx: Tx,
  orgId: string,
  conversationId: string,
  assigneeId: string,
): Promise<void> {
  const { rowCount } = await tx.query(
    `update public.conversations set mode = 'human', assignee_id = coalesce(assignee_id, $3) where id = $1 and org_id = $2`,
    [conversationId, orgId, assigneeId],
  );
  if (!rowCount) throw notFound("conversationNotFound");
}

/** The agent answers again. Returns who wrote last ("inbound": the lead is waiting for an answer). */
export async function handConversationToAi(
  tx: Tx,
  orgId: string,
  conversationId: string,
): Promise<{ lastMessageDirection: string | null }> {
  const { rows } = await tx.query<{ last_message_direction: string | null }>(
    `update public.conversations set mode = 'ai' where id = $1 and org_id = $2 returning last_message_direction`,
    [conversationId, orgId],
  );
  if (!rows[0]) throw notFound("conversationNotFound");
  return { lastMessageDirection: rows[0].last_message_direction };
}

/**
 * Opening a thread clears its unread count for its assignee (or anyone, while unassigned):
 * private.mark_conversation_read, as the signed-in user.
 */
export async function markConversationRead(tx: Tx, orgId: string, id: string): Promise<void> {
  await tx.query("select private.mark_conversation_read($1, $2)", [orgId, id]);
}

/** Puts a failed outbound message back in the queue (the "Retry" button). */
export async function requeueMessage(tx: Tx, orgId: string, messageId: string): Promise<void> {
  const { rowCount } = await tx.query(
    `update public.messages set status = 'queued', error_code = null, error_message = null, send_attempts = 0
      where id = $1 and org_id = $2 and direction = 'outbound' and status = 'failed'`,
    [messageId, orgId],
  );
  if (!rowCount) throw conflict("retryOnlyFailed");
}

/**
 * A new email thread with a lead, started by a person: a conversation of its own (a lead may
 * have several email threads per mailbox) holding the subject, and its first message queued
 * as any reply is (queueOutboundMessage), sent after commit with a fresh Message-ID and no
 * In-Reply-To (lib/inbox/outbound.ts). A lead without a deliverable address is refused before
 * anything is written, on the lead, since nothing in the form could fix it.
 */
export async function startEmailConversation(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  input: Extract<StartConversationInput, { medium: "email" }>,
): Promise<{ conversationId: string; messageId: string }> {
  const { rows: channels } = await tx.query<{ capabilities: string[]; active: boolean }>(
    "select capabilities, active from public.channels where id = $1 and org_id = $2",
    [input.channelId, orgId],
  );
  const channel = channels[0];
  if (!channel)
    throw new HttpError(422, "Unprocessable content", "chooseOwnChannel", {
      errors: { channelId: ["channelUnknown"] },
    });
  if (!channel.active || !channel.capabilities.includes("email"))
    throw new HttpError(422, "Unprocessable content", "mailboxCannotSend", {
      errors: { channelId: ["notOnThisChannel"] },
    });
  const { rows: leads } = await tx.query<{ id: string }>(
    "select id from public.leads where id = $1 and org_id = $2 and deleted_at is null",
    [input.leadId, orgId],
  );
  if (!leads[0]) throw notFound("leadNotFound");
  await assertEmailDeliverable(tx, input.leadId, "leadId");
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.conversations (org_id, lead_id, channel_id, medium, assignee_id, mode, email_subject)
     values ($1, $2, $3, 'email', $4, 'human', $5) returning id`,
    [orgId, input.leadId, input.channelId, actor.id, input.subject],
  );
  const conversationId = rows[0]!.id;
  const { id } = await queueOutboundMessage(tx, {
    orgId,
    conversationId,
    body: input.body,
    author: { kind: "person", actor },
  });
  return { conversationId, messageId: id };
}

/** Opens (or finds) the thread with a lead over one of the organization's numbers. */
export async function startConversation(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  input: Extract<StartConversationInput, { medium: "sms" | "whatsapp" }>,
): Promise<string> {
  const { rows: channels } = await tx.query<{ capabilities: string[]; active: boolean }>(
    "select capabilities, active from public.channels where id = $1 and org_id = $2",
    [input.channelId, orgId],
  );
  const channel = channels[0];
  if (!channel)
    throw new HttpError(422, "Unprocessable content", "chooseOwnChannel", {
      errors: { channelId: ["channelUnknown"] },
    });
  if (!channel.active || !channel.capabilities.includes(input.medium)) {
    throw new HttpError(
      422,
      "Unprocessable content",
      { key: "channelCannotSend", values: { medium: input.medium === "sms" ? "SMS" : "WhatsApp" } },
      {
        errors: { medium: ["notOnThisChannel"] },
      },
    );
  }
  const { rows: leads } = await tx.query<{ phone: string | null }>(
    "select phone from public.leads where id = $1 and org_id = $2 and deleted_at is null",
    [input.leadId, orgId],
  );
  if (!leads[0]) throw notFound("leadNotFound");
  if (!leads[0].phone)
    throw new HttpError(422, "Unprocessable content", "leadNeedsPhone", {
      errors: { leadId: ["leadHasNoPhone"] },
    });
  const { rows } = await tx.query<{ id: string }>(
    `with inserted as (
       insert into public.conversations (org_id, lead_id, channel_id, medium, assignee_id, mode)
       values ($1, $2, $3, $4, $5, 'human')
       on conflict (lead_id, channel_id, medium) where medium <> 'email' do nothing returning id)
     select id from inserted
     union all
     select id from public.conversations where lead_id = $2 and channel_id = $3 and medium = $4
     limit 1`,
    [orgId, input.leadId, input.channelId, input.medium, actor.id],
  );
  if (!rows[0]) throw notFound("conversationNotFound");
  return rows[0].id;
}
