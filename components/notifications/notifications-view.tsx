"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";

import { useUrlView } from "@/lib/client/use-url-view";
import { NOTIFICATION_CATEGORIES } from "@/lib/notifications/categories";
import { useMarkAllRead, useMarkRead, useNotificationPages } from "./hooks";
import { NotificationRow } from "./notification-item";
import { useErrorText } from "@/lib/client/use-error-text";

/** The full notification center: filters in the URL, keyset "load more", delivery state per item. */
export function NotificationsView() {
  const t = useTranslations("notifications");
  const describe = useErrorText();
  const view = useUrlView({ keys: ["category", "unread"], history: "replace" });
  const category = NOTIFICATION_CATEGORIES.find((c) => c === view.get("category")) ?? null;
  const unreadOnly = view.get("unread") === "true";
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const list = useNotificationPages(category, unreadOnly);
  const navigate = (next: { category?: string | null; unread?: boolean }) =>
    view.update({
      ...(next.category !== undefined ? { category: next.category } : {}),
      ...(next.unread !== undefined ? { unread: next.unread ? "true" : null } : {}),
    });

  const items = list.items;
  const unread = list.data?.pages[0]?.unread ?? 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-subtle-foreground">{t("unreadCount", { count: unread })}</p>
        </div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => markAll.mutate(category ?? undefined)}
          loading={markAll.isPending}
          disabled={!unread}
          data-testid="page-mark-all-read"
        >
          {t("markAllRead")}
        </Button>
      </div>
      {(markRead.error ?? markAll.error) && (
        <p role="alert" data-testid="notifications-action-error" className="text-sm text-danger-text">
          {t("actionFailed")}: {describe(markRead.error ?? markAll.error)}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label={t("filters.category")}
          value={category ?? ""}
          onChange={(e) => navigate({ category: e.target.value || null })}
          className="w-56"
          data-testid="category-filter"
        >
          <option value="">{t("filters.all")}</option>
          {NOTIFICATION_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </SelectField>
        <label className="flex h-10 items-center gap-2 text-sm">
          <Checkbox checked={unreadOnly} onChange={(e) => navigate({ unread: e.target.checked })} />
          {t("filters.unreadOnly")}
        </label>
      </div>
      {list.isPending ? (
        <LoadingState label={t("loading")} />
      ) : list.isError ? (
        <QueryErrorState query={list} message={t("loadError")} />
      ) : items.length === 0 ? (
        <EmptyState title={category || unreadOnly ? t("emptyFiltered") : t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-border rounded-md border border-border bg-surface">
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
