import type { WidgetName } from "@/lib/analytics/types";

/**
 * The React Query keys of the dashboard. Each widget's numbers are their own entry (one fetch,
 * one skeleton, one error per widget), keyed by the view's canonical analytics query, so
 * `widget(name)` refreshes that widget in every range and project, `widgets()` all of them.
 */
export const dashboardKeys = {
  all: ["dashboard"] as const,
  /** A user's settings for one scope: a project's id, or "all" for all projects. */
  settings: (projectId: string | null) => [...dashboardKeys.all, "settings", projectId ?? "all"] as const,
  widgets: () => [...dashboardKeys.all, "widget"] as const,
  widget: (name: WidgetName) => [...dashboardKeys.widgets(), name] as const,
  widgetView: (name: WidgetName, query: string) => [...dashboardKeys.widget(name), query] as const,
};
