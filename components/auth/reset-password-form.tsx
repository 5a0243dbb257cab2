"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { resetConfirmSchema } from "@/lib/auth/schema";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  const [done, setDone] = useState(false);
  const { form, submit, formError } = useApiForm(resetConfirmSchema, { defaultValues: { token, newPassword: "" } });
  const { errors, isSubmitting } = form.formState;
  if (done) {
    return (
      <Alert tone="success">
        {t("auth.resetDone")}{" "}
        <Link href="/sign-in" className="font-medium underline">
          {t("auth.signInLink")}
        </Link>
      </Alert>
    );
  }
  return (
    <Form
      className="space-y-4"
      onSubmit={submit(async (values) => {
        await api("/api/auth/password-reset/confirm", { body: values });
        setDone(true);
      })}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t("auth.newPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        error={errors.newPassword?.message ?? errors.token?.message}
        {...form.register("newPassword")}
      />
      <SubmitButton className="w-full" loading={isSubmitting}>
        {t("auth.resetSubmit")}
      </SubmitButton>
    </Form>
  );
}
