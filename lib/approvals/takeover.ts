import "server-only";
import { withRls, type Claims, type Tx } from "@/lib/db";
import { conflict, notFound } from "@/lib/http/errors";
import { auditConversationChange } from "@/lib/inbox/conversation-audit";
import { handConversationToAi, handConversationToPerson } from "@/lib/inbox/mutations";
import type { Actor } from "@/lib/leads/types";
import { aiProvider } from "@/lib/ai";
import type { AiProvider, DraftOutcome } from "@/lib/ai/types";
import { callProvider, loadDraftContext } from "./draft";
import { decisionReason } from "./notes";
import { draftSoon } from "./queue";
import { supersedePendingDrafts } from "./supersede";

type UserActor = Extract<Actor, { type: "user" }>;

/**
 * "Take over": a person answers from now on. The AI drafts nothing more for the thread
 * and its pending draft is retired; an unassigned thread becomes the person's.
 */
export async function takeOver(tx: Tx, actor: UserActor, orgId: string, conversationId: string): Promise<void> {
  await handConversationToPerson(tx, orgId, conversationId, actor.id);
  await supersedePendingDrafts(tx, orgId, conversationId, decisionReason("taken_over", { name: actor.name }));
}

/**
 * "Return to AI": the agent answers again. When the lead spoke last, a draft for their
 * latest message is made right away rather than waiting for the next one.
 */
export async function returnToAi(
  claims: Claims,
  actorId: string,
  orgId: string,
  conversationId: string,
): Promise<void> {
  const waiting = await withRls(claims, async (tx) => {
    const message = await handBackToAi(tx, orgId, conversationId);
    await auditConversationChange(tx, {
      orgId,
      actorId,
      conversationId,
      action: "return_to_ai",
      metadata: { mode: "ai" },
    });
    return message;
  });
  if (waiting) draftAfterReturn(orgId, conversationId, waiting);
}

/**
 * Return to AI inside the caller's transaction (one thread, or many in a bulk action).
 * Returns the lead's latest message when the lead spoke last: the caller drafts for it after
 * commit (draftAfterReturn).
 */
export async function handBackToAi(tx: Tx, orgId: string, conversationId: string): Promise<string | null> {
  const { lastMessageDirection } = await handConversationToAi(tx, orgId, conversationId);
  if (lastMessageDirection !== "inbound") return null;
  const { rows: inbound } = await tx.query<{ id: string }>(
    `select id from public.messages where conversation_id = $1 and direction = 'inbound' and author_type = 'lead'
      order by created_at desc, id desc limit 1`,
    [conversationId],
  );
  return inbound[0]?.id ?? null;
}

/** After commit: the agent drafts an answer to the message the lead is waiting on. */
export function draftAfterReturn(orgId: string, conversationId: string, inboundMessageId: string): void {
  draftSoon({ orgId, conversationId, inboundMessageId });
}

/**
 * "Suggest a reply": a draft on demand in any mode, from the conversation's agent, shown to
 * the person and stored nowhere.
 */
export async function suggestReply(
  claims: Claims,
  orgId: string,
  conversationId: string,
  provider?: AiProvider,
): Promise<DraftOutcome> {
  const context = await withRls(claims, (tx) => loadDraftContext(tx, orgId, conversationId));
  if (!context) throw notFound("conversationNotFound");
  if (!context.request) throw conflict("noActiveAgent");
  if (!context.request.history.some((turn) => turn.direction === "inbound")) throw conflict("leadHasNotWritten");
  return callProvider(provider ?? aiProvider(), context.request);
}
