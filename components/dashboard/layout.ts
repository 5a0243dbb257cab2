import { verticalCompactor, type Layout, type LayoutItem as GridItem } from "react-grid-layout/core";
import { WIDGETS, type WidgetName } from "@/lib/analytics/types";
import {
  GRID_COLUMNS,
  type DashboardPreferences,
  type LayoutItem,
  type WidgetVisibility,
} from "@/lib/dashboard/schema";
import { WIDGET_GRID, WIDGET_SIZES } from "./widgets/registry";

/**
 * Where each widget sits, computed the same way on the server and in the browser: the server
 * renders these positions as a CSS grid and the arranging grid (react-grid-layout) starts from
 * exactly them, so the saved layout is the first paint and nothing moves when the page wakes up.
 */

export type Placed = LayoutItem & { minW: number; minH: number };

/** Pixel measures of the grid per density; the CSS grid and react-grid-layout use the same ones. */
export function gridMetrics(density: DashboardPreferences["density"]) {
  return density === "compact"
    ? { cols: GRID_COLUMNS, rowHeight: WIDGET_GRID.rowHeight - 8, gap: 8 }
    : { cols: GRID_COLUMNS, rowHeight: WIDGET_GRID.rowHeight, gap: 16 };
}

/** Every widget at its default size, filled in left to right, row by row, in the registry's order. */
export function defaultLayout(): LayoutItem[] {
  const items: LayoutItem[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const i of WIDGETS) {
    const { w, h } = WIDGET_SIZES[i];
    if (x + w > GRID_COLUMNS) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    items.push({ i, x, y, w, h });
    x += w;
    rowHeight = Math.max(rowHeight, h);
  }
  return items;
}

const clampTo = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The visible widgets' positions from a saved layout (an empty one is the default): sizes kept
 * to each widget's minimum and the grid's width, a widget the saved layout does not know yet
 * (added to Kiln later) placed below the rest, and everything packed upwards as the grid packs it.
 */
export function placeWidgets(saved: readonly LayoutItem[], visibility: WidgetVisibility): Placed[] {
  const source = saved.length ? saved : defaultLayout();
  const bottom = source.reduce((max, item) => Math.max(max, item.y + item.h), 0);
  const items: Placed[] = [];
  for (const i of WIDGETS) {
    if (!visibility[i]) continue;
    const size = WIDGET_SIZES[i];
    const at = source.find((item) => item.i === i) ?? { i, x: 0, y: bottom, w: size.w, h: size.h };
    const w = clampTo(at.w, Math.min(size.minW, GRID_COLUMNS), GRID_COLUMNS);
    items.push({
      i,
      x: clampTo(at.x, 0, GRID_COLUMNS - w),
      y: at.y,
      w,
      h: Math.max(at.h, size.minH),
      minW: size.minW,
      minH: size.minH,
    });
  }
  const packed = verticalCompactor.compact(items, GRID_COLUMNS) as Placed[];
  return sortByPosition(packed.map(({ i, x, y, w, h, minW, minH }) => ({ i, x, y, w, h, minW, minH })));
}

/** Reading order (top to bottom, then left to right): how the widgets stack on a narrow screen. */
export function sortByPosition<T extends LayoutItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.y - b.y || a.x - b.x);
}

/**
 * What to save after the grid moved: the visible widgets where the grid put them, and the hidden
 * ones where they were, so showing a widget again brings it back to its place.
 */
export function layoutToSave(
  grid: Layout,
  previous: readonly LayoutItem[],
  visibility: WidgetVisibility,
): LayoutItem[] {
  const moved = new Map(grid.map((item: GridItem) => [item.i, item]));
  const before = previous.length ? previous : defaultLayout();
  const items: LayoutItem[] = [];
  for (const i of WIDGETS) {
    const at = visibility[i] ? moved.get(i) : undefined;
    const kept = at ?? before.find((item) => item.i === i);
    if (kept) items.push({ i, x: kept.x, y: kept.y, w: kept.w, h: kept.h });
  }
  return sortByPosition(items);
}

/** Same positions, whatever the order or the extra fields: no save when nothing moved. */
export function sameLayout(a: readonly LayoutItem[], b: readonly LayoutItem[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(b.map((item) => [item.i, item]));
  return a.every((item) => {
    const other = byId.get(item.i as WidgetName);
    return other && other.x === item.x && other.y === item.y && other.w === item.w && other.h === item.h;
  });
}
