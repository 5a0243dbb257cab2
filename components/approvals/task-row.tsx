"use client";

import { useTranslations } from "next-intl";
import { RelativeTime } from "@/components/leads/relative-time";
import { UserText } from "@/components/ui/bidi";
import { cn } from "@/components/ui/cn";
import { Checkbox } from "@/components/ui/input";
import { renderDraftFailureDetail } from "@/lib/ai/failures";
import { HeatChip } from "./findings";
import { ShortcutLegend as SharedLegend } from "@/components/ui/shortcuts";
import { draftPayload, reviewPayload, type ApprovalTask } from "./types";

/** One task in the queue: who, when, which channel and agent, and the draft's first lines. */
export function TaskRow({
  task,
  selected,
  checkable,
  checked,
  onCheck,
  onSelect,
}: {
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
      className={cn("flex gap-2 px-3 py-2.5", selected ? "bg-primary-surface" : "hover:bg-surface-hover")}
    >
      {checkable && (
        <Checkbox
          checked={checked}
          onChange={onCheck}
          aria-label={t("bulk.select", { name })}
          className="mt-1"
          data-testid="approval-check"
        />
      )}
      <button
        type="button"
        onClick={onSelect}
        className="min-w-0 flex-1 text-start"
        aria-label={t("rowLabel", { name })}
      >
        <span className="flex items-center gap-2">
          <span className="min-w-0 flex-1 truncate text-sm font-semibold" dir="auto">
            {name}
          </span>
          <span className="shrink-0 text-xs text-subtle-foreground">
            <RelativeTime date={task.createdAt} />
          </span>
        </span>
        <span className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-subtle-foreground">
          {task.lead && <HeatChip level={task.lead.heatLevel} />}
          {task.conversation && <span>{t(`channel.${task.conversation.channel}`)}</span>}
          {task.conversation?.email && (
            <span className="max-w-48 truncate" data-testid="approval-email-subject">
              · <UserText>{task.conversation.email.subject}</UserText>
            </span>
          )}
          {task.agent && (
            <span className="truncate">
              · <UserText>{task.agent.name}</UserText>
            </span>
          )}
          {review && <span className="font-medium text-warning-text">· {t("kind.manual_review")}</span>}
          {task.status !== "pending" && <span className="font-medium">· {t(`status.${task.status}`)}</span>}
          {draft?.injection && (
            <span className="font-semibold text-danger-text" title={t("injection.hint")}>
              ⚠ {t("injection.badge")}
            </span>
          )}
        </span>
        <span className="mt-1 line-clamp-2 text-sm text-secondary-foreground" data-testid="approval-preview" dir="auto">
          {draft?.draft ?? (review ? renderDraftFailureDetail(review.detail, t) : "")}
        </span>
      </button>
    </li>
  );
}

export function ShortcutLegend({ canApprove, onShowAll }: { canApprove: boolean; onShowAll: () => void }) {
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
    <SharedLegend title={t("shortcuts.title")} keys={keys} helpLabel={t("shortcuts.help")} onShowAll={onShowAll} />
  );
}
