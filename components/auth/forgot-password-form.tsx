"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { resetRequestSchema } from "@/lib/auth/schema";
import { EmailSent } from "./email-sent";

export function ForgotPasswordForm() {
  const t = useTranslations();
  const [sent, setSent] = useState<{ devLink?: string } | null>(null);
  const { form, submit, formError } = useApiForm(resetRequestSchema, { defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;
  if (sent) {
    return (
      <EmailSent
        message={t("auth.forgotSent")}
        devLink={sent.devLink}
        devLinkLabel={t("auth.devLink")}
        devLinkTestId="reset-link"
      />
    );
  }
  return (
    <Form
      className="space-y-4"
      onSubmit={submit(async (values) => setSent(await api("/api/auth/password-reset", { body: values })))}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t("common.email")}
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...form.register("email")}
      />
      <SubmitButton className="w-full" loading={isSubmitting}>
        {t("auth.forgotSubmit")}
      </SubmitButton>
    </Form>
  );
}
