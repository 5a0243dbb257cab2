"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { conversationsHref } from "./links";
import { conversationDays } from "./math";
import {
  AXIS,
  ChangeBadge,
  CHART_DIR,
  GRID_STROKE,
  NumberLink,
  SERIES_FILL,
  Stat,
  TOOLTIP_STYLE,
  useDayLabel,
  useWidgetFormat,
  WidgetEmpty,
} from "./parts";
import type { WidgetProps } from "./types";

const STATUSES = ["open", "pending", "closed"] as const;

/**
 * Messages in and out per day by channel, first-response times (AI vs a person), takeovers and
 * conversations by status now. Counts open the inbox with its own filters (status, channel).
 */
export function ConversationsWidget({ data, compact }: WidgetProps<"conversations">) {
  const t = useTranslations("dashboardWidgets");
  const fmt = useWidgetFormat();
  const dayLabel = useDayLabel();
  const { current, previous, status } = data;
  const conversations = status.open + status.pending + status.closed;
  if (current.inbound + current.outbound + previous.inbound + previous.outbound + conversations === 0)
    return <WidgetEmpty>{t("conversations.empty")}</WidgetEmpty>;
  const { channels, rows } = conversationDays(data.days);
  const channelName = (medium: string) => (t.has(`channels.${medium}`) ? t(`channels.${medium}`) : medium);

  return (
    <div className="flex h-full flex-col gap-3">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {(["inbound", "outbound"] as const).map((direction) => (
          <Stat
            key={direction}
            label={t(`conversations.${direction}`)}
            hint={<ChangeBadge now={current[direction]} before={previous[direction]} label={t("vsPrevious")} />}
          >
            <NumberLink
              href={conversationsHref({ status: "all" })}
              label={t(`conversations.open.${direction}`, { count: current[direction] })}
            >
              {fmt.count(current[direction])}
            </NumberLink>
          </Stat>
        ))}
        <Stat
          label={t("conversations.firstResponseAi")}
          hint={t("progression.previous", { value: fmt.duration(previous.firstResponseAi) })}
        >
          {fmt.duration(current.firstResponseAi)}
        </Stat>
        <Stat
          label={t("conversations.firstResponseHuman")}
          hint={t("progression.previous", { value: fmt.duration(previous.firstResponseHuman) })}
        >
          {fmt.duration(current.firstResponseHuman)}
        </Stat>
      </dl>
      <dl className="flex flex-wrap gap-x-6 gap-y-2">
        <Stat
          label={t("conversations.takeoverRate")}
          hint={t("progression.previous", { value: fmt.percent(previous.takeoverRate) })}
        >
          {fmt.percent(current.takeoverRate)}
        </Stat>
        {STATUSES.map((s) => (
          <Stat key={s} label={t(`conversations.status.${s}`)}>
            <NumberLink
              href={conversationsHref({ status: s })}
              label={t("conversations.open.status", { count: status[s], status: t(`conversations.status.${s}`) })}
              testId={`widget-conversations-${s}`}
            >
              {fmt.count(status[s])}
            </NumberLink>
          </Stat>
        ))}
      </dl>
      {!compact && rows.length > 0 && (
        <div
          className="min-h-32 flex-1"
          role="img"
          dir={CHART_DIR}
          aria-label={t("conversations.chart", {
            summary: channels
              .map((c) => `${channelName(c.medium)}: ${fmt.count(c.inbound)} / ${fmt.count(c.outbound)}`)
              .join(", "),
          })}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke={GRID_STROKE} />
              <XAxis dataKey="day" tickFormatter={dayLabel} {...AXIS} tickLine={false} minTickGap={16} />
              <YAxis allowDecimals={false} {...AXIS} tickLine={false} width={40} />
              <Tooltip
                {...TOOLTIP_STYLE}
                labelFormatter={(day) => dayLabel(String(day))}
                formatter={(value) => fmt.count(Number(value))}
              />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {channels.flatMap((c, i) =>
                (["inbound", "outbound"] as const).map((direction) => (
                  <Bar
                    key={`${direction}:${c.medium}`}
                    dataKey={`${direction}:${c.medium}`}
                    name={t(`conversations.series.${direction}`, { channel: channelName(c.medium) })}
                    stackId={direction}
                    fill={SERIES_FILL[i % SERIES_FILL.length]}
                    fillOpacity={direction === "inbound" ? 1 : 0.55}
                  />
                )),
              )}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
