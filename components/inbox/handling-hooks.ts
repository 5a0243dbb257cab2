"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Jsonified } from "@/components/leads/types";
import { api } from "@/lib/client/api";
import type { ConversationMetrics } from "@/lib/inbox/metrics";
import type { ResponseTimeSettings, ResponseTimeSettingsInput } from "@/lib/inbox/sla-settings";
import type { TagWithUsage } from "@/lib/inbox/tags";
import type { BulkConversationAction } from "@/lib/inbox/schema";
import type { TagColor } from "@/lib/inbox/tag-palette";
import { inboxKeys } from "./keys";

/** Conversation handling's cache entries, under the inbox's prefix so inbox-wide refreshes reach them. */
export const handlingKeys = {
  tags: () => [...inboxKeys.all, "tags"] as const,
  metrics: (id: string) => [...inboxKeys.all, "metrics", id] as const,
  responseTimes: () => [...inboxKeys.all, "response-times"] as const,
};

export function useConversationTags(initial?: TagWithUsage[]) {
  return useQuery({
    queryKey: handlingKeys.tags(),
    queryFn: async () => (await api<{ tags: TagWithUsage[] }>("/api/v1/conversation-tags")).tags,
    initialData: initial,
    staleTime: 60_000,
  });
}

/** Create, rename/recolour or delete a tag; the lists refetch so their chips follow. */
export function useSaveTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; name: string; color: TagColor } | { id: string; delete: true }) =>
      "delete" in input
        ? api(`/api/v1/conversation-tags/${input.id}`, { method: "DELETE" })
        : input.id
          ? api(`/api/v1/conversation-tags/${input.id}`, {
              method: "PATCH",
              body: { name: input.name, color: input.color },
            })
          : api("/api/v1/conversation-tags", { body: { name: input.name, color: input.color } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

/** One action on many conversations (all or nothing); every inbox view refetches after it. */
export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: BulkConversationAction) =>
      api<{ conversationIds: string[] }>("/api/v1/conversations/bulk", { body: action }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

export function useConversationMetrics(id: string) {
  return useQuery({
    queryKey: handlingKeys.metrics(id),
    queryFn: async () =>
      (await api<{ metrics: Jsonified<ConversationMetrics> }>(`/api/v1/conversations/${id}/metrics`)).metrics,
    staleTime: 30_000,
  });
}

export function useSaveResponseTimes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ResponseTimeSettingsInput) =>
      api<{ settings: ResponseTimeSettings }>("/api/v1/settings/response-times", { method: "PUT", body: input }),
    onSuccess: (data) => queryClient.setQueryData(handlingKeys.responseTimes(), data.settings),
  });
}
