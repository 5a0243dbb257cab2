"use client";

import { useTranslations } from "next-intl";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { TextareaField } from "@/components/ui/field";
import { Form, SubmitButton } from "@/components/ui/form";
import { useApiForm } from "@/lib/client/use-api-form";
import { EMAIL_SIGNATURE_MAX_LENGTH, emailSignatureSchema } from "@/lib/preferences/schema";
import { useUpdatePreferences } from "./hooks";

// Shaped like the PATCH body, so a field error from the server lands on the same textarea.
const signatureForm = z.object({ integrations: z.object({ emailSignature: emailSignatureSchema }) });

/**
 * The signature below the user's replies by email. Unlike the other preferences it is saved with
 * a button: a half-typed signature saved on every key stroke would go out with the next email.
 */
export function EmailSignatureField({ value }: { value: string }) {
  const t = useTranslations("preferences.integrations");
  const tp = useTranslations("preferences");
  const update = useUpdatePreferences();
  const { form, submit, formError } = useApiForm(signatureForm, {
    defaultValues: { integrations: { emailSignature: value } },
  });
  const typed = form.watch("integrations.emailSignature") ?? "";
  const error = form.formState.errors.integrations?.emailSignature?.message;

  const onSubmit = submit(async (values) => {
    const saved = await update.mutateAsync({ integrations: { emailSignature: values.integrations.emailSignature } });
    form.reset({ integrations: { emailSignature: saved.integrations.emailSignature } });
  });

  return (
    <Form onSubmit={onSubmit} className="space-y-2 sm:col-span-2" data-testid="pref-email-signature-form">
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextareaField
        label={t("emailSignature")}
        hint={t("emailSignatureHint")}
        error={error}
        rows={4}
        dir="auto"
        data-testid="pref-email-signature"
        {...form.register("integrations.emailSignature")}
      />
      <div className="flex items-center justify-between gap-2">
        <span
          className={
            typed.trim().length > EMAIL_SIGNATURE_MAX_LENGTH
              ? "text-xs font-medium text-danger-text tabular-nums"
              : "text-xs text-subtle-foreground tabular-nums"
          }
        >
          {t("emailSignatureCount", { count: typed.trim().length, max: EMAIL_SIGNATURE_MAX_LENGTH })}
        </span>
        <span className="ms-auto text-xs text-subtle-foreground" aria-live="polite">
          {update.isSuccess && !form.formState.isDirty ? tp("saved") : ""}
        </span>
        <SubmitButton
          size="sm"
          loading={form.formState.isSubmitting}
          disabled={!form.formState.isDirty}
          data-testid="pref-email-signature-save"
        >
          {t("emailSignatureSave")}
        </SubmitButton>
      </div>
    </Form>
  );
}
