import type { TaskView } from "@/lib/tasks/schema";

/** What a widget shows: a lead's tasks, or a thread's (with its lead's). */
export type TaskScope = { leadId?: string; conversationId?: string };

/** The React Query keys for tasks; any change to a task re-reads `all` (lists, widgets, the badge). */
export const taskKeys = {
  all: ["tasks"] as const,
  list: (view: TaskView) => [...taskKeys.all, "list", view] as const,
  scoped: (scope: TaskScope) => [...taskKeys.all, "scoped", scope] as const,
  summary: () => [...taskKeys.all, "summary"] as const,
  suggestions: (scope: TaskScope) => [...taskKeys.all, "suggestions", scope] as const,
};
