/**
 * The inbox's view lives in the URL. These keys (in this order) choose the list; `c` is the
 * open conversation, kept apart so opening a thread does not refetch the list.
 */
export const LIST_KEYS = ["status", "channel", "assigned", "unread", "heat", "q", "cursor", "direction"] as const;
export type ListKey = (typeof LIST_KEYS)[number];
/** Keys that choose which conversations match (not where in the list we are). */
export const FILTER_KEYS = ["channel", "assigned", "unread", "heat", "q"] as const;
export const STATUS_TABS = ["open", "pending", "closed", "all"] as const;

type ParamsLike = { get(name: string): string | null };

/** The list's part of the URL, canonical (same filters → same string → same cache key). */
export function listQuery(params: ParamsLike): string {
  const out = new URLSearchParams();
  for (const key of LIST_KEYS) {
    const value = params.get(key);
    if (value) out.set(key, value);
  }
  return out.toString();
}

/** Next's `searchParams` object (values may repeat) → something with get(). */
export function fromRecord(record: Record<string, string | string[] | undefined>): ParamsLike {
  return {
    get: (name) => {
      const value = record[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}

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
  const words = name.replace(/@.*/, "").split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [words[0]?.[0]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}
