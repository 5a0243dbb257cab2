import "server-only";
import type { Tx } from "@/lib/db";
import type { DecisionReason } from "./notes";

/**
 * Retires the conversation's pending draft (a newer message arrived, a person replied or
 * took over). Works as the service role and under RLS: anyone who sees a thread may
 * supersede its draft (private.guard_hil_task keeps approving for deciders). `reason` is
 * stored as its kind and parameters and worded when read (./notes.ts).
 * Returns the ids of the superseded tasks.
 */
export async function supersedePendingDrafts(
  tx: Tx,
  orgId: string,
  conversationId: string,
  reason: DecisionReason,
): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `update public.hil_tasks set status = 'superseded', decision_note_kind = $3, decision_note_params = $4::jsonb
      where conversation_id = $1 and org_id = $2 and status = 'pending' and kind = 'message_approval'
      returning id`,
    [conversationId, orgId, reason.kind, JSON.stringify(reason.params)],
  );
  return rows.map((r) => r.id);
}
