"use client";

import { useTranslations } from "next-intl";
import { createElement, type ComponentType, type ReactNode } from "react";

import type { PartialAnalytics, WidgetName } from "@/lib/analytics/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ErrorState } from "@/components/ui/states";
import { useWidgetData } from "./hooks";
import { isCompact, WIDGET_COMPONENTS, WIDGET_TITLES, type WidgetProps } from "./widgets/registry";
import { useErrorText } from "@/lib/client/use-error-text";

export type WidgetView = {
  /** The view's canonical analytics query (range, from, to, project), without `widget`. */
  query: string;
  /** The server render's numbers, when they answer this same query. */
  initial?: PartialAnalytics;
  refetchSeconds: number;
};

/** The moving parts of a widget while the user arranges the grid. */
export type Arranging = { onHide: () => void } | null;

/**
 * One tile of the grid: its title, its own fetch with its own skeleton and error (an error here
 * never blanks the page), and the widget drawn by U2's component for its size.
 */
export function WidgetFrame({
  name,
  w,
  h,
  view,
  arranging,
}: {
  name: WidgetName;
  w: number;
  h: number;
  view: WidgetView;
  arranging: Arranging;
}) {
  const t = useTranslations("dashboardShell");
  const tw = useTranslations("dashboardWidgets");
  const title = tw(WIDGET_TITLES[name]);
  return (
    <section
      aria-label={title}
      className={cn(
        "flex h-full min-h-0 flex-col overflow-hidden rounded-lg border border-border bg-surface shadow-xs",
        arranging && "ring-1 ring-primary-border",
      )}
    >
      <header className="flex items-center gap-2 border-b border-border px-4 py-2">
        {arranging && (
          <span
            aria-label={t("dragWidget", { widget: title })}
            title={t("dragWidget", { widget: title })}
            data-testid={`dashboard-drag-${name}`}
            className="dashboard-drag-handle -ms-1 cursor-grab select-none rounded px-1 text-subtle-foreground hover:bg-muted active:cursor-grabbing"
          >
            ⠿
          </span>
        )}
        <h2 className="min-w-0 flex-1 truncate text-sm font-semibold text-foreground">{title}</h2>
        {arranging && (
          <Button
            variant="ghost"
            size="xs"
            aria-label={t("hideWidget", { widget: title })}
            data-testid={`dashboard-hide-${name}`}
            onClick={arranging.onHide}
          >
            {t("hide")}
          </Button>
        )}
      </header>
      <div className="min-h-0 flex-1 overflow-auto px-4 py-3">
        <WidgetBody name={name} compact={isCompact(name, w, h)} view={view} title={title} />
      </div>
    </section>
  );
}

function WidgetBody({
  name,
  compact,
  view,
  title,
}: {
  name: WidgetName;
  compact: boolean;
  view: WidgetView;
  title: string;
}) {
  const t = useTranslations("dashboardShell");
  const describe = useErrorText();
  const { data, error, isPending, refetch, isFetching } = useWidgetData(name, view.query, {
    initial: view.initial,
    refetchSeconds: view.refetchSeconds,
    enabled: true,
  });
  if (isPending) return <WidgetSkeleton label={t("loadingWidget", { widget: title })} />;
  if (error && !data?.[name])
    return (
      <ErrorState
        message={t("widgetFailed", { reason: describe(error) })}
        retry={
          <Button size="xs" variant="secondary" loading={isFetching} onClick={() => void refetch()}>
            {t("retry")}
          </Button>
        }
      />
    );
  const slice = data?.[name];
  if (!slice) return <WidgetSkeleton label={t("loadingWidget", { widget: title })} />;
  // The registry pairs each name with its component; the cast keeps `name` and `data` together.
  const Component = WIDGET_COMPONENTS[name] as ComponentType<WidgetProps>;
  return createElement(Component, { name, data: slice, range: data.range, compact }) as ReactNode;
}

/** Grey bars where the numbers will be, so the tile keeps its shape while it loads. */
function WidgetSkeleton({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className="flex h-full animate-pulse flex-col gap-3"
      data-testid="widget-skeleton"
    >
      <div className="h-6 w-1/3 rounded bg-muted" />
      <div className="min-h-8 flex-1 rounded bg-muted" />
      <div className="h-4 w-2/3 rounded bg-muted" />
    </div>
  );
}
