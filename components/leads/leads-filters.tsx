"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SelectField } from "@/components/ui/field";
import { Checkbox, Input } from "@/components/ui/input";
import { useUrlDraft, useUrlSearch, type UrlView } from "@/lib/client/use-url-view";
import { LEAD_STATUSES } from "@/lib/leads/schema";
import { HEAT_LEVELS, type HeatLevel } from "@/lib/scoring";
import { HEAT_STYLES } from "./heat-badge";
import { FILTER_KEYS, type DashboardFilterKey, type ViewKey } from "./query";
import type { MemberOption, ProjectOption } from "./types";

type View = UrlView<ViewKey>;

/** The filters LeadFilters has controls for (the heat has its counts, the dashboard's have chips). */
export const CONTROL_KEYS = [
  "q",
  "status",
  "owner",
  "project",
  "tag",
  "qualified",
] as const satisfies readonly ViewKey[];

/** "2 filters on", beside a collapsed section, so a hidden filter still shows that it narrows the list. */
export function ActiveFilters({ count }: { count: number }) {
  const t = useTranslations("leads.sections");
  if (!count) return null;
  return (
    <span className="rounded-full bg-primary-surface px-2 py-0.5 text-xs font-medium text-primary-muted-foreground">
      {t("active", { count })}
    </span>
  );
}

/** Counts by heat that double as the heat filter (multi-select). */
export function HeatCounts({ view, counts }: { view: View; counts: Record<HeatLevel, number> | undefined }) {
  const t = useTranslations("leads");
  const heatFilter = (view.get("heat") ?? "").split(",").filter(Boolean);
  return (
    <div role="group" aria-label={t("filters.heat")} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {[...HEAT_LEVELS].reverse().map((level) => {
        const pressed = heatFilter.includes(level);
        return (
          <button
            key={level}
            type="button"
            aria-pressed={pressed}
            data-testid={`heat-count-${level}`}
            onClick={() => {
              const next = pressed ? heatFilter.filter((h) => h !== level) : [...heatFilter, level];
              view.update({ heat: HEAT_LEVELS.filter((h) => next.includes(h)).join(",") || null });
            }}
            className={cn(
              "flex items-center justify-between rounded-lg border px-3 py-2 text-start transition-colors focus-visible:outline-2 focus-visible:outline-ring",
              pressed ? "border-primary-border bg-primary-surface" : "border-border bg-surface hover:bg-surface-hover",
            )}
          >
            <span
              className={cn("rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", HEAT_STYLES[level])}
            >
              {t(`heat.${level}`)}
            </span>
            <span className="text-xl font-semibold tabular-nums">{counts?.[level] ?? 0}</span>
          </button>
        );
      })}
    </div>
  );
}

/**
 * Search (typed text reaches the URL after a pause), status, owner, project, tag (on Enter or
 * blur), sort and "qualified only" — all in the URL; "clear" while any filter is set.
 */
export function LeadFilters({
  view,
  members,
  projects,
}: {
  view: View;
  members: MemberOption[];
  projects: ProjectOption[];
}) {
  const t = useTranslations("leads");
  const hasFilters = FILTER_KEYS.some((k) => view.get(k));
  const [search, setSearch] = useUrlSearch(view.get("q") ?? "", (q) => view.update({ q }, { replace: true }), 350);
  const urlTag = view.get("tag") ?? "";
  const [tagDraft, setTagDraft] = useUrlDraft(urlTag);
  const applyTag = () => {
    const tag = tagDraft.trim().toLowerCase();
    if (tag !== urlTag) view.update({ tag: tag || null });
  };

  return (
    <div className="grid gap-3 rounded-lg border border-border bg-surface p-3 sm:grid-cols-2 lg:grid-cols-4">
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor="lead-search" className="block text-sm font-medium text-foreground-soft">
          {t("filters.search")}
        </label>
        <Input
          id="lead-search"
          type="search"
          value={search}
          placeholder={t("filters.searchPlaceholder")}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={100}
        />
      </div>
      <SelectField
        label={t("filters.status")}
        value={view.get("status") ?? ""}
        onChange={(e) => view.update({ status: e.target.value || null })}
      >
        <option value="">{t("filters.any")}</option>
        {LEAD_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`status.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("filters.owner")}
        value={view.get("owner") ?? ""}
        onChange={(e) => view.update({ owner: e.target.value || null })}
      >
        <option value="">{t("filters.anyone")}</option>
        <option value="me">{t("filters.me")}</option>
        <option value="unassigned">{t("filters.unassigned")}</option>
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("filters.project")}
        value={view.get("project") ?? ""}
        onChange={(e) => view.update({ project: e.target.value || null })}
      >
        <option value="">{t("filters.anyProject")}</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <div className="space-y-1">
        <label htmlFor="lead-tag" className="block text-sm font-medium text-foreground-soft">
          {t("filters.tag")}
        </label>
        <Input
          id="lead-tag"
          value={tagDraft}
          onChange={(e) => setTagDraft(e.target.value)}
          onBlur={applyTag}
          onKeyDown={(e) => {
            if (e.key === "Enter") applyTag();
          }}
          maxLength={40}
        />
      </div>
      <SelectField
        label={t("filters.sort")}
        value={view.get("sort") ?? "last_activity"}
        onChange={(e) => view.update({ sort: e.target.value === "last_activity" ? null : e.target.value })}
      >
        <option value="last_activity">{t("sort.last_activity")}</option>
        <option value="heat">{t("sort.heat")}</option>
        <option value="created">{t("sort.created")}</option>
      </SelectField>
      <div className="flex items-end justify-between gap-3">
        <label className="flex items-center gap-2 pb-2 text-sm">
          <Checkbox
            checked={view.get("qualified") === "true"}
            onChange={(e) => view.update({ qualified: e.target.checked ? "true" : null })}
          />
          {t("filters.qualified")}
        </label>
        {hasFilters && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setSearch("");
              setTagDraft("");
              view.reset(FILTER_KEYS);
            }}
          >
            {t("filters.clear")}
          </Button>
        )}
      </div>
    </div>
  );
}

type Chip = { id: string; label: string; keys: DashboardFilterKey[] };

/**
 * The dashboard's filters (BANT confirmed, created / qualified / meeting windows) have no
 * controls of their own: each shows as a chip that says why the list is filtered, and removes
 * itself. A window is [from, to), shown with its times so a 24-hour range reads exactly.
 */
export function DashboardFilterChips({ view }: { view: View }) {
  const t = useTranslations("leads");
  const format = useFormatter();
  const span = (fromKey: DashboardFilterKey, toKey: DashboardFilterKey) => {
    const date = (v: string | null) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);
    const [from, to] = [date(view.get(fromKey)), date(view.get(toKey))];
    const style = { dateStyle: "medium", timeStyle: "short" } as const;
    if (from && to) return format.dateTimeRange(from, to, style);
    if (from) return t("filters.since", { date: format.dateTime(from, style) });
    if (to) return t("filters.before", { date: format.dateTime(to, style) });
    return null;
  };
  const chips: Chip[] = [];
  const confirmed = (view.get("confirmed") ?? "").split(",").filter(Boolean);
  if (confirmed.length)
    chips.push({
      id: "confirmed",
      label: t("filters.confirmed", {
        dimensions: confirmed.map((d) => (t.has(`bant.${d}`) ? t(`bant.${d}`) : d)).join(", "),
      }),
      keys: ["confirmed"],
    });
  const created = span("createdFrom", "createdTo");
  if (created)
    chips.push({ id: "created", label: t("filters.created", { span: created }), keys: ["createdFrom", "createdTo"] });
  const qualified = span("qualifiedFrom", "qualifiedTo");
  if (qualified)
    chips.push({
      id: "qualified",
      label: t("filters.qualifiedIn", { span: qualified }),
      keys: ["qualifiedFrom", "qualifiedTo"],
    });
  const meeting = view.get("meeting");
  const booked = span("meetingFrom", "meetingTo");
  if (meeting || booked)
    chips.push({
      id: "meeting",
      label: booked
        ? t("filters.meetingIn", { kind: meeting ?? "booked", span: booked })
        : t("filters.meeting", { kind: meeting ?? "booked" }),
      keys: ["meeting", "meetingFrom", "meetingTo"],
    });
  if (!chips.length) return null;
  return (
    <ul
      aria-label={t("filters.fromDashboard")}
      className="flex flex-wrap items-center gap-2"
      data-testid="filter-chips"
    >
      {chips.map((chip) => (
        <li
          key={chip.id}
          className="inline-flex items-center gap-1 rounded-full border border-primary-border bg-primary-surface py-0.5 ps-3 pe-1 text-sm text-primary-muted-foreground"
        >
          {chip.label}
          <button
            type="button"
            aria-label={t("filters.remove", { filter: chip.label })}
            onClick={() => view.update(Object.fromEntries(chip.keys.map((k) => [k, null])))}
            className="rounded-full px-1.5 leading-5 hover:bg-primary-muted focus-visible:outline-2 focus-visible:outline-ring"
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
