"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { CreateTaskInput, Task, TaskSuggestion, TaskView, UpdateTaskInput } from "@/lib/tasks/schema";
import { taskKeys, type TaskScope } from "./keys";

const scopeQuery = (scope: TaskScope) => {
  const params = new URLSearchParams();
  if (scope.leadId) params.set("leadId", scope.leadId);
  if (scope.conversationId) params.set("conversationId", scope.conversationId);
  return params.toString();
};

/** The caller's tasks in one view ("mine": every open one; "done": the latest completed). */
export function useTasks(view: TaskView, initial?: Task[]) {
  return useQuery({
    queryKey: taskKeys.list(view),
    queryFn: async () => (await api<{ tasks: Task[] }>(`/api/v1/tasks?view=${view}`)).tasks,
    initialData: initial,
  });
}

/** A lead's or thread's open tasks, whoever holds them (the widgets). */
export function useScopedTasks(scope: TaskScope) {
  return useQuery({
    queryKey: taskKeys.scoped(scope),
    queryFn: async () => (await api<{ tasks: Task[] }>(`/api/v1/tasks?${scopeQuery(scope)}`)).tasks,
  });
}

/** Tasks the AI proposed on a lead or thread, waiting for a click. */
export function useTaskSuggestions(scope: TaskScope) {
  return useQuery({
    queryKey: taskKeys.suggestions(scope),
    queryFn: async () =>
      (await api<{ suggestions: TaskSuggestion[] }>(`/api/v1/tasks/suggestions?${scopeQuery(scope)}`)).suggestions,
  });
}

/** The sidebar badge: the caller's overdue tasks, re-read every minute as tasks fall due. */
export function useOverdueTaskCount() {
  return useQuery({
    queryKey: taskKeys.summary(),
    queryFn: () => api<{ overdue: number }>("/api/v1/tasks/summary"),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

function useRefreshTasks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: taskKeys.all });
}

export function useCreateTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: (input: Partial<CreateTaskInput>) =>
      api<{ task: Task }>("/api/v1/tasks", { method: "POST", body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<UpdateTaskInput> & { id: string }) =>
      api<{ task: Task }>(`/api/v1/tasks/${id}`, { method: "PATCH", body: patch }),
    onSuccess: refresh,
  });
}

export function useDeleteTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/tasks/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
}

export function useDecideSuggestion() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: "accept" | "dismiss" }) =>
      api(`/api/v1/tasks/suggestions/${id}`, { method: "POST", body: { decision } }),
    onSuccess: refresh,
  });
}
