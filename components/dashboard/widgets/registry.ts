/**
 * The dashboard's widgets, by name: the component that draws each, its title and its place in
 * the grid. The shell (components/dashboard) renders any widget generically through
 * `renderWidget(name, analytics, compact)` and builds the default layout from `WIDGET_SIZES`.
 */
import { createElement, type ComponentType } from "react";
import type { Analytics, WidgetName } from "@/lib/analytics/types";
import { AgentsWidget } from "./agents-widget";
import { ConversationsWidget } from "./conversations-widget";
import { HeatWidget } from "./heat-widget";
import { MeetingsWidget } from "./meetings-widget";
import { PipelineWidget } from "./pipeline-widget";
import { ProgressionWidget } from "./progression-widget";
import { TeamWidget } from "./team-widget";
import type { WidgetProps } from "./types";

export type { WidgetProps };

export const WIDGET_COMPONENTS: { [W in WidgetName]: ComponentType<WidgetProps<W>> } = {
  heat: HeatWidget,
  pipeline: PipelineWidget,
  progression: ProgressionWidget,
  meetings: MeetingsWidget,
  conversations: ConversationsWidget,
  agents: AgentsWidget,
  team: TeamWidget,
};

/** Translation keys in the `dashboardWidgets` namespace: `t(WIDGET_TITLES.heat)`. */
export const WIDGET_TITLES: Record<WidgetName, `${WidgetName}.title`> = {
  heat: "heat.title",
  pipeline: "pipeline.title",
  progression: "progression.title",
  meetings: "meetings.title",
  conversations: "conversations.title",
  agents: "agents.title",
  team: "team.title",
};

/** The grid the sizes below are measured in (react-grid-layout `cols` and `rowHeight` in px). */
export const WIDGET_GRID = { cols: 12, rowHeight: 40 } as const;

export type WidgetSize = { w: number; h: number; minW: number; minH: number };

/** Default and smallest size of each widget, in grid columns and rows. Under `compact` sizes a widget drops its detail. */
export const WIDGET_SIZES: Record<WidgetName, WidgetSize> = {
  heat: { w: 4, h: 8, minW: 3, minH: 5 },
  pipeline: { w: 8, h: 8, minW: 4, minH: 6 },
  progression: { w: 6, h: 8, minW: 4, minH: 6 },
  meetings: { w: 6, h: 8, minW: 3, minH: 5 },
  conversations: { w: 6, h: 9, minW: 4, minH: 6 },
  agents: { w: 6, h: 9, minW: 4, minH: 6 },
  team: { w: 12, h: 8, minW: 4, minH: 5 },
};

/** A widget shrunk to (or near) its smallest size is compact: it shows its headline numbers only. */
export function isCompact(name: WidgetName, w: number, h: number): boolean {
  const size = WIDGET_SIZES[name];
  return w <= size.minW || h <= size.minH;
}

/** Renders one widget from the whole analytics, keeping `name` and `data` paired for the type checker. */
export function renderWidget<W extends WidgetName>(name: W, analytics: Analytics, compact: boolean) {
  const Component = WIDGET_COMPONENTS[name] as ComponentType<WidgetProps<W>>;
  return createElement(Component, { name, data: analytics[name], range: analytics.range, compact });
}
