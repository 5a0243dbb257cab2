import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { BantStatus } from "@/lib/scoring";
import { BANT_DIMENSIONS } from "@/lib/scoring";

export const BANT_DOT: Record<BantStatus, string> = {
  unknown: "bg-border-strong ring-border-strong",
  partial: "bg-dot-warning ring-warning",
  confirmed: "bg-dot-success ring-success",
  disqualified: "bg-dot-danger ring-danger",
};

/** Budget, Authority, Need, Timeline as four coloured dots, each with its status spelled out. */
export function BantDots({ statuses }: { statuses: Record<(typeof BANT_DIMENSIONS)[number], BantStatus> }) {
  const t = useTranslations("leads");
  const summary = BANT_DIMENSIONS.map((d) => `${t(`bant.${d}`)}: ${t(`bantStatus.${statuses[d]}`)}`).join(", ");
  return (
    <span
      role="img"
      aria-label={summary}
      title={summary}
      className="inline-flex items-center gap-1"
      data-testid="bant-dots"
    >
      {BANT_DIMENSIONS.map((d) => (
        <span key={d} className="flex flex-col items-center">
          <span aria-hidden className={cn("size-2.5 rounded-full ring-1 ring-inset", BANT_DOT[statuses[d]])} />
          <span aria-hidden className="text-[9px] leading-3 text-subtle-foreground">
            {t(`bant.${d}`)[0]}
          </span>
        </span>
      ))}
    </span>
  );
}
