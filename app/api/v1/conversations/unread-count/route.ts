import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { countUnreadConversations } from "@/lib/inbox/queries";

/** Unread threads the user can see: the inbox badge in the sidebar. */
export const GET = route({}, async ({ session }) => {
  const org = requireOrg(session);
  return { count: await withRls(session.claims, (tx) => countUnreadConversations(tx, org.orgId)) };
});
