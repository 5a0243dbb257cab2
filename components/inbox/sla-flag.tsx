"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/**
 * Marks a conversation whose lead has waited past the response-time SLA (lib/inbox/sla.ts):
 * an icon and a word, with the full sentence as its accessible name — not colour alone.
 */
export function SlaFlag({ breachedAt, className }: { breachedAt: string | null; className?: string }) {
  const t = useTranslations("conversationHandling.sla");
  if (!breachedAt) return null;
  return (
    <span
      role="img"
      aria-label={t("breached")}
      title={t("breached")}
      data-testid="sla-breached"
      className={cn(
        "inline-flex shrink-0 items-center gap-0.5 rounded-full bg-danger-muted px-1.5 py-px text-[11px] font-semibold text-danger-muted-foreground",
        className,
      )}
    >
      <svg aria-hidden viewBox="0 0 24 24" className="size-3" fill="none" stroke="currentColor" strokeWidth={2.5}>
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7v5l3 2" strokeLinecap="round" />
      </svg>
      <span aria-hidden>{t("badge")}</span>
    </span>
  );
}
