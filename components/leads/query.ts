import { canonicalQuery as canonicalKeys, fromRecord, type ParamsLike } from "@/lib/client/url-view";

/**
 * Filters the dashboard links to (the leads behind one of its numbers); the list has no controls
 * for them, it shows each as a removable chip.
 */
export const DASHBOARD_FILTER_KEYS = [
  "confirmed",
  "createdFrom",
  "createdTo",
  "qualifiedFrom",
  "qualifiedTo",
  "meeting",
  "meetingFrom",
  "meetingTo",
] as const;
export type DashboardFilterKey = (typeof DASHBOARD_FILTER_KEYS)[number];

/**
 * The leads list's view state lives in the URL. These keys (and only these, in this order)
 * make up a view, so the same filters always give the same query string and cache key.
 */
export const VIEW_KEYS = [
  "q",
  "heat",
  "status",
  "owner",
  "project",
  "tag",
  "qualified",
  ...DASHBOARD_FILTER_KEYS,
  "sort",
  "deleted",
  "cursor",
  "direction",
] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];
/** Keys that choose which leads match (not where in the list we are). */
export const FILTER_KEYS = [
  "q",
  "heat",
  "status",
  "owner",
  "project",
  "tag",
  "qualified",
  ...DASHBOARD_FILTER_KEYS,
] as const;

export const canonicalQuery = (params: ParamsLike): string => canonicalKeys(VIEW_KEYS, params);

export { fromRecord };

/** The current filters without the position, for links like "Export CSV". */
export function filtersOnly(params: ParamsLike): string {
  return canonicalKeys([...FILTER_KEYS, "sort"], params);
}
