"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { useKeysetList } from "@/lib/client/keyset";
import type { SavedView, SavedViewDefinition } from "@/lib/saved-views/schema";
import type { HeatLevel } from "@/lib/scoring";
import { leadKeys } from "./keys";
import type { EventsPage, LeadData, LeadPageData } from "./types";

/** One view of the leads page (its canonical query string); the server's first page seeds it. */
export function useLeadList(key: string, initial: { key: string; page: LeadPageData | null }) {
  return useQuery({
    queryKey: leadKeys.list(key),
    queryFn: () => api<LeadPageData>(`/api/v1/leads${key ? `?${key}` : ""}`),
    initialData: key === initial.key && initial.page ? initial.page : undefined,
    placeholderData: keepPreviousData,
  });
}

/** Leads by heat level (the counters above the list). */
export function useLeadCounts(initial: Record<HeatLevel, number>) {
  return useQuery({
    queryKey: leadKeys.counts(),
    queryFn: async () => (await api<{ byHeat: Record<HeatLevel, number> }>("/api/v1/leads/counts")).byHeat,
    initialData: initial,
  });
}

/** After leads were created, changed or restored: every list and the heat counters re-read. */
export function useRefreshLeadLists() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: leadKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: leadKeys.counts() }),
    ]);
}

/** One lead; the page's server render seeds it. A mutation's returned lead replaces it through `useSettleLead`. */
export function useLead(initial: LeadData) {
  return useQuery({
    queryKey: leadKeys.detail(initial.id),
    queryFn: async () => (await api<{ lead: LeadData }>(`/api/v1/leads/${initial.id}`)).lead,
    initialData: initial,
    enabled: !initial.deletedAt,
  });
}

/** A changed lead replaces the cached one; its timeline, the lists and the counters reload. */
export function useSettleLead(id: string) {
  const queryClient = useQueryClient();
  const refreshLists = useRefreshLeadLists();
  return async (next: LeadData | null | undefined) => {
    if (next) queryClient.setQueryData(leadKeys.detail(id), next);
    await Promise.all([queryClient.invalidateQueries({ queryKey: leadKeys.timeline(id) }), refreshLists()]);
  };
}

/** Something outside the lead page changed the lead (a meeting booked or held): its page and timeline re-read. */
export function useRefreshLead() {
  const queryClient = useQueryClient();
  return (id: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: leadKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: leadKeys.timeline(id) }),
    ]);
}

/** The lead's timeline, newest first, keyset "load more". */
export function useLeadTimeline(leadId: string, initial: EventsPage, pageSize: number) {
  return useKeysetList({
    queryKey: leadKeys.timeline(leadId),
    fetchPage: (cursor) =>
      api<EventsPage>(
        `/api/v1/leads/${leadId}/events?limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      ),
    nextCursor: (page) => page.nextCursor,
    items: (page) => page.events,
    initialPage: initial,
  });
}

/** Bulk changes (owner, status, project, tags) to the ticked leads, then every list re-reads. */
export function useBulkUpdateLeads({
  onMutate,
  onSuccess,
  onError,
}: {
  onMutate: () => void;
  onSuccess: (updated: number) => void;
  onError: (error: Error) => void;
}) {
  const refresh = useRefreshLeadLists();
  return useMutation({
    mutationFn: ({ ids, changes }: { ids: string[]; changes: Record<string, unknown> }) =>
      api<{ updated: number }>("/api/v1/leads/bulk", { body: { ids, changes } }),
    onMutate,
    onSuccess: async (result) => {
      onSuccess(result.updated);
      await refresh();
    },
    onError,
  });
}

export function useRestoreLead({
  onMutate,
  onSuccess,
  onError,
}: {
  onMutate: () => void;
  onSuccess: () => void;
  onError: (error: Error) => void;
}) {
  const refresh = useRefreshLeadLists();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/leads/${id}/restore`, { method: "POST" }),
    onMutate,
    onSuccess: async () => {
      onSuccess();
      await refresh();
    },
    onError,
  });
}

/** The user's saved views of the lead list, and creating, renaming, re-saving and deleting them. */
export function useSavedViews() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: leadKeys.savedViews() });
  const views = useQuery({
    queryKey: leadKeys.savedViews(),
    queryFn: async () =>
      (await api<{ views: SavedView[] }>("/api/v1/saved-views")).views.filter((v) => v.kind === "leads"),
  });
  const create = useMutation({
    mutationFn: (input: { name: string; definition: SavedViewDefinition }) =>
      api<{ view: SavedView }>("/api/v1/saved-views", { method: "POST", body: { ...input, kind: "leads" } }),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; name?: string; definition?: SavedViewDefinition }) =>
      api<{ view: SavedView }>(`/api/v1/saved-views/${id}`, { method: "PATCH", body }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/v1/saved-views/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  return { views, create, update, remove };
}
