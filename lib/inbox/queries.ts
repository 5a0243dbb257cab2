import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { emailLive, liveProviders } from "@/lib/channels";
import { mailboxSendsItself } from "@/lib/channels/mailbox-credentials";
import { gmailSendingConfigured } from "@/lib/integrations/google/gmail-send";
import { openCursor, sealCursor } from "@/lib/http/cursor";
import { likePattern } from "@/lib/leads/queries";
import { heatLinesText } from "@/lib/scoring/render";
import { readerHeatLineText } from "@/lib/scoring/readers";
import type { ListConversationsQuery } from "./schema";
import type { ConversationDetail, ConversationListItem, Message, MessageEmailContent } from "./types";
import { whatsappWindowOpenUntil } from "./whatsapp-window";
import { MESSAGE_ATTACHMENTS_SQL } from "./attachments";
import { nextEmailHeaders } from "./email-reply";
import { gmailReplyRoute } from "./gmail-messages";

const cursorSchema = z.object({ at: z.string().min(1).max(64), id: z.uuid() });

const LIST_COLUMNS = `
  c.id, c.lead_id as "leadId", l.name as "leadName", l.phone as "leadPhone", l.heat_level as "heatLevel",
  c.medium, c.channel_id as "channelId", ch.label as "channelLabel", c.status,
  c.assignee_id as "assigneeId", nullif(coalesce(nullif(ap.full_name, ''), ap.email), '') as "assigneeName",
  c.mode, c.last_message_at as "lastMessageAt", c.last_message_preview as "lastMessagePreview",
  c.last_message_direction as "lastMessageDirection", c.unread_count as "unreadCount",
  c.waiting_since as "waitingSince", c.sla_breached_at as "slaBreachedAt",
  coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'color', t.color) order by lower(t.name), t.id)
              from public.conversation_tag_links tl join public.conversation_tags t on t.id = tl.tag_id
             where tl.conversation_id = c.id), '[]'::jsonb) as tags`;

const LIST_JOINS = `
  join public.leads l on l.id = c.lead_id and l.deleted_at is null
  join public.channels ch on ch.id = c.channel_id
  left join public.profiles ap on ap.id = c.assignee_id`;

export async function listConversations(
  tx: Tx,
  orgId: string,
  userId: string,
  query: ListConversationsQuery,
): Promise<{ conversations: ConversationListItem[]; nextCursor: string | null; prevCursor: string | null }> {
  const params: unknown[] = [orgId];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ["c.org_id = $1"];
  if (query.status !== "all") where.push(`c.status = ${add(query.status)}`);
  if (query.channel === "sms" || query.channel === "whatsapp" || query.channel === "email")
    where.push(`c.medium = ${add(query.channel)}`);
  else if (query.channel) where.push(`c.channel_id = ${add(query.channel)}::uuid`);
  if (query.assigned === "me") where.push(`c.assignee_id = ${add(userId)}::uuid`);
  if (query.assigned === "unassigned") where.push("c.assignee_id is null");
  if (query.unread) where.push("c.unread_count > 0");
  if (query.heat?.length) where.push(`l.heat_level = any(${add(query.heat)}::text[])`);
  if (query.tags?.length)
    where.push(
      `exists (select 1 from public.conversation_tag_links tl where tl.conversation_id = c.id and tl.tag_id = any(${add(query.tags)}::uuid[]))`,
    );
  if (query.q) {
    // Lead name, number, email or company, or any message's text; both through the
    // security-definer searches so the trigram indexes work under RLS (see the migrations).
    const pattern = add(likePattern(query.q));
    where.push(`(c.lead_id = any((select private.search_lead_ids($1::uuid, ${pattern}))::uuid[])
                 or c.id = any((select private.search_conversation_ids($1::uuid, ${pattern}))::uuid[]))`);
  }
  const cursor = query.cursor ? openCursor(query.cursor, cursorSchema) : null;
  const backwards = Boolean(cursor) && query.direction === "prev";
  if (cursor)
    where.push(
      `(c.last_message_at, c.id) ${backwards ? ">" : "<"} (${add(cursor.at)}::timestamptz, ${add(cursor.id)}::uuid)`,
    );
  const order = backwards ? "asc" : "desc";
  const { rows } = await tx.query<ConversationListItem & { cursorAt: string }>(
    `select ${LIST_COLUMNS}, c.last_message_at::text as "cursorAt"
       from public.conversations c ${LIST_JOINS}
      where ${where.join(" and ")}
      order by c.last_message_at ${order}, c.id ${order}
      limit ${add(query.limit + 1)}`,
    params,
  );
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  const seal = (row: (typeof page)[number] | undefined) => (row ? sealCursor({ at: row.cursorAt, id: row.id }) : null);
  const nextCursor = backwards ? seal(page[page.length - 1]) : hasMore ? seal(page[page.length - 1]) : null;
  const prevCursor = backwards ? (hasMore ? seal(page[0]) : null) : cursor ? seal(page[0]) : null;
  return { conversations: page.map(({ cursorAt: _cursorAt, ...item }) => item), nextCursor, prevCursor };
}

export async function getConversation(tx: Tx, orgId: string, id: string): Promise<ConversationDetail | null> {
  const { rows } = await tx.query<
    ConversationListItem & {
      lastInboundAt: Date | null;
      pendingDraft: ConversationDetail["pendingDraft"];
      agentId: string | null;
      agent: ConversationDetail["agent"];
      channel: Omit<ConversationDetail["channel"], "sandbox">;
      lead: Omit<ConversationDetail["lead"], "heatExplanation">;
      emailUndeliverable: boolean;
    }
  >(
    `select ${LIST_COLUMNS}, c.last_inbound_at as "lastInboundAt",
            (select jsonb_build_object('taskId', t.id, 'draft', t.payload ->> 'draft', 'createdAt', t.created_at)
               from public.hil_tasks t
              where t.conversation_id = c.id and t.status = 'pending' and t.kind = 'message_approval'
                and (t.expires_at is null or t.expires_at > now())) as "pendingDraft",
            c.agent_id as "agentId",
            -- The same choice as agentForConversation (lib/agents/queries.ts).
            (select jsonb_build_object('id', a.id, 'name', a.name, 'isDefault', a.is_default)
               from public.ai_agents a
              where a.org_id = c.org_id and a.active and (a.is_default or a.id = c.agent_id)
              order by (a.id = c.agent_id) is true desc
              limit 1) as agent,
            jsonb_build_object('id', ch.id, 'provider', ch.provider, 'address', ch.address, 'label', ch.label, 'active', ch.active) as channel,
            jsonb_build_object(
              'id', l.id, 'name', l.name, 'phone', l.phone, 'email', l.email, 'company', l.company, 'status', l.status,
              'heatLevel', l.heat_level, 'heatScore', l.heat_score, 'heatLines', l.heat_explanation,
              'bantStatuses', jsonb_build_object(
                'budget', coalesce(l.bant #>> '{budget,status}', 'unknown'),
                'authority', coalesce(l.bant #>> '{authority,status}', 'unknown'),
                'need', coalesce(l.bant #>> '{need,status}', 'unknown'),
                'timeline', coalesce(l.bant #>> '{timeline,status}', 'unknown')),
              'bantScore', l.bant_score,
              'ownerId', l.owner_id,
              'ownerName', nullif(coalesce(nullif(op.full_name, ''), op.email), '')
            ) as lead,
            l.email_undeliverable_at is not null as "emailUndeliverable"
       from public.conversations c ${LIST_JOINS}
       left join public.profiles op on op.id = l.owner_id
      where c.id = $1 and c.org_id = $2`,
    [id, orgId],
  );
  const found = rows[0];
  if (!found) return null;
  const { emailUndeliverable, ...row } = found;
  // The engine's lines as text in the caller's language, for API clients; the panel renders heatLines itself.
  const heatLine = await readerHeatLineText(tx);
  const next = row.medium === "email" ? await nextEmailHeaders(tx, orgId, id) : null;
  // A thread whose mail came through a member's Gmail answers through Gmail, live without SMTP_URL too.
  const viaGmail = Boolean(next) && gmailSendingConfigured() && (await gmailReplyRoute(tx, id, null)) !== null;
  // A shared mailbox with its own SMTP server is live without SMTP_URL too.
  const viaOwnSmtp = row.medium === "email" && (await mailboxSendsItself(tx, row.channel.id));
  return {
    ...row,
    lead: { ...row.lead, heatExplanation: heatLinesText(row.lead.heatLines, heatLine) },
    windowOpenUntil: whatsappWindowOpenUntil(row),
    channel: {
      ...row.channel,
      sandbox:
        row.channel.provider === "email"
          ? !(emailLive() || viaGmail || viaOwnSmtp)
          : !liveProviders()[row.channel.provider],
    },
    email: next ? { subject: next.subject, undeliverable: emailUndeliverable } : null,
  };
}

/** Every Gmail copy of the message (by its id column) was deleted in its mailbox; false when none came through Gmail. */
const deletedInGmailSql = (messageId: string) => `coalesce((select bool_and(g.deleted_at is not null)
  from public.gmail_messages g where g.message_id = ${messageId}), false)`;

/** The email part of a message (public.email_messages), or null; the bodies are not part of a thread page. */
const MESSAGE_EMAIL_SQL = `(select jsonb_build_object('subject', e.subject, 'from', e.from_address, 'autoReply', e.auto_reply,
  'bounce', e.bounce, 'bounceStatus', e.bounce_status, 'deletedInGmail', ${deletedInGmailSql("m.id")})
  from public.email_messages e where e.message_id = m.id)`;

const MESSAGE_COLUMNS = `
  m.id, m.conversation_id as "conversationId", m.direction, m.body, m.media, m.status,
  m.error_code as "errorCode", m.error_message as "errorMessage", m.provider,
  m.author_type as "authorType", m.author_id as "authorId",
  nullif(coalesce(nullif(p.full_name, ''), p.email), '') as "authorName",
  m.sandbox, m.created_at as "createdAt", m.status_at as "statusAt",
  ${MESSAGE_ATTACHMENTS_SQL} as attachments,
  ${MESSAGE_EMAIL_SQL} as email`;

/** A page of a thread, newest first from the cursor back; the client shows them oldest first. */
export async function listMessages(
  tx: Tx,
  orgId: string,
  conversationId: string,
  opts: { before?: string; limit: number },
): Promise<{ messages: Message[]; olderCursor: string | null }> {
  const before = opts.before ? openCursor(opts.before, cursorSchema) : null;
  const { rows } = await tx.query<Message & { cursorAt: string }>(
    `select ${MESSAGE_COLUMNS}, m.created_at::text as "cursorAt"
       from public.messages m left join public.profiles p on p.id = m.author_id
      where m.conversation_id = $1 and m.org_id = $2
        and ($3::timestamptz is null or (m.created_at, m.id) < ($3::timestamptz, $4::uuid))
      order by m.created_at desc, m.id desc
      limit $5`,
    [conversationId, orgId, before?.at ?? null, before?.id ?? null, opts.limit + 1],
  );
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    messages: page.reverse().map(({ cursorAt: _cursorAt, ...m }) => m),
    olderCursor: rows.length > opts.limit && last ? sealCursor({ at: last.cursorAt, id: last.id }) : null,
  };
}

export async function getMessage(tx: Tx, orgId: string, id: string): Promise<Message | null> {
  const { rows } = await tx.query<Message>(
    `select ${MESSAGE_COLUMNS} from public.messages m left join public.profiles p on p.id = m.author_id where m.id = $1 and m.org_id = $2`,
    [id, orgId],
  );
  return rows[0] ?? null;
}

/** Unread threads the user would see in the inbox (the sidebar badge). */
export async function countUnreadConversations(tx: Tx, orgId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `select count(*)::int as n from public.conversations c where c.org_id = $1 and c.unread_count > 0 and c.status <> 'closed'`,
    [orgId],
  );
  return rows[0]?.n ?? 0;
}

export type LeadConversation = Pick<
  ConversationListItem,
  | "id"
  | "medium"
  | "channelId"
  | "channelLabel"
  | "status"
  | "lastMessageAt"
  | "lastMessagePreview"
  | "lastMessageDirection"
  | "unreadCount"
>;

/** A lead's threads, for the lead page. */
export async function listLeadConversations(tx: Tx, orgId: string, leadId: string): Promise<LeadConversation[]> {
  const { rows } = await tx.query<LeadConversation>(
    `select c.id, c.medium, c.channel_id as "channelId", ch.label as "channelLabel", c.status, c.last_message_at as "lastMessageAt",
            c.last_message_preview as "lastMessagePreview", c.last_message_direction as "lastMessageDirection", c.unread_count as "unreadCount"
       from public.conversations c join public.channels ch on ch.id = c.channel_id
      where c.org_id = $1 and c.lead_id = $2
      order by c.last_message_at desc limit 20`,
    [orgId, leadId],
  );
  return rows;
}

/** The whole email of a message the caller can see (RLS decides), or null: not an email, or not theirs. */
export async function getMessageEmail(tx: Tx, orgId: string, messageId: string): Promise<MessageEmailContent | null> {
  const { rows } = await tx.query<MessageEmailContent>(
    `select e.message_id as "messageId", e.subject, e.from_address as "from", e.from_name as "fromName",
            e.to_addresses as "to", e.cc_addresses as "cc", e.text_body as text, e.html_body as html,
            e.rfc_message_id as "rfcMessageId", e.in_reply_to as "inReplyTo", e."references",
            e.auto_reply as "autoReply", e.bounce, e.bounce_status as "bounceStatus", e.sent_at as "sentAt",
            ${deletedInGmailSql("e.message_id")} as "deletedInGmail"
       from public.email_messages e
      where e.message_id = $1 and e.org_id = $2`,
    [messageId, orgId],
  );
  return rows[0] ?? null;
}
