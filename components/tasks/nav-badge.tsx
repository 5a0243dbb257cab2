"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { useOverdueTaskCount } from "./hooks";

/** The sidebar's count of the caller's overdue tasks (nothing when none). */
export function OverdueTasksBadge({ collapsed }: { collapsed: boolean }) {
  const t = useTranslations("nav");
  const overdue = useOverdueTaskCount().data?.overdue ?? 0;
  if (overdue <= 0) return null;
  return (
    <span
      className={cn(
        "rounded-full bg-danger px-1.5 text-xs font-semibold text-danger-foreground",
        collapsed && "absolute -end-1 -top-1",
      )}
      aria-label={t("overdueTasks", { count: overdue })}
      data-testid="tasks-badge"
    >
      {overdue > 99 ? "99+" : overdue}
    </span>
  );
}
