"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { ApiError, errorText } from "@/lib/client/api";
import { keysetPages } from "@/lib/client/keyset";
import { POSITION_KEYS } from "@/lib/client/url-view";
import { useUrlView } from "@/lib/client/use-url-view";
import type { HeatLevel } from "@/lib/scoring";
import { BulkBar } from "./bulk-bar";
import { ColumnChooser } from "./column-chooser";
import { useBulkUpdateLeads, useLeadCounts, useLeadList, useRestoreLead } from "./hooks";
import { DashboardFilterChips, HeatCounts, LeadFilters } from "./leads-filters";
import { LeadsHeader } from "./leads-header";
import { LeadsTable } from "./leads-table";
import { FILTER_KEYS, filtersOnly, VIEW_KEYS } from "./query";
import type { LeadPageData, MemberOption, ProjectOption } from "./types";
import { useColumns } from "./use-columns";

type Props = {
  initialKey: string;
  initialPage: LeadPageData | null;
  initialCounts: Record<HeatLevel, number>;
  members: MemberOption[];
  projects: ProjectOption[];
  currentUserId: string;
  canManage: boolean;
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
}: Props) {
  const t = useTranslations("leads");
  const tc = useTranslations("common");
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
  const onError = (e: unknown) => setActionError(errorText(e));

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

  const [columns, saveColumns] = useColumns();
  const page = leads.data;
  const rows = page?.leads ?? [];
  const pages = keysetPages(page, leads.isFetching, view.update);

  return (
    <div className="space-y-5" data-wide>
      <LeadsHeader view={view} deleted={deleted} canManage={canManage} exportQuery={filtersOnly(view)} />
      <HeatCounts view={view} counts={counts.data} />
      <LeadFilters view={view} members={members} projects={projects} />
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
        <ColumnChooser visible={columns} onChange={saveColumns} />
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
          ← {t("previous")}
        </Button>
        <Button size="sm" variant="secondary" data-testid="next-page" {...pages.next}>
          {t("next")} →
        </Button>
      </nav>
    </div>
  );
}
