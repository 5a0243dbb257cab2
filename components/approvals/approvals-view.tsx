"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { QueueFilters, StatusTabs } from "./queue-filters";
import { RejectDialog } from "./reject-dialog";
import { SelectedTask } from "./selected-task";
import { ShortcutsHelp } from "./shortcuts-help";
import { TaskList } from "./task-list";
import { reviewPayload } from "./types";
import { useApprovalsQueue } from "./use-queue";

type Props = {
  /** Managers and up, or reps when the organization lets them approve. */
  canApprove: boolean;
  currentUserId: string;
  /** The user's keyboard-shortcuts preference. */
  shortcuts: boolean;
};

/**
 * The approvals queue: the task list (filters in the URL, keyset "load more") beside the selected
 * task. Keyboard: j/k move, a approves, r rejects, e edits, x ticks a task for bulk approval.
 * State and decisions live in ./use-queue.ts, data in ./hooks.ts.
 */
export function ApprovalsView({ canApprove, currentUserId, shortcuts }: Props) {
  const t = useTranslations("approvals");
  const tc = useTranslations("common");
  const { listRef, textareaRef, ...q } = useApprovalsQueue(canApprove, shortcuts);
  const { queue, notice, rejecting, reject, actionError } = q;
  const pendingCount = queue.data?.pages[0]?.counts.pending;

  return (
    <div data-wide className="space-y-4" data-testid="approvals">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-sm text-muted-foreground">
            {pendingCount !== undefined ? t("subtitle", { count: pendingCount }) : t("subtitleLoading")}
          </p>
        </div>
        <StatusTabs view={q.view} status={q.status} />
      </div>

      {!canApprove && <Alert tone="info">{t("readOnly.banner")}</Alert>}
      {notice && (
        <Alert tone={notice.tone} className="flex items-start justify-between gap-3 whitespace-pre-line">
          <span data-testid="approvals-notice">{notice.text}</span>
          <button
            type="button"
            onClick={() => q.setNotice(null)}
            aria-label={tc("cancel")}
            className="rounded px-1 opacity-70 hover:opacity-100"
          >
            ✕
          </button>
        </Alert>
      )}

      <QueueFilters view={q.view} hasFilters={q.hasFilters} fetching={queue.isFetching && !queue.isPending} />

      <div className="flex min-h-[32rem] overflow-hidden rounded-xl border border-border bg-surface shadow-sm md:h-[calc(100dvh-16rem)]">
        <TaskList q={q} listRef={listRef} canApprove={canApprove} />
        <SelectedTask q={q} textareaRef={textareaRef} canApprove={canApprove} currentUserId={currentUserId} />
      </div>

      {/* Always in the page, so a change is read out: what the last shortcut or decision did. */}
      <p role="status" aria-live="polite" className="sr-only" data-testid="approvals-announcer">
        {q.announcement}
      </p>
      <ShortcutsHelp open={q.shortcutsOpen} onOpenChange={q.setShortcutsOpen} canApprove={canApprove} />

      <RejectDialog
        key={rejecting?.id ?? "none"}
        open={rejecting !== null}
        onOpenChange={(open) => {
          if (!open) q.setRejecting(null);
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
