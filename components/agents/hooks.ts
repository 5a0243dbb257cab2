"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { agentKeys } from "./keys";
import type { AgentsOverviewData, TemplateData } from "./types";

/** GET /api/v1/agents: one cache entry for the agents page, the approvals filter and the inbox's agent picker. */
export function useAgentsOverview({ staleTime }: { staleTime?: number } = {}) {
  return useQuery({
    queryKey: agentKeys.overview(),
    queryFn: () => api<AgentsOverviewData>("/api/v1/agents"),
    ...(staleTime === undefined ? {} : { staleTime }),
  });
}

export function useAgentTemplates() {
  return useQuery({
    queryKey: agentKeys.templates(),
    queryFn: () => api<{ templates: TemplateData[] }>("/api/v1/agents/templates"),
    staleTime: Infinity,
  });
}

/** Agents' numbers (drafts, approvals, feedback) change with every decision about their drafts. */
export function useRefreshAgents() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: agentKeys.overview() });
}
