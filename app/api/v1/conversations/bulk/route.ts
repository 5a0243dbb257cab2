import { draftAfterReturn } from "@/lib/approvals/takeover";
import { route } from "@/lib/http/route";
import { applyBulkAction } from "@/lib/inbox/bulk";
import { bulkConversationActionSchema } from "@/lib/inbox/schema";
import { userActor } from "@/lib/leads/actor";

/** One action on many conversations, in one transaction: all of them change, or none (the problem names which). */
export const POST = route(
  { scope: "conversations:write", org: true, body: bulkConversationActionSchema },
  async ({ org, session, body, rls }) => {
    const result = await rls((tx) => applyBulkAction(tx, userActor(session), org.orgId, body));
    for (const waiting of result.awaitingDrafts)
      draftAfterReturn(org.orgId, waiting.conversationId, waiting.inboundMessageId);
    return { action: body.action, conversationIds: result.conversationIds };
  },
);
