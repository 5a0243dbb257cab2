import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { HeatLevel } from "@/lib/scoring";

export const HEAT_STYLES: Record<HeatLevel, string> = {
  cold: "bg-heat-cold text-heat-cold-foreground ring-heat-cold-ring",
  warm: "bg-heat-warm text-heat-warm-foreground ring-heat-warm-ring",
  hot: "bg-heat-hot text-heat-hot-foreground ring-heat-hot-ring",
  burning: "bg-heat-burning text-heat-burning-foreground ring-heat-burning-ring",
};

/** The fill of a heat meter. */
export const HEAT_BAR_STYLES: Record<HeatLevel, string> = {
  cold: "bg-heat-cold-bar",
  warm: "bg-heat-warm-bar",
  hot: "bg-heat-hot-bar",
  burning: "bg-heat-burning-bar",
};

/** Heat level and score; a pin marks a manager's override. */
export function HeatBadge({
  level,
  score,
  overridden,
  className,
}: {
  level: HeatLevel;
  score: number;
  overridden?: boolean;
  className?: string;
}) {
  const t = useTranslations("leads");
  const label = t("heatLabel", { level: t(`heat.${level}`), score }) + (overridden ? ` (${t("overridden")})` : "");
  return (
    <span
      role="img"
      title={label}
      aria-label={label}
      data-testid="heat-badge"
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset",
        HEAT_STYLES[level],
        className,
      )}
    >
      <span aria-hidden>{t(`heat.${level}`)}</span>
      <span aria-hidden className="font-medium tabular-nums">
        {score}
      </span>
      {overridden && (
        <svg aria-hidden viewBox="0 0 24 24" className="size-3" fill="currentColor">
          <path d="M9 3h6l-1 7 3 3v1h-4v7l-1 1-1-1v-7H6v-1l3-3z" />
        </svg>
      )}
    </span>
  );
}
