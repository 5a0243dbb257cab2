"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { problemCode } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { stepIndex, useShortcuts } from "@/lib/client/use-shortcuts";
import { useUrlView } from "@/lib/client/use-url-view";
import { useSessionState } from "@/lib/session-state/use-session-state";
import { useApprovalDecisions, useApprovalDetail, useApprovalQueue, useRefreshApprovals } from "./hooks";
import { draftPayload, FILTER_PARAMS, filterQuery, type ApprovalTask } from "./types";

export const BULK_LIMIT = 50;
const CONFLICT_CODES = new Set(["task_superseded", "task_expired", "task_decided"]);
const VIEW_KEYS = [...FILTER_PARAMS, "task"] as const;
export const FILTER_KEYS = ["kind", "agent", "heat", "age"] as const;
export type Notice = { tone: "success" | "error" | "warning"; text: string };

/**
 * The approvals queue's state: the view (filters and the open task in the URL), the selection,
 * unsaved edits, ticked tasks, notices, the decisions, and the keyboard (j/k move, a approves,
 * r rejects, e edits, x ticks a task for bulk approval).
 */
export function useApprovalsQueue(canApprove: boolean, shortcuts = true) {
  const t = useTranslations("approvals");
  const describe = useErrorText();
  const view = useUrlView({ keys: VIEW_KEYS, resets: ["task"] });
  const filters = filterQuery(view);
  const status = view.get("status") || "pending";
  const hasFilters = FILTER_KEYS.some((key) => view.get(key));
  // Where the user left off follows them (lib/session-state): the queue's filters.
  useSessionState({
    currentContext: { page: "approvals", approvals: { filters: Object.fromEntries(new URLSearchParams(filters)) } },
  });

  const queue = useApprovalQueue(filters);
  const tasks = queue.items;
  const selectedParam = view.get("task");
  const selectedId = selectedParam ?? tasks[0]?.id ?? null;
  const detail = useApprovalDetail(selectedId);
  const selected =
    tasks.find((task) => task.id === selectedId) ?? (detail.data?.task.id === selectedId ? detail.data.task : null);
  const refresh = useRefreshApprovals();

  const [edits, setEdits] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [notice, showNotice] = useState<Notice | null>(null);
  /** What the last key press (or decision) did, for the page's live region: shortcuts announce themselves. */
  const [announcement, setAnnouncement] = useState("");
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const setNotice = (next: Notice | null) => {
    showNotice(next);
    if (next) setAnnouncement(next.text);
  };
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
    view.update({ task: id }, { replace });
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
    const nextIndex = stepIndex(tasks.length, index, delta);
    if (delta === 1 && index === tasks.length - 1) queue.loadMore();
    const next = tasks[nextIndex];
    if (next && next.id !== selectedId) {
      select(next.id, true);
      setAnnouncement(t("announce.selected", { name: nameOf(next), position: nextIndex + 1, total: tasks.length }));
    }
  };
  useEffect(() => {
    if (!selectedId) return;
    listRef.current?.querySelector(`[data-task-id="${selectedId}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  /** Decided tasks leave the ticks and the unsaved edits (the hooks take them out of the cached list). */
  const forget = (ids: string[]) => {
    const gone = new Set(ids);
    setChecked((current) => new Set([...current].filter((id) => !gone.has(id))));
    setEdits((current) => Object.fromEntries(Object.entries(current).filter(([id]) => !gone.has(id))));
  };
  const onConflict = (task: ApprovalTask, error: unknown) => {
    const code = problemCode(error);
    setActionError({ taskId: task.id, text: describe(error) });
    if (code && CONFLICT_CODES.has(code)) refresh();
  };
  const nameOf = (task: ApprovalTask) => task.lead?.name ?? t("unknownLead");
  /** After a decision on the open task, the selection moves on (only when the URL chose it). */
  const moveOn = (task: ApprovalTask) => {
    const next = neighbour(task.id);
    forget([task.id]);
    if (status === "pending" && selectedParam) select(next, true);
  };

  const { approve, reject, bulk } = useApprovalDecisions({
    approve: {
      onMutate: () => {
        setActionError(null);
        setNotice(null);
      },
      onSuccess: (_result, { task, body }) => {
        moveOn(task);
        setNotice({
          tone: "success",
          text:
            body !== undefined
              ? t("notice.approvedEdited", { name: nameOf(task) })
              : t("notice.approved", { name: nameOf(task) }),
        });
      },
      onError: (error, { task }) => onConflict(task, error),
    },
    reject: {
      onMutate: () => setNotice(null),
      onSuccess: (_result, { task }) => {
        setRejecting(null);
        moveOn(task);
        setNotice({ tone: "success", text: t("notice.rejected", { name: nameOf(task) }) });
      },
      onError: (error, { task }) => {
        if (CONFLICT_CODES.has(problemCode(error) ?? "")) setRejecting(null);
        onConflict(task, error);
      },
    },
    bulk: {
      onMutate: () => {
        setNotice(null);
        setActionError(null);
      },
      onSuccess: ({ results }) => {
        const ok = results.filter((r) => r.ok);
        const failed = results.filter((r) => !r.ok);
        if (selectedId && ok.some((r) => r.id === selectedId) && selectedParam) select(null, true);
        forget(results.map((r) => r.id));
        setNotice(
          failed.length
            ? {
                tone: ok.length ? "warning" : "error",
                text: [
                  t("notice.bulkPartial", { ok: ok.length, failed: failed.length }),
                  ...failed.map((r) => `• ${r.error?.detail ?? r.error?.code ?? r.id}`),
                ].join("\n"),
              }
            : { tone: "success", text: t("notice.bulkApproved", { count: ok.length }) },
        );
      },
      onError: (error) => setNotice({ tone: "error", text: describe(error) }),
    },
  });

  const approveTask = (task: ApprovalTask | null) => {
    if (!task || !canApprove || task.status !== "pending" || approve.isPending) return;
    const payload = draftPayload(task);
    if (!payload) return;
    const edit = edits[task.id];
    const edited = edit !== undefined && edit.trim() !== payload.draft.trim();
    if (edit !== undefined && !edit.trim()) return;
    setAnnouncement(t("announce.approving", { name: nameOf(task) }));
    approve.mutate({ task, body: edited ? edit.trim() : undefined });
  };
  const startEdit = (task: ApprovalTask | null) => {
    const payload = task && draftPayload(task);
    // A template goes out as the provider approved it: there is nothing to edit.
    if (!task || !payload || payload.template || !canApprove || task.status !== "pending") return;
    setEdits((current) => (task.id in current ? current : { ...current, [task.id]: payload.draft }));
    setFocusEditor((n) => n + 1);
    setAnnouncement(t("announce.editing", { name: nameOf(task) }));
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
  const setEdit = (id: string, text: string | undefined) =>
    setEdits((current) => {
      const next = { ...current };
      if (text === undefined) delete next[id];
      else next[id] = text;
      return next;
    });

  useShortcuts(
    {
      j: () => move(1),
      arrowdown: () => move(1),
      k: () => move(-1),
      arrowup: () => move(-1),
      a: () => approveTask(selected),
      r: () => startReject(selected),
      e: () => startEdit(selected),
      x: () => {
        if (!selected || !canApprove || !bulkable.some((task) => task.id === selected.id)) return false;
        const ticking = !checked.has(selected.id);
        if (ticking && checked.size >= BULK_LIMIT) return false;
        toggle(selected.id);
        const count = checked.size + (ticking ? 1 : -1);
        setAnnouncement(t(ticking ? "announce.ticked" : "announce.unticked", { name: nameOf(selected), count }));
      },
      "?": () => setShortcutsOpen(true),
    },
    shortcuts,
  );

  return {
    shortcuts,
    view,
    status,
    hasFilters,
    queue,
    tasks,
    detail,
    selectedParam,
    selectedId,
    selected,
    edits,
    setEdit,
    checked,
    setChecked,
    toggle,
    bulkable,
    notice,
    setNotice,
    announcement,
    shortcutsOpen,
    setShortcutsOpen,
    actionError,
    rejecting,
    setRejecting,
    textareaRef,
    listRef,
    select,
    approve,
    reject,
    bulk,
    approveTask,
    startEdit,
    startReject,
  };
}

/** The queue without its refs (the list and the editor take those as props of their own). */
export type ApprovalsQueue = Omit<ReturnType<typeof useApprovalsQueue>, "listRef" | "textareaRef">;
