"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { RelativeTime } from "@/components/leads/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { api, ApiError, errorText, problemCode } from "@/lib/client/api";
import { HEAT_LEVELS } from "@/lib/scoring";
import { HeatChip } from "./findings";
import { RejectDialog } from "./reject-dialog";
import { Kbd, TaskDetail } from "./task-detail";
import {
  apiQuery,
  draftPayload,
  filterQuery,
  reviewPayload,
  TASK_KINDS,
  TASK_STATUSES,
  type ApprovalDetail,
  type ApprovalPage,
  type ApprovalTask,
  type BulkResult,
  type FilterParam,
} from "./types";

type Props = {
  /** Managers and up, or reps when the organization lets them approve. */
  canApprove: boolean;
  currentUserId: string;
};

type Pages = InfiniteData<ApprovalPage, string | null>;
type AgentOption = { id: string; name: string };

const AGES = ["15", "60", "240", "1440"] as const;
const CONFLICT_CODES = new Set(["task_superseded", "task_expired", "task_decided"]);
const BULK_LIMIT = 50;


/** Keys typed into a field are text, not shortcuts. */
function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest("[role=dialog]")) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  return target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

/**
 * The approvals queue: the task list (filters in the URL, keyset "load more") beside the selected
 * task. Keyboard: j/k move, a approves, r rejects, e edits, x ticks a task for bulk approval.
 */
export function ApprovalsView({ canApprove, currentUserId }: Props) {
  const t = useTranslations("approvals");
  const tc = useTranslations("common");
  const tl = useTranslations("leads");
  const queryClient = useQueryClient();
  const searchParams = useSearchParams();
  const filters = filterQuery(searchParams);
  const status = searchParams.get("status") || "pending";
  const hasFilters = ["kind", "agent", "heat", "age"].some((key) => searchParams.get(key));

  const setParams = (changes: Partial<Record<FilterParam | "task", string | null>>, { replace = false } = {}) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (Object.keys(changes).some((key) => key !== "task")) next.delete("task");
    const query = next.toString();
    window.history[replace ? "replaceState" : "pushState"](null, "", `/approvals${query ? `?${query}` : ""}`);
  };

  // ------------------------------------------------------------------ data
  const queue = useInfiniteQuery({
    queryKey: ["approvals", "list", filters],
    queryFn: ({ pageParam }) => api<ApprovalPage>(`/api/v1/approvals?${apiQuery(filters, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const tasks = queue.data?.pages.flatMap((page) => page.tasks) ?? [];
  const agents = useQuery({
    queryKey: ["agents"],
    queryFn: () => api<{ agents: AgentOption[] }>("/api/v1/agents"),
    staleTime: 60_000,
  });

  const selectedParam = searchParams.get("task");
  const selectedId = selectedParam ?? tasks[0]?.id ?? null;
  const detail = useQuery({
    queryKey: ["approvals", "detail", selectedId],
    queryFn: () => api<ApprovalDetail>(`/api/v1/approvals/${selectedId}`),
    enabled: Boolean(selectedId),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 1,
  });
  const selected = tasks.find((task) => task.id === selectedId) ?? (detail.data?.task.id === selectedId ? detail.data.task : null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["approvals"] });
    void queryClient.invalidateQueries({ queryKey: ["approvals-count"] });
  };
  // Live: the "hil_tasks" topic invalidates ["approvals"] (this list and the detail) and
  // ["approvals-count"] on every page (components/realtime/live-events.tsx, invalidateFor).

  // ------------------------------------------------------------------ selection and edits
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "warning"; text: string } | null>(null);
  const [actionError, setActionError] = useState<{ taskId: string; text: string } | null>(null);
  const [rejecting, setRejecting] = useState<ApprovalTask | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const [focusEditor, setFocusEditor] = useState(0);
  useEffect(() => {
    if (focusEditor) textareaRef.current?.focus();
  }, [focusEditor]);

  const select = (id: string | null, replace = false) => {
    setActionError(null);
    setParams({ task: id }, { replace });
  };
  /** Where the selection goes when a task leaves the list: the next one, else the previous. */
  const neighbour = (id: string) => {
    const index = tasks.findIndex((task) => task.id === id);
    if (index < 0) return null;
    return tasks[index + 1]?.id ?? tasks[index - 1]?.id ?? null;
  };
  const move = (delta: 1 | -1) => {
    if (!tasks.length) return;
    const index = tasks.findIndex((task) => task.id === selectedId);
    const nextIndex = index < 0 ? 0 : Math.min(tasks.length - 1, Math.max(0, index + delta));
    if (delta === 1 && index === tasks.length - 1 && queue.hasNextPage && !queue.isFetchingNextPage) void queue.fetchNextPage();
    const next = tasks[nextIndex];
    if (next && next.id !== selectedId) select(next.id, true);
  };
  useEffect(() => {
    if (!selectedId) return;
    listRef.current?.querySelector(`[data-task-id="${selectedId}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  /** Takes decided tasks out of the cached list at once; the refetch that follows confirms it. */
  const dropFromList = (ids: string[]) => {
    const gone = new Set(ids);
    queryClient.setQueriesData<Pages>({ queryKey: ["approvals", "list"] }, (data) => {
      if (!data) return data;
      const removed = data.pages.reduce((sum, page) => sum + page.tasks.filter((task) => gone.has(task.id) && task.status === "pending").length, 0);
      return {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          tasks: page.tasks.filter((task) => !gone.has(task.id)),
          counts: { pending: Math.max(0, page.counts.pending - removed) },
        })),
      };
    });
    queryClient.setQueryData<{ pending: number }>(["approvals-count"], (data) => (data ? { pending: Math.max(0, data.pending - ids.length) } : data));
    setChecked((current) => new Set([...current].filter((id) => !gone.has(id))));
    setEdits((current) => Object.fromEntries(Object.entries(current).filter(([id]) => !gone.has(id))));
  };
  const onConflict = (task: ApprovalTask, error: unknown) => {
    const code = problemCode(error);
    setActionError({ taskId: task.id, text: errorText(error) });
    if (code && CONFLICT_CODES.has(code)) refresh();
  };

  // ------------------------------------------------------------------ decisions
  const approve = useMutation({
    mutationFn: ({ task, body }: { task: ApprovalTask; body?: string }) =>
      api<{ task: ApprovalTask; messageId: string }>(`/api/v1/approvals/${task.id}/approve`, { body: body === undefined ? {} : { body } }),
    onMutate: () => {
      setActionError(null);
      setNotice(null);
    },
    onSuccess: (_result, { task, body }) => {
      const next = neighbour(task.id);
      dropFromList([task.id]);
      if (status === "pending" && selectedParam) select(next, true);
      setNotice({ tone: "success", text: body !== undefined ? t("notice.approvedEdited", { name: task.lead?.name ?? t("unknownLead") }) : t("notice.approved", { name: task.lead?.name ?? t("unknownLead") }) });
      refresh();
      void queryClient.invalidateQueries({ queryKey: ["agents"] });
      if (task.conversation) void queryClient.invalidateQueries({ queryKey: ["messages", task.conversation.id] });
    },
    onError: (error, { task }) => onConflict(task, error),
  });
  const reject = useMutation({
    mutationFn: ({ task, reason }: { task: ApprovalTask; reason: string }) => api<{ task: ApprovalTask }>(`/api/v1/approvals/${task.id}/reject`, { body: { reason } }),
    onMutate: () => setNotice(null),
    onSuccess: (_result, { task }) => {
      const next = neighbour(task.id);
      setRejecting(null);
      dropFromList([task.id]);
      if (status === "pending" && selectedParam) select(next, true);
      setNotice({ tone: "success", text: t("notice.rejected", { name: task.lead?.name ?? t("unknownLead") }) });
      refresh();
      void queryClient.invalidateQueries({ queryKey: ["agents"] });
    },
    onError: (error, { task }) => {
      if (CONFLICT_CODES.has(problemCode(error) ?? "")) setRejecting(null);
      onConflict(task, error);
    },
  });
  const bulk = useMutation({
    mutationFn: (ids: string[]) => api<{ results: BulkResult[] }>("/api/v1/approvals/bulk-approve", { body: { ids } }),
    onMutate: () => {
      setNotice(null);
      setActionError(null);
    },
    onSuccess: ({ results }) => {
      const ok = results.filter((r) => r.ok);
      const failed = results.filter((r) => !r.ok);
      if (selectedId && ok.some((r) => r.id === selectedId) && selectedParam) select(null, true);
      dropFromList(results.map((r) => r.id));
      setNotice(
        failed.length
          ? {
              tone: ok.length ? "warning" : "error",
              text: [t("notice.bulkPartial", { ok: ok.length, failed: failed.length }), ...failed.map((r) => `• ${r.error?.detail ?? r.error?.code ?? r.id}`)].join("\n"),
            }
          : { tone: "success", text: t("notice.bulkApproved", { count: ok.length }) },
      );
      refresh();
      void queryClient.invalidateQueries({ queryKey: ["agents"] });
    },
    onError: (error) => setNotice({ tone: "error", text: errorText(error) }),
  });

  const approveTask = (task: ApprovalTask | null) => {
    if (!task || !canApprove || task.status !== "pending" || approve.isPending) return;
    const payload = draftPayload(task);
    if (!payload) return;
    const edit = edits[task.id];
    const edited = edit !== undefined && edit.trim() !== payload.draft.trim();
    if (edit !== undefined && !edit.trim()) return;
    approve.mutate({ task, body: edited ? edit.trim() : undefined });
  };
  const startEdit = (task: ApprovalTask | null) => {
    const payload = task && draftPayload(task);
    if (!task || !payload || !canApprove || task.status !== "pending") return;
    setEdits((current) => (task.id in current ? current : { ...current, [task.id]: payload.draft }));
    setFocusEditor((n) => n + 1);
  };
  const startReject = (task: ApprovalTask | null) => {
    if (!task || !canApprove || task.status !== "pending") return;
    reject.reset();
    setRejecting(task);
  };
  const bulkable = tasks.filter((task) => task.status === "pending" && draftPayload(task) !== null);
  const toggle = (id: string) =>
    setChecked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else if (next.size < BULK_LIMIT) next.add(id);
      return next;
    });

  // ------------------------------------------------------------------ keyboard
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === "j" || key === "arrowdown") move(1);
    else if (key === "k" || key === "arrowup") move(-1);
    else if (key === "a") approveTask(selected);
    else if (key === "r") startReject(selected);
    else if (key === "e") startEdit(selected);
    else if (key === "x" && selected && canApprove && bulkable.some((task) => task.id === selected.id)) toggle(selected.id);
    else return;
    event.preventDefault();
  };
  // One window listener for the page's life, always calling the latest handler.
  const keyHandler = useRef(onKey);
  useEffect(() => {
    keyHandler.current = onKey;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  // ------------------------------------------------------------------ render
  const checkedVisible = bulkable.filter((task) => checked.has(task.id));
  const allChecked = bulkable.length > 0 && checkedVisible.length === Math.min(bulkable.length, BULK_LIMIT);
  const agentOptions = agents.data?.agents ?? [];
  const pendingCount = queue.data?.pages[0]?.counts.pending;

  return (
    <div data-wide className="space-y-4" data-testid="approvals">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {pendingCount !== undefined ? t("subtitle", { count: pendingCount }) : t("subtitleLoading")}
          </p>
        </div>
        <nav aria-label={t("filters.status")} className="flex flex-wrap gap-1">
          {TASK_STATUSES.map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={status === value}
              onClick={() => setParams({ status: value === "pending" ? null : value })}
              data-testid={`status-tab-${value}`}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium",
                status === value ? "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
              )}
            >
              {t(`status.${value}`)}
            </button>
          ))}
        </nav>
      </div>

      {!canApprove && <Alert tone="info">{t("readOnly.banner")}</Alert>}
      {notice && (
        <Alert tone={notice.tone} className="flex items-start justify-between gap-3 whitespace-pre-line">
          <span data-testid="approvals-notice">{notice.text}</span>
          <button type="button" onClick={() => setNotice(null)} aria-label={tc("cancel")} className="rounded px-1 opacity-70 hover:opacity-100">
            ✕
          </button>
        </Alert>
      )}

      <div className="flex flex-wrap items-end gap-2" role="group" aria-label={t("filters.label")}>
        <FilterSelect label={t("filters.kind")} value={searchParams.get("kind") ?? ""} onChange={(value) => setParams({ kind: value })} testId="filter-kind">
          <option value="">{t("filters.anyKind")}</option>
          {TASK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t("filters.agent")} value={searchParams.get("agent") ?? ""} onChange={(value) => setParams({ agent: value })} testId="filter-agent">
          <option value="">{t("filters.anyAgent")}</option>
          {agentOptions.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t("filters.heat")} value={searchParams.get("heat") ?? ""} onChange={(value) => setParams({ heat: value })} testId="filter-heat">
          <option value="">{t("filters.anyHeat")}</option>
          {HEAT_LEVELS.map((level) => (
            <option key={level} value={level}>
              {tl(`heat.${level}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t("filters.age")} value={searchParams.get("age") ?? ""} onChange={(value) => setParams({ age: value })} testId="filter-age">
          <option value="">{t("filters.anyAge")}</option>
          {AGES.map((minutes) => (
            <option key={minutes} value={minutes}>
              {t(`filters.olderThan.${minutes}`)}
            </option>
          ))}
        </FilterSelect>
        {hasFilters && (
          <Button size="sm" variant="ghost" onClick={() => setParams({ kind: null, agent: null, heat: null, age: null })}>
            {t("filters.clear")}
          </Button>
        )}
        {queue.isFetching && !queue.isPending && <Spinner className="mb-2 size-4" />}
      </div>

      <div className="flex min-h-[32rem] overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm md:h-[calc(100dvh-16rem)] dark:border-zinc-800 dark:bg-zinc-900">
        {/* Task list */}
        <section aria-label={t("list")} className={cn("min-h-0 w-full flex-col border-zinc-200 md:flex md:w-80 md:shrink-0 md:border-e lg:w-96 dark:border-zinc-800", selectedParam ? "hidden" : "flex")}>
          {canApprove && status === "pending" && bulkable.length > 0 && (
            <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
              <label className="flex items-center gap-2 text-xs font-medium">
                <input
                  type="checkbox"
                  checked={allChecked}
                  ref={(el) => {
                    if (el) el.indeterminate = checkedVisible.length > 0 && !allChecked;
                  }}
                  onChange={() => setChecked(allChecked ? new Set() : new Set(bulkable.slice(0, BULK_LIMIT).map((task) => task.id)))}
                  data-testid="select-all"
                  className="size-4 accent-orange-600"
                />
                {t("bulk.selectAll")}
              </label>
              <Button
                size="sm"
                className="ms-auto"
                disabled={checkedVisible.length === 0}
                loading={bulk.isPending}
                onClick={() => bulk.mutate(checkedVisible.map((task) => task.id))}
                data-testid="bulk-approve"
              >
                {t("bulk.approve", { count: checkedVisible.length })}
              </Button>
            </div>
          )}
          <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={queue.isFetching || undefined}>
            {queue.isPending ? (
              <div className="flex justify-center py-10">
                <Spinner label={tc("loading")} />
              </div>
            ) : queue.isError && !queue.data ? (
              <div role="alert" className="space-y-2 p-4 text-sm text-red-700 dark:text-red-300">
                <p>{errorText(queue.error)}</p>
                <Button size="sm" variant="secondary" onClick={() => void queue.refetch()}>
                  {tc("retry")}
                </Button>
              </div>
            ) : tasks.length === 0 ? (
              <div className="flex flex-col items-center gap-2 px-6 py-12 text-center" data-testid="approvals-empty">
                <span aria-hidden className="flex size-12 items-center justify-center rounded-full bg-emerald-50 text-xl text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300">
                  ✓
                </span>
                <p className="text-sm font-medium">{hasFilters ? t("empty.filtered") : status === "pending" ? t("empty.pending") : t("empty.other")}</p>
                {hasFilters && (
                  <Button size="sm" variant="secondary" onClick={() => setParams({ kind: null, agent: null, heat: null, age: null })}>
                    {t("filters.clear")}
                  </Button>
                )}
              </div>
            ) : (
              <ol ref={listRef} className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="approval-list">
                {tasks.map((task) => (
                  <TaskRow
                    key={task.id}
                    task={task}
                    selected={task.id === selectedId}
                    checkable={canApprove && bulkable.includes(task)}
                    checked={checked.has(task.id)}
                    onCheck={() => toggle(task.id)}
                    onSelect={() => select(task.id)}
                  />
                ))}
              </ol>
            )}
            {queue.hasNextPage && (
              <div className="p-3 text-center">
                <Button size="sm" variant="secondary" loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()} data-testid="load-more">
                  {t("loadMore")}
                </Button>
              </div>
            )}
          </div>
          <ShortcutLegend canApprove={canApprove} />
        </section>

        {/* Selected task */}
        <section aria-label={t("detail")} className={cn("min-h-0 min-w-0 flex-1 flex-col md:flex", selectedParam ? "flex" : "hidden")}>
          {selectedParam && (
            <button type="button" onClick={() => select(null)} className="border-b border-zinc-200 px-4 py-2 text-start text-sm text-orange-700 md:hidden dark:border-zinc-800 dark:text-orange-400">
              ← {t("backToList")}
            </button>
          )}
          {selected ? (
            <TaskDetail
              key={selected.id}
              task={selected}
              detail={detail.data?.task.id === selected.id ? detail.data : undefined}
              detailError={detail.isError ? errorText(detail.error) : null}
              onRetryDetail={() => void detail.refetch()}
              canApprove={canApprove}
              currentUserId={currentUserId}
              editText={edits[selected.id]}
              onEditStart={() => startEdit(selected)}
              onEditChange={(text) => setEdits((current) => ({ ...current, [selected.id]: text }))}
              onEditCancel={() =>
                setEdits((current) => {
                  const next = { ...current };
                  delete next[selected.id];
                  return next;
                })
              }
              textareaRef={textareaRef}
              onApprove={() => approveTask(selected)}
              onReject={() => startReject(selected)}
              approving={approve.isPending && approve.variables?.task.id === selected.id}
              actionError={actionError?.taskId === selected.id ? actionError.text : null}
            />
          ) : selectedId && detail.isPending ? (
            <div className="flex flex-1 items-center justify-center">
              <Spinner label={tc("loading")} />
            </div>
          ) : selectedId && detail.isError ? (
            <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center" role="alert">
              <p className="text-sm">{detail.error instanceof ApiError && detail.error.status === 404 ? t("notFound") : errorText(detail.error)}</p>
              <Button size="sm" variant="secondary" onClick={() => select(null)}>
                {t("backToList")}
              </Button>
            </div>
          ) : (
            <div className="flex flex-1 items-center justify-center p-8 text-center text-sm text-zinc-500">{queue.isPending ? null : t("noSelection")}</div>
          )}
        </section>
      </div>

      <RejectDialog
        key={rejecting?.id ?? "none"}
        open={rejecting !== null}
        onOpenChange={(open) => {
          if (!open) setRejecting(null);
        }}
        leadName={rejecting?.lead?.name ?? null}
        manualReview={rejecting ? reviewPayload(rejecting) !== null : false}
        pending={reject.isPending}
        error={reject.isError && rejecting && actionError?.taskId === rejecting.id ? actionError.text : null}
        onReject={(reason) => rejecting && reject.mutate({ task: rejecting, reason })}
      />
    </div>
  );
}

function FilterSelect({ label, value, onChange, testId, children }: { label: string; value: string; onChange: (value: string | null) => void; testId: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
      {label}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value || null)}
        data-testid={testId}
        className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {children}
      </select>
    </label>
  );
}

function TaskRow({ task, selected, checkable, checked, onCheck, onSelect }: {
  task: ApprovalTask;
  selected: boolean;
  checkable: boolean;
  checked: boolean;
  onCheck: () => void;
  onSelect: () => void;
}) {
  const t = useTranslations("approvals");
  const draft = draftPayload(task);
  const review = reviewPayload(task);
  const name = task.lead?.name ?? t("unknownLead");
  return (
    <li
      data-testid="approval-row"
      data-task-id={task.id}
      data-conversation-id={task.conversation?.id ?? ""}
      aria-current={selected || undefined}
      className={cn("flex gap-2 px-3 py-2.5", selected ? "bg-orange-50 dark:bg-orange-950/40" : "hover:bg-zinc-50 dark:hover:bg-zinc-800/50")}
    >
      {checkable && (
        <input
          type="checkbox"
          checked={checked}
          onChange={onCheck}
          aria-label={t("bulk.select", { name })}
          className="mt-1 size-4 shrink-0 accent-orange-600"
          data-testid="approval-check"
        />
      )}
      <button type="button" onClick={onSelect} className="min-w-0 flex-1 text-start" aria-label={t("rowLabel", { name })}>
        <span className="flex items-center gap-2">
          <span className="min-w-0 flex-1 truncate text-sm font-semibold">{name}</span>
          <span className="shrink-0 text-xs text-zinc-500">
            <RelativeTime date={task.createdAt} />
          </span>
        </span>
        <span className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500">
          {task.lead && <HeatChip level={task.lead.heatLevel} />}
          {task.conversation && <span>{t(`channel.${task.conversation.channel}`)}</span>}
          {task.agent && <span className="truncate">· {task.agent.name}</span>}
          {review && <span className="font-medium text-amber-700 dark:text-amber-400">· {t("kind.manual_review")}</span>}
          {task.status !== "pending" && <span className="font-medium">· {t(`status.${task.status}`)}</span>}
          {draft?.injection && (
            <span className="font-semibold text-red-700 dark:text-red-400" title={t("injection.hint")}>
              ⚠ {t("injection.badge")}
            </span>
          )}
        </span>
        <span className="mt-1 line-clamp-2 text-sm text-zinc-700 dark:text-zinc-300" data-testid="approval-preview">
          {draft?.draft ?? review?.detail ?? ""}
        </span>
      </button>
    </li>
  );
}

function ShortcutLegend({ canApprove }: { canApprove: boolean }) {
  const t = useTranslations("approvals");
  const keys: [string, string][] = [
    ["j / k", t("shortcuts.move")],
    ...(canApprove
      ? ([
          ["a", t("shortcuts.approve")],
          ["r", t("shortcuts.reject")],
          ["e", t("shortcuts.edit")],
          ["x", t("shortcuts.select")],
        ] as [string, string][])
      : []),
  ];
  return (
    <footer className="hidden border-t border-zinc-200 px-3 py-2 text-[11px] text-zinc-500 md:block dark:border-zinc-800" aria-label={t("shortcuts.title")} data-testid="shortcut-legend">
      <span className="me-2 font-semibold">{t("shortcuts.title")}</span>
      {keys.map(([key, label]) => (
        <span key={key} className="me-2 inline-flex items-center gap-1 whitespace-nowrap">
          <Kbd decorative={false}>{key}</Kbd>
          {label}
        </span>
      ))}
    </footer>
  );
}
