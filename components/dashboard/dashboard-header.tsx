"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { DownloadPdfButton } from "@/components/reports/download-pdf-button";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/input";
import {
  Menu,
  MenuContent,
  MenuLabel,
  MenuRadioGroup,
  MenuRadioItem,
  MenuSeparator,
  MenuTrigger,
} from "@/components/ui/menu";
import { MAX_CUSTOM_DAYS } from "@/lib/analytics/range";
import { RANGE_KEYS } from "@/lib/analytics/types";
import { DEFAULT_RANGES, DENSITIES, REFRESH_SECONDS, type DashboardPreferences } from "@/lib/dashboard/schema";
import type { DashboardViewState } from "./view";

const DAY_MS = 86_400_000;

/** Whether two local dates (YYYY-MM-DD) make a range the analytics API accepts. */
function validCustom(from: string, to: string): boolean {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  return (
    Number.isFinite(start) && Number.isFinite(end) && end >= start && (end - start) / DAY_MS + 1 <= MAX_CUSTOM_DAYS
  );
}

/** The range picker: presets, and a custom range as two local dates applied once both make sense. */
function RangePicker({
  view,
  onChange,
}: {
  view: DashboardViewState;
  onChange: (next: Partial<DashboardViewState>) => void;
}) {
  const t = useTranslations("dashboardShell");
  const [customOpen, setCustomOpen] = useState(view.range === "custom");
  const [from, setFrom] = useState(view.from ?? "");
  const [to, setTo] = useState(view.to ?? "");
  const showCustom = customOpen || view.range === "custom";
  const invalid = Boolean(from && to && !validCustom(from, to));

  const applyCustom = (nextFrom: string, nextTo: string) => {
    if (nextFrom && nextTo && validCustom(nextFrom, nextTo)) onChange({ range: "custom", from: nextFrom, to: nextTo });
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div
        role="group"
        aria-label={t("rangeLabel")}
        className="inline-flex rounded-md border border-border-strong bg-surface p-0.5"
      >
        {RANGE_KEYS.map((key) => {
          const active = key === "custom" ? showCustom : !showCustom && view.range === key;
          return (
            <button
              key={key}
              type="button"
              aria-pressed={active}
              data-testid={`dashboard-range-${key}`}
              onClick={() => {
                if (key === "custom") {
                  setCustomOpen(true);
                  applyCustom(from, to);
                } else {
                  setCustomOpen(false);
                  onChange({ range: key, from: null, to: null });
                }
              }}
              className={cn(
                "rounded px-2.5 py-1 text-sm font-medium text-secondary-foreground hover:bg-muted",
                active && "bg-primary-surface text-primary-text hover:bg-primary-surface",
              )}
            >
              {t(`ranges.${key}`)}
            </button>
          );
        })}
      </div>
      {showCustom && (
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1 text-sm text-foreground-soft">
            {t("from")}
            <Input
              type="date"
              size="sm"
              className="w-auto"
              value={from}
              invalid={invalid}
              data-testid="dashboard-range-from"
              onChange={(event) => {
                setFrom(event.target.value);
                applyCustom(event.target.value, to);
              }}
            />
          </label>
          <label className="flex items-center gap-1 text-sm text-foreground-soft">
            {t("to")}
            <Input
              type="date"
              size="sm"
              className="w-auto"
              value={to}
              invalid={invalid}
              data-testid="dashboard-range-to"
              onChange={(event) => {
                setTo(event.target.value);
                applyCustom(from, event.target.value);
              }}
            />
          </label>
          {invalid && (
            <p role="alert" className="text-sm text-danger-text">
              {t("customInvalid")}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** Auto-refresh, density and the range the dashboard opens with: small things, in a small menu. */
function SettingsMenu({
  preferences,
  onChange,
}: {
  preferences: DashboardPreferences;
  onChange: (preferences: Partial<DashboardPreferences>) => void;
}) {
  const t = useTranslations("dashboardShell");
  return (
    <Menu>
      <MenuTrigger asChild>
        <Button variant="secondary" size="sm" data-testid="dashboard-settings-menu" aria-label={t("settings")}>
          ⚙<span className="sr-only @lg:not-sr-only">{t("settings")}</span>
        </Button>
      </MenuTrigger>
      <MenuContent align="end" className="min-w-56">
        <MenuLabel>{t("refreshLabel")}</MenuLabel>
        <MenuRadioGroup
          value={String(preferences.refreshSeconds)}
          onValueChange={(value) =>
            onChange({ refreshSeconds: Number(value) as DashboardPreferences["refreshSeconds"] })
          }
        >
          {REFRESH_SECONDS.map((seconds) => (
            <MenuRadioItem key={seconds} value={String(seconds)} data-testid={`dashboard-refresh-${seconds}`}>
              {t("refreshOption", { seconds: String(seconds) })}
            </MenuRadioItem>
          ))}
        </MenuRadioGroup>
        <MenuSeparator />
        <MenuLabel>{t("densityLabel")}</MenuLabel>
        <MenuRadioGroup
          value={preferences.density}
          onValueChange={(value) => onChange({ density: value as DashboardPreferences["density"] })}
        >
          {DENSITIES.map((density) => (
            <MenuRadioItem key={density} value={density} data-testid={`dashboard-density-${density}`}>
              {t(`density.${density}`)}
            </MenuRadioItem>
          ))}
        </MenuRadioGroup>
        <MenuSeparator />
        <MenuLabel>{t("defaultRangeLabel")}</MenuLabel>
        <MenuRadioGroup
          value={preferences.defaultRange}
          onValueChange={(value) => onChange({ defaultRange: value as DashboardPreferences["defaultRange"] })}
        >
          {DEFAULT_RANGES.map((range) => (
            <MenuRadioItem key={range} value={range} data-testid={`dashboard-default-range-${range}`}>
              {t(`ranges.${range}`)}
            </MenuRadioItem>
          ))}
        </MenuRadioGroup>
      </MenuContent>
    </Menu>
  );
}

/** The dashboard's controls: range, project, PDF, settings and the way into arranging the grid. */
export function DashboardHeader({
  view,
  projects,
  preferences,
  arranging,
  onViewChange,
  onPreferencesChange,
  onArrangingChange,
}: {
  view: DashboardViewState;
  projects: { id: string; name: string }[];
  preferences: DashboardPreferences;
  arranging: boolean;
  onViewChange: (next: Partial<DashboardViewState>) => void;
  onPreferencesChange: (preferences: Partial<DashboardPreferences>) => void;
  onArrangingChange: (arranging: boolean) => void;
}) {
  const t = useTranslations("dashboardShell");
  return (
    <div className="@container flex flex-wrap items-center justify-between gap-3" data-testid="dashboard-header">
      <RangePicker key={`${view.range}:${view.from}:${view.to}`} view={view} onChange={onViewChange} />
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="dashboard-project">
          {t("projectLabel")}
        </label>
        <Select
          id="dashboard-project"
          size="sm"
          className="w-auto max-w-56"
          data-testid="dashboard-project"
          value={view.projectId ?? ""}
          onChange={(event) => onViewChange({ projectId: event.target.value || null })}
        >
          <option value="">{t("allProjects")}</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </Select>
        <div data-testid="dashboard-download-pdf">
          <DownloadPdfButton
            range={view.range}
            from={view.from ?? undefined}
            to={view.to ?? undefined}
            projectId={view.projectId}
          />
        </div>
        <SettingsMenu preferences={preferences} onChange={onPreferencesChange} />
        <Button
          size="sm"
          variant={arranging ? "primary" : "secondary"}
          aria-pressed={arranging}
          data-testid={arranging ? "dashboard-customize-done" : "dashboard-customize"}
          onClick={() => onArrangingChange(!arranging)}
        >
          {arranging ? t("done") : t("customize")}
        </Button>
      </div>
    </div>
  );
}
