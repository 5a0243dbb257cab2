"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { MeetingRow } from "./types";

const TONES: Record<MeetingRow["status"], string> = {
  scheduled: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  rescheduled: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  canceled: "bg-zinc-200 text-zinc-700 line-through decoration-1 dark:bg-zinc-800 dark:text-zinc-300",
  no_show: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  completed: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

export function MeetingStatusBadge({ status }: { status: MeetingRow["status"] }) {
  const t = useTranslations("meetings");
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", TONES[status])} data-testid="meeting-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
