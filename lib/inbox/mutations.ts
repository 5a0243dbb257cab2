import type { Tx } from "@/lib/db";
import { conflict, HttpError, notFound } from "@/lib/http/errors";
import { applySignals } from "@/lib/leads/signals";
import { supersedePendingDrafts } from "@/lib/approvals/supersede";
import type { Actor } from "@/lib/leads/types";
import { WHATSAPP_WINDOW_MS } from "./queries";
import type { UpdateConversationInput } from "./schema";

type UserActor = Extract<Actor, { type: "user" }>;

const windowClosed = (lastInboundAt: Date | null) =>
  new HttpError(
    422,
    "WhatsApp window closed",
    lastInboundAt
      ? "WhatsApp only allows free-form replies within 24 hours of the lead's last message, and that was more than 24 hours ago. Reach them by SMS or wait until they write again (message templates are not supported yet)."
      : "WhatsApp only allows free-form replies after the lead has written to you in the last 24 hours. Reach them by SMS or wait until they write (message templates are not supported yet).",
    { code: "whatsapp_window_closed", errors: { body: ["The 24-hour WhatsApp window is closed."] } },
  );

/**
 * A person's reply in a thread: queued here (under RLS, as the user), sent right after
 * the response by lib/inbox/outbound.ts. Replying makes the thread human-handled and
 * takes an unassigned thread.
 */
export async function queueReply(tx: Tx, actor: UserActor, orgId: string, conversationId: string, body: string, now = new Date()): Promise<string> {
  const { rows } = await tx.query<{ lead_id: string; medium: string; last_inbound_at: Date | null; active: boolean; provider: string; assignee_id: string | null }>(
    `select c.lead_id, c.medium, c.last_inbound_at, ch.active, ch.provider, c.assignee_id
       from public.conversations c join public.channels ch on ch.id = c.channel_id
      where c.id = $1 and c.org_id = $2 for update of c`,
    [conversationId, orgId],
  );
  const conversation = rows[0];
  if (!conversation) throw notFound("Conversation not found.");
  if (!conversation.active) throw conflict("This conversation's number has been deactivated in Settings → Channels.");
  if (conversation.medium === "whatsapp") {
    const last = conversation.last_inbound_at ? new Date(conversation.last_inbound_at) : null;
    if (!last || now.getTime() - last.getTime() > WHATSAPP_WINDOW_MS) throw windowClosed(last);
  }
  const { rows: inserted } = await tx.query<{ id: string }>(
    `insert into public.messages (org_id, conversation_id, direction, body, status, provider, author_type, author_id)
     values ($1, $2, 'outbound', $3, 'queued', $4, 'user', $5) returning id`,
    [orgId, conversationId, body, conversation.provider, actor.id],
  );
  await tx.query("select private.record_outbound_message($1, $2)", [inserted[0]!.id, now]);
  await applySignals(tx, { orgId, leadId: conversation.lead_id, signals: [{ type: "outbound_message", at: now.toISOString() }], actor, now });
  await supersedePendingDrafts(tx, orgId, conversationId, `${actor.name} replied in the conversation.`);
  return inserted[0]!.id;
}

export async function updateConversation(tx: Tx, orgId: string, id: string, input: UpdateConversationInput): Promise<void> {
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
  const { rowCount } = await tx.query(`update public.conversations set ${sets.join(", ")} where id = $1 and org_id = $2`, params);
  if (!rowCount) throw notFound("Conversation not found.");
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
  if (!rowCount) throw conflict("Only a failed message can be retried.");
}

/** Opens (or finds) the thread with a lead over one of the organization's numbers. */
export async function startConversation(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  input: { leadId: string; channelId: string; medium: "sms" | "whatsapp" },
): Promise<string> {
  const { rows: channels } = await tx.query<{ capabilities: string[]; active: boolean }>(
    "select capabilities, active from public.channels where id = $1 and org_id = $2",
    [input.channelId, orgId],
  );
  const channel = channels[0];
  if (!channel) throw new HttpError(422, "Unprocessable content", "Choose one of your organization's channels.", { errors: { channelId: ["Unknown channel."] } });
  if (!channel.active || !channel.capabilities.includes(input.medium)) {
    throw new HttpError(422, "Unprocessable content", `This channel cannot send ${input.medium === "sms" ? "SMS" : "WhatsApp"} messages.`, {
      errors: { medium: ["Not available on this channel."] },
    });
  }
  const { rows: leads } = await tx.query<{ phone: string | null }>("select phone from public.leads where id = $1 and org_id = $2 and deleted_at is null", [input.leadId, orgId]);
  if (!leads[0]) throw notFound("Lead not found.");
  if (!leads[0].phone) throw new HttpError(422, "Unprocessable content", "Add a phone number to the lead first.", { errors: { leadId: ["The lead has no phone number."] } });
  const { rows } = await tx.query<{ id: string }>(
    `with inserted as (
       insert into public.conversations (org_id, lead_id, channel_id, medium, assignee_id, mode)
       values ($1, $2, $3, $4, $5, 'human')
       on conflict (lead_id, channel_id, medium) do nothing returning id)
     select id from inserted
     union all
     select id from public.conversations where lead_id = $2 and channel_id = $3 and medium = $4
     limit 1`,
    [orgId, input.leadId, input.channelId, input.medium, actor.id],
  );
  if (!rows[0]) throw notFound("Conversation not found.");
  return rows[0].id;
}
