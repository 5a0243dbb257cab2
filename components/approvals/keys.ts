/**
 * The React Query keys for approvals (human-in-the-loop tasks), as one factory so every query,
 * mutation and live update names the same cache entries. `tasks()` is what a decided, created or
 * superseded task changes: the queue, the open task and the sidebar's pending count.
 */
export const approvalKeys = {
  all: ["approvals"] as const,
  tasks: () => [...approvalKeys.all, "tasks"] as const,
  lists: () => [...approvalKeys.tasks(), "list"] as const,
  /** One view of the queue, by its canonical filter string. */
  list: (filters: string) => [...approvalKeys.lists(), filters] as const,
  details: () => [...approvalKeys.tasks(), "detail"] as const,
  detail: (id: string | null) => [...approvalKeys.details(), id] as const,
  pendingCount: () => [...approvalKeys.tasks(), "count"] as const,
  /** The organization's approval policy (settings page). */
  settings: () => [...approvalKeys.all, "settings"] as const,
};
