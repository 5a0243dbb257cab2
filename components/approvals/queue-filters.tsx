"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useAgentsOverview } from "@/components/agents/hooks";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { HEAT_LEVELS } from "@/lib/scoring";
import { TASK_KINDS, TASK_STATUSES } from "./types";
import { FILTER_KEYS, type ApprovalsQueue } from "./use-queue";

const AGES = ["15", "60", "240", "1440"] as const;

/** pending / approved / rejected / …: the queue's status, in the URL. */
export function StatusTabs({ view, status }: Pick<ApprovalsQueue, "view" | "status">) {
  const t = useTranslations("approvals");
  return (
    <nav aria-label={t("filters.status")} className="flex flex-wrap gap-1">
      {TASK_STATUSES.map((value) => (
        <button
          key={value}
          type="button"
          aria-pressed={status === value}
          onClick={() => view.update({ status: value === "pending" ? null : value })}
          data-testid={`status-tab-${value}`}
          className={cn(
            "rounded-md px-3 py-1.5 text-sm font-medium",
            status === value
              ? "bg-primary-muted text-primary-muted-foreground"
              : "text-secondary-foreground hover:bg-muted",
          )}
        >
          {t(`status.${value}`)}
        </button>
      ))}
    </nav>
  );
}

/** Kind, agent, heat and age filters (in the URL), and "clear" while any is set. */
export function QueueFilters({
  view,
  hasFilters,
  fetching,
}: Pick<ApprovalsQueue, "view" | "hasFilters"> & { fetching: boolean }) {
  const t = useTranslations("approvals");
  const tl = useTranslations("leads");
  const agents = useAgentsOverview({ staleTime: 60_000 });
  const agentOptions = agents.data?.agents ?? [];
  return (
    <div className="flex flex-wrap items-end gap-2" role="group" aria-label={t("filters.label")}>
      <FilterSelect
        label={t("filters.kind")}
        value={view.get("kind") ?? ""}
        onChange={(value) => view.update({ kind: value })}
        testId="filter-kind"
      >
        <option value="">{t("filters.anyKind")}</option>
        {TASK_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kind.${kind}`)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label={t("filters.agent")}
        value={view.get("agent") ?? ""}
        onChange={(value) => view.update({ agent: value })}
        testId="filter-agent"
      >
        <option value="">{t("filters.anyAgent")}</option>
        {agentOptions.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label={t("filters.heat")}
        value={view.get("heat") ?? ""}
        onChange={(value) => view.update({ heat: value })}
        testId="filter-heat"
      >
        <option value="">{t("filters.anyHeat")}</option>
        {HEAT_LEVELS.map((level) => (
          <option key={level} value={level}>
            {tl(`heat.${level}`)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label={t("filters.age")}
        value={view.get("age") ?? ""}
        onChange={(value) => view.update({ age: value })}
        testId="filter-age"
      >
        <option value="">{t("filters.anyAge")}</option>
        {AGES.map((minutes) => (
          <option key={minutes} value={minutes}>
            {t(`filters.olderThan.${minutes}`)}
          </option>
        ))}
      </FilterSelect>
      {hasFilters && <ClearFilters view={view} />}
      {fetching && <Spinner className="mb-2 size-4" />}
    </div>
  );
}

export function ClearFilters({
  view,
  variant = "ghost",
}: Pick<ApprovalsQueue, "view"> & { variant?: "ghost" | "secondary" }) {
  const t = useTranslations("approvals");
  return (
    <Button size="sm" variant={variant} onClick={() => view.reset(FILTER_KEYS)}>
      {t("filters.clear")}
    </Button>
  );
}

function FilterSelect({
  label,
  value,
  onChange,
  testId,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string | null) => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
      {label}
      <Select
        size="sm"
        value={value}
        onChange={(e) => onChange(e.target.value || null)}
        data-testid={testId}
        className="h-9 w-auto py-0 shadow-none"
      >
        {children}
      </Select>
    </label>
  );
}
