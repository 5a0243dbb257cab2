import { canonicalQuery, fromRecord, type ParamsLike } from "@/lib/client/url-view";

/**
 * The inbox's view lives in the URL. These keys (in this order) choose the list; `c` is the
 * open conversation, kept apart so opening a thread does not refetch the list.
 */
export const LIST_KEYS = [
  "status",
  "channel",
  "assigned",
  "unread",
  "heat",
  "tags",
  "q",
  "cursor",
  "direction",
] as const;
export type ListKey = (typeof LIST_KEYS)[number];
/** Keys that choose which conversations match (not where in the list we are). */
export const FILTER_KEYS = ["channel", "assigned", "unread", "heat", "tags", "q"] as const;
export const STATUS_TABS = ["open", "pending", "closed", "all"] as const;

/** The list's part of the URL, canonical (same filters → same string → same cache key). */
export const listQuery = (params: ParamsLike): string => canonicalQuery(LIST_KEYS, params);

export { fromRecord };

/** The inbox URL for a list view and (optionally) an open conversation. */
export function inboxHref(list: string, conversationId?: string | null): string {
  const params = new URLSearchParams(list);
  if (conversationId) params.set("c", conversationId);
  const query = params.toString();
  return `/inbox${query ? `?${query}` : ""}`;
}

/** "Ada Lovelace" → "AL"; "ops@acme.test" → "O". */
export function initials(name: string | null | undefined): string {
  if (!name) return "?";
  const words = name
    .replace(/@.*/, "")
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [words[0]?.[0]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}
