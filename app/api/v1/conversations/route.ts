import { route } from "@/lib/http/route";
import { startConversation } from "@/lib/inbox/mutations";
import { getConversation, listConversations } from "@/lib/inbox/queries";
import { listConversationsQuerySchema, startConversationSchema } from "@/lib/inbox/schema";
import { userActor } from "@/lib/leads/actor";

/** The inbox list: filters and keyset cursor in the query string. */
export const GET = route({ org: true, query: listConversationsQuerySchema }, async ({ org, query, rls, user }) =>
  rls((tx) => listConversations(tx, org.orgId, user.id, query)),
);

/** Opens (or finds) a thread with a lead, e.g. to send a first SMS from the lead page. */
export const POST = route({ org: true, body: startConversationSchema }, async ({ org, session, body, rls }) => {
  const conversation = await rls(async (tx) => {
    const id = await startConversation(tx, userActor(session), org.orgId, body);
    return getConversation(tx, org.orgId, id);
  });
  return Response.json({ conversation }, { status: 201 });
});
