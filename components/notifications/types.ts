import type { NotificationItem, NotificationPage } from "@/lib/notifications/queries";

export type { NotificationItem, NotificationPage };
export type ListResponse = NotificationPage & { unread: number };
