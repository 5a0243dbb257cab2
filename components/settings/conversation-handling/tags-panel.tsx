"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useConversationTags, useSaveTag } from "@/components/inbox/handling-hooks";
import { TagChip, TagDot } from "@/components/inbox/tag-chip";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { EmptyState } from "@/components/ui/states";
import { useApiForm } from "@/lib/client/use-api-form";
import { useErrorText } from "@/lib/client/use-error-text";
import { tagInputSchema } from "@/lib/inbox/schema";
import { TAG_COLORS, type ConversationTag } from "@/lib/inbox/tag-palette";
import type { TagWithUsage } from "@/lib/inbox/tags";

/** Settings → Inbox: the organization's conversation tags. Managers and above change them. */
export function TagsPanel({ initialTags, canManage }: { initialTags: TagWithUsage[]; canManage: boolean }) {
  const t = useTranslations("conversationHandling.tags");
  const tags = useConversationTags(initialTags);
  const [editing, setEditing] = useState<string | null>(null);
  const save = useSaveTag();
  const describe = useErrorText();
  return (
    <Card title={t("title")} description={canManage ? t("description") : t("readOnly")}>
      {canManage && <TagForm key="new" submitLabel={t("add")} testId="tag-create" />}
      {save.isError && (
        <Alert tone="error" className="mb-3">
          {describe(save.error)}
        </Alert>
      )}
      {(tags.data ?? []).length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="divide-y divide-border" data-testid="tags-list">
          {(tags.data ?? []).map((tag) => (
            <li key={tag.id} className="flex flex-wrap items-center gap-3 py-2">
              {editing === tag.id ? (
                <TagForm tag={tag} submitLabel={t("save")} testId="tag-edit" onDone={() => setEditing(null)} />
              ) : (
                <>
                  <TagChip tag={tag} />
                  <span className="text-xs text-subtle-foreground">{t("usage", { count: tag.conversations })}</span>
                  {canManage && (
                    <span className="ms-auto flex gap-1">
                      <Button size="sm" variant="ghost" onClick={() => setEditing(tag.id)}>
                        {t("edit", { name: tag.name })}
                      </Button>
                      <ConfirmDialog
                        trigger={
                          <Button size="sm" variant="ghost">
                            {t("delete", { name: tag.name })}
                          </Button>
                        }
                        title={t("delete", { name: tag.name })}
                        description={t("deleteConfirm", { name: tag.name, count: tag.conversations })}
                        confirmLabel={t("delete", { name: tag.name })}
                        cancelLabel={t("cancel")}
                        onConfirm={async () => {
                          await save.mutateAsync({ id: tag.id, delete: true });
                        }}
                      />
                    </span>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function TagForm({
  tag,
  submitLabel,
  testId,
  onDone,
}: {
  tag?: ConversationTag;
  submitLabel: string;
  testId: string;
  onDone?: () => void;
}) {
  const t = useTranslations("conversationHandling.tags");
  const save = useSaveTag();
  const { form, submit, formError } = useApiForm(tagInputSchema, {
    defaultValues: { name: tag?.name ?? "", color: tag?.color ?? "blue" },
  });
  const { errors, isSubmitting } = form.formState;
  const color = form.watch("color");
  return (
    <Form
      className="mb-4 grid w-full gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
      data-testid={testId}
      onSubmit={submit(async (values) => {
        await save.mutateAsync({ id: tag?.id, ...values });
        if (tag) onDone?.();
        else form.reset({ name: "", color: values.color });
      })}
    >
      <TextField label={t("name")} maxLength={40} error={errors.name?.message} {...form.register("name")} />
      <SelectField
        label={t("color")}
        error={errors.color?.message}
        hint={<TagDot color={color} className="inline-block" />}
        {...form.register("color")}
      >
        {TAG_COLORS.map((c) => (
          <option key={c} value={c}>
            {t(`colors.${c}`)}
          </option>
        ))}
      </SelectField>
      <span className="flex gap-2">
        <SubmitButton loading={isSubmitting}>{submitLabel}</SubmitButton>
        {onDone && (
          <Button type="button" variant="ghost" onClick={onDone}>
            {t("cancel")}
          </Button>
        )}
      </span>
      {formError && (
        <Alert tone="error" className="sm:col-span-3">
          {formError}
        </Alert>
      )}
    </Form>
  );
}
