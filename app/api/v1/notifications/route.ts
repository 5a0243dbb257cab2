import { withRls } from "@/lib/db";
import { requireOrg, route } from "@/lib/http/route";
import { listNotifications, listNotificationsQuerySchema, unreadCount } from "@/lib/notifications/queries";

/** The notification center: the user's own notifications, newest first, keyset-paged, with the unread count. */
export const GET = route({ query: listNotificationsQuerySchema }, async ({ session, query }) => {
  const org = requireOrg(session);
  return withRls(session.claims, async (tx) => {
    const page = await listNotifications(tx, org.orgId, session.user.id, query);
    return { ...page, unread: await unreadCount(tx, org.orgId, session.user.id) };
  });
});
