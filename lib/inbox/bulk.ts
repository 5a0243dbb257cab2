import "server-only";
import { handBackToAi, takeOver } from "@/lib/approvals/takeover";
import type { Tx } from "@/lib/db";
import { fromDatabaseError, HttpError } from "@/lib/http/errors";
import type { Actor } from "@/lib/leads/types";
import { auditConversationChange } from "./conversation-audit";
import { updateConversation } from "./mutations";
import type { BulkConversationAction } from "./schema";
import { addConversationTags, removeConversationTags, requireTags } from "./tags";

type UserActor = Extract<Actor, { type: "user" }>;

export type BulkResult = {
  /** The conversations the action went through for (every one asked for). */
  conversationIds: string[];
  /** Returned to the AI while the lead waits: draft for these after commit (draftAfterReturn). */
  awaitingDrafts: { conversationId: string; inboundMessageId: string }[];
};

/**
 * One action on many conversations, all-or-nothing inside the caller's transaction: every
 * conversation goes through the same function its single-thread button calls
 * (updateConversation, takeOver, handBackToAi, the tag writers), so RLS, the assignment guard
 * and the agent guard decide exactly as they do for one thread. The first refusal aborts the
 * whole action as a problem naming that conversation's lead (`errors["conversationIds.<i>"]`
 * says why); each conversation changed gets one audit entry (`conversation.bulk_<action>`).
 */
export async function applyBulkAction(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  input: BulkConversationAction,
): Promise<BulkResult> {
  const ids = input.conversationIds;
  // Locked in id order, so two bulk actions on overlapping selections wait rather than deadlock.
  const { rows: found } = await tx.query<{ id: string; lead: string }>(
    `select c.id, l.name as lead from public.conversations c join public.leads l on l.id = c.lead_id
      where c.org_id = $1 and c.id = any($2::uuid[]) order by c.id for update of c`,
    [orgId, ids],
  );
  const leads = new Map(found.map((row) => [row.id, row.lead]));
  const missing = ids.findIndex((id) => !leads.has(id));
  if (missing >= 0)
    throw new HttpError(
      404,
      "Not found",
      { key: "bulkConversationMissing", values: { count: ids.length - leads.size } },
      {
        code: "bulk_refused",
        errors: Object.fromEntries(
          ids.flatMap((id, index) => (leads.has(id) ? [] : [[`conversationIds.${index}`, ["conversationNotFound"]]])),
        ),
      },
    );
  if (input.action === "add_tags" || input.action === "remove_tags") await requireTags(tx, orgId, input.tagIds);

  const awaitingDrafts: BulkResult["awaitingDrafts"] = [];
  for (const [index, id] of ids.entries()) {
    let metadata: Record<string, unknown>;
    try {
      metadata = await applyOne(tx, actor, orgId, id, input, awaitingDrafts);
    } catch (error) {
      throw refusal(error, leads.get(id)!, index);
    }
    await auditConversationChange(tx, {
      orgId,
      actorId: actor.id,
      conversationId: id,
      action: `bulk_${input.action}`,
      metadata: { ...metadata, selected: ids.length },
    });
  }
  return { conversationIds: ids, awaitingDrafts };
}

/** What changed on one conversation, for its audit entry. */
async function applyOne(
  tx: Tx,
  actor: UserActor,
  orgId: string,
  id: string,
  input: BulkConversationAction,
  awaitingDrafts: BulkResult["awaitingDrafts"],
): Promise<Record<string, unknown>> {
  switch (input.action) {
    case "assign":
      await updateConversation(tx, orgId, id, { assigneeId: input.assigneeId });
      return { assigneeId: input.assigneeId };
    case "status":
      await updateConversation(tx, orgId, id, { status: input.status });
      return { status: input.status };
    case "agent":
      await updateConversation(tx, orgId, id, { agentId: input.agentId });
      return { agentId: input.agentId };
    case "add_tags":
      return { tagIds: await addConversationTags(tx, actor.id, orgId, id, input.tagIds) };
    case "remove_tags":
      return { tagIds: await removeConversationTags(tx, orgId, id, input.tagIds) };
    case "take_over":
      await takeOver(tx, actor, orgId, id);
      return { mode: "human" };
    case "return_to_ai": {
      const waiting = await handBackToAi(tx, orgId, id);
      if (waiting) awaitingDrafts.push({ conversationId: id, inboundMessageId: waiting });
      return { mode: "ai" };
    }
  }
}

/** A refusal for one conversation, as the refusal of the whole action naming its lead. */
function refusal(error: unknown, lead: string, index: number): unknown {
  const cause = error instanceof HttpError ? error : fromDatabaseError(error);
  if (!cause) return error;
  return new HttpError(
    cause.status,
    cause.title,
    { key: "bulkConversationRefused", values: { lead } },
    { code: "bulk_refused", errors: { [`conversationIds.${index}`]: [cause.detailKey ?? "forbidden"] } },
  );
}
