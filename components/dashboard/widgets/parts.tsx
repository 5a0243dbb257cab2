"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Direction } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { Level } from "@/lib/analytics/types";
import { change, durationUnit } from "./math";

/** Chart colours: recharts paints SVG, so it gets the theme's tokens as CSS variables (light and dark follow). */
export const HEAT_FILL: Record<Level, string> = {
  cold: "var(--color-heat-cold-bar)",
  warm: "var(--color-heat-warm-bar)",
  hot: "var(--color-heat-hot-bar)",
  burning: "var(--color-heat-burning-bar)",
};
/** Series colours in order (channels, periods, agents), all theme tokens. */
export const SERIES_FILL = [
  "var(--color-primary)",
  "var(--color-info)",
  "var(--color-ai)",
  "var(--color-success)",
  "var(--color-warning)",
  "var(--color-dot-neutral)",
] as const;
export const PREVIOUS_FILL = "var(--color-border-strong)";
export const AXIS = { stroke: "var(--color-border)", tick: { fill: "var(--color-subtle-foreground)", fontSize: 11 } };
export const GRID_STROKE = "var(--color-border)";
export const TOOLTIP_STYLE = {
  contentStyle: {
    background: "var(--color-surface)",
    border: "1px solid var(--color-border)",
    borderRadius: 6,
    color: "var(--color-foreground)",
    fontSize: 12,
  },
  cursor: { fill: "var(--color-muted)" },
};

/**
 * Charts are drawn left to right in every language: each chart's box is an ltr island
 * (`dir={CHART_DIR}`), because recharts places axis labels by physical side and, in a right-to-left
 * document, SVG text anchors flip and the labels run into the plot. Time and quantity axes read left
 * to right in Hebrew interfaces too. Bar charts whose axis is a list of names (pipeline steps, team
 * members) mirror instead: names on the right, bars growing leftward (`useMirroredBars`). Legends
 * and tooltips are HTML text and keep the reader's direction (app/globals.css, "Charts").
 */
export const CHART_DIR = "ltr";

/** Axis and bar props for a horizontal bar chart of names, mirrored when the document is right to left. */
export function useMirroredBars() {
  const rtl = Direction.useDirection() === "rtl";
  return {
    valueAxis: { reversed: rtl },
    nameAxis: { orientation: rtl ? ("right" as const) : ("left" as const) },
    /** Rounded at the bar's far end: [top-left, top-right, bottom-right, bottom-left]. */
    radius: (rtl ? [4, 0, 0, 4] : [0, 4, 4, 0]) as [number, number, number, number],
  };
}

/** A number that opens the list behind it. */
export function NumberLink({
  href,
  label,
  children,
  className,
  testId,
}: {
  href: string;
  /** What the link opens, for screen readers ("12 hot leads"). */
  label: string;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <Link
      href={href}
      aria-label={label}
      title={label}
      data-testid={testId}
      className={cn(
        "rounded-sm tabular-nums underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring",
        className,
      )}
    >
      {children}
    </Link>
  );
}

/** "▲ 3 more than at the start", in words and arrow, not colour alone. */
export function ChangeBadge({ now, before, label }: { now: number; before: number; label: string }) {
  const t = useTranslations("dashboardWidgets");
  const format = useFormatter();
  const { delta, direction } = change(now, before);
  const text = t("change", { direction, delta: format.number(Math.abs(delta)), label });
  return (
    <span
      className={cn(
        "inline-flex items-center gap-0.5 text-xs tabular-nums",
        direction === "up" ? "text-success-text" : direction === "down" ? "text-danger-text" : "text-subtle-foreground",
      )}
      title={text}
    >
      <span aria-hidden="true">{direction === "up" ? "▲" : direction === "down" ? "▼" : "="}</span>
      <span aria-hidden="true">{direction === "same" ? "" : format.number(Math.abs(delta))}</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}

/** A widget with nothing to show says what would fill it. */
export function WidgetEmpty({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-full min-h-24 items-center justify-center rounded-md border border-dashed border-border-strong px-4 py-6 text-center text-sm text-subtle-foreground">
      <p>{children}</p>
    </div>
  );
}

/** A headline figure with its caption. */
export function Stat({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="truncate text-xs text-subtle-foreground">{label}</dt>
      <dd className="text-lg font-semibold text-foreground">{children}</dd>
      {hint && <dd className="text-xs text-subtle-foreground">{hint}</dd>}
    </div>
  );
}

/** Formatters the widgets share: counts, rates (fractions, null when undefined) and durations (seconds). */
export function useWidgetFormat() {
  const format = useFormatter();
  const t = useTranslations("dashboardWidgets");
  return {
    count: (n: number) => format.number(n),
    percent: (r: number | null) =>
      r === null ? t("none") : format.number(r, { style: "percent", maximumFractionDigits: 0 }),
    duration: (seconds: number | null) => {
      if (seconds === null) return t("none");
      const { value, unit } = durationUnit(seconds);
      return format.number(value, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
    },
    decimal: (n: number | null) => (n === null ? t("none") : format.number(n, { maximumFractionDigits: 1 })),
  };
}

/** A local day (YYYY-MM-DD) as "Nov 3": formatted at noon UTC in UTC, so no zone shifts the day. */
export function useDayLabel() {
  const format = useFormatter();
  return (day: string) =>
    format.dateTime(new Date(`${day}T12:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
}
