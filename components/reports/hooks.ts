"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { ReportRun, ReportSubscription, SubscriptionPatch } from "@/lib/reports/schema";

/** React Query keys for Settings → Reports. */
export const reportKeys = {
  all: ["reports"] as const,
  subscriptions: () => [...reportKeys.all, "subscriptions"] as const,
  runs: () => [...reportKeys.all, "runs"] as const,
};

export function useSubscriptions(initialData: ReportSubscription[]) {
  return useQuery({
    queryKey: reportKeys.subscriptions(),
    queryFn: async () =>
      (await api<{ subscriptions: ReportSubscription[] }>("/api/v1/reports/subscriptions")).subscriptions,
    initialData,
  });
}

/** The history; while a report is on its way it looks again every few seconds. */
export function useRuns(initialData: ReportRun[], waiting: boolean) {
  return useQuery({
    queryKey: reportKeys.runs(),
    queryFn: async () => (await api<{ runs: ReportRun[] }>("/api/v1/reports/runs")).runs,
    initialData,
    refetchInterval: (query) => (waiting || query.state.data?.some((run) => run.status === "sending") ? 3_000 : false),
  });
}

export function useRefreshReports() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: reportKeys.all });
}

export function useUpdateSubscription() {
  const refresh = useRefreshReports();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: SubscriptionPatch }) =>
      api(`/api/v1/reports/subscriptions/${id}`, { method: "PATCH", body: patch }),
    onSuccess: refresh,
  });
}

export function useDeleteSubscription() {
  const refresh = useRefreshReports();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/reports/subscriptions/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
}

export function useSendNow() {
  const refresh = useRefreshReports();
  return useMutation({
    mutationFn: (id: string) => api<{ runId: string }>(`/api/v1/reports/subscriptions/${id}/send`, { method: "POST" }),
    onSuccess: refresh,
  });
}

export const subscriptionsPath = "/api/v1/reports/subscriptions";
