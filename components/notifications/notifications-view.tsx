"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { api, errorText } from "@/lib/client/api";
import { CATEGORIES } from "@/lib/notifications/categories";
import { useMarkAllRead, useMarkRead } from "./hooks";
import { NotificationRow } from "./notification-item";
import type { ListResponse } from "./types";

/** The full notification center: filters in the URL, keyset "load more", delivery state per item. */
export function NotificationsView() {
  const t = useTranslations("notifications");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const category = CATEGORIES.find((c) => c === params.get("category")) ?? null;
  const unreadOnly = params.get("unread") === "true";
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const list = useInfiniteQuery({
    queryKey: ["notifications", "page", category, unreadOnly],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams({ limit: "20" });
      if (category) search.set("category", category);
      if (unreadOnly) search.set("unread", "true");
      if (pageParam) search.set("cursor", pageParam);
      return api<ListResponse>(`/api/v1/notifications?${search}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });

  const navigate = (next: { category?: string | null; unread?: boolean }) => {
    const search = new URLSearchParams(params);
    if (next.category !== undefined) {
      if (next.category) search.set("category", next.category);
      else search.delete("category");
    }
    if (next.unread !== undefined) {
      if (next.unread) search.set("unread", "true");
      else search.delete("unread");
    }
    const query = search.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  const items = list.data?.pages.flatMap((p) => p.notifications) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-zinc-500">{t("unreadCount", { count: unread })}</p>
        </div>
        <Button variant="secondary" size="sm" onClick={() => markAll.mutate(category ?? undefined)} loading={markAll.isPending} disabled={!unread} data-testid="page-mark-all-read">
          {t("markAllRead")}
        </Button>
      </div>
      {(markRead.error ?? markAll.error) && (
        <p role="alert" data-testid="notifications-action-error" className="text-sm text-red-600 dark:text-red-400">
          {t("actionFailed")}: {errorText(markRead.error ?? markAll.error)}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label={t("filters.category")} value={category ?? ""} onChange={(e) => navigate({ category: e.target.value || null })} className="w-56" data-testid="category-filter">
          <option value="">{t("filters.all")}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </SelectField>
        <label className="flex h-10 items-center gap-2 text-sm">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => navigate({ unread: e.target.checked })} className="size-4 accent-orange-600" />
          {t("filters.unreadOnly")}
        </label>
      </div>
      {list.isPending ? (
        <LoadingState label={t("loading")} />
      ) : list.isError ? (
        <ErrorState message={t("loadError")} retry={<Button size="sm" variant="secondary" onClick={() => list.refetch()}>{t("retry")}</Button>} />
      ) : items.length === 0 ? (
        <EmptyState title={category || unreadOnly ? t("emptyFiltered") : t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {items.map((item) => (
              <li key={item.id}>
                <NotificationRow item={item} onOpen={(i) => !i.readAt && markRead.mutate(i)} />
              </li>
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t("loadMore")}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
