import { z } from "zod";
import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { updateConversation } from "@/lib/inbox/mutations";
import { getConversation } from "@/lib/inbox/queries";
import { updateConversationSchema } from "@/lib/inbox/schema";

const params = z.object({ id: uuidParam });

export const GET = route({ params }, async ({ session, params }) => {
  const org = requireOrg(session);
  const conversation = await withRls(session.claims, (tx) => getConversation(tx, org.orgId, params.id));
  if (!conversation) throw notFound("Conversation not found.");
  return { conversation };
});

/** Status (open / pending / closed), assignee, AI or human mode, the answering agent (null: the default). */
export const PATCH = route({ params, body: updateConversationSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  const conversation = await withRls(session.claims, async (tx) => {
    await updateConversation(tx, org.orgId, params.id, body);
    return getConversation(tx, org.orgId, params.id);
  });
  return { conversation };
});
