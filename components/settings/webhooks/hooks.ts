"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { WebhookEventType } from "@/lib/webhooks/events";
import type { WebhookDelivery, WebhookEndpoint } from "@/lib/webhooks/schema";
import { settingsKeys } from "../keys";

/** Queries and mutations of Settings → Webhooks (/api/v1/webhook-endpoints). */
export const webhookKeys = {
  endpoints: () => [...settingsKeys.all, "webhooks"] as const,
  deliveries: (endpointId: string) => [...webhookKeys.endpoints(), endpointId, "deliveries"] as const,
};

const BASE = "/api/v1/webhook-endpoints";

export function useWebhookEndpoints(initial: WebhookEndpoint[]) {
  return useQuery({
    queryKey: webhookKeys.endpoints(),
    queryFn: async () => (await api<{ endpoints: WebhookEndpoint[] }>(BASE)).endpoints,
    initialData: initial,
  });
}

type Created = { endpoint: WebhookEndpoint; secret: string };

export function useCreateEndpoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; description?: string; eventTypes: WebhookEventType[] }) =>
      api<Created>(BASE, { body: input }),
    onSettled: () => client.invalidateQueries({ queryKey: webhookKeys.endpoints() }),
  });
}

export function useUpdateEndpoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; enabled?: boolean; eventTypes?: WebhookEventType[] }) =>
      api<{ endpoint: WebhookEndpoint }>(`${BASE}/${id}`, { method: "PATCH", body: patch }),
    onSettled: () => client.invalidateQueries({ queryKey: webhookKeys.endpoints() }),
  });
}

export function useDeleteEndpoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`${BASE}/${id}`, { method: "DELETE" }),
    onSettled: () => client.invalidateQueries({ queryKey: webhookKeys.endpoints() }),
  });
}

export function useRotateSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Created>(`${BASE}/${id}/rotate-secret`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: webhookKeys.endpoints() }),
  });
}

export function useSendTest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ deliveryId: string }>(`${BASE}/${id}/test`, { method: "POST" }),
    onSettled: (_data, _error, id) => client.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  });
}

export function useResend(endpointId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => api(`${BASE}/deliveries/${deliveryId}/resend`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: webhookKeys.deliveries(endpointId) }),
  });
}

type Page = { deliveries: WebhookDelivery[]; nextCursor: string | null };

/** The delivery log; refreshes every few seconds while an attempt is pending. */
export function useDeliveries(endpointId: string) {
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveries(endpointId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<Page>(`${BASE}/${endpointId}/deliveries${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`),
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.deliveries.some((d) => d.status === "pending")) ? 3000 : false,
  });
}
