"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { resetRequestSchema } from "@/lib/auth/schema";

export function ForgotPasswordForm() {
  const t = useTranslations();
  const [sent, setSent] = useState<{ devLink?: string } | null>(null);
  const { form, submit, formError } = useApiForm(resetRequestSchema, { defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;
  if (sent) {
    return (
      <div className="space-y-3">
        <Alert tone="success">{t("auth.forgotSent")}</Alert>
        {sent.devLink && (
          <Alert tone="info">
            {t("auth.devLink")}{" "}
            <a href={sent.devLink} className="break-all font-medium underline" data-testid="reset-link">
              {sent.devLink}
            </a>
          </Alert>
        )}
      </div>
    );
  }
  return (
    <Form className="space-y-4" onSubmit={submit(async (values) => setSent(await api("/api/auth/password-reset", { body: values })))}>
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t("common.email")} type="email" autoComplete="email" error={errors.email?.message} {...form.register("email")} />
      <SubmitButton className="w-full" loading={isSubmitting}>
        {t("auth.forgotSubmit")}
      </SubmitButton>
    </Form>
  );
}
