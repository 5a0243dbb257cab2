"use client";

import { useTranslations } from "next-intl";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { Alert } from "@/components/ui/alert";
import { Form, SubmitButton } from "@/components/ui/form";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { safeNext } from "@/lib/client/safe-next";
import { useApiForm } from "@/lib/client/use-api-form";
import { signInSchema } from "@/lib/auth/schema";

export function SignInForm({ next, defaultEmail }: { next?: string; defaultEmail?: string }) {
  const t = useTranslations();
  const { form, submit, formError } = useApiForm(signInSchema, {
    defaultValues: { email: defaultEmail ?? "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <Form
      className="space-y-4"
      onSubmit={submit(async (values) => {
        await api("/api/auth/sign-in", { body: values });
        // A full navigation, so every server component renders with the new session.
        hardNavigate(safeNext(next));
      })}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t("common.email")}
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField
        label={t("common.password")}
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register("password")}
      />
      <SubmitButton className="w-full" loading={isSubmitting}>
        {t("auth.signInSubmit")}
      </SubmitButton>
    </Form>
  );
}
