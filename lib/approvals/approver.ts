/**
 * Who vouched for an AI draft that went out: the person who approved it. Other modules ask
 * here instead of reading hil_tasks themselves.
 */
import "server-only";
import type { Tx } from "@/lib/db";

/** The approver of the draft sent as this message, or null (a person's message, or auto-sent). */
export async function approverOfSentDraft(tx: Tx, messageId: string): Promise<string | null> {
  const { rows } = await tx.query<{ decided_by: string | null }>(
    `select decided_by from public.hil_tasks where sent_message_id = $1 and status = 'approved' limit 1`,
    [messageId],
  );
  return rows[0]?.decided_by ?? null;
}
