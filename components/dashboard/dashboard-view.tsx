"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Layout } from "react-grid-layout";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Menu, MenuContent, MenuItem, MenuTrigger } from "@/components/ui/menu";
import { EmptyState } from "@/components/ui/states";

import { useUrlView } from "@/lib/client/use-url-view";
import { WIDGETS, type PartialAnalytics, type WidgetName } from "@/lib/analytics/types";
import type { DashboardPreferences, DashboardSettings } from "@/lib/dashboard/schema";
import { DashboardGrid } from "./dashboard-grid";
import { DashboardHeader } from "./dashboard-header";
import { useDashboardSettings, useResetDashboardSettings, useSaveDashboardSettings } from "./hooks";
import { gridMetrics, layoutToSave, placeWidgets, sameLayout } from "./layout";
import { analyticsQueryOf, VIEW_KEYS, viewFromParams, type DashboardViewState } from "./view";
import { WidgetFrame } from "./widget-frame";
import { WIDGET_TITLES } from "./widgets/registry";
import { useErrorText } from "@/lib/client/use-error-text";

/**
 * The dashboard's client island: the header's controls, the grid of widgets and arranging it.
 * The server hands over the first scope's settings and numbers, so the first paint is the
 * user's own layout with data; after that React Query keeps each widget fresh on its own.
 */
export function DashboardView({
  initialSettings,
  initialAnalytics,
  initialQuery,
  projects,
}: {
  initialSettings: DashboardSettings;
  initialAnalytics: PartialAnalytics | null;
  /** The analytics query the server's numbers answer. */
  initialQuery: string;
  projects: { id: string; name: string }[];
}) {
  const t = useTranslations("dashboardShell");
  const tw = useTranslations("dashboardWidgets");
  const describe = useErrorText();
  const url = useUrlView({ keys: VIEW_KEYS });
  const projectId = url.get("project");
  const settingsQuery = useDashboardSettings(projectId, initialSettings);
  const settings = settingsQuery.data ?? initialSettings;
  const view = viewFromParams(url.get, settings.preferences.defaultRange);
  const query = analyticsQueryOf(view);
  const { save, state: saveState, retry } = useSaveDashboardSettings(projectId);
  const reset = useResetDashboardSettings(projectId);
  const [arranging, setArranging] = useState(false);

  const placed = placeWidgets(settings.layout, settings.visibility);
  const hidden = WIDGETS.filter((name) => !settings.visibility[name]);
  const metrics = gridMetrics(settings.preferences.density);

  const changeView = (next: Partial<DashboardViewState>) => {
    const merged = { ...view, ...next };
    url.update({
      range: merged.range,
      from: merged.range === "custom" ? merged.from : null,
      to: merged.range === "custom" ? merged.to : null,
      project: merged.projectId,
    });
  };

  const arranged = (grid: Layout) => {
    const layout = layoutToSave(grid, settings.layout, settings.visibility);
    if (!sameLayout(layout, layoutToSave(placed, settings.layout, settings.visibility))) save({ layout });
  };

  const setVisible = (name: WidgetName, visible: boolean) => {
    // Pin the current positions first, so hiding one widget never moves the hidden ones' places.
    const layout = layoutToSave(placed, settings.layout, settings.visibility);
    save({ layout, visibility: { [name]: visible } });
  };

  const title = (name: WidgetName) => tw(WIDGET_TITLES[name]);

  return (
    <div
      className={arranging ? "space-y-4 pb-24" : "space-y-4"}
      data-testid="dashboard"
      data-density={settings.preferences.density}
    >
      <DashboardHeader
        view={view}
        projects={projects}
        preferences={settings.preferences}
        arranging={arranging}
        onViewChange={changeView}
        onPreferencesChange={(preferences: Partial<DashboardPreferences>) => save({ preferences })}
        onArrangingChange={setArranging}
      />

      {arranging && (
        // Floating, so entering and leaving arrange mode moves no widget.
        <div
          role="toolbar"
          aria-label={t("customize")}
          className="fixed inset-x-4 bottom-4 z-30 mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 rounded-lg border border-primary-border bg-primary-surface px-4 py-2 shadow-lg"
          data-testid="dashboard-arrange-bar"
        >
          <p className="text-sm text-primary-muted-foreground">{t("customizeHint")}</p>
          <div className="flex flex-wrap items-center gap-2">
            <Menu>
              <MenuTrigger asChild>
                <Button size="sm" variant="secondary" data-testid="dashboard-hidden-widgets">
                  {t("hiddenWidgets", { count: hidden.length })}
                </Button>
              </MenuTrigger>
              <MenuContent align="end">
                {hidden.length === 0 ? (
                  <MenuItem disabled>{t("noHiddenWidgets")}</MenuItem>
                ) : (
                  hidden.map((name) => (
                    <MenuItem key={name} data-testid={`dashboard-show-${name}`} onSelect={() => setVisible(name, true)}>
                      {t("show", { widget: title(name) })}
                    </MenuItem>
                  ))
                )}
              </MenuContent>
            </Menu>
            <ConfirmDialog
              trigger={
                <Button size="sm" variant="secondary" data-testid="dashboard-reset">
                  {t("reset")}
                </Button>
              }
              title={t("resetTitle")}
              description={projectId ? t("resetProject") : t("resetAll")}
              confirmLabel={t("resetConfirm")}
              cancelLabel={t("cancel")}
              onConfirm={async () => {
                await reset.mutateAsync();
              }}
            />
          </div>
        </div>
      )}

      <SaveStatus state={saveState} retry={retry} />
      {reset.error && <Alert tone="error">{t("resetFailed", { reason: describe(reset.error) })}</Alert>}

      {placed.length === 0 ? (
        <EmptyState title={t("allHidden")}>{t("allHiddenHint")}</EmptyState>
      ) : (
        <DashboardGrid
          items={placed}
          metrics={metrics}
          arranging={arranging}
          onArranged={arranged}
          renderItem={(item) => (
            <WidgetFrame
              name={item.i}
              w={item.w}
              h={item.h}
              view={{
                query,
                initial: query === initialQuery ? (initialAnalytics ?? undefined) : undefined,
                refetchSeconds: settings.preferences.refreshSeconds,
              }}
              arranging={arranging ? { onHide: () => setVisible(item.i, false) } : null}
            />
          )}
        />
      )}
    </div>
  );
}

/** Where the last change stands; a failed save says so and offers to try again. */
function SaveStatus({
  state,
  retry,
}: {
  state: ReturnType<typeof useSaveDashboardSettings>["state"];
  retry: () => void;
}) {
  const t = useTranslations("dashboardShell");
  if (state === "error")
    return (
      <Alert tone="error" className="flex items-center justify-between gap-3">
        <span data-testid="dashboard-save-status" data-state={state}>
          {t("saveFailed")}
        </span>
        <Button size="xs" variant="secondary" onClick={retry}>
          {t("retry")}
        </Button>
      </Alert>
    );
  return (
    <p aria-live="polite" className="sr-only" data-testid="dashboard-save-status" data-state={state}>
      {state === "saving" ? t("saving") : state === "saved" ? t("saved") : ""}
    </p>
  );
}
