"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRefreshAgents } from "@/components/agents/hooks";
import { inboxKeys } from "@/components/inbox/keys";
import { api, ApiError } from "@/lib/client/api";
import { useKeysetList, type KeysetPages } from "@/lib/client/keyset";
import type { ApprovalSettings } from "@/lib/approvals/settings";
import { approvalKeys } from "./keys";
import { apiQuery, type ApprovalDetail, type ApprovalPage, type ApprovalTask, type BulkResult } from "./types";

/** The queue for one view of the filters, keyset "load more". Live: the "hil_tasks" topic invalidates `approvalKeys.tasks()`. */
export function useApprovalQueue(filters: string) {
  return useKeysetList({
    queryKey: approvalKeys.list(filters),
    fetchPage: (cursor) => api<ApprovalPage>(`/api/v1/approvals?${apiQuery(filters, cursor)}`),
    nextCursor: (page) => page.nextCursor,
    items: (page) => page.tasks,
  });
}

export function useApprovalDetail(id: string | null) {
  return useQuery({
    queryKey: approvalKeys.detail(id),
    queryFn: () => api<ApprovalDetail>(`/api/v1/approvals/${id}`),
    enabled: Boolean(id),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 1,
  });
}

/** The sidebar's badge. */
export function usePendingApprovalsCount(enabled: boolean) {
  return useQuery({
    queryKey: approvalKeys.pendingCount(),
    queryFn: () => api<{ pending: number }>("/api/v1/approvals/count"),
    staleTime: 30_000,
    enabled,
  });
}

/** The queue, the open task and the badge re-read after a decision anywhere. */
export function useRefreshApprovals() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: approvalKeys.tasks() });
}

/** Takes decided tasks out of every cached queue at once (and off the badge); the refetch that follows confirms it. */
function useDropFromQueue() {
  const queryClient = useQueryClient();
  return (ids: string[]) => {
    const gone = new Set(ids);
    queryClient.setQueriesData<KeysetPages<ApprovalPage>>({ queryKey: approvalKeys.lists() }, (data) => {
      if (!data) return data;
      const removed = data.pages.reduce(
        (sum, page) => sum + page.tasks.filter((task) => gone.has(task.id) && task.status === "pending").length,
        0,
      );
      return {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          tasks: page.tasks.filter((task) => !gone.has(task.id)),
          counts: { pending: Math.max(0, page.counts.pending - removed) },
        })),
      };
    });
    queryClient.setQueryData<{ pending: number }>(approvalKeys.pendingCount(), (data) =>
      data ? { pending: Math.max(0, data.pending - ids.length) } : data,
    );
  };
}

type Callbacks<TVariables, TResult> = {
  onMutate?: (variables: TVariables) => void;
  onSuccess?: (result: TResult, variables: TVariables) => void;
  onError?: (error: Error, variables: TVariables) => void;
};

/**
 * Approve (optionally with an edited body), reject with a reason, or approve many. Each drops
 * the decided tasks from the cached queue, then refreshes the queue, the badge and the agents'
 * numbers; the view's callbacks run after that (selection, notices).
 */
export function useApprovalDecisions({
  approve,
  reject,
  bulk,
}: {
  approve: Callbacks<{ task: ApprovalTask; body?: string }, { task: ApprovalTask; messageId: string }>;
  reject: Callbacks<{ task: ApprovalTask; reason: string }, { task: ApprovalTask }>;
  bulk: Callbacks<string[], { results: BulkResult[] }>;
}) {
  const queryClient = useQueryClient();
  const drop = useDropFromQueue();
  const refresh = useRefreshApprovals();
  const refreshAgents = useRefreshAgents();
  const settle = (ids: string[]) => {
    drop(ids);
    refresh();
    void refreshAgents();
  };
  return {
    approve: useMutation({
      mutationFn: ({ task, body }: { task: ApprovalTask; body?: string }) =>
        api<{ task: ApprovalTask; messageId: string }>(`/api/v1/approvals/${task.id}/approve`, {
          body: body === undefined ? {} : { body },
        }),
      onMutate: approve.onMutate,
      onSuccess: (result, variables) => {
        approve.onSuccess?.(result, variables);
        settle([variables.task.id]);
        // The approved reply is now a message in its thread.
        if (variables.task.conversation)
          void queryClient.invalidateQueries({ queryKey: inboxKeys.messages(variables.task.conversation.id) });
      },
      onError: approve.onError,
    }),
    reject: useMutation({
      mutationFn: ({ task, reason }: { task: ApprovalTask; reason: string }) =>
        api<{ task: ApprovalTask }>(`/api/v1/approvals/${task.id}/reject`, { body: { reason } }),
      onMutate: reject.onMutate,
      onSuccess: (result, variables) => {
        reject.onSuccess?.(result, variables);
        settle([variables.task.id]);
      },
      onError: reject.onError,
    }),
    bulk: useMutation({
      mutationFn: (ids: string[]) =>
        api<{ results: BulkResult[] }>("/api/v1/approvals/bulk-approve", { body: { ids } }),
      onMutate: bulk.onMutate,
      onSuccess: (result, ids) => {
        bulk.onSuccess?.(result, ids);
        settle(result.results.map((r) => r.id));
      },
      onError: bulk.onError,
    }),
  };
}

/** A thumbs up/down and comment on a task's draft. */
export function useTaskFeedback(taskId: string, onMutate: () => void, onSuccess: () => void) {
  const queryClient = useQueryClient();
  const refreshAgents = useRefreshAgents();
  return useMutation({
    mutationFn: (body: { rating: "up" | "down"; comment?: string }) =>
      api(`/api/v1/approvals/${taskId}/feedback`, { body }),
    onMutate,
    onSuccess: () => {
      onSuccess();
      void queryClient.invalidateQueries({ queryKey: approvalKeys.detail(taskId) });
      void refreshAgents();
    },
  });
}

/** The organization's approval policy (may reps approve?). */
export function useApprovalSettings() {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: approvalKeys.settings(),
    queryFn: () => api<ApprovalSettings>("/api/v1/approvals/settings"),
  });
  const save = useMutation({
    mutationFn: (repsCanApprove: boolean) =>
      api<ApprovalSettings>("/api/v1/approvals/settings", { method: "PATCH", body: { repsCanApprove } }),
    onSuccess: (data) => queryClient.setQueryData(approvalKeys.settings(), data),
  });
  return { settings, save };
}
