/**
 * Whose signature goes below a reply sent by email. A person's reply carries their own; an AI
 * draft carries the signature of the person who approved it, since they vouch for it and the
 * lead answers them. A draft an auto-send agent sent has nobody's and goes out without one.
 */
import "server-only";
import type { Tx } from "@/lib/db";
import { emailSignature } from "@/lib/preferences/platform";

export async function senderSignature(tx: Tx, messageId: string): Promise<string> {
  const { rows } = await tx.query<{ user_id: string | null }>(
    `select case m.author_type
              when 'user' then m.author_id
              when 'agent' then (select t.decided_by from public.hil_tasks t
                                  where t.sent_message_id = m.id and t.status = 'approved' limit 1)
            end as user_id
       from public.messages m where m.id = $1`,
    [messageId],
  );
  const userId = rows[0]?.user_id;
  return userId ? emailSignature(tx, userId) : "";
}
