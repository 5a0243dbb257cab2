/**
 * Whose signature goes below a reply sent by email. A person's reply carries their own; an AI
 * draft carries the signature of the person who approved it, since they vouch for it and the
 * lead answers them. A draft an auto-send agent sent has nobody's and goes out without one.
 */
import "server-only";
import { approverOfSentDraft } from "@/lib/approvals/approver";
import type { Tx } from "@/lib/db";
import { emailSignature } from "@/lib/preferences/platform";

/** The person a reply goes out as: its writer, the approver of an AI draft, or nobody (auto-sent). */
export async function replySender(tx: Tx, messageId: string): Promise<string | null> {
  const { rows } = await tx.query<{ author_type: string; author_id: string | null }>(
    "select author_type, author_id from public.messages where id = $1",
    [messageId],
  );
  const message = rows[0];
  const userId =
    message?.author_type === "user"
      ? message.author_id
      : message?.author_type === "agent"
        ? await approverOfSentDraft(tx, messageId)
        : null;
  return userId ?? null;
}

export async function senderSignature(tx: Tx, messageId: string, sender?: string | null): Promise<string> {
  const userId = sender === undefined ? await replySender(tx, messageId) : sender;
  return userId ? emailSignature(tx, userId) : "";
}
