"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useLiveEvent } from "@/components/realtime/live-events";
import { Disclosure } from "@/components/ui/disclosure";
import { useScopedTasks, useTaskSuggestions } from "./hooks";
import { taskKeys } from "./keys";
import { TaskWidget } from "./task-widget";

/**
 * The thread's tasks, above the composer: collapsed to one line with a count, opened to the
 * widget; open by itself while the AI proposes a task, so the one-click accept is in sight.
 */
export function ThreadTasks({ conversationId, leadId }: { conversationId: string; leadId: string }) {
  const t = useTranslations("tasks.widget");
  const [expanded, setExpanded] = useState(false);
  const scope = { conversationId, leadId };
  const tasks = useScopedTasks(scope);
  const suggestions = useTaskSuggestions(scope);
  const proposed = (suggestions.data ?? []).length;
  // A lead's new message may carry a callback request: the proposal shows without a reload.
  const queryClient = useQueryClient();
  useLiveEvent("messages", () => void queryClient.invalidateQueries({ queryKey: taskKeys.suggestions(scope) }));
  const open = expanded || proposed > 0;
  return (
    <Disclosure
      title={t("threadTitle", { count: tasks.data?.length ?? 0, proposed })}
      open={open}
      onOpenChange={setExpanded}
      level={3}
      className="border-t border-border px-4 py-2"
      contentClassName="pt-2"
      data-testid="thread-tasks"
    >
      <TaskWidget scope={scope} title={false} />
    </Disclosure>
  );
}
