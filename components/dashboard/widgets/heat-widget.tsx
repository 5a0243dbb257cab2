"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { HEAT_BAR_STYLES } from "@/components/leads/heat-badge";
import { cn } from "@/components/ui/cn";
import { HEAT_LEVELS } from "@/lib/analytics/types";
import { leadsHref } from "./links";
import {
  AXIS,
  ChangeBadge,
  CHART_DIR,
  HEAT_FILL,
  NumberLink,
  TOOLTIP_STYLE,
  useWidgetFormat,
  WidgetEmpty,
} from "./parts";
import type { WidgetProps } from "./types";

/** Leads per heat level now, each against where it stood at the start of the range; a bar opens its leads. */
export function HeatWidget({ data, range, compact }: WidgetProps<"heat">) {
  const t = useTranslations("dashboardWidgets");
  const router = useRouter();
  const fmt = useWidgetFormat();
  const levels = [...HEAT_LEVELS].reverse();
  const total = HEAT_LEVELS.reduce((sum, level) => sum + data.now[level], 0);
  if (total === 0) return <WidgetEmpty>{t("heat.empty")}</WidgetEmpty>;
  const rows = levels.map((level) => ({
    level,
    name: t(`levels.${level}`),
    count: data.now[level],
    href: leadsHref(range, { heat: level }),
  }));
  return (
    <div className="flex h-full flex-col gap-3">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {rows.map((row) => (
          <div key={row.level} className="min-w-0 rounded-md border border-border px-2 py-1.5">
            <dt className="flex items-center gap-1.5 truncate text-xs text-subtle-foreground">
              <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", HEAT_BAR_STYLES[row.level])} />
              {row.name}
            </dt>
            <dd className="flex items-baseline justify-between gap-1">
              <NumberLink
                href={row.href}
                label={t("heat.open", { count: row.count, level: row.name })}
                className="text-lg font-semibold text-foreground"
                testId={`widget-heat-${row.level}`}
              >
                {fmt.count(row.count)}
              </NumberLink>
              <ChangeBadge now={row.count} before={data.atStart[row.level]} label={t("heat.sinceStart")} />
            </dd>
          </div>
        ))}
      </dl>
      {!compact && (
        <div
          className="min-h-28 flex-1"
          role="img"
          dir={CHART_DIR}
          aria-label={t("heat.chart", {
            summary: rows.map((row) => `${row.name} ${fmt.count(row.count)}`).join(", "),
          })}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
              <XAxis dataKey="name" {...AXIS} tickLine={false} />
              <YAxis allowDecimals={false} {...AXIS} tickLine={false} width={40} />
              <Tooltip {...TOOLTIP_STYLE} formatter={(value) => fmt.count(Number(value))} />
              <Bar
                dataKey="count"
                name={t("heat.leads")}
                radius={[4, 4, 0, 0]}
                className="cursor-pointer"
                onClick={(_, index) => {
                  const row = rows[index];
                  if (row) router.push(row.href);
                }}
              >
                {rows.map((row) => (
                  <Cell key={row.level} fill={HEAT_FILL[row.level]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
