/**
 * The leads list's view state lives in the URL. These keys (and only these, in this order)
 * make up a view, so the same filters always give the same query string and cache key.
 */
export const VIEW_KEYS = ["q", "heat", "status", "owner", "project", "tag", "qualified", "sort", "deleted", "cursor", "direction"] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];
/** Keys that choose which leads match (not where in the list we are). */
export const FILTER_KEYS = ["q", "heat", "status", "owner", "project", "tag", "qualified"] as const;

type ParamsLike = { get(name: string): string | null };

export function canonicalQuery(params: ParamsLike): string {
  const out = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    const value = params.get(key);
    if (value) out.set(key, value);
  }
  return out.toString();
}

/** Next's `searchParams` object (values may repeat) → something with get(). */
export function fromRecord(record: Record<string, string | string[] | undefined>): ParamsLike {
  return { get: (name) => {
    const value = record[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  } };
}

/** The current filters without the position, for links like "Export CSV". */
export function filtersOnly(params: ParamsLike): string {
  const out = new URLSearchParams();
  for (const key of [...FILTER_KEYS, "sort"] as const) {
    const value = params.get(key);
    if (value) out.set(key, value);
  }
  return out.toString();
}
