"use client";

import { useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { HEAT_BAR_STYLES } from "@/components/leads/heat-badge";
import { cn } from "@/components/ui/cn";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { HEAT_LEVELS } from "@/lib/analytics/types";
import { leadsHref } from "./links";
import {
  AXIS,
  CHART_DIR,
  GRID_STROKE,
  HEAT_FILL,
  NumberLink,
  Stat,
  TOOLTIP_STYLE,
  useDayLabel,
  useWidgetFormat,
  WidgetEmpty,
} from "./parts";
import type { WidgetProps } from "./types";

/**
 * Leads per heat level at the end of each day (stacked), and the median time a lead took to get
 * hot, against the previous period. Today's levels open the leads at that level now.
 */
export function ProgressionWidget({ data, range, compact }: WidgetProps<"progression">) {
  const t = useTranslations("dashboardWidgets");
  const fmt = useWidgetFormat();
  const dayLabel = useDayLabel();
  const total = (day: (typeof data.days)[number]) => HEAT_LEVELS.reduce((sum, level) => sum + day[level], 0);
  if (!data.days.some((day) => total(day) > 0)) return <WidgetEmpty>{t("progression.empty")}</WidgetEmpty>;
  const last = data.days[data.days.length - 1]!;
  const levels = [...HEAT_LEVELS].reverse();

  return (
    <div className="flex h-full flex-col gap-3">
      {/* Two lists side by side: a <dl> may hold only dt/dd groups, not a nested wrapper. */}
      <div className="flex flex-wrap items-start gap-x-6 gap-y-2">
        <dl>
          <Stat
            label={t("progression.medianToHot")}
            hint={t("progression.previous", { value: fmt.duration(data.medianSecondsToHot.previous) })}
          >
            {fmt.duration(data.medianSecondsToHot.current)}
          </Stat>
        </dl>
        <dl className="flex flex-wrap gap-3">
          {levels.map((level) => (
            <Stat key={level} label={t(`levels.${level}`)}>
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className={cn("size-2 rounded-full", HEAT_BAR_STYLES[level])} />
                <NumberLink
                  href={leadsHref(range, { heat: level })}
                  label={t("heat.open", { count: last[level], level: t(`levels.${level}`) })}
                >
                  {fmt.count(last[level])}
                </NumberLink>
              </span>
            </Stat>
          ))}
        </dl>
      </div>
      {!compact && (
        <>
          <div className="min-h-32 flex-1" role="img" dir={CHART_DIR} aria-label={t("progression.chart")}>
            <ResponsiveContainer width="100%" height="100%">
              <AreaChart data={data.days} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
                <CartesianGrid vertical={false} stroke={GRID_STROKE} />
                <XAxis dataKey="day" tickFormatter={dayLabel} {...AXIS} tickLine={false} minTickGap={16} />
                <YAxis allowDecimals={false} {...AXIS} tickLine={false} width={40} />
                <Tooltip
                  {...TOOLTIP_STYLE}
                  labelFormatter={(day) => dayLabel(String(day))}
                  formatter={(value) => fmt.count(Number(value))}
                />
                {HEAT_LEVELS.map((level) => (
                  <Area
                    key={level}
                    type="monotone"
                    dataKey={level}
                    name={t(`levels.${level}`)}
                    stackId="heat"
                    stroke={HEAT_FILL[level]}
                    fill={HEAT_FILL[level]}
                    fillOpacity={0.7}
                  />
                ))}
              </AreaChart>
            </ResponsiveContainer>
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer text-subtle-foreground">{t("showTable")}</summary>
            <div className="max-h-48 overflow-auto">
              <Table>
                <THead>
                  <TRow>
                    <THeader>{t("day")}</THeader>
                    {levels.map((level) => (
                      <THeader key={level} className="text-end">
                        {t(`levels.${level}`)}
                      </THeader>
                    ))}
                  </TRow>
                </THead>
                <TBody>
                  {data.days.map((day) => (
                    <TRow key={day.day}>
                      <THeader scope="row" className="font-normal">
                        {dayLabel(day.day)}
                      </THeader>
                      {levels.map((level) => (
                        <TCell key={level} className="text-end tabular-nums">
                          {fmt.count(day[level])}
                        </TCell>
                      ))}
                    </TRow>
                  ))}
                </TBody>
              </Table>
            </div>
          </details>
        </>
      )}
    </div>
  );
}
