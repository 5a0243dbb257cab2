"use client";

import { useTranslations } from "next-intl";
import { Direction } from "radix-ui";
import type { CSSProperties, ReactNode } from "react";
import ReactGridLayout, { useContainerWidth, type Layout } from "react-grid-layout";
import { verticalCompactor } from "react-grid-layout/core";
import "react-grid-layout/css/styles.css";
import "react-resizable/css/styles.css";
import { Alert } from "@/components/ui/alert";
import type { WidgetName } from "@/lib/analytics/types";
import type { Placed } from "./layout";

/** Below this container width the widgets stack in one column (the CSS grid's `@3xl`, 48rem). */
export const STACK_BELOW_PX = 768;

type Metrics = { cols: number; rowHeight: number; gap: number };

/**
 * The widgets on the grid. Reading, it is a plain CSS grid with the same columns, row height
 * and gaps as react-grid-layout, so the server's HTML already has the saved layout (no
 * measuring, no flash) and a narrow container stacks the widgets in reading order. Arranging,
 * react-grid-layout takes over at exactly those positions to drag and resize.
 */
export function DashboardGrid({
  items,
  metrics,
  arranging,
  onArranged,
  renderItem,
}: {
  items: Placed[];
  metrics: Metrics;
  arranging: boolean;
  /** The grid after a drag or a resize ended. */
  onArranged: (layout: Layout) => void;
  renderItem: (item: Placed) => ReactNode;
}) {
  const t = useTranslations("dashboardShell");
  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true });
  const wide = mounted && width >= STACK_BELOW_PX;
  // The reading grid is a CSS grid, so column 1 is on the right in a right-to-left document.
  // react-grid-layout only knows left offsets: it runs in an ltr box on mirrored columns, so
  // arranging shows every widget exactly where reading does, and saves logical columns.
  const rtl = Direction.useDirection() === "rtl";
  const mirrored = (layout: Layout): Layout =>
    rtl ? layout.map((item) => ({ ...item, x: metrics.cols - item.x - item.w })) : layout;

  return (
    <div
      ref={containerRef}
      className="@container"
      data-testid="dashboard-grid"
      data-mode={arranging && wide ? "arrange" : "read"}
    >
      {arranging && !wide && mounted && (
        <Alert tone="info" className="mb-3">
          {t("narrowHint")}
        </Alert>
      )}
      {arranging && wide ? (
        <ReactGridLayout
          width={width}
          layout={mirrored(items)}
          gridConfig={{
            cols: metrics.cols,
            rowHeight: metrics.rowHeight,
            margin: [metrics.gap, metrics.gap],
            containerPadding: [0, 0],
          }}
          dragConfig={{ enabled: true, handle: ".dashboard-drag-handle" }}
          // The resize handle sits in the bottom end corner.
          resizeConfig={{ enabled: true, handles: [rtl ? "sw" : "se"] }}
          compactor={verticalCompactor}
          onDragStop={(layout) => onArranged(mirrored(layout))}
          onResizeStop={(layout) => onArranged(mirrored(layout))}
          style={rtl ? { direction: "ltr" } : undefined}
          className="[&_.react-grid-placeholder]:rounded-lg [&_.react-grid-placeholder]:bg-primary-muted [&_.react-resizable-handle]:opacity-100"
        >
          {items.map((item) => (
            <div key={item.i} {...itemAttributes(item)} dir={rtl ? "rtl" : undefined}>
              {renderItem(item)}
            </div>
          ))}
        </ReactGridLayout>
      ) : (
        <div
          className="grid grid-cols-1 @3xl:grid-cols-12"
          style={{ gridAutoRows: `${metrics.rowHeight}px`, gap: `${metrics.gap}px` }}
        >
          {items.map((item) => (
            <div
              key={item.i}
              {...itemAttributes(item)}
              style={
                {
                  "--x": item.x + 1,
                  "--y": item.y + 1,
                  "--w": item.w,
                  "--h": item.h,
                } as CSSProperties
              }
              className="min-w-0 [grid-row:span_var(--h)] @3xl:[grid-column:var(--x)/span_var(--w)] @3xl:[grid-row:var(--y)/span_var(--h)]"
            >
              {renderItem(item)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** What tests (and U2's and P's) read off a tile: its widget and its place on the grid. */
function itemAttributes(item: Placed) {
  return {
    "data-testid": `dashboard-widget-${item.i as WidgetName}`,
    "data-widget": item.i,
    "data-x": item.x,
    "data-y": item.y,
    "data-w": item.w,
    "data-h": item.h,
  };
}
