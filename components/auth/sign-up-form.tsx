"use client";

import { useTranslations } from "next-intl";
import { hardNavigate } from "@/lib/client/hard-navigate";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { signUpSchema } from "@/lib/auth/schema";

/** Sign-up creates a new organization, or with an invite token joins the inviting one. */
export function SignUpForm({ inviteToken, invitedEmail }: { inviteToken?: string; invitedEmail?: string }) {
  const t = useTranslations();
  const { form, submit, formError } = useApiForm(signUpSchema, {
    defaultValues: { fullName: "", email: invitedEmail ?? "", password: "", organizationName: "" },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={submit(async (values) => {
        await api("/api/auth/sign-up", {
          body: { ...values, inviteToken },
        });
        hardNavigate("/dashboard");
      })}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t("common.fullName")} autoComplete="name" error={errors.fullName?.message} {...form.register("fullName")} />
      <TextField
        label={t("common.email")}
        type="email"
        autoComplete="email"
        readOnly={Boolean(invitedEmail)}
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField
        label={t("common.password")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        error={errors.password?.message}
        {...form.register("password")}
      />
      {!inviteToken && (
        <TextField
          label={t("auth.organizationName")}
          autoComplete="organization"
          hint={t("auth.organizationHint")}
          error={errors.organizationName?.message}
          {...form.register("organizationName")}
        />
      )}
      <Button type="submit" className="w-full" loading={isSubmitting}>
        {t("auth.signUpSubmit")}
      </Button>
    </form>
  );
}
