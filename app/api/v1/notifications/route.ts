import { route } from "@/lib/http/route";
import { listNotifications, listNotificationsQuerySchema, unreadCount } from "@/lib/notifications/queries";

/** The notification center: the user's own notifications, newest first, keyset-paged, with the unread count. */
export const GET = route({ org: true, query: listNotificationsQuerySchema }, async ({ org, query, rls, user }) => {
  return rls(async (tx) => {
    const page = await listNotifications(tx, org.orgId, user.id, query);
    return { ...page, unread: await unreadCount(tx, org.orgId, user.id) };
  });
});
