/**
 * The React Query keys for notifications. `feed()` is what a new or read notification changes:
 * the bell's count, its dropdown and the full list; the settings live apart from it.
 */
export const notificationKeys = {
  all: ["notifications"] as const,
  feed: () => [...notificationKeys.all, "feed"] as const,
  unreadCount: () => [...notificationKeys.feed(), "unread-count"] as const,
  latest: (limit: number) => [...notificationKeys.feed(), "latest", limit] as const,
  page: (filters: { category: string | null; unreadOnly: boolean }) =>
    [...notificationKeys.feed(), "page", filters] as const,
  settings: () => [...notificationKeys.all, "settings"] as const,
};
