import { route } from "@/lib/http/route";
import { startConversation, startEmailConversation } from "@/lib/inbox/mutations";
import { getConversation, getMessage, listConversations } from "@/lib/inbox/queries";
import { sendSoon } from "@/lib/inbox/queue";
import { listConversationsQuerySchema, startConversationSchema } from "@/lib/inbox/schema";
import { userActor } from "@/lib/leads/actor";

/** The inbox list: filters and keyset cursor in the query string. */
export const GET = route(
  { scope: "conversations:read", org: true, query: listConversationsQuerySchema },
  async ({ org, query, rls, user }) => rls((tx) => listConversations(tx, org.orgId, user.id, query)),
);

/**
 * Opens (or finds) a thread with a lead, e.g. to send a first SMS from the lead page; an email
 * thread starts with its first email, sent right after the response like any reply.
 */
export const POST = route(
  { scope: "conversations:write", org: true, body: startConversationSchema },
  async ({ org, session, body, rls }) => {
    if (body.medium === "email") {
      const started = await rls(async (tx) => {
        const { conversationId, messageId } = await startEmailConversation(tx, userActor(session), org.orgId, body);
        return {
          conversation: await getConversation(tx, org.orgId, conversationId),
          message: await getMessage(tx, org.orgId, messageId),
        };
      });
      sendSoon({ id: started.message!.id, orgId: org.orgId });
      return Response.json(started, { status: 201 });
    }
    const conversation = await rls(async (tx) => {
      const id = await startConversation(tx, userActor(session), org.orgId, body);
      return getConversation(tx, org.orgId, id);
    });
    return Response.json({ conversation }, { status: 201 });
  },
);
