import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { HeatLevel } from "@/lib/scoring";

export const HEAT_STYLES: Record<HeatLevel, string> = {
  cold: "bg-sky-100 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  warm: "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  hot: "bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800",
  burning: "bg-red-600 text-white ring-red-700 dark:bg-red-700",
};

/** Heat level and score; a pin marks a manager's override. */
export function HeatBadge({ level, score, overridden, className }: { level: HeatLevel; score: number; overridden?: boolean; className?: string }) {
  const t = useTranslations("leads");
  const label = t("heatLabel", { level: t(`heat.${level}`), score }) + (overridden ? ` (${t("overridden")})` : "");
  return (
    <span
      title={label}
      aria-label={label}
      data-testid="heat-badge"
      className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset", HEAT_STYLES[level], className)}
    >
      <span aria-hidden>{t(`heat.${level}`)}</span>
      <span aria-hidden className="tabular-nums opacity-80">{score}</span>
      {overridden && (
        <svg aria-hidden viewBox="0 0 24 24" className="size-3" fill="currentColor">
          <path d="M9 3h6l-1 7 3 3v1h-4v7l-1 1-1-1v-7H6v-1l3-3z" />
        </svg>
      )}
    </span>
  );
}
