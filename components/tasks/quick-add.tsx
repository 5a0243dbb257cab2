"use client";

import { useFormatter, useLocale, useNow, useTimeZone, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Form, SubmitButton } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { useErrorText } from "@/lib/client/use-error-text";
import { dueLanguageOf, parseDue } from "@/lib/tasks/dates";
import { useCreateTask } from "./hooks";
import type { TaskScope } from "./keys";

/**
 * One line for a new task: "Call Anna tue 10am". The date is read as the user types, on their
 * wall clock and in the page's language, and shown under the field before saving; the server
 * stores the title and that date (what the preview showed is what is saved).
 */
export function QuickAdd({ scope, autoFocus = false }: { scope?: TaskScope; autoFocus?: boolean }) {
  const t = useTranslations("tasks.quickAdd");
  const format = useFormatter();
  const timeZone = useTimeZone() ?? "UTC";
  const locale = useLocale();
  const now = useNow({ updateInterval: 60_000 });
  const describe = useErrorText();
  const create = useCreateTask();
  const [text, setText] = useState("");
  const hintId = useId();
  const parsed = useMemo(
    () => (text.trim() ? parseDue(text, { now, timeZone, language: dueLanguageOf(locale) }) : null),
    [text, now, timeZone, locale],
  );
  const title = (parsed?.title || text).trim();

  const submit = () => {
    if (!title || create.isPending) return;
    create.mutate(
      { title, dueAt: parsed?.dueAt ?? null, ...scope, category: "follow_up" },
      { onSuccess: () => setText("") },
    );
  };

  return (
    <Form
      className="space-y-1"
      data-testid="task-quick-add"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="flex gap-2">
        <Input
          name="quickAdd"
          aria-label={t("label")}
          aria-describedby={hintId}
          placeholder={t("placeholder")}
          value={text}
          maxLength={300}
          autoFocus={autoFocus}
          onChange={(event) => setText(event.target.value)}
        />
        <SubmitButton size="md" variant="secondary" loading={create.isPending} disabled={!title}>
          {t("add")}
        </SubmitButton>
      </div>
      <p id={hintId} className="text-xs text-subtle-foreground" aria-live="polite" data-testid="task-quick-add-due">
        {parsed
          ? t("due", {
              due: format.dateTime(parsed.dueAt, {
                weekday: "short",
                day: "2-digit",
                month: "2-digit",
                hour: "2-digit",
                minute: "2-digit",
              }),
            })
          : text.trim()
            ? t("noDate")
            : t("hint")}
      </p>
      {create.isError && (
        <p role="alert" className="text-xs text-danger-text">
          {describe(create.error)}
        </p>
      )}
    </Form>
  );
}
