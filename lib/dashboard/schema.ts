import { z } from "zod";
import { WIDGETS, type RangeKey, type WidgetName } from "@/lib/analytics/types";

/**
 * The shape of a user's dashboard settings (table `user_dashboard_settings`, written only by
 * ./settings.ts). Shared with the browser: the page's client island validates and builds the
 * same objects it sends to `PUT /api/v1/dashboard-settings`.
 */

/** The grid every layout is measured in: 12 columns, rows of a fixed height (see components/dashboard). */
export const GRID_COLUMNS = 12;
/** A generous bound on rows: a layout this tall is a mistake, not a dashboard. */
export const GRID_MAX_ROWS = 400;
export const WIDGET_MAX_ROWS = 40;

export const layoutItemSchema = z
  .object({
    i: z.enum(WIDGETS, "widgetUnknown"),
    x: z
      .int("wholeGridColumns")
      .min(0, "widgetLeftOfGrid")
      .max(GRID_COLUMNS - 1),
    y: z.int("wholeGridRows").min(0, "widgetAboveGrid").max(GRID_MAX_ROWS),
    w: z.int("wholeGridColumns").min(1, "widgetMinWidth").max(GRID_COLUMNS),
    h: z.int("wholeGridRows").min(1, "widgetMinHeight").max(WIDGET_MAX_ROWS),
  })
  .refine((item) => item.x + item.w <= GRID_COLUMNS, {
    path: ["w"],
    message: "widgetInsideGrid",
    params: { columns: GRID_COLUMNS },
  });
export type LayoutItem = z.infer<typeof layoutItemSchema>;

/** The saved positions; an empty list means "the built-in default layout". */
export const layoutSchema = z
  .array(layoutItemSchema)
  .max(WIDGETS.length)
  .superRefine((items, ctx) => {
    const seen = new Set<WidgetName>();
    items.forEach((item, index) => {
      if (seen.has(item.i)) ctx.addIssue({ code: "custom", path: [index, "i"], message: "widgetOnce" });
      seen.add(item.i);
    });
  });

/** Which widgets show; a widget left out of the map shows (so a new widget appears for everyone). */
export const visibilitySchema = z.partialRecord(z.enum(WIDGETS, "widgetUnknown"), z.boolean());
export type WidgetVisibility = Record<WidgetName, boolean>;

/** The preset ranges a dashboard may open with (a custom range lives only in a link). */
export const DEFAULT_RANGES = ["24h", "7d", "30d", "90d"] as const satisfies readonly RangeKey[];
/** Auto-refresh choices in seconds; 0 is off. */
export const REFRESH_SECONDS = [0, 30, 60, 300, 900] as const;
export const DENSITIES = ["comfortable", "compact"] as const;

export const preferencesSchema = z.object({
  defaultRange: z.enum(DEFAULT_RANGES, "dashboardRangeInvalid"),
  refreshSeconds: z.literal(REFRESH_SECONDS, "refreshSecondsInvalid"),
  density: z.enum(DENSITIES, "densityInvalid"),
});
export type DashboardPreferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: DashboardPreferences = {
  defaultRange: "30d",
  refreshSeconds: 300,
  density: "comfortable",
};

/** `PUT /api/v1/dashboard-settings`: any part; the rest stays as the scope shows it now. */
export const dashboardSettingsInput = z
  .object({
    layout: layoutSchema.optional(),
    visibility: visibilitySchema.optional(),
    preferences: preferencesSchema.partial().optional(),
  })
  .strict();
export type DashboardSettingsInput = z.infer<typeof dashboardSettingsInput>;

/** `?project=<id>`: one project's dashboard; absent: "all projects". */
export const dashboardScopeQuery = z.object({ project: z.uuid("projectIdInvalid").optional() });

/**
 * Where the settings on screen come from: the project's own row, the user's "all projects" row
 * (a project not arranged yet starts from it), or the built-in default.
 */
export const SETTINGS_SOURCES = ["project", "allProjects", "default"] as const;

export type DashboardSettings = {
  projectId: string | null;
  source: (typeof SETTINGS_SOURCES)[number];
  visibility: WidgetVisibility;
  /** [] = the built-in default layout (components/dashboard/layout.ts places it). */
  layout: LayoutItem[];
  preferences: DashboardPreferences;
  updatedAt: string | null;
};

export const DEFAULT_VISIBILITY: WidgetVisibility = Object.fromEntries(
  WIDGETS.map((w) => [w, true]),
) as WidgetVisibility;
