"use client";

import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DirectionalArrow } from "@/components/ui/directional-icon";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { TaskDetail } from "./task-detail";
import type { ApprovalsQueue } from "./use-queue";

/** The detail pane: the open task (with its edit, approve and reject controls), or why there is none. */
export function SelectedTask({
  q,
  textareaRef,
  canApprove,
  currentUserId,
}: {
  q: ApprovalsQueue;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  canApprove: boolean;
  currentUserId: string;
}) {
  const t = useTranslations("approvals");
  const tc = useTranslations("common");
  const describe = useErrorText();
  const { selected, selectedId, detail, approve, actionError } = q;
  return (
    <section
      aria-label={t("detail")}
      className={cn("min-h-0 min-w-0 flex-1 flex-col md:flex", q.selectedParam ? "flex" : "hidden")}
    >
      {q.selectedParam && (
        <button
          type="button"
          onClick={() => q.select(null)}
          className="border-b border-border px-4 py-2 text-start text-sm text-primary-text md:hidden"
        >
          <DirectionalArrow to="back" /> {t("backToList")}
        </button>
      )}
      {selected ? (
        <TaskDetail
          key={selected.id}
          task={selected}
          detail={detail.data?.task.id === selected.id ? detail.data : undefined}
          detailError={detail.isError ? describe(detail.error) : null}
          onRetryDetail={() => void detail.refetch()}
          canApprove={canApprove}
          currentUserId={currentUserId}
          editText={q.edits[selected.id]}
          onEditStart={() => q.startEdit(selected)}
          onEditChange={(text) => q.setEdit(selected.id, text)}
          onEditCancel={() => q.setEdit(selected.id, undefined)}
          textareaRef={textareaRef}
          onApprove={() => q.approveTask(selected)}
          onReject={() => q.startReject(selected)}
          approving={approve.isPending && approve.variables?.task.id === selected.id}
          actionError={actionError?.taskId === selected.id ? actionError.text : null}
        />
      ) : selectedId && detail.isPending ? (
        <div className="flex flex-1 items-center justify-center">
          <Spinner label={tc("loading")} />
        </div>
      ) : selectedId && detail.isError ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center" role="alert">
          <p className="text-sm">
            {detail.error instanceof ApiError && detail.error.status === 404 ? t("notFound") : describe(detail.error)}
          </p>
          <Button size="sm" variant="secondary" onClick={() => q.select(null)}>
            {t("backToList")}
          </Button>
        </div>
      ) : (
        <div className="flex flex-1 items-center justify-center p-8 text-center text-sm text-subtle-foreground">
          {q.queue.isPending ? null : t("noSelection")}
        </div>
      )}
    </section>
  );
}
