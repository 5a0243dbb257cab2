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

/**
 * A BANT status drawn so that its shape carries it, not only its colour: hollow (unknown), half
 * filled (partial), filled (confirmed), a cross (disqualified).
 */
export function BantMark({ status, className }: { status: BantStatus; className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 10 10" className={cn("size-2.5 shrink-0", BANT_MARK_COLOUR[status], className)}>
      {status === "disqualified" ? (
        <path d="M2 2 8 8M8 2 2 8" stroke="currentColor" strokeWidth={2} strokeLinecap="round" />
      ) : (
        <>
          <circle
            cx={5}
            cy={5}
            r={4}
            fill={status === "confirmed" ? "currentColor" : "none"}
            stroke="currentColor"
            strokeWidth={1.5}
          />
          {status === "partial" && <path d="M5 1a4 4 0 0 0 0 8z" fill="currentColor" />}
        </>
      )}
    </svg>
  );
}

const BANT_MARK_COLOUR: Record<BantStatus, string> = {
  unknown: "text-border-strong",
  partial: "text-dot-warning",
  confirmed: "text-dot-success",
  disqualified: "text-dot-danger",
};

/** Budget, Authority, Need, Timeline as four marks, each with its status spelled out. */
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
        <span key={d} className="flex flex-col items-center" data-status={statuses[d]}>
          <BantMark status={statuses[d]} />
          <span aria-hidden className="text-[9px] leading-3 text-subtle-foreground">
            {t(`bant.${d}`)[0]}
          </span>
        </span>
      ))}
    </span>
  );
}
