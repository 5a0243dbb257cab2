"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { UserText } from "@/components/ui/bidi";
import { LoadingState } from "@/components/ui/states";
import { QueryErrorState } from "@/components/ui/query-error-state";
import { useErrorText } from "@/lib/client/use-error-text";
import { useDecideSuggestion, useScopedTasks, useTaskSuggestions } from "./hooks";
import type { TaskScope } from "./keys";
import { QuickAdd } from "./quick-add";
import { TaskItem } from "./task-item";

/**
 * The tasks of one lead or thread, on the lead page and in the inbox thread: what the AI
 * proposed (accepted or dismissed with one click), the open tasks whoever holds them, and a
 * quick add that files the new task on the same lead and thread.
 */
export function TaskWidget({ scope, title }: { scope: TaskScope; title?: boolean }) {
  const t = useTranslations("tasks");
  const tc = useTranslations("common");
  const tasks = useScopedTasks(scope);
  const rows = tasks.data ?? [];
  return (
    <section className="space-y-3" aria-label={t("widget.title")} data-testid="task-widget">
      {title !== false && (
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-base font-semibold text-foreground">{t("widget.title")}</h2>
          <Link href="/tasks" className="text-sm text-primary-text hover:underline">
            {t("widget.myTasks")}
          </Link>
        </div>
      )}
      <Suggestions scope={scope} />
      {tasks.isPending ? (
        <LoadingState label={tc("loading")} />
      ) : tasks.isError ? (
        <QueryErrorState query={tasks} />
      ) : rows.length === 0 ? (
        <p className="text-sm text-subtle-foreground">{t("widget.empty")}</p>
      ) : (
        <ul className="divide-y divide-border">
          {rows.map((task) => (
            <TaskItem key={task.id} task={task} showLead={false} />
          ))}
        </ul>
      )}
      <QuickAdd scope={scope} />
    </section>
  );
}

function Suggestions({ scope }: { scope: TaskScope }) {
  const t = useTranslations("tasks.suggestions");
  const format = useFormatter();
  const describe = useErrorText();
  const suggestions = useTaskSuggestions(scope);
  const decide = useDecideSuggestion();
  const rows = suggestions.data ?? [];
  if (!rows.length) return null;
  return (
    <ul className="space-y-2" aria-label={t("title")}>
      {rows.map((suggestion) => (
        <li
          key={suggestion.id}
          className="rounded-md border border-ai-border bg-ai-surface p-3 text-sm"
          data-testid="task-suggestion"
        >
          <p className="font-medium text-foreground">
            {suggestion.dueAt
              ? t("callbackAt", {
                  due: format.dateTime(new Date(suggestion.dueAt), {
                    weekday: "short",
                    day: "2-digit",
                    month: "2-digit",
                    hour: "2-digit",
                    minute: "2-digit",
                  }),
                })
              : t("callback")}
          </p>
          <blockquote className="mt-1 border-s-2 border-border ps-2 text-xs text-muted-foreground">
            <UserText>{suggestion.quote}</UserText>
          </blockquote>
          <div className="mt-2 flex gap-2">
            <Button
              size="xs"
              loading={decide.isPending && decide.variables?.id === suggestion.id}
              onClick={() => decide.mutate({ id: suggestion.id, decision: "accept" })}
            >
              {t("accept")}
            </Button>
            <Button
              size="xs"
              variant="ghost"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: suggestion.id, decision: "dismiss" })}
            >
              {t("dismiss")}
            </Button>
          </div>
        </li>
      ))}
      {decide.isError && (
        <li role="alert" className="text-xs text-danger-text">
          {describe(decide.error)}
        </li>
      )}
    </ul>
  );
}
