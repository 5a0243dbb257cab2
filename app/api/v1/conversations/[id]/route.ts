import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { auditConversationChange } from "@/lib/inbox/conversation-audit";
import { updateConversation } from "@/lib/inbox/mutations";
import { getConversation } from "@/lib/inbox/queries";
import { updateConversationSchema } from "@/lib/inbox/schema";

const params = z.object({ id: uuidParam });

export const GET = route({ scope: "conversations:read", org: true, params }, async ({ org, params, rls }) => {
  const conversation = await rls((tx) => getConversation(tx, org.orgId, params.id));
  if (!conversation) throw notFound("conversationNotFound");
  return { conversation };
});

/** Status (open / pending / closed), assignee, AI or human mode, the answering agent (null: the default). */
export const PATCH = route(
  { scope: "conversations:write", org: true, params, body: updateConversationSchema },
  async ({ org, session, params, body, rls }) => {
    const conversation = await rls(async (tx) => {
      await updateConversation(tx, org.orgId, params.id, body);
      await auditConversationChange(tx, {
        orgId: org.orgId,
        actorId: session.user.id,
        conversationId: params.id,
        action: "updated",
        metadata: body,
      });
      return getConversation(tx, org.orgId, params.id);
    });
    return { conversation };
  },
);
