"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { HEAT_LEVELS, type Level } from "@/lib/analytics/types";
import { leadsHref } from "./links";
import {
  AXIS,
  CHART_DIR,
  GRID_STROKE,
  HEAT_FILL,
  NumberLink,
  TOOLTIP_STYLE,
  useMirroredBars,
  useWidgetFormat,
  WidgetEmpty,
} from "./parts";
import type { WidgetProps } from "./types";

/**
 * Per member: the leads they own by heat now, replies sent and meetings held in the period (a
 * rep sees only their own row). Lead counts open that person's leads at that level.
 */
export function TeamWidget({ data, range, compact }: WidgetProps<"team">) {
  const t = useTranslations("dashboardWidgets");
  const router = useRouter();
  const fmt = useWidgetFormat();
  const mirror = useMirroredBars();
  if (data.rows.length === 0) return <WidgetEmpty>{t("team.empty")}</WidgetEmpty>;
  const levels = [...HEAT_LEVELS].reverse();
  const rows = [...data.rows].sort((a, b) => b.leads.total - a.leads.total || a.name.localeCompare(b.name));
  const chart = rows.map((row) => ({ userId: row.userId, name: row.name, ...row.leads }));
  const go = (level: Level) => (_: unknown, index: number) => {
    const row = rows[index];
    if (row) router.push(leadsHref(range, { owner: row.userId, heat: level }));
  };

  return (
    <div className="flex h-full flex-col gap-3">
      {!compact && (
        <div className="min-h-28 flex-1" role="img" dir={CHART_DIR} aria-label={t("team.chart")}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={chart} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
              <XAxis type="number" allowDecimals={false} {...AXIS} tickLine={false} {...mirror.valueAxis} />
              <YAxis type="category" dataKey="name" {...AXIS} tickLine={false} width={110} {...mirror.nameAxis} />
              <Tooltip {...TOOLTIP_STYLE} formatter={(value) => fmt.count(Number(value))} />
              {HEAT_LEVELS.map((level) => (
                <Bar
                  key={level}
                  dataKey={level}
                  name={t(`levels.${level}`)}
                  stackId="heat"
                  fill={HEAT_FILL[level]}
                  className="cursor-pointer"
                  onClick={go(level)}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <div className="min-h-0 overflow-auto">
        <Table>
          <caption className="sr-only">{t("team.caption")}</caption>
          <THead>
            <TRow>
              <THeader>{t("team.member")}</THeader>
              {!compact &&
                levels.map((level) => (
                  <THeader key={level} className="text-end">
                    {t(`levels.${level}`)}
                  </THeader>
                ))}
              <THeader className="text-end">{t("team.leads")}</THeader>
              <THeader className="text-end">{t("team.repliesSent")}</THeader>
              <THeader className="text-end">{t("team.meetingsHeld")}</THeader>
            </TRow>
          </THead>
          <TBody>
            {rows.map((row) => (
              <TRow key={row.userId}>
                <THeader scope="row" className="font-medium text-foreground">
                  {row.name}
                </THeader>
                {!compact &&
                  levels.map((level) => (
                    <TCell key={level} className="text-end">
                      <NumberLink
                        href={leadsHref(range, { owner: row.userId, heat: level })}
                        label={t("team.open.level", {
                          count: row.leads[level],
                          level: t(`levels.${level}`),
                          member: row.name,
                        })}
                      >
                        {fmt.count(row.leads[level])}
                      </NumberLink>
                    </TCell>
                  ))}
                <TCell className="text-end">
                  <NumberLink
                    href={leadsHref(range, { owner: row.userId })}
                    label={t("team.open.leads", { count: row.leads.total, member: row.name })}
                    className="font-medium text-foreground"
                  >
                    {fmt.count(row.leads.total)}
                  </NumberLink>
                </TCell>
                <TCell className="text-end tabular-nums">{fmt.count(row.repliesSent)}</TCell>
                <TCell className="text-end">
                  <NumberLink
                    href={leadsHref(range, { owner: row.userId, meeting: "held", meetingIn: "current" })}
                    label={t("team.open.meetingsHeld", { count: row.meetingsHeld, member: row.name })}
                  >
                    {fmt.count(row.meetingsHeld)}
                  </NumberLink>
                </TCell>
              </TRow>
            ))}
          </TBody>
        </Table>
      </div>
    </div>
  );
}
