"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/input";
import { Table, TBody, TCell, THead, THeader, TRow } from "@/components/ui/table";
import type { AgentRow } from "@/lib/analytics/types";
import { approvalsHref } from "./links";
import { sortRows } from "./math";
import {
  AXIS,
  CHART_DIR,
  GRID_STROKE,
  NumberLink,
  SERIES_FILL,
  TOOLTIP_STYLE,
  useWidgetFormat,
  WidgetEmpty,
} from "./parts";
import type { WidgetProps } from "./types";

type Column =
  "name" | "drafts" | "approvalRate" | "edited" | "avgEditDistance" | "rejected" | "meetingsBooked" | "leadsQualified";
const COLUMNS: Column[] = [
  "name",
  "drafts",
  "approvalRate",
  "edited",
  "avgEditDistance",
  "rejected",
  "meetingsBooked",
  "leadsQualified",
];
const COMPACT_COLUMNS: Column[] = ["name", "drafts", "approvalRate", "meetingsBooked"];
/** What "compare" draws side by side: the counts (rates and distances have their own scales). */
const COMPARED = ["drafts", "approved", "edited", "rejected", "meetingsBooked", "leadsQualified"] as const;

/**
 * Per AI agent in the period: drafts and how people decided on them, meetings booked and leads
 * qualified. Sortable by any column; tick two or more agents to compare them side by side.
 * Drafts, approvals and rejections open that agent's approvals queue.
 */
export function AgentsWidget({ data, compact }: WidgetProps<"agents">) {
  const t = useTranslations("dashboardWidgets");
  const fmt = useWidgetFormat();
  const [sort, setSort] = useState<{ key: Column; direction: "asc" | "desc" }>({ key: "drafts", direction: "desc" });
  const [compared, setCompared] = useState<Set<string>>(new Set());
  if (data.rows.length === 0) return <WidgetEmpty>{t("agents.empty")}</WidgetEmpty>;

  const rows = sortRows(data.rows, sort.key, sort.direction);
  const columns = compact ? COMPACT_COLUMNS : COLUMNS;
  const picked = rows.filter((row) => compared.has(row.agentId));
  const toggleSort = (key: Column) =>
    setSort((s) => ({
      key,
      direction: s.key === key && s.direction === "desc" ? "asc" : key === "name" ? "asc" : "desc",
    }));
  const toggleCompare = (id: string) =>
    setCompared((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const cell = (row: AgentRow, column: Exclude<Column, "name">) => {
    switch (column) {
      case "approvalRate":
        return fmt.percent(row.approvalRate);
      case "avgEditDistance":
        return fmt.decimal(row.avgEditDistance);
      case "drafts":
        return (
          <NumberLink
            href={approvalsHref(row.agentId)}
            label={t("agents.open.drafts", { count: row.drafts, agent: row.name })}
          >
            {fmt.count(row.drafts)}
          </NumberLink>
        );
      case "edited":
        return (
          <NumberLink
            href={approvalsHref(row.agentId, "approved")}
            label={t("agents.open.approved", { count: row.approved, agent: row.name })}
          >
            {fmt.count(row.edited)}
          </NumberLink>
        );
      case "rejected":
        return (
          <NumberLink
            href={approvalsHref(row.agentId, "rejected")}
            label={t("agents.open.rejected", { count: row.rejected, agent: row.name })}
          >
            {fmt.count(row.rejected)}
          </NumberLink>
        );
      default:
        return fmt.count(row[column]);
    }
  };

  return (
    <div className="flex h-full flex-col gap-3">
      <div className="min-h-0 flex-1 overflow-auto">
        <Table>
          <caption className="sr-only">{t("agents.caption")}</caption>
          <THead>
            <TRow>
              {!compact && (
                <THeader className="w-8">
                  <span className="sr-only">{t("agents.compare")}</span>
                </THeader>
              )}
              {columns.map((column) => (
                <THeader
                  key={column}
                  className={column === "name" ? undefined : "text-end"}
                  aria-sort={sort.key === column ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
                >
                  <button
                    type="button"
                    onClick={() => toggleSort(column)}
                    className="inline-flex items-center gap-1 uppercase hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
                  >
                    {t(`agents.columns.${column}`)}
                    <span aria-hidden="true">{sort.key === column ? (sort.direction === "asc" ? "↑" : "↓") : ""}</span>
                  </button>
                </THeader>
              ))}
            </TRow>
          </THead>
          <TBody>
            {rows.map((row) => (
              <TRow key={row.agentId}>
                {!compact && (
                  <TCell>
                    <Checkbox
                      aria-label={t("agents.compareAgent", { agent: row.name })}
                      checked={compared.has(row.agentId)}
                      onChange={() => toggleCompare(row.agentId)}
                    />
                  </TCell>
                )}
                {columns.map((column) =>
                  column === "name" ? (
                    <THeader key={column} scope="row" className="font-medium text-foreground">
                      {row.name}
                    </THeader>
                  ) : (
                    <TCell key={column} className="text-end tabular-nums">
                      {cell(row, column)}
                    </TCell>
                  ),
                )}
              </TRow>
            ))}
          </TBody>
        </Table>
      </div>
      {!compact && picked.length >= 2 && (
        <div className="space-y-2">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-foreground-soft">
              {t("agents.comparing", { agents: picked.map((row) => row.name).join(", ") })}
            </p>
            <Button size="xs" variant="ghost" onClick={() => setCompared(new Set())}>
              {t("agents.clearCompare")}
            </Button>
          </div>
          <div
            className="h-48"
            role="img"
            dir={CHART_DIR}
            aria-label={t("agents.chart", {
              summary: picked
                .map(
                  (row) =>
                    `${row.name}: ${COMPARED.map((k) => `${t(`agents.columns.${k}`)} ${fmt.count(row[k])}`).join(", ")}`,
                )
                .join("; "),
            })}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={COMPARED.map((k) => ({
                  metric: t(`agents.columns.${k}`),
                  ...Object.fromEntries(picked.map((row) => [row.agentId, row[k]])),
                }))}
                margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
              >
                <CartesianGrid vertical={false} stroke={GRID_STROKE} />
                <XAxis dataKey="metric" {...AXIS} tickLine={false} interval={0} />
                <YAxis allowDecimals={false} {...AXIS} tickLine={false} width={40} />
                <Tooltip {...TOOLTIP_STYLE} formatter={(value) => fmt.count(Number(value))} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {picked.map((row, i) => (
                  <Bar
                    key={row.agentId}
                    dataKey={row.agentId}
                    name={row.name}
                    fill={SERIES_FILL[i % SERIES_FILL.length]}
                    radius={[3, 3, 0, 0]}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
      )}
      {!compact && picked.length < 2 && <p className="text-xs text-subtle-foreground">{t("agents.compareHint")}</p>}
    </div>
  );
}
