"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/lib/client/api";
import type { PartialAnalytics, WidgetName } from "@/lib/analytics/types";
import type { DashboardSettings, DashboardSettingsInput } from "@/lib/dashboard/schema";
import { dashboardKeys } from "./keys";

const settingsUrl = (projectId: string | null) =>
  `/api/v1/dashboard-settings${projectId ? `?project=${encodeURIComponent(projectId)}` : ""}`;

/**
 * The user's dashboard settings for a scope. The server render hands over the first scope's;
 * switching project keeps the previous layout on screen until the new one has arrived.
 */
export function useDashboardSettings(projectId: string | null, initial?: DashboardSettings) {
  return useQuery({
    queryKey: dashboardKeys.settings(projectId),
    queryFn: () => api<DashboardSettings>(settingsUrl(projectId)),
    initialData: initial && initial.projectId === projectId ? initial : undefined,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/**
 * One widget's numbers for a view (`query`: the canonical analytics query string without
 * `widget`). `refetchSeconds` 0 is off; React Query skips the interval while the tab is hidden.
 */
export function useWidgetData(
  name: WidgetName,
  query: string,
  options: { initial?: PartialAnalytics; refetchSeconds: number; enabled: boolean },
) {
  const search = new URLSearchParams(query);
  search.set("widget", name);
  return useQuery({
    queryKey: dashboardKeys.widgetView(name, query),
    queryFn: () => api<PartialAnalytics>(`/api/v1/analytics?${search}`),
    initialData: options.initial?.[name] ? options.initial : undefined,
    // The server's numbers count as fresh for a little while: no refetch right after the first paint.
    initialDataUpdatedAt: options.initial ? Date.parse(options.initial.generatedAt) : undefined,
    staleTime: 15_000,
    enabled: options.enabled,
    refetchInterval: options.refetchSeconds > 0 ? options.refetchSeconds * 1000 : false,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

export type SaveState = "idle" | "saving" | "saved" | "error";

/** How long changes wait for more before they are saved: a drag, a resize and a hide become one PUT. */
const SAVE_DELAY_MS = 600;

type Pending = { projectId: string | null; input: DashboardSettingsInput };

const merge = (a: DashboardSettingsInput, b: DashboardSettingsInput): DashboardSettingsInput => ({
  ...a,
  ...b,
  ...(a.visibility || b.visibility ? { visibility: { ...a.visibility, ...b.visibility } } : {}),
  ...(a.preferences || b.preferences ? { preferences: { ...a.preferences, ...b.preferences } } : {}),
});

/**
 * Changes to the settings: shown at once (the cache is updated optimistically), saved with one
 * debounced PUT per burst, flushed when the scope changes or the page is left. A failed save
 * keeps what the user arranged on screen and says so, with a retry.
 */
export function useSaveDashboardSettings(projectId: string | null) {
  const queryClient = useQueryClient();
  const pending = useRef<Pending | null>(null);
  const failed = useRef<Pending | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const [state, setState] = useState<SaveState>("idle");

  const mutation = useMutation({
    mutationFn: ({ projectId: scope, input }: Pending) =>
      api<DashboardSettings>(settingsUrl(scope), { method: "PUT", body: input }),
    onMutate: () => setState("saving"),
    onSuccess: (saved, variables) => {
      failed.current = null;
      // A newer change may already be on screen: only a quiet cache takes the server's answer.
      if (!pending.current) queryClient.setQueryData(dashboardKeys.settings(variables.projectId), saved);
      setState(pending.current ? "saving" : "saved");
    },
    onError: (_error, variables) => {
      failed.current = failed.current
        ? { ...variables, input: merge(failed.current.input, variables.input) }
        : variables;
      setState("error");
    },
  });
  const { mutate } = mutation;

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const next = pending.current;
    pending.current = null;
    if (next) mutate(next);
  }, [mutate]);

  const save = useCallback(
    (input: DashboardSettingsInput) => {
      queryClient.setQueryData<DashboardSettings>(dashboardKeys.settings(projectId), (current) =>
        current
          ? {
              ...current,
              layout: input.layout ?? current.layout,
              visibility: { ...current.visibility, ...input.visibility },
              preferences: { ...current.preferences, ...input.preferences },
            }
          : current,
      );
      if (pending.current && pending.current.projectId !== projectId) flush();
      pending.current = { projectId, input: merge(pending.current?.input ?? {}, input) };
      setState("saving");
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush, projectId, queryClient],
  );

  const retry = useCallback(() => {
    const again = failed.current;
    failed.current = null;
    if (again) mutate(again);
  }, [mutate]);

  // Leaving the scope or the page saves what is waiting; `keepalive` lets it outlive the page.
  useEffect(() => {
    const leave = () => {
      const next = pending.current;
      if (!next) return;
      pending.current = null;
      window.clearTimeout(timer.current);
      void fetch(settingsUrl(next.projectId), {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(next.input),
        credentials: "same-origin",
        keepalive: true,
      });
    };
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      flush();
    };
  }, [flush, projectId]);

  return { save, state, retry };
}

/** Forgets the scope's own arrangement; the answer (what the scope shows now) replaces the cache. */
export function useResetDashboardSettings(projectId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<DashboardSettings>(settingsUrl(projectId), { method: "DELETE" }),
    onSuccess: (settings) => queryClient.setQueryData(dashboardKeys.settings(projectId), settings),
  });
}
