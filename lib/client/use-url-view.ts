"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { canonicalQuery, changeView, withQuery, type ViewChanges } from "./url-view";

export type UpdateOptions = { replace?: boolean; keepPosition?: boolean };
export type UrlView<K extends string> = {
  /** The view's canonical query string (its keys only, in order). */
  query: string;
  get: (key: K) => string | null;
  /** Changes the view through the History API: no server round trip, and Back works (unless `replace`). */
  update: (changes: ViewChanges<K>, options?: UpdateOptions) => void;
  /** Clears `keys` (e.g. every filter), back at the first page. */
  reset: (keys: readonly K[]) => void;
  /** The shareable link for the view after `changes`. */
  href: (changes?: ViewChanges<K>, options?: Pick<UpdateOptions, "keepPosition">) => string;
};

/**
 * One list view owned by the URL's search params. `keys` are the view's params in canonical
 * order; `resets` are dropped by any other change (the keyset position, an open item), and
 * `history: "replace"` makes every change replace the current entry instead of adding one.
 */
export function useUrlView<K extends string>({
  keys,
  resets = [],
  history = "push",
}: {
  keys: readonly K[];
  resets?: readonly K[];
  history?: "push" | "replace";
}): UrlView<K> {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const query = canonicalQuery(keys, searchParams);
  const params = new URLSearchParams(query);
  const href: UrlView<K>["href"] = (changes = {}, { keepPosition = false } = {}) =>
    withQuery(pathname, changeView(keys, params, changes, { resets, keepPosition }));
  const update: UrlView<K>["update"] = (changes, { replace = history === "replace", keepPosition = false } = {}) =>
    window.history[replace ? "replaceState" : "pushState"](null, "", href(changes, { keepPosition }));
  return {
    query,
    get: (key) => params.get(key),
    update,
    reset: (names) => update(Object.fromEntries(names.map((name) => [name, null])) as ViewChanges<K>),
    href,
  };
}

/**
 * A text field whose value belongs to the URL: the draft follows the URL (Back/forward put its
 * text back) and is the user's to edit in between; `commit` decides when it goes to the URL.
 */
export function useUrlDraft(urlValue: string): [string, (value: string) => void] {
  const [draft, setDraft] = useState(urlValue);
  const [seen, setSeen] = useState(urlValue);
  if (urlValue !== seen) {
    setSeen(urlValue);
    setDraft(urlValue);
  }
  return [draft, setDraft];
}

/** A search box: typed text goes to the URL (through `commit`, trimmed) after a pause of `delayMs`. */
export function useUrlSearch(
  urlValue: string,
  commit: (value: string | null) => void,
  delayMs: number,
): [string, (value: string) => void] {
  const [search, setSearch] = useUrlDraft(urlValue);
  useEffect(() => {
    if (search.trim() === urlValue) return;
    const timer = window.setTimeout(() => commit(search.trim() || null), delayMs);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing starts a new search
  }, [search]);
  return [search, setSearch];
}
