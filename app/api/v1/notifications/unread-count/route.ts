import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { unreadCount } from "@/lib/notifications/queries";

/** The bell's badge. */
export const GET = route({}, async ({ session }) => {
  const org = requireOrg(session);
  return { unread: await withRls(session.claims, (tx) => unreadCount(tx, org.orgId, session.user.id)) };
});
