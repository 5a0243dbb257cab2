"use client";

import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { renderDeliveryError } from "@/lib/notifications/delivery-errors";
import type { NotificationItem } from "./types";
import { useNotificationText } from "./use-notification-text";

const DOT: Record<NotificationItem["type"], string> = {
  success: "bg-dot-success",
  info: "bg-dot-info",
  warning: "bg-dot-warning",
  error: "bg-dot-danger",
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
          title={
            (d.status === "failed" || d.status === "skipped") && d.error ? renderDeliveryError(d.error, t) : undefined
          }
          data-testid={`delivery-${d.channel}`}
          className={cn(
            "rounded px-1.5 py-0.5 text-[11px] font-medium",
            d.status === "sent" && "bg-success-surface text-success-muted-foreground",
            (d.status === "failed" || d.status === "skipped") && "bg-danger-surface text-danger-muted-foreground",
            (d.status === "pending" || d.status === "held") && "bg-muted text-secondary-foreground",
          )}
        >
          {d.status === "held" && d.heldUntil
            ? t("delivery.held", {
                channel: t(`channel.${d.channel}`),
                when: format.dateTime(new Date(d.heldUntil), { hour: "2-digit", minute: "2-digit" }),
              })
            : t(`delivery.${d.status}`, { channel: t(`channel.${d.channel}`) })}
        </li>
      ))}
    </ul>
  );
}

/** One notification: a deep link that marks it read on the way. */
export function NotificationRow({
  item,
  onOpen,
  compact = false,
}: {
  item: NotificationItem;
  onOpen: (item: NotificationItem) => void;
  compact?: boolean;
}) {
  const t = useTranslations("notifications");
  const textOf = useNotificationText();
  const text = textOf(item);
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const unread = !item.readAt;
  const body = (
    <>
      <span
        className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? DOT[item.type] : "bg-transparent")}
        aria-hidden
      />
      <span className="min-w-0 flex-1">
        <span className={cn("block text-sm", unread ? "font-semibold text-foreground" : "text-secondary-foreground")}>
          {item.priority === "urgent" && (
            <span className="me-1 rounded bg-danger px-1 text-[10px] font-bold text-danger-foreground uppercase">
              {t("urgent")}
            </span>
          )}
          {text.title}
        </span>
        {text.message && (
          <span className={cn("block text-sm text-muted-foreground", compact && "line-clamp-2")}>{text.message}</span>
        )}
        <span className="mt-0.5 block text-xs text-subtle-foreground">
          {t(`category.${item.category}` as never)} ·{" "}
          <time dateTime={item.createdAt}>{format.relativeTime(new Date(item.createdAt), now)}</time>
          {unread && <span className="sr-only"> · {t("unread")}</span>}
        </span>
        {!compact && <DeliveryBadges item={item} />}
      </span>
    </>
  );
  const className =
    "flex w-full items-start gap-3 rounded-md px-3 py-2 text-start hover:bg-surface-hover focus-visible:outline-2 focus-visible:outline-ring";
  return item.actionUrl ? (
    <Link
      href={item.actionUrl}
      onClick={() => onOpen(item)}
      className={className}
      data-testid="notification"
      data-unread={unread || undefined}
    >
      {body}
    </Link>
  ) : (
    <button
      type="button"
      onClick={() => onOpen(item)}
      className={className}
      data-testid="notification"
      data-unread={unread || undefined}
    >
      {body}
    </button>
  );
}
