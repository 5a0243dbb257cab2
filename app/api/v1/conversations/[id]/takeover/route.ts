import { z } from "zod";
import { takeOver } from "@/lib/approvals/takeover";
import { route, uuidParam } from "@/lib/http/route";
import { auditConversationChange } from "@/lib/inbox/conversation-audit";
import { getConversation } from "@/lib/inbox/queries";
import { userActor } from "@/lib/leads/actor";

/** A person answers from now on: the AI stops drafting and its pending draft is retired. */
export const POST = route(
  { scope: "conversations:write", org: true, params: z.object({ id: uuidParam }) },
  async ({ org, session, params, rls }) => {
    const conversation = await rls(async (tx) => {
      const actor = userActor(session);
      await takeOver(tx, actor, org.orgId, params.id);
      await auditConversationChange(tx, {
        orgId: org.orgId,
        actorId: actor.id,
        conversationId: params.id,
        action: "take_over",
        metadata: { mode: "human" },
      });
      return getConversation(tx, org.orgId, params.id);
    });
    return { conversation };
  },
);
