"use client";

import { useNow, useTimeZone, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import type { Task } from "@/lib/tasks/schema";
import { sectionOf, type TaskSection } from "@/lib/tasks/views";
import { useTasks } from "./hooks";
import { QuickAdd } from "./quick-add";
import { TaskItem } from "./task-item";

const SECTIONS: TaskSection[] = ["overdue", "today", "upcoming"];

/** "My tasks": the caller's open tasks as overdue / today / upcoming on their wall clock, and the latest done. */
export function TasksView({ initialOpen, initialDone }: { initialOpen: Task[]; initialDone: Task[] }) {
  const t = useTranslations("tasks");
  const tc = useTranslations("common");
  const timeZone = useTimeZone() ?? "UTC";
  const now = useNow({ updateInterval: 60_000 });
  const open = useTasks("mine", initialOpen);
  const done = useTasks("done", initialDone);
  const grouped = new Map<TaskSection, Task[]>(SECTIONS.map((section) => [section, []]));
  for (const task of open.data ?? []) grouped.get(sectionOf(task.dueAt, now, timeZone))!.push(task);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Card>
        <QuickAdd autoFocus />
      </Card>
      {open.isError ? (
        <QueryErrorState query={open} />
      ) : open.isPending ? (
        <LoadingState label={tc("loading")} />
      ) : (
        SECTIONS.map((section) => {
          const tasks = grouped.get(section)!;
          return (
            <Card key={section} title={t("sections.title", { section, count: tasks.length })}>
              <div data-testid={`tasks-${section}`}>
                {tasks.length === 0 ? (
                  <p className="text-sm text-subtle-foreground">{t(`sections.empty.${section}`)}</p>
                ) : (
                  <ul className="divide-y divide-border">
                    {tasks.map((task) => (
                      <TaskItem key={task.id} task={task} />
                    ))}
                  </ul>
                )}
              </div>
            </Card>
          );
        })
      )}
      <Card title={t("sections.done")}>
        <div data-testid="tasks-done">
          {(done.data ?? []).length === 0 ? (
            <EmptyState title={t("sections.empty.done")} />
          ) : (
            <ul className="divide-y divide-border">
              {(done.data ?? []).slice(0, 20).map((task) => (
                <TaskItem key={task.id} task={task} />
              ))}
            </ul>
          )}
        </div>
      </Card>
    </div>
  );
}
