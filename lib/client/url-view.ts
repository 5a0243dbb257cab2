/**
 * A list's view state lives in the URL (filters, position, the open item), so a link reproduces
 * the view. These pure functions keep that URL canonical: only a view's own keys, always in the
 * same order, so the same view always gives the same query string — and the same cache key.
 * `use-url-view.ts` wraps them for components.
 */
export type ParamsLike = { get(name: string): string | null };
export type ViewChanges<K extends string = string> = Partial<Record<K, string | null>>;

/** Keys that say where in a keyset-paged list we are; a change of filters goes back to the start. */
export const POSITION_KEYS = ["cursor", "direction"] as const;

/** `keys` of `params` that have a value, in the order of `keys`. */
export function canonicalQuery(keys: readonly string[], params: ParamsLike): string {
  const out = new URLSearchParams();
  for (const key of keys) {
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

/**
 * The canonical query after `changes` (a null or empty value removes a key). Unless
 * `keepPosition`, the `resets` keys that are not themselves being changed are dropped: a new
 * filter starts at the first page (or closes the open item).
 */
export function changeView(
  keys: readonly string[],
  current: ParamsLike,
  changes: ViewChanges,
  { resets = [], keepPosition = false }: { resets?: readonly string[]; keepPosition?: boolean } = {},
): string {
  const next = new URLSearchParams(canonicalQuery(keys, current));
  if (!keepPosition) for (const key of resets) if (!(key in changes)) next.delete(key);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return canonicalQuery(keys, next);
}

export const withQuery = (pathname: string, query: string) => (query ? `${pathname}?${query}` : pathname);
