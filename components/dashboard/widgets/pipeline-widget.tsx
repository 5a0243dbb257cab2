"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import { pipelineStepHref } from "./links";
import { funnel } from "./math";
import {
  AXIS,
  CHART_DIR,
  GRID_STROKE,
  NumberLink,
  PREVIOUS_FILL,
  SERIES_FILL,
  TOOLTIP_STYLE,
  useMirroredBars,
  useWidgetFormat,
  WidgetEmpty,
} from "./parts";
import type { WidgetProps } from "./types";

/**
 * The BANT funnel of the leads created in the period, beside the previous period's cohort.
 * Every count opens its leads; a bar opens the current period's.
 */
export function PipelineWidget({ data, range, compact }: WidgetProps<"pipeline">) {
  const t = useTranslations("dashboardWidgets");
  const router = useRouter();
  const fmt = useWidgetFormat();
  const mirror = useMirroredBars();
  if (data.current.created === 0 && data.previous.created === 0)
    return <WidgetEmpty>{t("pipeline.empty")}</WidgetEmpty>;
  const previous = funnel(data.previous);
  const rows = funnel(data.current).map((row, i) => ({
    ...row,
    name: t(`pipeline.steps.${row.step}`),
    previous: previous[i]!.count,
    previousConversion: previous[i]!.conversion,
  }));
  const shown = compact
    ? rows.filter((r) => ["created", "qualified", "meetingScheduled", "won"].includes(r.step))
    : rows;

  return (
    <div className="flex h-full flex-col gap-3">
      {!compact && (
        <div className="min-h-40 flex-1" role="img" dir={CHART_DIR} aria-label={t("pipeline.chart")}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }} barGap={1}>
              <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
              <XAxis type="number" allowDecimals={false} {...AXIS} tickLine={false} {...mirror.valueAxis} />
              <YAxis type="category" dataKey="name" {...AXIS} tickLine={false} width={120} {...mirror.nameAxis} />
              <Tooltip {...TOOLTIP_STYLE} formatter={(value) => fmt.count(Number(value))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar
                dataKey="count"
                name={t("period.current")}
                fill={SERIES_FILL[0]}
                radius={mirror.radius}
                className="cursor-pointer"
                onClick={(_, index) => {
                  const row = rows[index];
                  if (row) router.push(pipelineStepHref(range, row.step));
                }}
              />
              <Bar
                dataKey="previous"
                name={t("period.previous")}
                fill={PREVIOUS_FILL}
                radius={mirror.radius}
                className="cursor-pointer"
                onClick={(_, index) => {
                  const row = rows[index];
                  if (row) router.push(pipelineStepHref(range, row.step, "previous"));
                }}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <Table>
        <THead>
          <TRow>
            <THeader>{t("pipeline.step")}</THeader>
            <THeader className="text-end">{t("period.current")}</THeader>
            <THeader className="text-end">{t("pipeline.conversion")}</THeader>
            <THeader className="text-end">{t("period.previous")}</THeader>
          </TRow>
        </THead>
        <TBody>
          {shown.map((row) => (
            <TRow key={row.step}>
              <THeader scope="row" className="font-normal">
                {row.name}
              </THeader>
              <TCell className="text-end">
                <NumberLink
                  href={pipelineStepHref(range, row.step)}
                  label={t("pipeline.open", { count: row.count, step: row.name })}
                  className="font-medium text-foreground"
                  testId={`widget-pipeline-${row.step}`}
                >
                  {fmt.count(row.count)}
                </NumberLink>
              </TCell>
              <TCell className="text-end text-subtle-foreground">
                {row.from ? (
                  <span title={t("pipeline.conversionOf", { step: t(`pipeline.steps.${row.from}`) })}>
                    {fmt.percent(row.conversion)}
                  </span>
                ) : null}
              </TCell>
              <TCell className="text-end">
                <NumberLink
                  href={pipelineStepHref(range, row.step, "previous")}
                  label={t("pipeline.openPrevious", { count: row.previous, step: row.name })}
                  className="text-subtle-foreground"
                >
                  {fmt.count(row.previous)}
                </NumberLink>
              </TCell>
            </TRow>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
