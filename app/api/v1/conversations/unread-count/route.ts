import { route } from "@/lib/http/route";
import { countUnreadConversations } from "@/lib/inbox/queries";

/** Unread threads the user can see: the inbox badge in the sidebar. */
export const GET = route({ scope: "conversations:read", org: true }, async ({ org, rls }) => ({
  count: await rls((tx) => countUnreadConversations(tx, org.orgId)),
}));
