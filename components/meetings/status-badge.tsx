"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { MeetingRow } from "./types";

const TONES: Record<MeetingRow["status"], string> = {
  scheduled: "bg-success-muted text-success-muted-foreground",
  rescheduled: "bg-info-muted text-info-muted-foreground",
  canceled: "bg-border text-secondary-foreground line-through decoration-1",
  no_show: "bg-danger-muted text-danger-muted-foreground",
  completed: "bg-muted text-secondary-foreground",
};

export function MeetingStatusBadge({ status }: { status: MeetingRow["status"] }) {
  const t = useTranslations("meetings");
  return (
    <span
      className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", TONES[status])}
      data-testid="meeting-status"
      data-status={status}
    >
      {t(`status.${status}`)}
    </span>
  );
}
