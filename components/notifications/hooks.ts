"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { ListResponse, NotificationItem } from "./types";

/** The bell's count; live events ("notifications") invalidate it. */
export function useUnreadCount() {
  return useQuery({
    queryKey: ["notifications-unread"],
    queryFn: () => api<{ unread: number }>("/api/v1/notifications/unread-count"),
    staleTime: 30_000,
  });
}

export function useLatest(enabled: boolean, limit = 10) {
  return useQuery({
    queryKey: ["notifications", "latest", limit],
    queryFn: () => api<ListResponse>(`/api/v1/notifications?limit=${limit}`),
    enabled,
    staleTime: 10_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (item: NotificationItem) => api(`/api/v1/notifications/${item.id}/read`, { method: "POST" }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["notifications"] });
      void queryClient.invalidateQueries({ queryKey: ["notifications-unread"] });
    },
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (category?: string) => api<{ updated: number }>("/api/v1/notifications/read-all", { method: "POST", body: category ? { category } : {} }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["notifications"] });
      void queryClient.invalidateQueries({ queryKey: ["notifications-unread"] });
    },
  });
}
