"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { useRef, useState } from "react";
import { useLiveEvent } from "@/components/realtime/live-events";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { api } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useLatest, useMarkAllRead, useMarkRead, useUnreadCount } from "./hooks";
import { NotificationRow } from "./notification-item";
import { ToastRegion, useToasts } from "./toasts";
import type { ListResponse, NotificationItem } from "./types";
import { useNotificationText } from "./use-notification-text";

/**
 * The header's bell: unread count (live), the latest ten in a dropdown with "mark all read",
 * and a toast for each notification that arrives while the page is open.
 */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const describe = useErrorText();
  const textOf = useNotificationText();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useLatest(open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const { toasts, push, dismiss } = useToasts();
  const count = unread.data?.unread ?? 0;

  // Only what arrives after the page opened becomes a toast, each once.
  const since = useRef(new Date().toISOString());
  const seen = useRef(new Set<string>());
  const debounce = useRef<number | undefined>(undefined);
  const byId = useRef(new Map<string, NotificationItem>());
  useLiveEvent("notifications", () => {
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(async () => {
      const page = await api<ListResponse>("/api/v1/notifications?limit=5&unread=true").catch(() => null);
      for (const item of [...(page?.notifications ?? [])].reverse()) {
        if (item.createdAt < since.current || seen.current.has(item.id)) continue;
        seen.current.add(item.id);
        byId.current.set(item.id, item);
        push({ id: item.id, ...textOf(item), href: item.actionUrl, tone: item.type });
      }
    }, 250);
  });

  // A failed click must not pass silently: it lands in the same toast stack.
  const failed = (error: unknown) =>
    push({
      id: `failed-${Date.now()}`,
      title: t("actionFailed"),
      message: describe(error),
      href: null,
      tone: "error",
    });

  const open_ = (item: NotificationItem) => {
    if (!item.readAt) markRead.mutate(item, { onError: failed });
    setOpen(false);
  };

  return (
    <>
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger
          data-testid="notification-bell"
          aria-label={count ? t("bellUnread", { count }) : t("bell")}
          className="relative flex size-9 items-center justify-center rounded-full text-secondary-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
        >
          <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden>
            <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
            <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
          </svg>
          {count > 0 && (
            <span
              data-testid="notification-count"
              className="absolute -end-0.5 -top-0.5 min-w-5 rounded-full bg-primary px-1 text-center text-[11px] leading-5 font-semibold text-primary-foreground"
            >
              {count > 99 ? "99+" : count}
            </span>
          )}
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            align="end"
            sideOffset={6}
            aria-label={t("title")}
            className="z-50 flex max-h-[min(32rem,80vh)] w-[22rem] max-w-[calc(100vw-1rem)] flex-col rounded-md border border-border bg-surface shadow-lg"
          >
            <div className="flex items-center justify-between border-b border-border px-3 py-2">
              <h2 className="text-sm font-semibold">{t("title")}</h2>
              <button
                type="button"
                data-testid="mark-all-read"
                disabled={!count || markAll.isPending}
                onClick={() => markAll.mutate(undefined, { onError: failed })}
                className="text-xs font-medium text-primary-text hover:underline disabled:cursor-not-allowed disabled:text-faint-foreground"
              >
                {t("markAllRead")}
              </button>
            </div>
            <div className="min-h-0 flex-1 overflow-y-auto p-1">
              {latest.isPending ? (
                <LoadingState label={t("loading")} />
              ) : latest.isError ? (
                <div className="p-2">
                  <ErrorState
                    message={t("loadError")}
                    retry={
                      <button type="button" className="text-sm underline" onClick={() => latest.refetch()}>
                        {t("retry")}
                      </button>
                    }
                  />
                </div>
              ) : latest.data.notifications.length === 0 ? (
                <div className="p-2">
                  <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
                </div>
              ) : (
                <ul>
                  {latest.data.notifications.map((item) => (
                    <li key={item.id}>
                      <NotificationRow item={item} onOpen={open_} compact />
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <Link
              href="/notifications"
              onClick={() => setOpen(false)}
              className="border-t border-border px-3 py-2 text-center text-sm font-medium text-primary-text hover:bg-surface-hover"
            >
              {t("seeAll")}
            </Link>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      <ToastRegion
        toasts={toasts}
        dismiss={dismiss}
        onOpen={(id) => {
          const item = byId.current.get(id);
          if (item) markRead.mutate(item, { onError: failed });
        }}
      />
    </>
  );
}
