import { z } from "zod";
import { notFound } from "@/lib/http/errors";
import { route, uuidParam } from "@/lib/http/route";
import { sendSoon } from "@/lib/inbox/queue";
import { attachUploads } from "@/lib/inbox/attachments";
import { queueReply } from "@/lib/inbox/mutations";
import { getConversation, getMessage, listMessages } from "@/lib/inbox/queries";
import { listMessagesQuerySchema, sendMessageSchema } from "@/lib/inbox/schema";
import { userActor } from "@/lib/leads/actor";

const params = z.object({ id: uuidParam });

export const GET = route(
  { scope: "messages:read", org: true, params, query: listMessagesQuerySchema },
  async ({ org, params, query, rls }) => {
    return rls(async (tx) => {
      if (!(await getConversation(tx, org.orgId, params.id))) throw notFound("conversationNotFound");
      return listMessages(tx, org.orgId, params.id, query);
    });
  },
);

/** A reply: stored as queued, sent right after the response; the thread shows its status live. */
export const POST = route(
  { scope: "messages:write", org: true, params, body: sendMessageSchema },
  async ({ org, session, params, body, rls }) => {
    const message = await rls(async (tx) => {
      const id = await queueReply(tx, userActor(session), org.orgId, params.id, body.body);
      await attachUploads(tx, { orgId: org.orgId, conversationId: params.id, messageId: id, ...body });
      return getMessage(tx, org.orgId, id);
    });
    sendSoon({ id: message!.id, orgId: org.orgId });
    return Response.json({ message }, { status: 201 });
  },
);
