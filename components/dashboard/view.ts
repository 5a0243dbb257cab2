import { analyticsSearchParams } from "@/lib/analytics/schema";
import { RANGE_KEYS, type RangeKey } from "@/lib/analytics/types";

/**
 * The dashboard's view as the URL names it, shared by the server render and the client island
 * so both read the same link the same way (and so key the same cached numbers).
 */
export type DashboardViewState = {
  range: RangeKey;
  from: string | null;
  to: string | null;
  projectId: string | null;
};

/** The URL owns the view, so a link reproduces it: range, custom days and project. */
export const VIEW_KEYS = ["range", "from", "to", "project"] as const;

/** The view a URL names; no range means the user's default (custom only with both days). */
export function viewFromParams(
  get: (key: (typeof VIEW_KEYS)[number]) => string | null,
  defaultRange: RangeKey,
): DashboardViewState {
  const from = get("from");
  const to = get("to");
  const named = get("range");
  const range = RANGE_KEYS.includes(named as RangeKey) ? (named as RangeKey) : from && to ? "custom" : defaultRange;
  return range === "custom" && from && to
    ? { range, from, to, projectId: get("project") }
    : { range: range === "custom" ? defaultRange : range, from: null, to: null, projectId: get("project") };
}

/** The canonical analytics query of a view (what each widget's fetch and cache key use). */
export function analyticsQueryOf(view: DashboardViewState): string {
  return analyticsSearchParams({
    range: view.range,
    from: view.from ?? undefined,
    to: view.to ?? undefined,
    project: view.projectId ?? undefined,
  }).toString();
}
