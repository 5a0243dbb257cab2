"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { useKeysetList } from "@/lib/client/keyset";
import type { NotificationSettings } from "@/lib/notifications/settings";
import { notificationKeys } from "./keys";
import type { ListResponse, NotificationItem } from "./types";

/** GET/PUT /api/v1/notification-settings: the user's settings, whether they were ever saved, and whether push works here. */
export type NotificationSettingsResponse = {
  settings: NotificationSettings;
  saved: boolean;
  push: { available: boolean };
};

/** The user's notification settings (Settings → Notifications edits them; Settings → Preferences shows the Calendly part). */
export function useNotificationSettings() {
  return useQuery({
    queryKey: notificationKeys.settings(),
    queryFn: () => api<NotificationSettingsResponse>("/api/v1/notification-settings"),
  });
}

/** The bell's count; live events ("notifications") invalidate it. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: () => api<{ unread: number }>("/api/v1/notifications/unread-count"),
    staleTime: 30_000,
  });
}

export function useLatest(enabled: boolean, limit = 10) {
  return useQuery({
    queryKey: notificationKeys.latest(limit),
    queryFn: () => api<ListResponse>(`/api/v1/notifications?limit=${limit}`),
    enabled,
    staleTime: 10_000,
  });
}

/** The notification center's list for one filter, keyset "load more". */
export function useNotificationPages(category: string | null, unreadOnly: boolean) {
  return useKeysetList({
    queryKey: notificationKeys.page({ category, unreadOnly }),
    fetchPage: (cursor) => {
      const search = new URLSearchParams({ limit: "20" });
      if (category) search.set("category", category);
      if (unreadOnly) search.set("unread", "true");
      if (cursor) search.set("cursor", cursor);
      return api<ListResponse>(`/api/v1/notifications?${search}`);
    },
    nextCursor: (page) => page.nextCursor,
    items: (page) => page.notifications,
  });
}

/** A read changes the bell's count, its dropdown and the full list. */
function useRefreshFeed() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: notificationKeys.feed() });
}

export function useMarkRead() {
  const refresh = useRefreshFeed();
  return useMutation({
    mutationFn: (item: NotificationItem) => api(`/api/v1/notifications/${item.id}/read`, { method: "POST" }),
    onSettled: refresh,
  });
}

export function useMarkAllRead() {
  const refresh = useRefreshFeed();
  return useMutation({
    mutationFn: (category?: string) =>
      api<{ updated: number }>("/api/v1/notifications/read-all", {
        method: "POST",
        body: category ? { category } : {},
      }),
    onSettled: refresh,
  });
}
