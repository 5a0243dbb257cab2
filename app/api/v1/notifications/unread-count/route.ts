import { route } from "@/lib/http/route";
import { unreadCount } from "@/lib/notifications/queries";

/** The bell's badge. */
export const GET = route({ org: true }, async ({ org, rls, user }) => ({
  unread: await rls((tx) => unreadCount(tx, org.orgId, user.id)),
}));
