/**
 * Searching the mail synced from members' Gmail: `GET /api/v1/sync/gmail/messages?q=&leadId=`.
 * Runs under the caller's RLS, so it finds only what their role lets them see of their own
 * organization's conversations, whoever's mailbox the mail came from.
 */
import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { text } from "@/lib/http/schemas";
import { likePattern } from "@/lib/leads/queries";

export const gmailSearchQuerySchema = z
  .object({
    /** Words in the subject or the sender's own text, or the lead's name, email or company (as the inbox searches). */
    q: text().max(100, "searchTooLong").optional(),
    leadId: z.uuid("leadIdNotValid").optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type GmailSearchQuery = z.infer<typeof gmailSearchQuerySchema>;

export type SyncedGmailMessage = {
  messageId: string;
  conversationId: string;
  leadId: string;
  direction: "inbound" | "outbound";
  subject: string;
  from: string;
  to: string[];
  /** The lead's own words (or the member's), as the thread shows them. */
  snippet: string;
  at: Date;
};

/**
 * Synced mail, newest first; an email in two members' mailboxes is listed once. Words go through
 * the security-definer searches, as in the inbox, so the trigram indexes serve them under RLS.
 */
export async function searchSyncedGmail(tx: Tx, orgId: string, query: GmailSearchQuery): Promise<SyncedGmailMessage[]> {
  const { rows } = await tx.query<SyncedGmailMessage>(
    `select m.id as "messageId", m.conversation_id as "conversationId", c.lead_id as "leadId", m.direction,
            e.subject, e.from_address as "from", e.to_addresses as "to", left(m.body, 200) as snippet, m.created_at as at
       from public.messages m
       join public.email_messages e on e.message_id = m.id
       join public.conversations c on c.id = m.conversation_id
      where m.org_id = $1
        and exists (select 1 from public.gmail_messages g where g.message_id = m.id)
        and ($2::uuid is null or c.lead_id = $2)
        and ($3::text is null
             or m.id = any((select private.search_email_message_ids($1::uuid, $3))::uuid[])
             or c.lead_id = any((select private.search_lead_ids($1::uuid, $3))::uuid[]))
      order by m.created_at desc, m.id desc
      limit $4`,
    [orgId, query.leadId ?? null, query.q ? likePattern(query.q) : null, query.limit],
  );
  return rows;
}
