"use client";

import { useTranslations } from "next-intl";
import { BANT_DOT } from "@/components/leads/bant-dots";
import { HEAT_STYLES } from "@/components/leads/heat-badge";
import { cn } from "@/components/ui/cn";
import type { ProviderName } from "@/lib/ai/types";
import { BANT_DIMENSIONS, type HeatLevel } from "@/lib/scoring";
import type { BantFindings } from "./types";

/** "Offline assistant" (sandbox-style, amber) or "OpenAI · gpt-4o-mini". */
export function ProviderBadge({ provider, model }: { provider: ProviderName; model?: string | null }) {
  const t = useTranslations("approvals");
  const offline = provider === "local";
  return (
    <span
      data-testid="provider-badge"
      data-provider={provider}
      title={offline ? t("provider.offlineHint") : undefined}
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-[11px] font-semibold ring-1 ring-inset",
        offline
          ? "bg-warning-surface text-warning-muted-foreground ring-warning-border"
          : "bg-ai-surface text-ai-muted-foreground ring-ai-border",
      )}
    >
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="size-3"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
      >
        {offline ? (
          <path d="M9 3h6M10 3v6L4.5 18.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3" />
        ) : (
          <path d="M12 3l2 5 5 2-5 2-2 5-2-5-5-2 5-2z" />
        )}
      </svg>
      {offline ? t("provider.offline") : model ? t("provider.openaiModel", { model }) : t("provider.openai")}
    </span>
  );
}

export function HeatChip({ level, label }: { level: HeatLevel; label?: string }) {
  const t = useTranslations("leads");
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-semibold ring-1 ring-inset",
        HEAT_STYLES[level],
      )}
      data-testid="heat-chip"
    >
      {label ?? t(`heat.${level}`)}
    </span>
  );
}

export function InjectionBadge() {
  const t = useTranslations("approvals");
  return (
    <span
      data-testid="injection-badge"
      title={t("injection.hint")}
      className="inline-flex items-center gap-1 rounded-full bg-danger-surface px-2 py-0.5 text-[11px] font-semibold text-danger-muted-foreground ring-1 ring-danger-border ring-inset"
    >
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="size-3"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.2}
        strokeLinecap="round"
      >
        <path d="M12 3 2 20h20L12 3zM12 10v4M12 17v.5" />
      </svg>
      {t("injection.badge")}
    </span>
  );
}

/** Thumbs up or down, drawn (emoji fonts are missing on many Linux desktops). */
export function ThumbIcon({ down = false, className = "size-4" }: { down?: boolean; className?: string }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      className={cn(className, down && "rotate-180")}
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M7 10v11H4a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm0 0 4-7a2.5 2.5 0 0 1 2.5 2.8L13 10h5.6a2 2 0 0 1 2 2.4l-1.4 7A2 2 0 0 1 17.2 21H7" />
    </svg>
  );
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** Intent, suggested heat, confidence and the four BANT findings, each with the lead's words behind it. */
export function Findings({
  bant,
  intent,
  heat,
  confidence,
  injection,
  compact = false,
}: {
  bant: BantFindings;
  intent: string;
  heat: HeatLevel;
  confidence: number;
  injection: boolean;
  compact?: boolean;
}) {
  const t = useTranslations("approvals");
  const tl = useTranslations("leads");
  return (
    <div className="space-y-3" data-testid="findings">
      <dl className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs">
        <div className="flex items-center gap-1.5">
          <dt className="text-subtle-foreground">{t("findings.intent")}</dt>
          <dd className="font-medium" data-testid="finding-intent">
            {t.has(`intent.${intent}`) ? t(`intent.${intent}`) : intent}
          </dd>
        </div>
        <div className="flex items-center gap-1.5">
          <dt className="text-subtle-foreground">{t("findings.heat")}</dt>
          <dd data-testid="finding-heat">
            <HeatChip level={heat} />
          </dd>
        </div>
        <div className="flex items-center gap-1.5">
          <dt className="text-subtle-foreground">{t("findings.confidence")}</dt>
          <dd className="font-medium tabular-nums" data-testid="finding-confidence">
            {percent(confidence)}
          </dd>
        </div>
        {injection && (
          <div>
            <dt className="sr-only">{t("injection.label")}</dt>
            <dd>
              <InjectionBadge />
            </dd>
          </div>
        )}
      </dl>
      <ul className={cn("grid gap-2", compact ? "grid-cols-1" : "sm:grid-cols-2")} aria-label={t("findings.bant")}>
        {BANT_DIMENSIONS.map((dimension) => {
          const finding = bant[dimension];
          const status = finding?.status ?? "unknown";
          return (
            <li
              key={dimension}
              className="rounded-md border border-border p-2 text-xs"
              data-testid={`finding-${dimension}`}
              data-status={status}
            >
              <div className="flex items-center justify-between gap-2">
                <span className="flex items-center gap-1.5 font-semibold">
                  <span aria-hidden className={cn("size-2.5 rounded-full ring-1 ring-inset", BANT_DOT[status])} />
                  {tl(`bant.${dimension}`)}
                </span>
                <span className="text-subtle-foreground">
                  {tl(`bantStatus.${status}`)}
                  {finding && <span className="ms-1 tabular-nums">· {percent(finding.confidence)}</span>}
                </span>
              </div>
              {finding?.value ? (
                <p className="mt-1 font-medium text-foreground">{finding.value}</p>
              ) : (
                !finding && <p className="mt-1 text-faint-foreground">{t("findings.nothing")}</p>
              )}
              {finding?.quote && <p className="mt-1 text-muted-foreground italic">“{finding.quote}”</p>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
