import { z } from "zod";
import { withRls } from "@/lib/db";
import { notFound } from "@/lib/http/errors";
import { requireOrg, route, uuidParam } from "@/lib/http/route";
import { sendSoon } from "@/lib/inbox/queue";
import { queueReply } from "@/lib/inbox/mutations";
import { getConversation, getMessage, listMessages } from "@/lib/inbox/queries";
import { listMessagesQuerySchema, sendMessageSchema } from "@/lib/inbox/schema";
import { userActor } from "@/lib/leads/actor";

const params = z.object({ id: uuidParam });

export const GET = route({ params, query: listMessagesQuerySchema }, async ({ session, params, query }) => {
  const org = requireOrg(session);
  return withRls(session.claims, async (tx) => {
    if (!(await getConversation(tx, org.orgId, params.id))) throw notFound("Conversation not found.");
    return listMessages(tx, org.orgId, params.id, query);
  });
});

/** A reply: stored as queued, sent right after the response; the thread shows its status live. */
export const POST = route({ params, body: sendMessageSchema }, async ({ session, params, body }) => {
  const org = requireOrg(session);
  const message = await withRls(session.claims, async (tx) => {
    const id = await queueReply(tx, userActor(session), org.orgId, params.id, body.body);
    return getMessage(tx, org.orgId, id);
  });
  sendSoon({ id: message!.id, orgId: org.orgId });
  return Response.json({ message }, { status: 201 });
});
