"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { useEffect, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SelectField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { api, ApiError, errorText } from "@/lib/client/api";
import { LEAD_STATUSES } from "@/lib/leads/schema";
import { HEAT_LEVELS, type HeatLevel } from "@/lib/scoring";
import { BantDots } from "./bant-dots";
import { HEAT_STYLES, HeatBadge } from "./heat-badge";
import { canonicalQuery, FILTER_KEYS, filtersOnly, type ViewKey } from "./query";
import { RelativeTime } from "./relative-time";
import type { LeadPageData, LeadRow, MemberOption, ProjectOption } from "./types";

// ---------------------------------------------------------------------------------------------
// Which optional columns show, remembered per browser.

const OPTIONAL_COLUMNS = ["bant", "owner", "status", "project", "tags", "lastActivity", "email", "phone", "source", "created"] as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
const DEFAULT_COLUMNS: OptionalColumn[] = ["bant", "owner", "status", "project", "tags", "lastActivity"];
const COLUMNS_KEY = "kiln.leads.columns";
const columnListeners = new Set<() => void>();

function subscribeColumns(listener: () => void) {
  columnListeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    columnListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function readColumns(raw: string | null): OptionalColumn[] {
  if (!raw) return DEFAULT_COLUMNS;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? OPTIONAL_COLUMNS.filter((c) => parsed.includes(c)) : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

function useColumns(): [Set<OptionalColumn>, (columns: OptionalColumn[]) => void] {
  const raw = useSyncExternalStore(
    subscribeColumns,
    () => window.localStorage.getItem(COLUMNS_KEY),
    () => null,
  );
  const save = (columns: OptionalColumn[]) => {
    window.localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns));
    columnListeners.forEach((listener) => listener());
  };
  return [new Set(readColumns(raw)), save];
}

// ---------------------------------------------------------------------------------------------

type Props = {
  initialKey: string;
  initialPage: LeadPageData | null;
  initialCounts: Record<HeatLevel, number>;
  members: MemberOption[];
  projects: ProjectOption[];
  currentUserId: string;
  canManage: boolean;
};

export function LeadsView({ initialKey, initialPage, initialCounts, members, projects, currentUserId, canManage }: Props) {
  const t = useTranslations("leads");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const searchParams = useSearchParams();
  const key = canonicalQuery(searchParams);
  const params = new URLSearchParams(key);
  const deleted = canManage && params.get("deleted") === "true";
  const heatFilter = (params.get("heat") ?? "").split(",").filter(Boolean);
  const hasFilters = FILTER_KEYS.some((k) => params.get(k));

  /** Changes the view: pushes a history entry (so Back works) without a server round trip. */
  const navigate = (changes: Partial<Record<ViewKey, string | null>>, { replace = false, keepPosition = false } = {}) => {
    const next = new URLSearchParams(key);
    if (!keepPosition) {
      next.delete("cursor");
      next.delete("direction");
    }
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    const url = `/leads${next.size ? `?${canonicalQuery(next)}` : ""}`;
    window.history[replace ? "replaceState" : "pushState"](null, "", url);
  };

  const leads = useQuery({
    queryKey: ["leads", key],
    queryFn: () => api<LeadPageData>(`/api/v1/leads${key ? `?${key}` : ""}`),
    initialData: key === initialKey && initialPage ? initialPage : undefined,
    placeholderData: keepPreviousData,
  });
  const counts = useQuery({
    queryKey: ["lead-counts"],
    queryFn: async () => (await api<{ byHeat: Record<HeatLevel, number> }>("/api/v1/leads/counts")).byHeat,
    initialData: initialCounts,
  });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ["leads"] }), queryClient.invalidateQueries({ queryKey: ["lead-counts"] })]);

  // Search box: typed text goes to the URL after a pause; Back/forward put the URL's text back.
  const urlQ = params.get("q") ?? "";
  const [search, setSearch] = useState(urlQ);
  const [seenQ, setSeenQ] = useState(urlQ);
  if (urlQ !== seenQ) {
    setSeenQ(urlQ);
    setSearch(urlQ);
  }
  useEffect(() => {
    if (search.trim() === urlQ) return;
    const timer = window.setTimeout(() => navigate({ q: search.trim() || null }, { replace: true }), 350);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing starts a new search
  }, [search]);

  // Tag filter: applied on Enter or when the field loses focus.
  const urlTag = params.get("tag") ?? "";
  const [tagDraft, setTagDraft] = useState(urlTag);
  const [seenTag, setSeenTag] = useState(urlTag);
  if (urlTag !== seenTag) {
    setSeenTag(urlTag);
    setTagDraft(urlTag);
  }
  const applyTag = () => {
    const tag = tagDraft.trim().toLowerCase();
    if (tag !== urlTag) navigate({ tag: tag || null });
  };

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

  const bulk = useMutation({
    mutationFn: (changes: Record<string, unknown>) =>
      api<{ updated: number }>("/api/v1/leads/bulk", { body: { ids: [...selected], changes } }),
    onMutate: () => {
      setNotice(null);
      setActionError(null);
    },
    onSuccess: async (result) => {
      setNotice(t("bulk.done", { count: result.updated }));
      setSelected(new Set());
      await refresh();
    },
    onError,
  });
  const restore = useMutation({
    mutationFn: (id: string) => api(`/api/v1/leads/${id}/restore`, { method: "POST" }),
    onMutate: () => setActionError(null),
    onSuccess: async () => {
      setNotice(t("restored"));
      await refresh();
    },
    onError,
  });

  const [columns, saveColumns] = useColumns();
  const show = (c: OptionalColumn) => columns.has(c);
  const page = leads.data;
  const rows = page?.leads ?? [];
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const exportQuery = filtersOnly(searchParams);

  return (
    <div className="space-y-5" data-wide>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{deleted ? t("deletedTitle") : t("title")}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{deleted ? t("deletedIntro") : t("intro")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canManage &&
            (deleted ? (
              <Button size="sm" variant="ghost" onClick={() => navigate({ deleted: null })}>
                {t("backToLeads")}
              </Button>
            ) : (
              <Button size="sm" variant="ghost" onClick={() => navigate({ deleted: "true" })}>
                {t("deletedLeads")}
              </Button>
            ))}
          <a
            href={`/api/v1/leads/export${exportQuery ? `?${exportQuery}` : ""}`}
            download
            className="inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            {t("exportCsv")}
          </a>
          <Link
            href="/leads/import"
            className="inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            {t("importCsv")}
          </Link>
          <Link href="/leads/new" className="inline-flex h-8 items-center rounded-md bg-orange-600 px-3 text-sm font-medium text-white hover:bg-orange-700">
            {t("newLead")}
          </Link>
        </div>
      </div>

      {/* Counts by heat double as the heat filter (multi-select). */}
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
                navigate({ heat: HEAT_LEVELS.filter((h) => next.includes(h)).join(",") || null });
              }}
              className={cn(
                "flex items-center justify-between rounded-lg border px-3 py-2 text-start transition-colors focus-visible:outline-2 focus-visible:outline-orange-500",
                pressed
                  ? "border-orange-500 bg-orange-50 dark:bg-orange-950"
                  : "border-zinc-200 bg-white hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800",
              )}
            >
              <span className={cn("rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", HEAT_STYLES[level])}>{t(`heat.${level}`)}</span>
              <span className="text-xl font-semibold tabular-nums">{counts.data?.[level] ?? 0}</span>
            </button>
          );
        })}
      </div>

      {/* Filters */}
      <div className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="lead-search" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {t("filters.search")}
          </label>
          <input
            id="lead-search"
            type="search"
            value={search}
            placeholder={t("filters.searchPlaceholder")}
            onChange={(e) => setSearch(e.target.value)}
            maxLength={100}
            className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-orange-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <SelectField label={t("filters.status")} value={params.get("status") ?? ""} onChange={(e) => navigate({ status: e.target.value || null })}>
          <option value="">{t("filters.any")}</option>
          {LEAD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("filters.owner")} value={params.get("owner") ?? ""} onChange={(e) => navigate({ owner: e.target.value || null })}>
          <option value="">{t("filters.anyone")}</option>
          <option value="me">{t("filters.me")}</option>
          <option value="unassigned">{t("filters.unassigned")}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("filters.project")} value={params.get("project") ?? ""} onChange={(e) => navigate({ project: e.target.value || null })}>
          <option value="">{t("filters.anyProject")}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <div className="space-y-1">
          <label htmlFor="lead-tag" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {t("filters.tag")}
          </label>
          <input
            id="lead-tag"
            value={tagDraft}
            onChange={(e) => setTagDraft(e.target.value)}
            onBlur={applyTag}
            onKeyDown={(e) => {
              if (e.key === "Enter") applyTag();
            }}
            maxLength={40}
            className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-orange-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <SelectField label={t("filters.sort")} value={params.get("sort") ?? "last_activity"} onChange={(e) => navigate({ sort: e.target.value === "last_activity" ? null : e.target.value })}>
          <option value="last_activity">{t("sort.last_activity")}</option>
          <option value="heat">{t("sort.heat")}</option>
          <option value="created">{t("sort.created")}</option>
        </SelectField>
        <div className="flex items-end justify-between gap-3">
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-orange-600"
              checked={params.get("qualified") === "true"}
              onChange={(e) => navigate({ qualified: e.target.checked ? "true" : null })}
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
                navigate(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
              }}
            >
              {t("filters.clear")}
            </Button>
          )}
        </div>
      </div>

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
          onApply={(changes) => bulk.mutate(changes)}
          onClear={() => setSelected(new Set())}
        />
      )}

      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-zinc-500" aria-live="polite">
          {leads.isFetching ? <Spinner className="size-4" label={tc("loading")} /> : page ? t("showing", { count: rows.length }) : null}
        </p>
        <ColumnChooser visible={columns} onChange={saveColumns} />
      </div>

      {leads.isError && !page ? (
        <ErrorState
          message={leads.error instanceof ApiError ? leads.error.message : tc("loadError")}
          retry={
            <Button size="sm" variant="secondary" onClick={() => navigate({})}>
              {t("firstPage")}
            </Button>
          }
        />
      ) : !page ? (
        <LoadingState label={tc("loading")} />
      ) : rows.length === 0 ? (
        <EmptyState title={deleted ? t("emptyDeleted") : hasFilters ? t("emptyFiltered") : t("empty")}>
          {!deleted && !hasFilters && (
            <Link href="/leads/new" className="text-orange-700 hover:underline dark:text-orange-400">
              {t("newLead")}
            </Link>
          )}
        </EmptyState>
      ) : (
        <div className={cn("overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900", leads.isPlaceholderData && "opacity-60")}>
          <table className="w-full text-start text-sm" data-testid="leads-table" aria-busy={leads.isFetching || undefined}>
            <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
              <tr>
                {!deleted && (
                  <th scope="col" className="w-10 px-3 py-2">
                    <input
                      type="checkbox"
                      className="size-4 accent-orange-600"
                      aria-label={t("selectPage")}
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                    />
                  </th>
                )}
                <th scope="col" className="px-3 py-2 text-start">{t("columns.name")}</th>
                <th scope="col" className="px-3 py-2 text-start">{t("columns.heat")}</th>
                {OPTIONAL_COLUMNS.filter(show).map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 text-start whitespace-nowrap">
                    {t(`columns.${c}`)}
                  </th>
                ))}
                {deleted && <th scope="col" className="px-3 py-2 text-start">{t("columns.deleted")}</th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {rows.map((lead) => (
                <LeadTableRow
                  key={lead.id}
                  lead={lead}
                  show={show}
                  deleted={deleted}
                  selected={selected.has(lead.id)}
                  isMine={lead.ownerId === currentUserId}
                  onToggle={() => {
                    const next = new Set(selected);
                    if (next.has(lead.id)) next.delete(lead.id);
                    else next.add(lead.id);
                    setSelected(next);
                  }}
                  onRestore={() => restore.mutate(lead.id)}
                  restoring={restore.isPending && restore.variables === lead.id}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label={t("pagination")} className="flex items-center justify-end gap-2">
        <Button
          size="sm"
          variant="secondary"
          data-testid="prev-page"
          disabled={!page?.prevCursor || leads.isFetching}
          onClick={() => page?.prevCursor && navigate({ cursor: page.prevCursor, direction: "prev" }, { keepPosition: true })}
        >
          ← {t("previous")}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          data-testid="next-page"
          disabled={!page?.nextCursor || leads.isFetching}
          onClick={() => page?.nextCursor && navigate({ cursor: page.nextCursor, direction: "next" }, { keepPosition: true })}
        >
          {t("next")} →
        </Button>
      </nav>
    </div>
  );
}

function LeadTableRow({ lead, show, deleted, selected, isMine, onToggle, onRestore, restoring }: {
  lead: LeadRow;
  show: (c: OptionalColumn) => boolean;
  deleted: boolean;
  selected: boolean;
  isMine: boolean;
  onToggle: () => void;
  onRestore: () => void;
  restoring: boolean;
}) {
  const t = useTranslations("leads");
  const cell = "px-3 py-2 align-middle";
  return (
    <tr className={cn(selected && "bg-orange-50/60 dark:bg-orange-950/40")} data-testid="lead-row" data-lead-id={lead.id}>
      {!deleted && (
        <td className={cell}>
          <input type="checkbox" className="size-4 accent-orange-600" aria-label={t("selectLead", { name: lead.name })} checked={selected} onChange={onToggle} />
        </td>
      )}
      <td className={cn(cell, "min-w-48")}>
        <Link href={`/leads/${lead.id}`} className="font-medium text-zinc-900 hover:text-orange-700 hover:underline dark:text-zinc-100 dark:hover:text-orange-400">
          {lead.name}
        </Link>
        {(lead.company || lead.title) && <p className="truncate text-xs text-zinc-500">{[lead.title, lead.company].filter(Boolean).join(" · ")}</p>}
      </td>
      <td className={cell}>
        <HeatBadge level={lead.heatLevel} score={lead.heatScore} overridden={lead.heatOverridden} />
      </td>
      {show("bant") && (
        <td className={cell}>
          <BantDots statuses={lead.bantStatuses} />
        </td>
      )}
      {show("owner") && (
        <td className={cn(cell, "whitespace-nowrap")} data-testid="lead-owner">
          {lead.ownerName ? (
            <>
              {lead.ownerName} {isMine && <Badge>{t("you")}</Badge>}
            </>
          ) : (
            <span className="text-zinc-400">{t("unassigned")}</span>
          )}
        </td>
      )}
      {show("status") && (
        <td className={cn(cell, "whitespace-nowrap")} data-testid="lead-status">
          {t(`status.${lead.status}`)}
        </td>
      )}
      {show("project") && <td className={cn(cell, "whitespace-nowrap")}>{lead.projectName ?? <span className="text-zinc-400">—</span>}</td>}
      {show("tags") && (
        <td className={cell}>
          <span className="flex gap-1 whitespace-nowrap" title={lead.tags.join(", ")}>
            {lead.tags.slice(0, 3).map((tag) => (
              <Badge key={tag}>{tag}</Badge>
            ))}
            {lead.tags.length > 3 && <Badge>+{lead.tags.length - 3}</Badge>}
          </span>
        </td>
      )}
      {show("lastActivity") && (
        <td className={cn(cell, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
          <RelativeTime date={lead.lastActivityAt} />
        </td>
      )}
      {show("email") && <td className={cn(cell, "whitespace-nowrap")}>{lead.email ?? ""}</td>}
      {show("phone") && <td className={cn(cell, "whitespace-nowrap")}>{lead.phone ?? ""}</td>}
      {show("source") && <td className={cn(cell, "whitespace-nowrap")}>{t(`source.${lead.source}`)}</td>}
      {show("created") && (
        <td className={cn(cell, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
          <RelativeTime date={lead.createdAt} />
        </td>
      )}
      {deleted && (
        <td className={cn(cell, "whitespace-nowrap")}>
          <span className="me-3 text-zinc-500">{lead.deletedAt && <RelativeTime date={lead.deletedAt} />}</span>
          <Button size="sm" variant="secondary" loading={restoring} onClick={onRestore}>
            {t("restore")}
          </Button>
        </td>
      )}
    </tr>
  );
}

function BulkBar({ count, busy, canManage, members, projects, onApply, onClear }: {
  count: number;
  busy: boolean;
  canManage: boolean;
  members: MemberOption[];
  projects: ProjectOption[];
  onApply: (changes: Record<string, unknown>) => void;
  onClear: () => void;
}) {
  const t = useTranslations("leads");
  const [tag, setTag] = useState("");
  const cleanTag = tag.trim().toLowerCase();
  return (
    <div role="region" aria-label={t("bulk.label")} className="flex flex-wrap items-end gap-3 rounded-lg border border-orange-300 bg-orange-50 p-3 dark:border-orange-800 dark:bg-orange-950" data-testid="bulk-bar">
      <p className="self-center text-sm font-medium">{t("bulk.selected", { count })}</p>
      {canManage && (
        <SelectField
          label={t("bulk.assign")}
          value=""
          disabled={busy}
          onChange={(e) => e.target.value && onApply({ ownerId: e.target.value === "none" ? null : e.target.value })}
        >
          <option value="">{t("bulk.choose")}</option>
          <option value="none">{t("unassigned")}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField label={t("bulk.status")} value="" disabled={busy} onChange={(e) => e.target.value && onApply({ status: e.target.value })}>
        <option value="">{t("bulk.choose")}</option>
        {LEAD_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`status.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("bulk.project")}
        value=""
        disabled={busy}
        onChange={(e) => e.target.value && onApply({ projectId: e.target.value === "none" ? null : e.target.value })}
      >
        <option value="">{t("bulk.choose")}</option>
        <option value="none">{t("noProject")}</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <div className="flex items-end gap-1">
        <div className="space-y-1">
          <label htmlFor="bulk-tag" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {t("bulk.tag")}
          </label>
          <input
            id="bulk-tag"
            value={tag}
            maxLength={40}
            onChange={(e) => setTag(e.target.value)}
            className="block w-36 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <Button variant="secondary" disabled={!cleanTag || busy} onClick={() => onApply({ addTags: [cleanTag] })}>
          {t("bulk.addTag")}
        </Button>
        <Button variant="secondary" disabled={!cleanTag || busy} onClick={() => onApply({ removeTags: [cleanTag] })}>
          {t("bulk.removeTag")}
        </Button>
      </div>
      <Button variant="ghost" onClick={onClear} className="ms-auto">
        {busy ? <Spinner className="size-4" /> : null}
        {t("bulk.clear")}
      </Button>
    </div>
  );
}

function ColumnChooser({ visible, onChange }: { visible: Set<OptionalColumn>; onChange: (columns: OptionalColumn[]) => void }) {
  const t = useTranslations("leads");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button size="sm" variant="ghost">
          {t("columns.choose")}
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-48 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          {OPTIONAL_COLUMNS.map((c) => (
            <DropdownMenu.CheckboxItem
              key={c}
              checked={visible.has(c)}
              onSelect={(e) => e.preventDefault()}
              onCheckedChange={(checked) => onChange(OPTIONAL_COLUMNS.filter((x) => (x === c ? checked : visible.has(x))))}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800"
            >
              <span aria-hidden className="inline-flex size-4 items-center justify-center rounded border border-zinc-400 text-[10px]">
                <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
              </span>
              {t(`columns.${c}`)}
            </DropdownMenu.CheckboxItem>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />
          <DropdownMenu.Item
            onSelect={() => onChange(DEFAULT_COLUMNS)}
            className="cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800"
          >
            {t("columns.reset")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
