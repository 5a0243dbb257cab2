import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Retires the conversation's pending draft (a newer message arrived, a person replied or
 * took over). Works as the service role and under RLS: anyone who sees a thread may
 * supersede its draft (private.guard_hil_task keeps approving for deciders).
 * Returns the ids of the superseded tasks.
 */
export async function supersedePendingDrafts(
  tx: Tx,
  orgId: string,
  conversationId: string,
  note: string,
): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `update public.hil_tasks set status = 'superseded', decision_note = left($3, 500)
      where conversation_id = $1 and org_id = $2 and status = 'pending' and kind = 'message_approval'
      returning id`,
    [conversationId, orgId, note],
  );
  return rows.map((r) => r.id);
}
