"use client";

import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { NotificationItem } from "./types";

const DOT: Record<NotificationItem["type"], string> = {
  success: "bg-emerald-500",
  info: "bg-sky-500",
  warning: "bg-amber-500",
  error: "bg-red-500",
};

/** Delivery states worth showing on an item: sent, waiting for quiet hours to end, not delivered. */
export function DeliveryBadges({ item }: { item: NotificationItem }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  if (!item.deliveries.length) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("delivery.label")}>
      {item.deliveries.map((d) => (
        <li
          key={d.channel}
          title={d.status === "failed" || d.status === "skipped" ? (d.lastError ?? undefined) : undefined}
          data-testid={`delivery-${d.channel}`}
          className={cn(
            "rounded px-1.5 py-0.5 text-[11px] font-medium",
            d.status === "sent" && "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
            (d.status === "failed" || d.status === "skipped") && "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200",
            (d.status === "pending" || d.status === "held") && "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
          )}
        >
          {d.status === "held" && d.heldUntil
            ? t("delivery.held", { channel: t(`channel.${d.channel}`), when: format.dateTime(new Date(d.heldUntil), { hour: "2-digit", minute: "2-digit" }) })
            : t(`delivery.${d.status}`, { channel: t(`channel.${d.channel}`) })}
        </li>
      ))}
    </ul>
  );
}

/** One notification: a deep link that marks it read on the way. */
export function NotificationRow({ item, onOpen, compact = false }: { item: NotificationItem; onOpen: (item: NotificationItem) => void; compact?: boolean }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const unread = !item.readAt;
  const body = (
    <>
      <span className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? DOT[item.type] : "bg-transparent")} aria-hidden />
      <span className="min-w-0 flex-1">
        <span className={cn("block text-sm", unread ? "font-semibold text-zinc-900 dark:text-zinc-50" : "text-zinc-700 dark:text-zinc-300")}>
          {item.priority === "urgent" && <span className="me-1 rounded bg-red-600 px-1 text-[10px] font-bold text-white uppercase">{t("urgent")}</span>}
          {item.title}
        </span>
        {item.message && <span className={cn("block text-sm text-zinc-600 dark:text-zinc-400", compact && "line-clamp-2")}>{item.message}</span>}
        <span className="mt-0.5 block text-xs text-zinc-500">
          {t(`category.${item.category}` as never)} · <time dateTime={item.createdAt}>{format.relativeTime(new Date(item.createdAt), now)}</time>
          {unread && <span className="sr-only"> · {t("unread")}</span>}
        </span>
        {!compact && <DeliveryBadges item={item} />}
      </span>
    </>
  );
  const className = "flex w-full items-start gap-3 rounded-md px-3 py-2 text-start hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-orange-500 dark:hover:bg-zinc-800";
  return item.actionUrl ? (
    <Link href={item.actionUrl} onClick={() => onOpen(item)} className={className} data-testid="notification" data-unread={unread || undefined}>
      {body}
    </Link>
  ) : (
    <button type="button" onClick={() => onOpen(item)} className={className} data-testid="notification" data-unread={unread || undefined}>
      {body}
    </button>
  );
}
