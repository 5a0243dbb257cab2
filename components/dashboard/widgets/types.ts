import type { Analytics, WidgetName } from "@/lib/analytics/types";

export type WidgetProps<W extends WidgetName = WidgetName> = {
  name: W;
  /** This widget's slice of the analytics. */
  data: Analytics[W];
  /** The resolved period (UTC instants, the user's zone, project); links to the lists behind the numbers use it. */
  range: Analytics["range"];
  /** A small tile: the widget shows its headline numbers and drops the detail (tables, legends). */
  compact: boolean;
};
