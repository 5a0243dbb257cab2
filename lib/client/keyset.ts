"use client";

import { useInfiniteQuery, type InfiniteData, type QueryKey } from "@tanstack/react-query";
import type { ViewChanges } from "./url-view";
import type { UpdateOptions } from "./use-url-view";

/**
 * Keyset ("cursor") pagination, both ways Kiln's lists page:
 * - `useKeysetList`: "load more" — an infinite query whose next page starts after the last row;
 * - `keysetPages`: previous/next pages whose cursor lives in the URL (a link reproduces the page).
 */

export type KeysetPages<TPage> = InfiniteData<TPage, string | null>;

type KeysetListOptions<TPage, TItem> = {
  queryKey: QueryKey;
  /** One page starting after `cursor` (null: the first page). */
  fetchPage: (cursor: string | null) => Promise<TPage>;
  /** The cursor of the page after `page`, null at the end. */
  nextCursor: (page: TPage) => string | null;
  /** The rows of one page, in display order. */
  items: (page: TPage) => TItem[];
  /** The first page, rendered by the server. */
  initialPage?: TPage | null;
  enabled?: boolean;
};

export function useKeysetList<TPage, TItem>({
  queryKey,
  fetchPage,
  nextCursor,
  items,
  initialPage,
  enabled,
}: KeysetListOptions<TPage, TItem>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page: TPage) => nextCursor(page),
    ...(initialPage ? { initialData: { pages: [initialPage], pageParams: [null] } } : {}),
    ...(enabled === undefined ? {} : { enabled }),
  });
  const pages = query.data?.pages ?? [];
  return {
    ...query,
    items: pages.flatMap(items),
    /** Fetches the next page unless it is already coming or there is none. */
    loadMore: () => {
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    },
  };
}

type CursorPage = { nextCursor: string | null; prevCursor: string | null };
type PositionChanges = ViewChanges<"cursor" | "direction">;

/** Previous/next for a page whose position is the URL's `cursor` + `direction`; disabled while fetching. */
export function keysetPages(
  page: CursorPage | undefined,
  fetching: boolean,
  update: (changes: PositionChanges, options: UpdateOptions) => void,
) {
  const go = (cursor: string | null | undefined, direction: "prev" | "next") => () => {
    if (cursor) update({ cursor, direction }, { keepPosition: true });
  };
  return {
    previous: { disabled: !page?.prevCursor || fetching, onClick: go(page?.prevCursor, "prev") },
    next: { disabled: !page?.nextCursor || fetching, onClick: go(page?.nextCursor, "next") },
  };
}
