"use client";

import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Checkbox } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";

import { ClearFilters } from "./queue-filters";
import { ShortcutLegend, TaskRow } from "./task-row";
import { BULK_LIMIT, type ApprovalsQueue } from "./use-queue";
import { useErrorText } from "@/lib/client/use-error-text";

/** The list pane: "select all" with bulk approve, the tasks (loading, error and empty states), "load more", the shortcut legend. */
export function TaskList({
  q,
  listRef,
  canApprove,
}: {
  q: ApprovalsQueue;
  listRef: RefObject<HTMLOListElement | null>;
  canApprove: boolean;
}) {
  const t = useTranslations("approvals");
  const tc = useTranslations("common");
  const describe = useErrorText();
  const { queue, tasks, bulkable, checked } = q;
  const checkedVisible = bulkable.filter((task) => checked.has(task.id));
  const allChecked = bulkable.length > 0 && checkedVisible.length === Math.min(bulkable.length, BULK_LIMIT);
  return (
    <section
      aria-label={t("list")}
      className={cn(
        "min-h-0 w-full flex-col border-border md:flex md:w-80 md:shrink-0 md:border-e lg:w-96",
        q.selectedParam ? "hidden" : "flex",
      )}
    >
      {canApprove && q.status === "pending" && bulkable.length > 0 && (
        <div className="flex items-center gap-2 border-b border-border px-3 py-2">
          <label className="flex items-center gap-2 text-xs font-medium">
            <Checkbox
              checked={allChecked}
              ref={(el) => {
                if (el) el.indeterminate = checkedVisible.length > 0 && !allChecked;
              }}
              onChange={() =>
                q.setChecked(allChecked ? new Set() : new Set(bulkable.slice(0, BULK_LIMIT).map((task) => task.id)))
              }
              data-testid="select-all"
            />
            {t("bulk.selectAll")}
          </label>
          <Button
            size="sm"
            className="ms-auto"
            disabled={checkedVisible.length === 0}
            loading={q.bulk.isPending}
            onClick={() => q.bulk.mutate(checkedVisible.map((task) => task.id))}
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
          <div role="alert" className="space-y-2 p-4 text-sm text-danger-text">
            <p>{describe(queue.error)}</p>
            <Button size="sm" variant="secondary" onClick={() => void queue.refetch()}>
              {tc("retry")}
            </Button>
          </div>
        ) : tasks.length === 0 ? (
          <div className="flex flex-col items-center gap-2 px-6 py-12 text-center" data-testid="approvals-empty">
            <span
              aria-hidden
              className="flex size-12 items-center justify-center rounded-full bg-success-surface text-xl text-success-text"
            >
              ✓
            </span>
            <p className="text-sm font-medium">
              {q.hasFilters ? t("empty.filtered") : q.status === "pending" ? t("empty.pending") : t("empty.other")}
            </p>
            {q.hasFilters && <ClearFilters view={q.view} variant="secondary" />}
          </div>
        ) : (
          <ol ref={listRef} className="divide-y divide-border" data-testid="approval-list">
            {tasks.map((task) => (
              <TaskRow
                key={task.id}
                task={task}
                selected={task.id === q.selectedId}
                checkable={canApprove && bulkable.includes(task)}
                checked={checked.has(task.id)}
                onCheck={() => q.toggle(task.id)}
                onSelect={() => q.select(task.id)}
              />
            ))}
          </ol>
        )}
        {queue.hasNextPage && (
          <div className="p-3 text-center">
            <Button
              size="sm"
              variant="secondary"
              loading={queue.isFetchingNextPage}
              onClick={queue.loadMore}
              data-testid="load-more"
            >
              {t("loadMore")}
            </Button>
          </div>
        )}
      </div>
      {q.shortcuts && <ShortcutLegend canApprove={canApprove} onShowAll={() => q.setShortcutsOpen(true)} />}
    </section>
  );
}
