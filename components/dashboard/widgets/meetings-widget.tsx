"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MeetingStats } from "@/lib/analytics/types";
import { leadsHref, type Period } from "./links";
import { rate } from "./math";
import {
  AXIS,
  ChangeBadge,
  CHART_DIR,
  GRID_STROKE,
  NumberLink,
  PREVIOUS_FILL,
  SERIES_FILL,
  Stat,
  TOOLTIP_STYLE,
  useWidgetFormat,
  WidgetEmpty,
} from "./parts";
import type { WidgetProps } from "./types";

type Step = "qualified" | "booked" | "held";
const STEPS: Step[] = ["qualified", "booked", "held"];

/**
 * Qualified → booked → held, with no-show and cancel rates and where bookings came from. The
 * counts open the leads behind them (the meetings list has no period filter): leads qualified
 * in the period, leads with a meeting booked in it (held, no-show, canceled).
 */
export function MeetingsWidget({ data, range, compact }: WidgetProps<"meetings">) {
  const t = useTranslations("dashboardWidgets");
  const router = useRouter();
  const fmt = useWidgetFormat();
  const { current, previous } = data;
  const empty = (s: MeetingStats) => s.qualified === 0 && s.booked === 0;
  if (empty(current) && empty(previous)) return <WidgetEmpty>{t("meetings.empty")}</WidgetEmpty>;

  const href = (step: Step | "no_show" | "canceled", period: Period = "current") =>
    step === "qualified"
      ? leadsHref(range, { qualifiedIn: period })
      : leadsHref(range, { meeting: step, meetingIn: period });
  const rows = STEPS.map((step) => ({
    step,
    name: t(`meetings.${step}`),
    current: current[step],
    previous: previous[step],
  }));
  const go = (period: Period) => (_: unknown, index: number) => {
    const row = rows[index];
    if (row) router.push(href(row.step, period));
  };

  return (
    <div className="flex h-full flex-col gap-3">
      <dl className="grid grid-cols-3 gap-2">
        {rows.map((row) => (
          <Stat
            key={row.step}
            label={row.name}
            hint={<ChangeBadge now={row.current} before={row.previous} label={t("vsPrevious")} />}
          >
            <NumberLink
              href={href(row.step)}
              label={t(`meetings.open.${row.step}`, { count: row.current })}
              testId={`widget-meetings-${row.step}`}
            >
              {fmt.count(row.current)}
            </NumberLink>
          </Stat>
        ))}
      </dl>
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        <Stat
          label={t("meetings.noShowRate")}
          hint={
            <NumberLink href={href("no_show")} label={t("meetings.open.no_show", { count: current.noShow })}>
              {t("meetings.ofBooked", { count: fmt.count(current.noShow) })}
            </NumberLink>
          }
        >
          {fmt.percent(rate(current.noShow, current.booked))}
        </Stat>
        <Stat
          label={t("meetings.cancelRate")}
          hint={
            <NumberLink href={href("canceled")} label={t("meetings.open.canceled", { count: current.canceled })}>
              {t("meetings.ofBooked", { count: fmt.count(current.canceled) })}
            </NumberLink>
          }
        >
          {fmt.percent(rate(current.canceled, current.booked))}
        </Stat>
        <Stat label={t("meetings.fromAgentLink")} hint={fmt.percent(rate(current.fromAgentLink, current.booked))}>
          <NumberLink href={href("booked")} label={t("meetings.open.booked", { count: current.booked })}>
            {fmt.count(current.fromAgentLink)}
          </NumberLink>
        </Stat>
        <Stat label={t("meetings.bookedOtherwise")} hint={fmt.percent(rate(current.bookedOtherwise, current.booked))}>
          <NumberLink href={href("booked")} label={t("meetings.open.booked", { count: current.booked })}>
            {fmt.count(current.bookedOtherwise)}
          </NumberLink>
        </Stat>
      </dl>
      {!compact && (
        <div
          className="min-h-28 flex-1"
          role="img"
          dir={CHART_DIR}
          aria-label={t("meetings.chart", {
            summary: rows.map((row) => `${row.name} ${fmt.count(row.current)} (${fmt.count(row.previous)})`).join(", "),
          })}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke={GRID_STROKE} />
              <XAxis dataKey="name" {...AXIS} tickLine={false} />
              <YAxis allowDecimals={false} {...AXIS} tickLine={false} width={40} />
              <Tooltip {...TOOLTIP_STYLE} formatter={(value) => fmt.count(Number(value))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar
                dataKey="current"
                name={t("period.current")}
                fill={SERIES_FILL[0]}
                radius={[4, 4, 0, 0]}
                className="cursor-pointer"
                onClick={go("current")}
              />
              <Bar
                dataKey="previous"
                name={t("period.previous")}
                fill={PREVIOUS_FILL}
                radius={[4, 4, 0, 0]}
                className="cursor-pointer"
                onClick={go("previous")}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
