"use client";

import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { UserText } from "@/components/ui/bidi";
import { cn } from "@/components/ui/cn";
import { Menu, MenuContent, MenuItem, MenuTrigger } from "@/components/ui/menu";
import { useErrorText } from "@/lib/client/use-error-text";
import { SNOOZE_PRESETS, type Task } from "@/lib/tasks/schema";
import { useDeleteTask, useUpdateTask } from "./hooks";

const WHEN = { weekday: "short", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" } as const;

/** One task: a box to complete (or reopen) it, its title, due time and lead, and snooze or delete. */
export function TaskItem({ task, showLead = true }: { task: Task; showLead?: boolean }) {
  const t = useTranslations("tasks");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const describe = useErrorText();
  const tc = useTranslations("common");
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const done = Boolean(task.completedAt);
  const overdue = !done && task.dueAt !== null && new Date(task.dueAt) < now;
  const error = update.error ?? remove.error;
  return (
    <li className="flex items-start gap-3 py-2.5" data-testid="task-item" data-task-id={task.id}>
      <input
        type="checkbox"
        className="mt-1 size-4 shrink-0 accent-primary"
        checked={done}
        disabled={update.isPending}
        aria-label={done ? t("reopen", { title: task.title }) : t("complete", { title: task.title })}
        onChange={() => update.mutate({ id: task.id, action: done ? "reopen" : "complete" })}
      />
      <div className="min-w-0 flex-1">
        <p className={cn("text-sm font-medium text-foreground", done && "text-subtle-foreground line-through")}>
          <UserText>{task.title}</UserText>
        </p>
        <p className="flex flex-wrap gap-x-3 text-xs text-subtle-foreground">
          <span>{t(`categories.${task.category}`)}</span>
          {task.dueAt && !done && (
            <time dateTime={task.dueAt} className={cn(overdue && "font-medium text-danger-text")}>
              {overdue
                ? t("overdueSince", { due: format.dateTime(new Date(task.dueAt), WHEN) })
                : t("dueAt", { due: format.dateTime(new Date(task.dueAt), WHEN) })}
            </time>
          )}
          {done && task.completedAt && (
            <time dateTime={task.completedAt}>
              {t("completedAt", { at: format.dateTime(new Date(task.completedAt), WHEN) })}
            </time>
          )}
          {showLead && task.leadId && task.leadName && (
            <Link href={`/leads/${task.leadId}`} className="text-primary-text hover:underline">
              <UserText>{task.leadName}</UserText>
            </Link>
          )}
          {task.priority === "high" && <span className="font-medium text-warning-text">{t("priorities.high")}</span>}
        </p>
        {error && (
          <p role="alert" className="text-xs text-danger-text">
            {describe(error)}
          </p>
        )}
      </div>
      {!done && (
        <Menu>
          <MenuTrigger asChild>
            <Button size="xs" variant="ghost" aria-label={t("snooze.label", { title: task.title })}>
              {t("snooze.button")}
            </Button>
          </MenuTrigger>
          <MenuContent align="end">
            {SNOOZE_PRESETS.map((preset) => (
              <MenuItem key={preset} onSelect={() => update.mutate({ id: task.id, action: "snooze", snooze: preset })}>
                {t(`snooze.${preset}`)}
              </MenuItem>
            ))}
          </MenuContent>
        </Menu>
      )}
      <ConfirmDialog
        trigger={
          <Button
            size="xs"
            variant="ghost"
            aria-label={t("delete.label", { title: task.title })}
            data-testid="delete-task"
          >
            {t("delete.button")}
          </Button>
        }
        title={t("delete.title")}
        description={<UserText>{task.title}</UserText>}
        confirmLabel={t("delete.button")}
        cancelLabel={tc("cancel")}
        onConfirm={async () => void (await remove.mutateAsync(task.id).catch(() => undefined))}
      />
    </li>
  );
}
