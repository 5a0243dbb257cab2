"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { Disclosure } from "@/components/ui/disclosure";
import { useUiState } from "@/components/session-state/ui-state";
import { Spinner } from "@/components/ui/spinner";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { keysetPages } from "@/lib/client/keyset";
import { POSITION_KEYS } from "@/lib/client/url-view";
import { useUrlView } from "@/lib/client/use-url-view";
import { useSessionState } from "@/lib/session-state/use-session-state";
import type { HeatLevel } from "@/lib/scoring";
import { BulkTemplateDialog } from "@/components/outreach/bulk-template-dialog";
import { BulkBar } from "./bulk-bar";
import { ColumnChooser } from "./column-chooser";
import { DensitySwitch } from "./density-switch";
import { useBulkUpdateLeads, useLeadCounts, useLeadList, useRestoreLead } from "./hooks";
import { ActiveFilters, CONTROL_KEYS, DashboardFilterChips, HeatCounts, LeadFilters } from "./leads-filters";
import { LeadsHeader } from "./leads-header";
import { LeadsTable } from "./leads-table";
import { FILTER_KEYS, filtersOnly, VIEW_KEYS } from "./query";
import { SavedViewsMenu } from "./saved-views-menu";
import type { LeadPageData, MemberOption, ProjectOption } from "./types";
import { OPTIONAL_COLUMNS } from "@/lib/leads/columns";
import { useColumns } from "./use-columns";

type Props = {
  initialKey: string;
  initialPage: LeadPageData | null;
  initialCounts: Record<HeatLevel, number>;
  members: MemberOption[];
  projects: ProjectOption[];
  currentUserId: string;
  canManage: boolean;
  /** The columns this device last showed (session state), used when the browser keeps none. */
  rememberedColumns: string[] | null;
};

/**
 * The leads list: counts by heat, filters, bulk changes and previous/next pages. The URL owns the
 * view (filters, sort, position), changed through the History API so Back works without a
 * server round trip; the server renders the first page.
 */
export function LeadsView({
  initialKey,
  initialPage,
  initialCounts,
  members,
  projects,
  currentUserId,
  canManage,
  rememberedColumns,
}: Props) {
  const t = useTranslations("leads");
  const tc = useTranslations("common");
  const describe = useErrorText();
  const view = useUrlView({ keys: VIEW_KEYS, resets: POSITION_KEYS });
  const key = view.query;
  const deleted = canManage && view.get("deleted") === "true";
  const hasFilters = FILTER_KEYS.some((k) => view.get(k));

  const leads = useLeadList(key, { key: initialKey, page: initialPage });
  const counts = useLeadCounts(initialCounts);

  // Selection belongs to one page of one view.
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [selectionKey, setSelectionKey] = useState(key);
  if (selectionKey !== key) {
    setSelectionKey(key);
    setSelected(new Set());
  }
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const onError = (e: unknown) => setActionError(describe(e));

  const bulk = useBulkUpdateLeads({
    onMutate: () => {
      setNotice(null);
      setActionError(null);
    },
    onSuccess: (updated) => {
      setNotice(t("bulk.done", { count: updated }));
      setSelected(new Set());
    },
    onError,
  });
  const restore = useRestoreLead({
    onMutate: () => setActionError(null),
    onSuccess: () => setNotice(t("restored")),
    onError,
  });

  const [columns, saveColumns] = useColumns(rememberedColumns);
  const filters = Object.fromEntries(FILTER_KEYS.flatMap((k) => (view.get(k) ? [[k, view.get(k)!]] : [])));
  const sort = view.get("sort");
  const leadsContext = { filters, sort: sort as "last_activity" | "heat" | "created" | null, columns: [...columns] };
  // Where the user left off follows them (lib/session-state); the trash is not a place to return to.
  useSessionState(
    deleted ? null : { currentContext: { page: "leads", projectId: filters.project ?? null, leads: leadsContext } },
  );
  const page = leads.data;
  const rows = page?.leads ?? [];
  const pages = keysetPages(page, leads.isFetching, view.update);
  // Collapsed sections and the row density, as this device left them (restored by the page).
  const ui = useUiState();
  const heatCollapsed = ui.sectionCollapsed("leads.heatCounts");
  const filtersCollapsed = ui.sectionCollapsed("leads.filters");
  const heatOn = (view.get("heat") ?? "").split(",").filter(Boolean).length;
  const filtersOn = CONTROL_KEYS.filter((k) => view.get(k)).length;

  return (
    <div className="space-y-5" data-wide>
      <LeadsHeader view={view} deleted={deleted} canManage={canManage} exportQuery={filtersOnly(view)} />
      <Disclosure
        title={t("sections.heatCounts")}
        open={!heatCollapsed}
        onOpenChange={(open) => ui.setSectionCollapsed("leads.heatCounts", !open)}
        aside={heatCollapsed && <ActiveFilters count={heatOn} />}
        contentClassName="mt-2"
        data-testid="leads-heat-section"
      >
        <HeatCounts view={view} counts={counts.data} />
      </Disclosure>
      <Disclosure
        title={t("sections.filters")}
        open={!filtersCollapsed}
        onOpenChange={(open) => ui.setSectionCollapsed("leads.filters", !open)}
        aside={filtersCollapsed && <ActiveFilters count={filtersOn} />}
        contentClassName="mt-2"
        data-testid="leads-filters-section"
      >
        <LeadFilters view={view} members={members} projects={projects} />
      </Disclosure>
      <DashboardFilterChips view={view} />

      {notice && <Alert tone="success">{notice}</Alert>}
      {actionError && <Alert tone="error">{actionError}</Alert>}

      {/* Bulk actions for the selected rows */}
      {selected.size > 0 && !deleted && (
        <BulkBar
          count={selected.size}
          busy={bulk.isPending}
          canManage={canManage}
          members={members}
          projects={projects}
          onApply={(changes) => bulk.mutate({ ids: [...selected], changes })}
          onClear={() => setSelected(new Set())}
        />
      )}

      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-subtle-foreground" aria-live="polite">
          {leads.isFetching ? (
            <Spinner className="size-4" label={tc("loading")} />
          ) : page ? (
            t("showing", { count: rows.length })
          ) : null}
        </p>
        <div className="flex items-center gap-2">
          {!deleted && <BulkTemplateDialog leadIds={[...selected]} />}
          <SavedViewsMenu
            current={leadsContext}
            onApply={(definition) => {
              view.update({
                ...Object.fromEntries(FILTER_KEYS.map((k) => [k, null])),
                ...definition.filters,
                sort: definition.sort,
              });
              const shown = definition.columns;
              if (shown) saveColumns(OPTIONAL_COLUMNS.filter((c) => shown.includes(c)));
            }}
          />
          <DensitySwitch
            value={ui.viewMode("leads.table")}
            onChange={(density) => ui.setViewMode("leads.table", density)}
          />
          <ColumnChooser visible={columns} onChange={saveColumns} />
        </div>
      </div>

      {leads.isError && !page ? (
        <ErrorState
          message={leads.error instanceof ApiError ? leads.error.message : tc("loadError")}
          retry={
            <Button size="sm" variant="secondary" onClick={() => view.update({})}>
              {t("firstPage")}
            </Button>
          }
        />
      ) : !page ? (
        <LoadingState label={tc("loading")} />
      ) : rows.length === 0 ? (
        <EmptyState title={deleted ? t("emptyDeleted") : hasFilters ? t("emptyFiltered") : t("empty")}>
          {!deleted && !hasFilters && (
            <Link href="/leads/new" className="text-primary-text hover:underline">
              {t("newLead")}
            </Link>
          )}
        </EmptyState>
      ) : (
        <LeadsTable
          rows={rows}
          columns={columns}
          density={ui.viewMode("leads.table")}
          deleted={deleted}
          selected={selected}
          onSelect={setSelected}
          currentUserId={currentUserId}
          onRestore={(id) => restore.mutate(id)}
          restoringId={restore.isPending ? (restore.variables ?? null) : null}
          placeholder={leads.isPlaceholderData}
          fetching={leads.isFetching}
        />
      )}

      <nav aria-label={t("pagination")} className="flex items-center justify-end gap-2">
        <Button size="sm" variant="secondary" data-testid="prev-page" {...pages.previous}>
          <DirectionalArrow to="back" /> {t("previous")}
        </Button>
        <Button size="sm" variant="secondary" data-testid="next-page" {...pages.next}>
          {t("next")} <DirectionalArrow to="forward" />
        </Button>
      </nav>
    </div>
  );
}
