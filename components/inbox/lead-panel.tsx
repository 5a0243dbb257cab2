"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { BANT_DOT } from "@/components/leads/bant-dots";
import { HEAT_BAR_STYLES, HeatBadge } from "@/components/leads/heat-badge";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { BANT_DIMENSIONS } from "@/lib/scoring";
import { heatLinesText } from "@/lib/scoring/render";
import { useHeatLineText } from "@/components/leads/use-heat-line-text";
import { LtrText, UserText } from "@/components/ui/bidi";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import type { ConversationData } from "./types";

/** Who the thread is with: heat and why, BANT, owner and contact details, and the way to the lead page. */
export function LeadPanel({ lead }: { lead: ConversationData["lead"] }) {
  const t = useTranslations("inbox");
  const tl = useTranslations("leads");
  const heatLine = useHeatLineText();
  const explanation = heatLinesText(lead.heatLines, heatLine);
  return (
    <div className="space-y-5 p-4 text-sm" data-testid="lead-panel">
      <div>
        <p className="text-xs font-medium tracking-wide text-subtle-foreground uppercase">{t("lead.title")}</p>
        <Link
          href={`/leads/${lead.id}`}
          className="mt-1 block text-base font-semibold text-foreground hover:text-primary-text hover:underline"
        >
          <UserText>{lead.name}</UserText>
        </Link>
        {lead.company && (
          <p className="text-subtle-foreground">
            <UserText>{lead.company}</UserText>
          </p>
        )}
      </div>

      <section className="space-y-2">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-xs font-medium tracking-wide text-subtle-foreground uppercase">{t("lead.heat")}</h3>
          <HeatBadge level={lead.heatLevel} score={lead.heatScore} />
        </div>
        <div className="h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
          <div
            className={cn("h-full rounded-full", HEAT_BAR_STYLES[lead.heatLevel])}
            style={{ width: `${Math.max(2, Math.min(100, lead.heatScore))}%` }}
          />
        </div>
        {explanation.length > 0 ? (
          <ul className="space-y-1 text-xs text-muted-foreground" aria-label={t("lead.why")}>
            {explanation.slice(0, 6).map((line, i) => (
              <li key={i} className="flex gap-1.5">
                <span aria-hidden className="text-faint-foreground">
                  •
                </span>
                <span>{line}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-subtle-foreground">{t("lead.noExplanation")}</p>
        )}
      </section>

      <section className="space-y-2">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-xs font-medium tracking-wide text-subtle-foreground uppercase">{t("lead.bant")}</h3>
          <span className="text-xs text-subtle-foreground tabular-nums">
            {t("lead.bantScore", { score: lead.bantScore })}
          </span>
        </div>
        <dl className="grid grid-cols-2 gap-1.5">
          {BANT_DIMENSIONS.map((d) => (
            <div
              key={d}
              className="flex items-center gap-2 rounded-md border border-border px-2 py-1.5"
              data-testid={`bant-${d}`}
            >
              <span
                aria-hidden
                className={cn("size-2.5 shrink-0 rounded-full ring-1 ring-inset", BANT_DOT[lead.bantStatuses[d]])}
              />
              <div className="min-w-0">
                <dt className="text-[11px] text-subtle-foreground">{tl(`bant.${d}`)}</dt>
                <dd className="truncate text-xs font-medium">{tl(`bantStatus.${lead.bantStatuses[d]}`)}</dd>
              </div>
            </div>
          ))}
        </dl>
      </section>

      <dl className="space-y-2.5">
        <Detail label={t("lead.owner")}>
          {lead.ownerName ? (
            <UserText>{lead.ownerName}</UserText>
          ) : (
            <span className="text-faint-foreground">{t("lead.noOwner")}</span>
          )}
        </Detail>
        <Detail label={t("lead.status")}>{tl(`status.${lead.status}`)}</Detail>
        {lead.phone && (
          <Detail label={t("lead.phone")}>
            <a href={`tel:${lead.phone}`} className="hover:underline">
              <LtrText>{lead.phone}</LtrText>
            </a>
          </Detail>
        )}
        {lead.email && (
          <Detail label={t("lead.email")}>
            <a href={`mailto:${lead.email}`} className="break-all hover:underline">
              <LtrText>{lead.email}</LtrText>
            </a>
          </Detail>
        )}
        {lead.company && (
          <Detail label={t("lead.company")}>
            <UserText>{lead.company}</UserText>
          </Detail>
        )}
      </dl>

      <Link
        href={`/leads/${lead.id}`}
        className={buttonVariants({ variant: "secondary", size: "sm", className: "flex" })}
      >
        {t("lead.open")} <DirectionalArrow to="forward" />
      </Link>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-subtle-foreground">{label}</dt>
      <dd className="mt-0.5 font-medium text-foreground-soft">{children}</dd>
    </div>
  );
}
